import { ConflictError } from '#shared/domain/kernel/errors';
import type { Message } from '#shared/domain/kernel/outbox-message';
import type { PaymentReminder } from '#shared/domain/receivables/payment-reminders';
import type { Receivable } from '#shared/domain/receivables/receivables';
import type { PaymentReminderRepository } from '#shared/ports/payment-reminders';
import type { Page, PageRequest } from '#shared/ports/repositories';
import { pageOf } from './paging';
import { copy, messageId, paymentReminderId, type InMemoryStore } from './store';

const padNumber = (n: number) => String(n).padStart(10, '0');

/** PaymentReminderRepository in memory: the adapter's transaction's conditions, all checked before the first write. */
export class InMemoryPaymentReminderRepository implements PaymentReminderRepository {
  constructor(private readonly store: InMemoryStore) {}

  async record(before: Receivable, after: Receivable, reminder: PaymentReminder, message: Message | undefined): Promise<{ duplicate: boolean }> {
    const id = paymentReminderId(reminder.documentNumber, reminder.sequence);
    if (this.store.paymentReminders.has(id)) return { duplicate: true };
    if (this.store.receivables.get(before.documentNumber)?.version !== before.version) {
      throw new ConflictError(`Invoice ${before.documentNumber} changed while its reminder was being written; try again`);
    }
    if (message && this.store.messages.has(messageId(message.customerId, message.messageKey))) return { duplicate: true };
    this.store.paymentReminders.set(id, copy(reminder));
    this.store.receivables.set(after.documentNumber, copy(after));
    if (message) this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    return { duplicate: false };
  }

  async get(documentNumber: number, sequence: number): Promise<PaymentReminder | undefined> {
    return copy(this.store.paymentReminders.get(paymentReminderId(documentNumber, sequence)));
  }

  async listForInvoice(documentNumber: number): Promise<PaymentReminder[]> {
    return copy([...this.store.paymentReminders.values()].filter((r) => r.documentNumber === documentNumber).sort((a, b) => a.sequence - b.sequence));
  }

  async listToPrint(page: PageRequest): Promise<Page<PaymentReminder>> {
    // The adapter's sparse gsi3 partition REMINDERS#print, by "<sentAt>#<number>#<sequence>".
    const sorted = [...this.store.paymentReminders.values()]
      .filter((r) => r.delivery === 'print' && r.printedAt === undefined)
      .map((r) => [`${r.sentAt}#${padNumber(r.documentNumber)}#${String(r.sequence).padStart(3, '0')}`, r] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf('REMINDERS#print', sorted, page));
  }

  async markPrinted(documentNumber: number, sequence: number, at: string, posting: { payBy: string; receivable?: { before: Receivable; after: Receivable } }): Promise<PaymentReminder | undefined> {
    const id = paymentReminderId(documentNumber, sequence);
    const reminder = this.store.paymentReminders.get(id);
    if (!reminder || reminder.delivery !== 'print' || reminder.printedAt !== undefined) return undefined;
    // As the adapter's transaction: the receivable only at the version read.
    if (posting.receivable && this.store.receivables.get(documentNumber)?.version !== posting.receivable.before.version) {
      throw new ConflictError(`Invoice ${documentNumber} changed while its reminder was being marked posted; try again`);
    }
    const printed = { ...reminder, printedAt: at, payBy: posting.payBy };
    this.store.paymentReminders.set(id, copy(printed));
    if (posting.receivable) this.store.receivables.set(documentNumber, copy(posting.receivable.after));
    return copy(printed);
  }
}
