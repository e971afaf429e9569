import type { Ore, VatBreakdown } from '../kernel/money';
import { keptLineName, type Order, type OrderLine, type OrderPickup } from '../orders/orders';
import type { PriceCategory } from '../orders/price-list';
import { retentionDate } from './sales-documents';

/**
 * A pickup paid at the counter, as the sales journal lists it: the shop's certified cash register
 * documents the sale (kassasystemlova), and this record lets the accountant match the journal to
 * its Z reports. It is kept apart from the order, under the ticket, so the journal finds every
 * sale of a period with one index query, and so it can be kept the five years bokføringsloven § 13
 * asks without any erasure work: it holds amounts, the date, the register's receipt reference and
 * lines named by the price list (or FREE_TEXT_LINE_KEPT_AS), never a customer id or free text.
 */
export type CounterSaleLine = { name: string; category?: PriceCategory; quantity: number; amountOre: Ore };
export type CounterSale = {
  orderId: string;
  /** The pickup's number on its order (1 for the first). */
  n: number;
  at: string;
  /** The day of the sale in the shop. */
  date: string;
  lines: CounterSaleLine[];
  totals: VatBreakdown;
  posReceiptRef?: string;
  /** Bokføringsloven § 13: five years after the end of the fiscal year of the sale; then the retention sweep deletes it. */
  retainUntil: string;
};


export function counterSaleOf(order: Pick<Order, 'orderId' | 'items'>, pickup: OrderPickup, date: string): CounterSale {
  return {
    orderId: order.orderId,
    n: pickup.n,
    at: pickup.at,
    date,
    lines: pickup.lines.map((sold) => {
      const line = order.items[sold.line - 1] as OrderLine;
      return { name: keptLineName(line), ...(line.category ? { category: line.category } : {}), quantity: sold.quantity, amountOre: sold.amountOre };
    }),
    totals: pickup.totals,
    ...(pickup.payment.posReceiptRef ? { posReceiptRef: pickup.payment.posReceiptRef } : {}),
    retainUntil: retentionDate(date),
  };
}
