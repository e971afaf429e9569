import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Message, MessageState } from '../../domain/kernel/outbox-message';
import type { MessageRepository, PageRequest } from '../../ports/repositories';
import { conditionHeld } from './conditional-write';
import { queueIndexPage } from './index-page';
import { messageFromItem, messageItem } from './items';
import { keys, messageKeyForStorage, orderMessagesPrefix } from './keys';
import { transactWrite } from './transactions';


/**
 * The outbox's delivery records. Every change of state is conditional on the state (and attempt)
 * the caller holds, so a replayed or duplicated stream record can never move a message twice:
 * pending → sending is the claim that allows exactly one sender to call the SMS provider.
 */
export class DynamoMessageRepository implements MessageRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(message: Message) {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: messageItem(message),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
    return failed?.item ? { message: messageFromItem(failed.item), duplicate: true } : { message, duplicate: false };
  }

  async get(customerId: string, messageKey: string): Promise<Message | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(customerId, messageKey), ConsistentRead: true }),
    );
    return Item ? messageFromItem(Item) : undefined;
  }

  async claim(customerId: string, messageKey: string, at: string): Promise<Message | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(customerId, messageKey),
          UpdateExpression: 'SET #state = :sending, updatedAt = :at, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD attempts :one',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':at': at, ':one': 1, ...this.stateIndex('sending', at, messageKey) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return messageFromItem(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async release(message: Message, at: string) {
    await this.settle(message, 'SET #state = :next, updatedAt = :at, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk', {
      ':next': 'pending',
      ':at': at,
      ...this.stateIndex('pending', at, message.messageKey),
    });
  }

  async markSent(message: Message, providerMessageId: string, at: string) {
    // A one-time code is a secret: it leaves the record once it has been sent.
    await this.settle(message, 'SET #state = :next, updatedAt = :at, sentAt = :at, providerMessageId = :id REMOVE gsi1pk, gsi1sk, params.code, recipient', {
      ':next': 'sent',
      ':at': at,
      ':id': providerMessageId,
    });
  }

  async markFailed(message: Message, reason: string, at: string) {
    await this.settle(message, 'SET #state = :next, updatedAt = :at, failureReason = :reason, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk REMOVE params.code, recipient', {
      ':next': 'failed',
      ':at': at,
      ':reason': reason,
      ...this.stateIndex('failed', at, message.messageKey),
    });
  }

  async markUndeliverable(customerId: string, messageKey: string, reason: string, at: string): Promise<boolean> {
    // False when the message is gone (TTL) or already marked.
    return conditionHeld(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(customerId, messageKey),
          UpdateExpression: 'SET #state = :failed, updatedAt = :at, failureReason = :reason, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ConditionExpression: '#state = :sent',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': 'failed', ':sent': 'sent', ':at': at, ':reason': reason, ...this.stateIndex('failed', at, messageKey) },
        }),
      ),
    );
  }

  async listForOrder(customerId: string, orderId: string): Promise<Message[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.customer(customerId).pk, ':prefix': orderMessagesPrefix(orderId) },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map(messageFromItem);
  }

  async listByState(state: Exclude<MessageState, 'sent'>, page: PageRequest) {
    return queueIndexPage(this.doc, this.tableName, keys.messagesByState(state, '', '').gsi1pk, page, messageFromItem);
  }

  /** Only the sender that claimed this attempt may settle it. */
  private async settle(message: Message, updateExpression: string, values: Record<string, unknown>) {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(message.customerId, message.messageKey),
        UpdateExpression: updateExpression,
        ConditionExpression: '#state = :sending AND attempts = :attempt',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ...values, ':sending': 'sending', ':attempt': message.attempts },
      }),
    );
  }

  private key(customerId: string, messageKey: string) {
    return keys.message(customerId, messageKeyForStorage(messageKey));
  }

  private stateIndex(state: MessageState, at: string, messageKey: string) {
    const index = keys.messagesByState(state, at, messageKey);
    return { ':gsi1pk': index.gsi1pk, ':gsi1sk': index.gsi1sk };
  }
}
