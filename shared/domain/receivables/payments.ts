import { ConflictError, ValidationError } from '../kernel/errors';
import type { Ore } from '../kernel/money';
import { retentionDate } from '../invoices/sales-documents';
import { settleReceivable, type Receivable, type WriteOffReason } from './receivables';

/**
 * Payments on invoices. A payment is an accounting record (bokføringsloven § 13: kept five years
 * after the end of its fiscal year, then swept under the bookkeeping rule like the documents). It
 * holds no personal data: no payer's name or account number, only the invoice, the amount, the
 * day, how it came in and the reference that ties it to the bank's statement or the register's
 * receipt, so an erasure of the customer passes it by.
 */
export const PAYMENT_METHODS = ['bank', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type Payment = {
  documentNumber: number;
  /** What makes a second recording of it a no-op: the client's key, or the payment's natural key (paymentKey). */
  paymentId: string;
  amountOre: Ore;
  paymentDate: string;
  method: PaymentMethod;
  /** Cash at the counter: the cash register's receipt reference (kassasystemlova), to match its Z report. */
  posReceiptRef?: string;
  /** A bank payment from an OCR giro file: the bank's references for the transaction. */
  bank?: { transmissionNumber: string; assignmentNumber: string; archiveReference: string; transactionNumber: string };
  /** The part above what was owing, a credit in the customer's favour (an overpayment). */
  overpaidOre?: Ore;
  recordedAt: string;
  retainUntil: string;
};

export type PaymentInput = {
  amountOre: Ore;
  paymentDate: string;
  method: PaymentMethod;
  posReceiptRef?: string;
  /** A client's idempotency key: two payments alike in every other way are told apart by it. */
  clientKey?: string;
  /** True: record a payment larger than the balance, leaving a credit in the customer's favour. */
  overpayment?: boolean;
  bank?: Payment['bank'];
};

/**
 * The key a payment is recorded once under. A client's key when it sends one; otherwise what
 * the payment is: a receipt of the register is one payment; a bank payment from a file is the
 * bank's transaction (transmission, assignment, transaction); a bank payment typed in is its day and amount (a double click records once;
 * two equal payments on one day need a client key to be told apart).
 */
export function paymentKey(input: PaymentInput): string {
  if (input.clientKey !== undefined) return `key:${input.clientKey}`;
  // A transmission holds one or more assignments (oppdrag), each numbering its transactions from 1:
  // the transaction is named by all three, or a second assignment's payments would be taken for the first's.
  if (input.bank) return `ocr:${input.bank.transmissionNumber}:${input.bank.assignmentNumber}:${input.bank.transactionNumber}`;
  if (input.method === 'cash') return `cash:${input.posReceiptRef ?? ''}`;
  return `bank:${input.paymentDate}:${input.amountOre}`;
}

/** Why a posting is refused on a receivable that expects no money: credited in full, or written off. */
export function closedReceivable(r: Receivable, posting: string): ConflictError | undefined {
  if (r.status === 'credited') return new ConflictError(`Invoice ${r.documentNumber} is credited; a ${posting} cannot be recorded on it`, { receivableStatus: r.status });
  if (r.status === 'written_off') return new ConflictError(`Invoice ${r.documentNumber} is written off; a ${posting} cannot be recorded on it`, { receivableStatus: r.status });
  return undefined;
}

/**
 * A payment applied to a receivable: refused on a credited or written-off invoice (409), and
 * above what is owing unless the caller says it is an overpayment (400 at /amountOre), which then
 * leaves the balance below zero, paid, with the excess on the payment for staff to refund or set off.
 */
export function applyPayment(r: Receivable, input: PaymentInput, at: string, today: string): { receivable: Receivable; payment: Payment } {
  const closed = closedReceivable(r, 'payment');
  if (closed) throw closed;
  if (input.paymentDate > today) throw new ValidationError('The payment date is in the future', [{ pointer: '/paymentDate', detail: `A payment is recorded on or after the day it was made (today is ${today})` }]);
  const owing = Math.max(r.balanceOre, 0);
  const overpaidOre = input.amountOre - owing;
  if (overpaidOre > 0 && !input.overpayment) {
    throw new ValidationError(`The payment is larger than the balance of invoice ${r.documentNumber}`, [
      { pointer: '/amountOre', detail: `At most ${owing} øre is owing; send overpayment: true to record the excess as a credit in the customer's favour` },
    ]);
  }
  const payment: Payment = {
    documentNumber: r.documentNumber,
    paymentId: paymentKey(input),
    amountOre: input.amountOre,
    paymentDate: input.paymentDate,
    method: input.method,
    ...(input.posReceiptRef !== undefined ? { posReceiptRef: input.posReceiptRef } : {}),
    ...(input.bank ? { bank: input.bank } : {}),
    ...(overpaidOre > 0 ? { overpaidOre } : {}),
    recordedAt: at,
    retainUntil: retentionDate(input.paymentDate),
  };
  return { receivable: settleReceivable(r, { paidOre: r.paidOre + input.amountOre }, at, payment.retainUntil), payment };
}

/** Whether a payment recorded before under the same key is this one (then the second is a no-op), or another under a reused key. */
export function samePayment(stored: Payment, again: Payment): boolean {
  return stored.amountOre === again.amountOre && stored.paymentDate === again.paymentDate && stored.method === again.method && stored.posReceiptRef === again.posReceiptRef;
}

/**
 * A write-off (tap på fordringer, skatteloven § 6-2: a loss that is established): the invoice
 * expects no more money. The balance stays as it was, for the record; refused once paid or credited.
 */
export function applyWriteOff(r: Receivable, reason: WriteOffReason, at: string, today: string): Receivable {
  if (r.status === 'written_off') return r;
  if (r.status === 'paid' || r.status === 'credited') throw new ConflictError(`Invoice ${r.documentNumber} is ${r.status}; there is nothing to write off`, { receivableStatus: r.status });
  return settleReceivable(r, { writeOff: { reason, at, date: today } }, at, retentionDate(today));
}

/**
 * A bank payment staff must look at: one no invoice takes (an unknown KID, a credit note's, a
 * credited or written-off invoice), an overpayment, or a reversal from the bank (never applied:
 * staff decide which payment it takes back). No personal data: the amount, the day, the
 * KID and the bank's references.
 */
export const ATTENTION_REASONS = ['unknown_kid', 'not_an_invoice', 'invoice_closed', 'overpaid', 'reversal'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export type PaymentNeedingAttention = {
  reason: AttentionReason;
  paymentId: string;
  amountOre: Ore;
  paymentDate: string;
  method: PaymentMethod;
  documentNumber?: number;
  kid?: string;
  overpaidOre?: Ore;
  bank?: Payment['bank'];
  recordedAt: string;
  retainUntil: string;
};

/** An overpayment as staff see it in the list: the payment, recorded, with the excess to refund or set off. */
export function overpaymentNotice(payment: Payment): PaymentNeedingAttention | undefined {
  if (!payment.overpaidOre) return undefined;
  return {
    reason: 'overpaid',
    paymentId: payment.paymentId,
    amountOre: payment.amountOre,
    paymentDate: payment.paymentDate,
    method: payment.method,
    documentNumber: payment.documentNumber,
    overpaidOre: payment.overpaidOre,
    ...(payment.bank ? { bank: payment.bank } : {}),
    recordedAt: payment.recordedAt,
    retainUntil: payment.retainUntil,
  };
}
