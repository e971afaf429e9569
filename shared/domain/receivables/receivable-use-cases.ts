import type { ReceivableRepository } from '../../ports/receivables';
import type { Page, PageRequest } from '../../ports/repositories';
import { shopDate } from '../kernel/calendar';
import type { CounterDeps } from '../kernel/deps';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors';
import { applyPayment, applyWriteOff, overpaymentNotice, paymentKey, samePayment, type Payment, type PaymentInput, type PaymentNeedingAttention } from './payments';
import { getSalesDocument } from '../invoices/invoice-use-cases';
import type { SalesDocument } from '../invoices/sales-documents';
import type { Receivable, WriteOffReason } from './receivables';
import { receivableLateInterest, type LateInterest } from './payment-reminders';

/** The counter's ports and the receivables'. */
export type ReceivableDeps = CounterDeps & { receivables: ReceivableRepository };

/**
 * A sales document as staff look it up: an invoice with its balance and status. The two reads go
 * out together (one round trip's wait); an invoice issued before receivables were kept has none.
 */
export async function getDocumentWithBalance(deps: ReceivableDeps, documentNumber: number): Promise<SalesDocument & { receivable?: Receivable & { lateInterest?: LateInterest } }> {
  const [document, receivable] = await Promise.all([getSalesDocument(deps, documentNumber), deps.receivables.get(documentNumber)]);
  if (!receivable) return document;
  // Interest accrued so far, beside the balance and not in it (receivableLateInterest says why).
  const lateInterest = receivableLateInterest(receivable, shopDate(deps.clock(), deps.shop.timeZone), deps.shop.paymentReminders);
  return { ...document, receivable: { ...receivable, ...(lateInterest ? { lateInterest } : {}) } };
}

/**
 * Records a payment on an invoice (staff at the counter or from the bank statement):
 *  1. the payment's key: the client's, or the payment's natural key (payments.ts paymentKey);
 *  2. the receivable and any payment under that key, read together; one recorded already is the
 *     answer again (a double click records once), unless the key was used for another payment (409);
 *  3. the payment applied (refused on a credited or written-off invoice, or above the balance
 *     without `overpayment`), written with the receivable at the version read, and an overpayment
 *     listed for staff, in one transaction.
 * A number with no receivable: 404 when there is no such document, 409 for a credit note.
 */
export async function recordPayment(deps: ReceivableDeps, documentNumber: number, input: PaymentInput): Promise<{ receivable: Receivable; payment: Payment; duplicate: boolean }> {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  const key = paymentKey(input);
  // Cash at the counter is matched to the register's Z report by its receipt; a bank payment has none.
  if (input.method === 'cash' && input.posReceiptRef === undefined) throw new ValidationError('A cash payment names the register\'s receipt', [{ pointer: '/posReceiptRef', detail: 'The cash register\'s receipt reference for this payment' }]);
  if (input.method === 'bank' && input.posReceiptRef !== undefined) throw new ValidationError('A bank payment has no register receipt', [{ pointer: '/posReceiptRef', detail: 'Only a cash payment at the counter carries a receipt reference' }]);
  try {
    const recorded = await deps.receivables.recordPayment(documentNumber, key, (receivable) => {
      const posting = applyPayment(receivable, input, now.toISOString(), today);
      const attention = overpaymentNotice(posting.payment);
      return attention ? { ...posting, attention } : posting;
    });
    if (recorded.duplicate && !samePayment(recorded.payment, applyPaymentShape(documentNumber, input))) {
      throw new ConflictError(`The key of this payment was used for another payment on invoice ${documentNumber}`);
    }
    return recorded;
  } catch (error) {
    if (error instanceof NotFoundError) throw await notAReceivable(deps, documentNumber);
    throw error;
  }
}

/** What is compared with a payment recorded before under the same key. */
function applyPaymentShape(documentNumber: number, input: PaymentInput): Payment {
  return { documentNumber, paymentId: paymentKey(input), amountOre: input.amountOre, paymentDate: input.paymentDate, method: input.method, ...(input.posReceiptRef !== undefined ? { posReceiptRef: input.posReceiptRef } : {}), recordedAt: '', retainUntil: '' };
}

/** Writes an invoice off with a reason from the closed list: written_off, its balance kept; 409 once paid or credited. */
export async function writeOffInvoice(deps: ReceivableDeps, documentNumber: number, reason: WriteOffReason): Promise<Receivable> {
  const now = deps.clock();
  try {
    return await deps.receivables.change(documentNumber, (receivable) => applyWriteOff(receivable, reason, now.toISOString(), shopDate(now, deps.shop.timeZone)));
  } catch (error) {
    if (error instanceof NotFoundError) throw await notAReceivable(deps, documentNumber);
    throw error;
  }
}

/** Why a number has no receivable: no such document (404), or a credit note (409). */
async function notAReceivable(deps: ReceivableDeps, documentNumber: number): Promise<Error> {
  const document = await deps.documents.get(documentNumber);
  if (!document) return new NotFoundError(`Document ${documentNumber} does not exist`);
  return new ConflictError(`Document ${documentNumber} is a ${document.kind === 'credit_note' ? 'credit note' : 'document without a receivable'}; payments and write-offs are recorded on invoices`);
}

/** Payments staff must look at: unmatched bank payments and overpayments, by payment date. */
export function listPaymentsNeedingAttention(deps: ReceivableDeps, page: PageRequest): Promise<Page<PaymentNeedingAttention>> {
  return deps.receivables.listNeedingAttention(page);
}
