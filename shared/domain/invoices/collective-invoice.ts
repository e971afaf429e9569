import { addDays, addMonths } from '../kernel/calendar';
import { vatFromGross, type VatBreakdown } from '../kernel/money';
import type { AccountItem } from './account-items';

/**
 * The collective invoice (samlefaktura, issue #17): one invoice for everything a business picked
 * up on account in a period. Bokføringsforskriften § 5-1-1 lets one sales document cover several
 * deliveries when it shows each one's date (nr. 5, "tidspunkt for levering"), so the invoice lists
 * each pickup as an order of its own (ticket, pickup date, reference, its lines); § 5-1-1 nr. 6
 * wants the VAT in total, taken here from each rate's summed gross, as one sale is taxed, so the
 * invoice's VAT can differ by an øre from the sum of what each pickup alone would have had.
 */
export const COLLECTIVE_INVOICE_PERIODS = ['month', 'quarter'] as const;
export type CollectiveInvoicePeriod = (typeof COLLECTIVE_INVOICE_PERIODS)[number];

/** A period, as shop dates: `from` and `to` both in it; `key` names it in claims and logs ("2027-01", "2027-Q1"). */
export type InvoicePeriod = { key: string; from: string; to: string };

const MONTHS: Record<CollectiveInvoicePeriod, number> = { month: 1, quarter: 3 };

/** The period that holds a shop date. */
export function periodOf(date: string, period: CollectiveInvoicePeriod): InvoicePeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const months = MONTHS[period];
  const firstMonth = month - ((month - 1) % months);
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const to = addDays(addMonths(from, months), -1);
  const key = period === 'month' ? from.slice(0, 7) : `${year}-Q${(firstMonth + 2) / 3}`;
  return { key, from, to };
}

/**
 * The period the scheduled job invoices on `today`: the one that ended before it. Run on the first
 * day of a period it invoices the last; run late (a failed day retried) it still invoices the
 * period just ended, never the one still running, whose pickups are not all made yet.
 */
export function periodEndedBefore(today: string, period: CollectiveInvoicePeriod): InvoicePeriod {
  return periodOf(addDays(periodOf(today, period).from, -1), period);
}

export type CollectiveOrder = Pick<AccountItem, 'orderId' | 'n' | 'date' | 'lines' | 'totals' | 'reference'>;
export type CollectiveInvoiceContent = { orders: CollectiveOrder[]; totals: VatBreakdown[] };

/**
 * What a collective invoice lists: the period's pickups of the business, each as its order (in
 * the order they were picked up: date, ticket, pickup), and the totals by VAT rate. Items outside
 * the period wait for their own; `undefined` when nothing is due, so no number is spent on an
 * empty invoice (the series must have no gaps, and none of its numbers may be void without cause).
 */
export function collectiveInvoiceContent(items: readonly AccountItem[], period: InvoicePeriod): CollectiveInvoiceContent | undefined {
  const orders = items
    .filter((item) => item.date >= period.from && item.date <= period.to)
    .sort((a, b) => a.date.localeCompare(b.date) || Number(a.orderId) - Number(b.orderId) || a.n - b.n)
    .map(({ orderId, n, date, lines, totals, reference }): CollectiveOrder => ({ orderId, n, date, lines, totals, ...(reference !== undefined ? { reference } : {}) }));
  if (orders.length === 0) return undefined;
  const grossByRate = new Map<number, number>();
  for (const { totals } of orders) grossByRate.set(totals.vatRatePercent, (grossByRate.get(totals.vatRatePercent) ?? 0) + totals.grossOre);
  const totals = [...grossByRate.entries()].sort(([a], [b]) => b - a).map(([rate, gross]) => vatFromGross(gross, rate));
  return { orders, totals };
}
