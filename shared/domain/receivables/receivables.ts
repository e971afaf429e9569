import { ConflictError } from '../kernel/errors';
import { isValidMod10 } from '../kernel/check-digits';
import type { Ore } from '../kernel/money';
import type { SalesDocument } from '../invoices/sales-documents';

/**
 * Receivables (kundefordringer): what each invoice still has owing, kept beside the invoice
 * because the invoice itself is never changed once issued (bokføringsforskriften § 5-1-1). One
 * receivable per invoice, written in the transaction that issues it, and changed only by the
 * postings that move its balance: a credit note (in the credit note's transaction), a payment, a
 * write-off. It is the customer specification (kundespesifikasjon) bokføringsforskriften § 3-1
 * asks for: per customer, every posting (invoice, credit note, payment) with its document's
 * reference, so the reskontro and the reminders are built on it.
 *
 * The balance is in øre: the invoice's gross amount, less what credit notes reversed, less what was
 * paid. It goes negative when a customer paid more than was owed (or paid, then had the invoice
 * credited): a credit in the customer's favour, shown to staff, never silently kept.
 */
export const RECEIVABLE_STATUSES = ['open', 'partly_paid', 'paid', 'credited', 'written_off'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

/** The statuses with money still expected: the "all open receivables" index holds these only. */
export const OPEN_RECEIVABLE_STATUSES = ['open', 'partly_paid'] as const satisfies readonly ReceivableStatus[];

/**
 * Why an invoice was written off (a closed list: no free text, which could name the customer and
 * would have to be kept five years). The write-off is a posting of its own (a loss on receivables,
 * skatteloven § 6-2 on "konstatert tap"); the receivable keeps its balance for the record.
 */
export const WRITE_OFF_REASONS = ['uncollectable', 'small_amount', 'deceased', 'bankrupt', 'debt_settlement', 'time_barred', 'disputed'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

export type ReminderTally = {
  count: number;
  feesCharged: number;
  lastSentOn: string;
  lastPayBy: string;
  /**
   * The sequence of a printed reminder queued for the post and not yet marked posted. Its deadline
   * runs from the day it is posted (inkassoloven § 9), so until then no next reminder and no second
   * fee (inkassoforskriften § 1-3) may follow it, whatever day the queued deadline says.
   */
  awaitingPost?: number;
};

export type Receivable = {
  /** The invoice's number: one receivable per invoice. */
  documentNumber: number;
  customerId: string;
  /** The invoice's KID: bank payments are matched by it. */
  kid: string;
  issueDate: string;
  dueDate: string;
  /** The invoice's gross amount, VAT included. */
  amountOre: Ore;
  /** What credit notes have reversed (positive øre), and which ones. */
  creditedOre: Ore;
  creditNotes: number[];
  /** What payments have brought in (positive øre; an overpayment included). */
  paidOre: Ore;
  /**
   * Reminder fees charged (purregebyr, inkassoforskriften § 1-2), a separate amount on top of the
   * invoice: compensation, not a supply, so outside VAT (no VAT line; the invoice's VAT is unchanged).
   */
  feesOre?: Ore;
  /** The payment reminders sent (payment-reminders.ts): how many, how many carried a fee, the last one's dates. */
  reminders?: ReminderTally;
  /** amountOre + feesOre − creditedOre − paidOre: below zero when the customer is owed money. */
  balanceOre: Ore;
  status: ReceivableStatus;
  writeOff?: { reason: WriteOffReason; at: string; date: string };
  /** Bumped by every change: each write is conditioned on the version it was decided from. */
  version: number;
  updatedAt: string;
  /**
   * Bokføringsloven § 13: five years after the end of the fiscal year of its last posting (an
   * invoice paid in January of the year after keeps its receivable a year longer).
   */
  retainUntil: string;
};

/**
 * The status the postings give: a write-off stays (it is a posting of its own); an invoice
 * reversed in full by credit notes is credited, whatever was paid (what was paid is then owed
 * back); otherwise the balance says it: nothing left owing is paid, some paid is partly paid.
 */
export function statusOf(r: Pick<Receivable, 'amountOre' | 'creditedOre' | 'paidOre' | 'balanceOre' | 'writeOff'>): ReceivableStatus {
  if (r.writeOff) return 'written_off';
  if (r.creditedOre >= r.amountOre) return 'credited';
  if (r.balanceOre <= 0) return 'paid';
  return r.paidOre > 0 ? 'partly_paid' : 'open';
}

export const isOpenReceivable = (r: Pick<Receivable, 'status'>) => (OPEN_RECEIVABLE_STATUSES as readonly string[]).includes(r.status);

/** The later of two retention dates. */
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The receivable an invoice opens: its whole gross amount owing by its due date. Every path that
 * issues an invoice (a pickup on credit, a collective invoice) stores this with the invoice.
 */
export function receivableFor(invoice: SalesDocument): Receivable {
  if (invoice.kind !== 'invoice' || invoice.kid === undefined || invoice.dueDate === undefined) {
    throw new Error(`Document ${invoice.documentNumber} is not an invoice with a KID and a due date`);
  }
  const base = { amountOre: invoice.totals.grossOre, creditedOre: 0, paidOre: 0, balanceOre: invoice.totals.grossOre };
  return {
    documentNumber: invoice.documentNumber,
    customerId: invoice.customerId,
    kid: invoice.kid,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    ...base,
    creditNotes: [],
    status: statusOf(base),
    version: 1,
    updatedAt: invoice.issuedAt,
    retainUntil: invoice.retainUntil,
  };
}

/**
 * A credit note reduces the balance by its gross amount (a credit note's amounts are negative),
 * whether it reverses the invoice in full or in part; reversed in full, the receivable is credited.
 */
export function applyCreditNote(r: Receivable, creditNote: SalesDocument): Receivable {
  if (creditNote.kind !== 'credit_note' || creditNote.creditsDocument !== r.documentNumber) {
    throw new Error(`Document ${creditNote.documentNumber} does not credit invoice ${r.documentNumber}`);
  }
  if (r.creditNotes.includes(creditNote.documentNumber)) return r;
  // A write-off already booked what was left as a loss: a credit note now would reverse the revenue
  // and its VAT as well, counting the loss twice.
  if (r.writeOff) throw new ConflictError(`Invoice ${r.documentNumber} is written off: it cannot be credited`, { receivableStatus: r.status });
  const creditedOre = r.creditedOre + Math.abs(creditNote.totals.grossOre);
  return settleReceivable(r, { creditedOre, creditNotes: [...r.creditNotes, creditNote.documentNumber] }, creditNote.issuedAt, creditNote.retainUntil);
}

/** The one place the balance and status are recomputed, for every posting (credit note, payment, write-off). */
export function settleReceivable(r: Receivable, change: Partial<Pick<Receivable, 'creditedOre' | 'creditNotes' | 'paidOre' | 'writeOff' | 'feesOre' | 'reminders'>>, at: string, retainUntil: string): Receivable {
  const next = { ...r, ...change };
  // An invoice reversed in full by credit notes was never owed, so neither are the fees of reminding
  // of it: what was paid is then owed back (a negative balance), fees or not.
  const fees = next.creditedOre >= next.amountOre ? 0 : (next.feesOre ?? 0);
  next.balanceOre = next.amountOre + fees - next.creditedOre - next.paidOre;
  next.status = statusOf(next);
  return { ...next, version: r.version + 1, updatedAt: at, retainUntil: later(r.retainUntil, retainUntil) };
}

/** The document number a KID stands for (kidFor: eight digits and a MOD10 check digit), or undefined when it is not one of ours. */
export function documentNumberOfKid(kid: string): number | undefined {
  const trimmed = kid.trim();
  if (!/^\d{9}$/.test(trimmed) || !isValidMod10(trimmed)) return undefined;
  return Number(trimmed.slice(0, -1));
}
