import type { CustomerDataRepository, PrivacyRequestRepository } from '../../ports/repositories';
import type { ShopConfig } from '../../config/shop-config';
import type { CustomerData } from './customer-export';
import type { Message } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import { isOpenOrder, type Order } from '../orders/orders';
import { keptForm } from '../inventory/erasure-plan';
import { isOpenRequest, type WaitingReason } from './privacy-requests';
import { retentionDate, type SalesDocument } from '../invoices/sales-documents';
import { mobileNumberOf } from '../customers/customers';

export type ErasureDeps = { customerData: CustomerDataRepository; requests: PrivacyRequestRepository; clock: () => Date; shop: ShopConfig };

export type ErasureOutcome =
  | { outcome: 'erased'; items: Record<string, number> }
  /** A hold applies (ERASURE_HOLDS), or (for the sweep) a privacy request is being answered. */
  | { outcome: 'blocked'; reason: WaitingReason | 'open_request' }
  /** Nothing to do: the profile is gone (erased before, perhaps by an interrupted earlier run). */
  | { outcome: 'gone' }
  /** The inactivity condition no longer holds (the customer came back). */
  | { outcome: 'active' }
  /** Another run of the request is erasing the customer right now; it finishes (and reports) the erasure. */
  | { outcome: 'busy' };

/**
 * How long a run's hold on an erasure lasts without a new try: beyond one try of the erasing step
 * (its task times out after 5 minutes; each retry stamps the hold afresh), so only a run that
 * stopped trying (failed, or timed out) is taken over by the next.
 */
export const ERASURE_HOLD_MINUTES = 15;

/**
 * What makes a customer's erasure wait, in one place: the workflow blocks on these, the daily
 * safety net (resumeStrandedErasures) resumes a blocked erasure once none applies, and each one's
 * reason is the code staff see and the customer is told (WAITING_REASONS).
 * - open_orders: garments in the shop. Until they are handed back the data is needed to perform
 *   the contract (art. 6(1)(b)), so no ground of art. 17(1) applies yet.
 * That is the only hold today. Sales documents under a legal hold (bokføringsloven § 13) do not
 * make an erasure wait: they are kept in their kept form (keptRecords) and the rest is erased. A
 * debt hold (an unpaid invoice being collected, issue #17) joins here, with its reason added to
 * WAITING_REASONS and its message to the customer; "when the hold ends" is then when none applies.
 */
export const ERASURE_HOLDS: readonly { reason: WaitingReason; applies: (data: CustomerData) => boolean }[] = [{ reason: 'open_orders', applies: (data) => data.orders.some(isOpenOrder) }];

/** The holds that apply to the customer now, in ERASURE_HOLDS' order; none: the erasure may go ahead. */
export const erasureHolds = (data: CustomerData): WaitingReason[] => ERASURE_HOLDS.filter((hold) => hold.applies(data)).map((hold) => hold.reason);

/**
 * Erases one customer, for an erasure request and for the inactivity sweep alike, idempotently
 * and in an order that survives a crash at any point:
 * 0. the profile is marked, so no order can be taken in (or profile changed) while erasing, and
 *    everything is read afterwards: what the mark did not stop cannot be missed. A workflow run
 *    marks it as its own: a second run of the same request at once (a resume from the stream and
 *    one from the daily safety net) answers 'busy' and leaves the erasure to the first;
 * 1. what the law keeps (keptRecords) is written in its kept form, as the data inventory declares
 *    it: documents under legal hold and collected counter sales still within their retention,
 *    under the pseudonym, with the buyer's name and address the law requires on a document and
 *    no free text typed at the counter;
 * 2. a mobile number's claim and codes (only while still this customer's), the orders, messages,
 *    name-search entries and request links, and the link from every earlier request, are removed;
 * 3. the confirmation (if any: there is none for a customer without a mobile, who has no number
 *    an SMS could go to) is queued outside the customer's records, and only then is the profile
 *    deleted. The number is free for anyone to register.
 * The pseudonym must be the same on every run for one customer, so a rerun finds its own work.
 */
