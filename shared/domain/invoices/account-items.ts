import type { Ore, VatBreakdown } from '../kernel/money';
import type { Order, OrderLine, OrderPickup } from '../orders/orders';
import { keptLineName } from '../orders/orders';
import type { SalesDocument } from './sales-documents';

/**
 * A pickup "on account" (issue #17): a business with `onAccount` takes its garments now and is
 * invoiced once per period for everything it picked up (a collective invoice, samlefaktura). The
 * pickup is not a counter sale and is in no journal yet: it becomes a sale when the collective
 * invoice is issued, whose date is the invoice's (bokføringsforskriften § 5-1-1 lets one invoice
 * document several deliveries, each with its date, which is why the shop date is kept here).
 * It is stored under the business (CUSTOMER#<id>, ACCOUNT#<ticket>#<pickup>), so the issuing job
 * finds a period's items with one Query of the business's partition.
 */
export type AccountItemLine = { line: number; name: string; quantity: number; amountOre: Ore };
export type AccountItem = {
  customerId: string;
  orderId: string;
  /** The pickup's number on its order (1 for the first). */
  n: number;
  at: string;
  /** The day of the pickup in the shop: the delivery date the collective invoice prints for it. */
  date: string;
  lines: AccountItemLine[];
  totals: VatBreakdown;
  /** The order's reference, else the account's ("Deres ref."), printed beside the order on the invoice. */
  reference?: string;
};

export function accountItemOf(order: Pick<Order, 'orderId' | 'customerId' | 'items' | 'reference'>, pickup: OrderPickup, date: string, accountReference: string | undefined): AccountItem {
  const reference = order.reference ?? accountReference;
  return {
    customerId: order.customerId,
    orderId: order.orderId,
    n: pickup.n,
    at: pickup.at,
    date,
    lines: pickup.lines.map((sold) => {
      const line = order.items[sold.line - 1] as OrderLine;
      return { line: sold.line, name: keptLineName(line), quantity: sold.quantity, amountOre: sold.amountOre };
    }),
    totals: pickup.totals,
    ...(reference !== undefined ? { reference } : {}),
  };
}

/**
 * A period's collective-invoice claim (keys.collectiveClaim), as export and erasure read it: the
 * number taken for the period's invoice and, until that invoice is stored (`completedAt`), the
 * invoice as built, which names the business, its organisation number and its references.
 */
export type CollectiveClaim = {
  customerId: string;
  period: string;
  documentNumber: number;
  claimedAt: string;
  completedAt?: string;
  document?: SalesDocument;
};

/**
 * Claimed but not stored yet: a run stopped between the number and the invoice, and the next run
 * completes it. Erasing it then would leave a number of the series with no document, or store the
 * invoice (with the business's name, number and references) after the erasure read.
 */
export const isUnfinishedCollectiveClaim = (claim: Pick<CollectiveClaim, 'completedAt'>): boolean => claim.completedAt === undefined;
