import type { ShopConfig } from '../../config/shop-config';
import type { Customer } from '../customers/customers';
import { addDays, addMonths } from '../kernel/calendar';
import { ConflictError, ValidationError } from '../kernel/errors';
import { vatFromGross, type VatBreakdown } from '../kernel/money';
import type { AccountItem } from './account-items';
import type { CollectiveInvoicePeriod } from './collective-periods';
import { buyerOf, kidFor, retentionDate, sellerFrom, type SalesDocument, type SalesDocumentLine } from './sales-documents';

/**
 * The collective invoice (samlefaktura, issue #17): one invoice for everything a business picked
 * up on account in a period. Bokføringsforskriften § 5-1-1 lets one sales document cover several
 * deliveries when it shows each one's date (nr. 5, "tidspunkt for levering"), so the invoice lists
 * each pickup as an order of its own (ticket, pickup date, reference, its lines); § 5-1-1 nr. 6
 * wants the VAT in total, taken here from each rate's summed gross, as one sale is taxed, so the
 * invoice's VAT can differ by an øre from the sum of what each pickup alone would have had.
 */
export { COLLECTIVE_INVOICE_PERIODS, type CollectiveInvoicePeriod } from './collective-periods';

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

/** The period a key names ("2026-11" for a month, "2026-Q4" for a quarter), when it is one of the shop's kind. */
export function periodNamed(key: string, period: CollectiveInvoicePeriod): InvoicePeriod | undefined {
  const match = period === 'month' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match) return undefined;
  const firstMonth = period === 'month' ? Number(match[2]) : Number(match[2]) * 3 - 2;
  return periodOf(`${match[1]}-${String(firstMonth).padStart(2, '0')}-01`, period);
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
 * What a collective invoice lists: the pickups of the business still waiting up to the period's
 * end, each as its order (in the order they were picked up: date, ticket, pickup), and the totals
 * by VAT rate. Items of a later period wait for their own. An item dated before the period is one
 * its own period's invoice did not take: picked up after that invoice was claimed (staff issued a
 * period early, or a pickup crossed midnight), it goes on the next invoice with its own date
 * rather than being lost or invoiced alone. `undefined` when nothing is due, so no number is spent
 * on an empty invoice (the series must have no gaps, and none of its numbers may be void without cause).
 */
export function collectiveInvoiceContent(items: readonly AccountItem[], period: InvoicePeriod): CollectiveInvoiceContent | undefined {
  const orders = items
    .filter((item) => item.date <= period.to)
    .sort((a, b) => a.date.localeCompare(b.date) || Number(a.orderId) - Number(b.orderId) || a.n - b.n)
    .map(({ orderId, n, date, lines, totals, reference }): CollectiveOrder => ({ orderId, n, date, lines, totals, ...(reference !== undefined ? { reference } : {}) }));
  if (orders.length === 0) return undefined;
  const grossByRate = new Map<number, number>();
  for (const { totals } of orders) grossByRate.set(totals.vatRatePercent, (grossByRate.get(totals.vatRatePercent) ?? 0) + totals.grossOre);
  const totals = [...grossByRate.entries()].sort(([a], [b]) => b - a).map(([rate, gross]) => vatFromGross(gross, rate));
  return { orders, totals };
}

/** The lines of one pickup as the invoice prints them: quantity × unit price always equals the line's total. */
function collectiveLine(line: AccountItem['lines'][number], vatRatePercent: number): SalesDocumentLine {
  const { amountOre, quantity } = line;
  // The unit price when the amount divides by the quantity; otherwise (a share of a line, kilos
  // shared over bags, an express or discount line) the amount as one, as a pickup's invoice has it.
  const whole = quantity > 0 && Number.isInteger(quantity) && amountOre % quantity === 0;
  const vatOre = amountOre < 0 ? -vatFromGross(-amountOre, vatRatePercent).vatOre : vatFromGross(amountOre, vatRatePercent).vatOre;
  return whole
    ? { description: line.name, quantity, unitPriceOre: amountOre / quantity, lineTotalOre: amountOre, vatRatePercent, vatOre }
    : { description: quantity === 1 ? line.name : `${line.name} (${quantity})`, quantity: 1, unitPriceOre: amountOre, lineTotalOre: amountOre, vatRatePercent, vatOre };
}

