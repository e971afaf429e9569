import type { OcrImport } from '../domain/receivables/ocr-import-report';
import type { Payment, PaymentNeedingAttention } from '../domain/receivables/payments';
import type { Receivable } from '../domain/receivables/receivables';
import type { Page, PageRequest } from './repositories';

export type { OcrImport, Payment, PaymentNeedingAttention, Receivable };

/** What a payment's recording decides from the receivable as stored: the receivable after it, the payment, and whether staff must look at it. */
export type PaymentPosting = { receivable: Receivable; payment: Payment; attention?: PaymentNeedingAttention };

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

  /**
   * Records a payment once under its key: reads the receivable and any payment under the key
   * together; a payment already there is answered as it is (duplicate, `decide` not called),
   * otherwise `decide` (which throws to refuse, before anything is written) gives the receivable
   * after it, written at the version read with the payment (and the attention item) in one
   * transaction. A receivable changed meanwhile is read again and decided again.
   * NotFoundError when the invoice has no receivable.
   */
  recordPayment(documentNumber: number, paymentId: string, decide: (receivable: Receivable) => PaymentPosting): Promise<{ receivable: Receivable; payment: Payment; duplicate: boolean }>;
  /** An invoice's payments, in the order of their keys. */
  listPayments(documentNumber: number): Promise<Payment[]>;
  /** Rewrites a receivable as `change` decides from it as stored, at the version read (a write-off). NotFoundError when there is none. */
  change(documentNumber: number, change: (receivable: Receivable) => Receivable): Promise<Receivable>;
  /** Stores a bank payment staff must look at, once (by its key). */
  noteForAttention(item: PaymentNeedingAttention): Promise<void>;
  /** Payments staff must look at (unmatched, overpaid), by payment date. */
  listNeedingAttention(page: PageRequest): Promise<Page<PaymentNeedingAttention>>;

  /**
   * Claims an OCR giro transmission number (a conditional put): `fresh` when this call stored the
   * claim, otherwise the claim as stored (strongly consistent), completed or not.
   */
  claimImport(claim: OcrImport): Promise<{ claim: OcrImport; fresh: boolean }>;
  /** Stores the claim with its report and completion (the last write of an import). */
  completeImport(claim: OcrImport): Promise<OcrImport>;
  /** The imports, newest first (by when they started). */
  listImports(page: PageRequest): Promise<Page<OcrImport>>;
}
