import type { Receivable } from '../domain/receivables/receivables';
import type { Page, PageRequest } from './repositories';

export type { Receivable };

/**
 * What the receivables capability needs from storage. A receivable is opened by the invoice's
 * own issue (SalesDocumentRepository.issueInvoice, and any other issue path, with the same item)
 * and reduced by a credit note in the credit note's transaction; this port reads them and writes
 * the postings of their own (payments, write-offs).
 */
export interface ReceivableRepository {
  /** The receivable of an invoice (strongly consistent); undefined for a credit note or no document. */
  get(documentNumber: number): Promise<Receivable | undefined>;
  /** The receivables of invoices by number (one BatchGet per 100), in the order asked; those that have none are left out. */
  getMany(documentNumbers: readonly number[]): Promise<Receivable[]>;
  /** A customer's receivables, by issue date, oldest first. */
  listByCustomer(customerId: string, page: PageRequest): Promise<Page<Receivable>>;
  /**
   * Open and partly paid receivables, the oldest due date first (then by number); with
   * `dueBefore`, only those due before that date (the overdue on a day).
   */
  listOpen(page: PageRequest, options?: { dueBefore?: string }): Promise<Page<Receivable>>;
}
