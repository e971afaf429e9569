import type { Message } from '../domain/kernel/outbox-message';
import type { PaymentReminder } from '../domain/receivables/payment-reminders';
import type { Receivable } from '../domain/receivables/receivables';
import type { Page, PageRequest } from './repositories';

export type { PaymentReminder };

/** What the payment reminders need from storage (the receivable itself is read through ReceivableRepository). */
export interface PaymentReminderRepository {
  /**
   * Stores a reminder, the receivable after it (its fee, its tally) at the version it was decided
   * from, and for an e-mailed one its outbox message, in one transaction. A reminder of that
   * number and sequence already stored (the job run twice, a double click) is `duplicate` and
   * writes nothing; a receivable changed since it was read (a payment meanwhile) is a ConflictError.
   */
  record(before: Receivable, after: Receivable, reminder: PaymentReminder, message: Message | undefined): Promise<{ duplicate: boolean }>;
  get(documentNumber: number, sequence: number): Promise<PaymentReminder | undefined>;
  /** An invoice's reminders, first first. */
  listForInvoice(documentNumber: number): Promise<PaymentReminder[]>;
  /** Reminders to be printed and posted, oldest first, until staff mark them printed. */
  listToPrint(page: PageRequest): Promise<Page<PaymentReminder>>;
  /**
   * Marks a printed reminder as posted (it leaves the print list) with its deadline from the
   * posting day (`posting.payBy`), and, when given, the receivable's tally with that deadline,
   * written at the version it was decided from, in one transaction. Undefined when there is no
   * such reminder to print; a ConflictError when the receivable changed since it was read.
   */
  markPrinted(documentNumber: number, sequence: number, at: string, posting: { payBy: string; receivable?: { before: Receivable; after: Receivable } }): Promise<PaymentReminder | undefined>;
}