export async function eraseCustomerData(
  deps: ErasureDeps,
  input: {
    customerId: string;
    pseudonym: string;
    /** The sweep's condition: still inactive since this instant. */
    onlyIfInactiveSince?: string;
    /** The erasure request being answered (it is not "an earlier request" to forget). */
    answeringRequestId?: string;
    /** The sweep waits while a privacy request is open; a customer's own erasure request does not. */
    waitForOpenRequests?: boolean;
    /** The workflow run erasing (its name): one run at a time (ERASURE_HOLD_MINUTES). */
    run?: string;
    confirmation?: (data: CustomerData) => Message | undefined;
  },
): Promise<ErasureOutcome> {
  const now = deps.clock();
  const run = input.run ? { name: input.run, staleBefore: new Date(now.getTime() - ERASURE_HOLD_MINUTES * 60_000).toISOString() } : undefined;
  const begun = await deps.customerData.beginErasure(input.customerId, now.toISOString(), input.onlyIfInactiveSince, run);
  if (begun !== 'started') return { outcome: begun };
  try {
    return await eraseMarked(deps, input, now);
  } catch (error) {
    // A run whose step failed lets go of its hold, the mark staying (half-erased, no order can be
    // taken in), so staff's rerun takes the erasure up at once. A run that died without getting
    // here (a timeout) is taken over once its hold is stale.
    if (input.run) await deps.customerData.releaseErasureHold(input.customerId, input.run).catch(() => undefined);
    throw error;
  }
}

async function eraseMarked(deps: ErasureDeps, input: Parameters<typeof eraseCustomerData>[1], now: Date): Promise<ErasureOutcome> {
  const data = await deps.customerData.readAll(input.customerId);
  if (!data) return { outcome: 'gone' };
  const [hold] = erasureHolds(data);
  const openRequest = input.waitForOpenRequests === true && data.requests.some(isOpenRequest);
  if (hold || openRequest) {
    await deps.customerData.abortErasure(input.customerId);
    return { outcome: 'blocked', reason: hold ?? 'open_request' };
  }

  const kept = keptRecords(data, input.pseudonym, deps.shop.timeZone, shopDate(now, deps.shop.timeZone));
  await deps.customerData.keepDocuments(input.customerId, kept.documents);
  await deps.customerData.archiveSales(kept.sales);
  for (const earlier of data.requests) if (earlier.requestId !== input.answeringRequestId) await deps.requests.forgetCustomer(earlier.requestId);
  const deleted = await deps.customerData.deleteCustomerRecords(input.customerId, mobileNumberOf(data.customer));
  const confirmation = input.confirmation?.(data);
  if (confirmation) await deps.customerData.queueMessage(confirmation);
  await deps.customerData.deleteProfile(input.customerId);
  return { outcome: 'erased', items: { ...deleted, customer: 1, documentsKept: kept.documents.length, counterSalesKept: kept.sales.length } };
}

/**
 * What outlives the customer, each record in the kept form its inventory declarations give
 * (erasure-plan.ts): every sales document (bokføringsloven § 13, until its retainUntil), and each
 * collected counter sale still within five years of the end of its fiscal year, the sales
 * journal's only record of it. A kept entity needs no more here than its declaration: what is
 * kept of it, and what goes, is read from the inventory.
 */
export function keptRecords(data: CustomerData, pseudonym: string, timeZone: string, today = shopDate(new Date(), timeZone)): { documents: SalesDocument[]; sales: Order[] } {
  const context = { pseudonym, orders: new Map(data.orders.map((order) => [order.orderId, order])) };
  const sales = data.orders
    // Pickups recorded one by one keep their sales apart from the order, naming no one (counter-sales.ts):
    // only an order collected before then is its own counter sale.
    .filter((order) => order.status === 'picked_up' && order.payment?.method === 'counter' && !order.pickups?.length)
    .map((sale) => ({ ...sale, retainUntil: retentionDate(shopDate(new Date(sale.pickedUpAt ?? sale.statusChangedAt), timeZone)) }))
    .filter((sale) => sale.retainUntil >= today) // past its retention: nothing to keep
    // The journal needs the lines, not the garments (the Order type still has the list: empty).
    .map((sale): Order => ({ ...keptForm('order', sale, context), garments: [] }));
  return { documents: data.documents.map((document) => keptForm('salesDocument', document, context)), sales };
}
