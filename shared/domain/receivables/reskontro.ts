import type { Ore } from '../kernel/money';
import { csvField, kroner } from '../invoices/sales-journal';
import type { Receivable } from './receivables';
import { accruedLateInterest, type PaymentReminderSettings } from './payment-reminders';

/**
 * The accounts-receivable list (kundereskontro): every invoice with money still owing, and every
 * credit in a customer's favour, per customer, aged by how long past its due date it is. It is
 * the open part of the customer specification bokføringsforskriften § 3-1 (1) nr. 4 asks for
 * ("kundespesifikasjon": what each customer owes, posting by posting), and the list the
 * accountant checks against the ledger's account 1500 (kundefordringer) at a period's end: the
 * sum of its outstanding column is that account's balance, so for any period
 *   invoices issued − credit notes − payments − write-offs = the change of the outstanding total
 * (the reconciliation with the sales journal, test/integration/reskontro.test.ts).
 */

/**
 * The columns of the aging: not yet due, then by days past the due date, and credits owed to the
 * customer in a column of their own (an overpayment is not "overdue"; netted into an aging
 * column it would hide what is late).
 */
export const AGING_BUCKETS = ['not_due', 'days_0_30', 'days_31_60', 'days_61_90', 'days_over_90', 'credit'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export type ReskontroItem = {
  customerId: string;
  documentNumber: number;
  issueDate: string;
  dueDate: string;
  /** The invoice's gross amount. */
  amountOre: Ore;
  paidOre: Ore;
  creditedOre: Ore;
  /**
   * Reminder fees charged by the day (receivables.ts feesOre): owed from the day each was charged,
   * none once the invoice is credited in full (settleReceivable).
   */
  feesOre: Ore;
  /** amountOre + feesOre − creditedOre − paidOre on the day: below zero for a credit in the customer's favour. */
  outstandingOre: Ore;
  /** Days past the due date on the day (0 on the due date itself and before it). */
  daysOverdue: number;
  bucket: AgingBucket;
  /**
   * Late-payment interest accrued by the day, when the shop charges it (accruedLateInterest):
   * shown beside the line, never in outstandingOre or the totals, which are the ledger's account
   * 1500; the interest is owed from the due date but booked only when claimed.
   */
  lateInterestOre?: Ore;
};

export type AgingTotals = Record<AgingBucket, Ore> & { outstandingOre: Ore };

export type ReskontroCustomer = {
  customerId: string;
  /** The name on the profile; empty when there is none (erased, the claim kept under a pseudonym). */
  name: string;
  items: ReskontroItem[];
  totals: AgingTotals;
};

export type Reskontro = { asOf: string; customers: ReskontroCustomer[]; totals: AgingTotals };

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Days past due on a day. The due date is the last day to pay in time (a payment reminder under
 * inkassoloven § 9 may go only once it has passed), so an invoice is overdue from the day after:
 * 0 on the due date and before.
 */
export function daysOverdue(dueDate: string, asOf: string): number {
  return Math.max(daysBetween(dueDate, asOf), 0);
}

/**
 * The aging column of an amount on a day: a credit balance in its own; otherwise not due until the
 * day after the due date, then 0–30 days overdue (1 to 30), 31–60, 61–90 and over 90.
 */
export function agingBucket(dueDate: string, asOf: string, outstandingOre: Ore): AgingBucket {
  if (outstandingOre < 0) return 'credit';
  const days = daysBetween(dueDate, asOf);
  if (days <= 0) return 'not_due';
  if (days <= 30) return 'days_0_30';
  if (days <= 60) return 'days_31_60';
  if (days <= 90) return 'days_61_90';
  return 'days_over_90';
}

/** What moved a receivable, with the day it counts from: the parts of it after a day are taken back for the list as of that day. */
export type PostingsAfter = {
  /** Credit notes issued after the day: their gross amounts (positive øre). */
  creditedOre: Ore;
  /** Payments dated after the day (the bank's or the counter's payment date, not when it was recorded). */
  paidOre: Ore;
  /** Reminder fees charged after the day (by the reminders' send days). */
  feesOre: Ore;
};

/** The part of a receivable's state a line of the list shows. */
export type ReskontroState = Pick<ReskontroItem, 'paidOre' | 'creditedOre' | 'feesOre' | 'outstandingOre'>;

/** The fees on the balance: none once credit notes reversed the whole invoice (as settleReceivable has it). */
const feesOwed = (amountOre: Ore, creditedOre: Ore, feesOre: Ore) => (creditedOre >= amountOre ? 0 : feesOre);

/** The receivable as it stands now, as a line's state. */
export function receivableNow(r: Receivable): ReskontroState {
  return { paidOre: r.paidOre, creditedOre: r.creditedOre, feesOre: feesOwed(r.amountOre, r.creditedOre, r.feesOre ?? 0), outstandingOre: r.balanceOre };
}

/**
 * The receivable as it stood at the end of a day, from the receivable as stored now and the
 * postings dated after the day; undefined when it was not issued yet, or was written off by then.
 */
export function receivableAsOf(r: Receivable, asOf: string, after: PostingsAfter): ReskontroState | undefined {
  if (r.issueDate > asOf) return undefined;
  if (r.writeOff && r.writeOff.date <= asOf) return undefined;
  const creditedOre = r.creditedOre - after.creditedOre;
  const paidOre = r.paidOre - after.paidOre;
  // A reminder's fee is part of what is owed from the day it was charged (inkassoforskriften § 1-2).
  const feesOre = feesOwed(r.amountOre, creditedOre, (r.feesOre ?? 0) - after.feesOre);
  return { creditedOre, paidOre, feesOre, outstandingOre: r.amountOre + feesOre - creditedOre - paidOre };
}

/** A receivable as a line of the list on a day, with the interest accrued by then when the shop charges it; undefined when nothing is owing either way. */
export function reskontroItem(r: Receivable, asOf: string, state: ReskontroState, settings: Pick<PaymentReminderSettings, 'lateInterest'> = {}): ReskontroItem | undefined {
  if (state.outstandingOre === 0) return undefined;
  // No interest on a claim written off by the day (nothing is expected on it); one written off
  // later was still owed then, and showed its interest as any other.
  const writtenOffBy = r.writeOff !== undefined && r.writeOff.date <= asOf;
  const interest = writtenOffBy ? undefined : accruedLateInterest(state.outstandingOre - state.feesOre, r.dueDate, asOf, settings);
  return {
    customerId: r.customerId,
    documentNumber: r.documentNumber,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    amountOre: r.amountOre,
    paidOre: state.paidOre,
    creditedOre: state.creditedOre,
    feesOre: state.feesOre,
    outstandingOre: state.outstandingOre,
    daysOverdue: state.outstandingOre < 0 ? 0 : daysOverdue(r.dueDate, asOf),
    bucket: agingBucket(r.dueDate, asOf, state.outstandingOre),
    ...(interest && interest.interestOre > 0 ? { lateInterestOre: interest.interestOre } : {}),
  };
}

const noTotals = (): AgingTotals => ({ not_due: 0, days_0_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 0, credit: 0, outstandingOre: 0 });

function totalsOf(items: readonly ReskontroItem[]): AgingTotals {
  const totals = noTotals();
  for (const item of items) {
    totals[item.bucket] += item.outstandingOre;
    totals.outstandingOre += item.outstandingOre;
  }
  return totals;
}

/**
 * The list from its lines: per customer, by name (then id), each customer's invoices by due date
 * then number, with the totals per customer and in all; every total is the sum of its lines.
 */
export function groupReskontro(asOf: string, items: readonly ReskontroItem[], names: ReadonlyMap<string, string>): Reskontro {
  const byCustomer = new Map<string, ReskontroItem[]>();
  for (const item of items) byCustomer.set(item.customerId, [...(byCustomer.get(item.customerId) ?? []), item]);
  const customers = [...byCustomer.entries()]
    .map(([customerId, own]) => {
      const sorted = [...own].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.documentNumber - b.documentNumber);
      return { customerId, name: names.get(customerId) ?? '', items: sorted, totals: totalsOf(sorted) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.customerId.localeCompare(b.customerId));
  return { asOf, customers, totals: totalsOf(items) };
}

const BUCKET_HEADERS: Record<AgingBucket, string> = {
  not_due: 'Ikke forfalt',
  days_0_30: '0–30 dager',
  days_31_60: '31–60 dager',
  days_61_90: '61–90 dager',
  days_over_90: 'Over 90 dager',
  credit: 'Til gode kunde',
};

/**
 * The list as CSV for the accountant, written the way the sales journal is (sales-journal.ts):
 * semicolons, decimal commas, CRLF, a UTF-8 byte-order mark, every text field guarded against
 * formula injection. One row per invoice with its amount in its aging column; after each
 * customer's rows a subtotal row, and the last row the totals of the whole list.
 */
export function reskontroCsv(list: Reskontro): string {
  const header = ['Kundenr', 'Kunde', 'Fakturanr', 'Fakturadato', 'Forfallsdato', 'Beløp', 'Betalt', 'Kreditert', 'Gebyr', 'Utestående', 'Dager forfalt', ...AGING_BUCKETS.map((b) => BUCKET_HEADERS[b]), 'Påløpt forsinkelsesrente (ikke bokført)'];
  const columns = (totals: AgingTotals) => AGING_BUCKETS.map((b) => kroner(totals[b]));
  const amountColumns = (item: ReskontroItem) => AGING_BUCKETS.map((b) => (b === item.bucket ? kroner(item.outstandingOre) : ''));
  const lines = [header];
  for (const customer of list.customers) {
    for (const item of customer.items) {
      lines.push([
        customer.customerId,
        customer.name,
        String(item.documentNumber),
        item.issueDate,
        item.dueDate,
        kroner(item.amountOre),
        kroner(item.paidOre),
        kroner(item.creditedOre),
        kroner(item.feesOre),
        kroner(item.outstandingOre),
        String(item.daysOverdue),
        ...amountColumns(item),
        item.lateInterestOre ? kroner(item.lateInterestOre) : '',
      ]);
    }
    lines.push([customer.customerId, customer.name, `Sum kunde (${customer.items.length} fakturaer)`, '', '', '', '', '', '', kroner(customer.totals.outstandingOre), '', ...columns(customer.totals), '']);
  }
  const count = list.customers.reduce((n, c) => n + c.items.length, 0);
  lines.push(['Sum', '', `${count} fakturaer`, '', `per ${list.asOf}`, '', '', '', '', kroner(list.totals.outstandingOre), '', ...columns(list.totals), '']);
  return `\uFEFF${lines.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}
