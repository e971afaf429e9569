import type { Message, MessageState } from '#shared/domain/kernel/outbox-message';
import type { MessageRepository, Page, PageRequest } from '#shared/ports/repositories';
import { messageStorageKey, padTicket, pageOf } from './paging';
import { copy, messageId, type InMemoryStore } from './store';

/**
 * The adapter's settle is an update conditional on the claim, and lets DynamoDB's refusal through;
 * this is that refusal, by the same name.
 */
export class ConditionFailed extends Error {
  override name = 'ConditionalCheckFailedException';
  constructor() {
    super('The conditional request failed');
  }
}

/** MessageRepository in memory: every change of state conditional on the state (and attempt) held. */
export class InMemoryMessageRepository implements MessageRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(message: Message): Promise<{ message: Message; duplicate: boolean }> {
    const existing = this.store.messages.get(messageId(message.customerId, message.messageKey));
    if (existing) return { message: copy(existing), duplicate: true };
    this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    return { message, duplicate: false };
  }

  async get(customerId: string, messageKey: string): Promise<Message | undefined> {
    return copy(this.store.messages.get(messageId(customerId, messageKey)));
  }

  async claim(customerId: string, messageKey: string, at: string): Promise<Message | undefined> {
    const current = this.store.messages.get(messageId(customerId, messageKey));
    if (current?.state !== 'pending') return undefined;
    return copy(this.put({ ...current, state: 'sending', updatedAt: at, attempts: current.attempts + 1 }));
  }

  async release(message: Message, at: string): Promise<void> {
    this.put({ ...this.held(message), state: 'pending', updatedAt: at });
  }

  async markSent(message: Message, providerMessageId: string, at: string): Promise<void> {
    // A one-time code is a secret: it leaves the record once it has been sent.
    this.put(withoutSecrets({ ...this.held(message), state: 'sent', updatedAt: at, sentAt: at, providerMessageId }));
  }

  async markFailed(message: Message, reason: string, at: string): Promise<void> {
    this.put(withoutSecrets({ ...this.held(message), state: 'failed', updatedAt: at, failureReason: reason }));
  }

  async markUndeliverable(customerId: string, messageKey: string, reason: string, at: string): Promise<boolean> {
    const current = this.store.messages.get(messageId(customerId, messageKey));
    if (current?.state !== 'sent') return false;
    this.put({ ...current, state: 'failed', updatedAt: at, failureReason: reason });
    return true;
  }

  async listForOrder(customerId: string, orderId: string): Promise<Message[]> {
    // The adapter's range: the customer's messages whose key starts with the order's padded ticket, in key order.
    const prefix = `${padTicket(orderId)}#`;
    return copy(
      [...this.store.messages.values()]
        .filter((m) => m.customerId === customerId)
        .map((m) => [messageStorageKey(m.messageKey), m] as const)
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, m]) => m),
    );
  }

  async listByState(state: Exclude<MessageState, 'sent'>, page: PageRequest): Promise<Page<Message>> {
    const queue = [...this.store.messages.values()]
      .filter((m) => m.state === state)
      .map((m) => [`${m.updatedAt}#${m.messageKey}`, m] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return copy(pageOf(`MESSAGES#${state}`, queue, page));
  }

  /** Only the sender that claimed this attempt may settle it. */
  private held(message: Message): Message {
    const current = this.store.messages.get(messageId(message.customerId, message.messageKey));
    if (current?.state !== 'sending' || current.attempts !== message.attempts) throw new ConditionFailed();
    return current;
  }

  private put(message: Message): Message {
    this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    return message;
  }
}

function withoutSecrets({ recipient: _recipient, ...message }: Message): Message {
  const { code: _code, ...params } = message.params;
  return { ...message, params };
}