/**
 * A claimed collective invoice completed on a later day than it was claimed (its run stopped, and
 * the next run or staff completed it). It keeps its number and its issue date: the number was taken
 * that day, and the series' dates must not fall behind its numbers (a later number may already be
 * dated after it); bokføringsforskriften § 5-1-1 nr. 1 asks for the date the document was made out.
 * But it reaches the buyer only now, so its due date is moved on to give the whole term from today:
 * a due date already past would make it overdue on arrival, and the reminder job would remind of
 * it at once (inkassoloven § 9 counts from the due date). The receivable and the KID follow it.
 */
export function collectiveInvoiceCompleted(claimed: SalesDocument, today: string, invoiceDueDays: number): SalesDocument {
  const dueDate = addDays(today, invoiceDueDays);
  return claimed.dueDate !== undefined && claimed.dueDate < dueDate ? { ...claimed, dueDate } : claimed;
}

/**
 * A period whose invoice was issued and has since been deleted at the end of its retention
 * (bokføringsloven § 13: five years after the fiscal year): invoiced once, so never again, and
 * nothing left to answer with. A conflict with the period asked for, not a fault.
 */
export function collectiveInvoiceSwept(periodKey: string, documentNumber: number): ConflictError {
  return new ConflictError(`The collective invoice of ${periodKey} (number ${documentNumber}) was issued and is past its retention`, {
    errors: [{ pointer: '/period', detail: `${periodKey} was invoiced as number ${documentNumber}, which has been deleted after its retention period; it is not invoiced again` }],
  });
}

/**
 * Who may be invoiced on account: a business (400 for a private customer: the request is wrong).
 * Not whether the account is on account now: that decides a new pickup on account (pickup.ts), and
 * what was picked up on account before the account was taken off it is still a sale to invoice
 * (bokføringsforskriften § 5-1-1); refusing it left the pickups, and the business's erasure
 * waiting for them, stuck for good.
 */
export function refuseCollectiveInvoice(customer: Customer): void {
  if (!customer.business) {
    throw new ValidationError('Only a business is invoiced on account', [{ pointer: '/customerId', detail: 'A private customer pays at the counter or on an invoice per pickup' }]);
  }
}

/**
 * The collective invoice of a business for a period (undefined when nothing is due): the buyer as
 * on any invoice to it (legal name, organisation number, the account's invoice address and fixed
 * reference), each pickup's lines one after another with the pickup in `collective` (ticket, date,
 * the order's own reference), the totals from collectiveInvoiceContent, dated the day it is issued
 * (the series' last date if later), delivered until the last pickup. One VAT rate: the shop's
 * prices are all at 25 % (shop-config.ts refuses anything else), so the document's one breakdown holds.
 */
export function buildCollectiveInvoice(input: {
  documentNumber: number;
  customer: Customer;
  items: readonly AccountItem[];
  period: InvoicePeriod;
  shop: ShopConfig;
  issuedAt: Date;
  issueDate: string;
}): SalesDocument | undefined {
  const { customer, shop, period } = input;
  refuseCollectiveInvoice(customer);
  const content = collectiveInvoiceContent(input.items, period);
  if (!content) return undefined;
  const [totals, ...otherRates] = content.totals;
  if (!totals || otherRates.length) throw new Error('A collective invoice with more than one VAT rate is not supported');
  const lines = content.orders.flatMap((order) => order.lines.map((line) => collectiveLine(line, order.totals.vatRatePercent)));
  return {
    documentNumber: input.documentNumber,
    kind: 'invoice',
    issueDate: input.issueDate,
    issuedAt: input.issuedAt.toISOString(),
    orderId: period.key,
    customerId: customer.customerId,
    buyer: buyerOf(customer, {}, undefined),
    seller: sellerFrom(shop),
    deliveryDate: content.orders.at(-1)?.date ?? period.to,
    deliveryPlace: `${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}`,
    lines,
    totals,
    dueDate: addDays(input.issueDate, shop.invoiceDueDays),
    kid: kidFor(input.documentNumber),
    collectivePeriod: { key: period.key, from: period.from, to: period.to },
    collectiveOrders: content.orders.map(({ orderId, n, date, reference, lines: sold }) => ({ orderId, n, date, ...(reference !== undefined ? { reference } : {}), lineCount: sold.length })),
    delivery: customer.email && customer.emailPurposes.includes('invoice') ? 'email' : 'print',
    retainUntil: retentionDate(input.issueDate),
  };
}
