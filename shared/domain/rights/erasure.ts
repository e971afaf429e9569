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
import { isOpenReceivable } from '../receivables/receivables';
import { isUnfinishedCollectiveClaim } from '../invoices/account-items';
import { claimHoldFor, heldMessage, releasedMessage } from './claim-hold';

export type ErasureDeps = { customerData: CustomerDataRepository; requests: PrivacyRequestRepository; clock: () => Date; shop: ShopConfig };

export type ErasureOutcome =
  | { outcome: 'erased'; items: Record<string, number> }
  /**
   * Erased but for what an open invoice's claim needs, kept under the legal-claim hold
   * (claim-hold.ts) until the last such invoice is paid, credited or written off.
   */
  | { outcome: 'held'; reason: 'open_balance'; items: Record<string, number> }
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
 * reason is the code staff see and the customer is told (WAITING_REASONS). `erases` says how much
 * of the erasure goes ahead while the hold lasts:
 * - open_orders (nothing): garments in the shop. Until they are handed back the data is needed to
 *   perform the contract (art. 6(1)(b)), so no ground of art. 17(1) applies yet.
 * - open_balance (allButClaim): an invoice open or partly paid (a reminder fee counts: it is part
 *   of what is owed). Art. 17(3)(e) keeps only what the claim needs: everything else is erased at
 *   once, and the name and number go under the legal-claim hold (claim-hold.ts) with the invoice
 *   (which keeps the postal address) until the last open invoice is paid, credited or written off.
 * - uninvoiced_pickups (nothing): a business's pickups on account not invoiced yet, or a collective
 *   invoice claimed but not stored yet (a run stopped half way). Such a pickup is a sale with no
 *   document until the period's collective invoice is issued, and bokføringsloven § 10 with
 *   bokføringsforskriften § 5-1-1 require one: erasing the pickups would lose the sale, and
 *   erasing an unfinished claim would leave its number with no invoice (or store the invoice, with
 *   the business's name and references, after the erasure). Art. 17(3)(b) (a legal obligation)
 *   keeps them until the invoice is issued; the daily safety net then resumes the erasure, which
 *   goes ahead under open_balance while that invoice is unpaid.
 * Sales documents under the bookkeeping hold (bokføringsloven § 13) do not make an erasure wait:
 * they are kept in their kept form (keptRecords) and the rest is erased.
 */
export const ERASURE_HOLDS: readonly { reason: WaitingReason; erases: 'nothing' | 'allButClaim'; applies: (data: CustomerData) => boolean }[] = [
  { reason: 'open_orders', erases: 'nothing', applies: (data) => data.orders.some(isOpenOrder) },
  { reason: 'uninvoiced_pickups', erases: 'nothing', applies: (data) => data.accountItems.length > 0 || data.collectiveClaims.some(isUnfinishedCollectiveClaim) },
  { reason: 'open_balance', erases: 'allButClaim', applies: (data) => data.receivables.some(isOpenReceivable) },
];

/** The holds that apply to the customer now, in ERASURE_HOLDS' order; none: the erasure may go ahead. */
export const erasureHolds = (data: CustomerData): WaitingReason[] => ERASURE_HOLDS.filter((hold) => hold.applies(data)).map((hold) => hold.reason);

/** The holds that keep the whole erasure waiting (the others let it go ahead but for what they keep). */
export const waitingHolds = (data: CustomerData): WaitingReason[] => ERASURE_HOLDS.filter((hold) => hold.erases === 'nothing' && hold.applies(data)).map((hold) => hold.reason);

/**
 * Erases one customer, for an erasure request and for the inactivity sweep alike, idempotently
 * and in an order that survives a crash at any point:
 * 0. the profile is marked, so no order can be taken in (or profile changed) while erasing, and
 *    everything is read afterwards: what the mark did not stop cannot be missed. A workflow run
 *    marks it as its own: a second run of the same request at once (a resume from the stream and
 *    one from the daily safety net) answers 'busy' and leaves the erasure to the first;
 * 1. while an invoice is open, what its claim needs is placed under the legal-claim hold first
 *    (claim-hold.ts), and the erasure goes on;
 *    what the law keeps (keptRecords) is written in its kept form, as the data inventory declares
 *    it: documents under legal hold and collected counter sales still within their retention,
 *    under the pseudonym, with the buyer's name and address the law requires on a document and
 *    no free text typed at the counter;
 * 2. a mobile number's claim and codes and a business's organisation-number claim (each only
 *    while still this customer's), the orders, messages,
 *    name-search entries and request links, and the link from every earlier request, are removed;
 * 3. the confirmation, or under a claim's hold the message saying what is kept and why (if any: there is none for a customer without a mobile, who has no number
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
  if (begun === 'gone') {
    // Erased before, perhaps but for a claim's hold: it ends here once nothing is owed (a resume
    // after the last invoice closed), and stays while something is.
    const released = await releaseClaimHold(deps, input.pseudonym);
    if (released === 'released') return { outcome: 'erased', items: { claimHold: 1 } };
    if (released === 'still_owed') return { outcome: 'held', reason: 'open_balance', items: {} };
    return { outcome: 'gone' };
  }
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
  const holds = ERASURE_HOLDS.filter((hold) => hold.applies(data));
  const waiting = holds.find((hold) => hold.erases === 'nothing')?.reason;
  const openRequest = input.waitForOpenRequests === true && data.requests.some(isOpenRequest);
  if (waiting || openRequest) {
    await deps.customerData.abortErasure(input.customerId);
    return { outcome: 'blocked', reason: waiting ?? 'open_request' };
  }
  // Placed first, before anything is erased: a run interrupted after it finds it again (a rerun no
  // longer sees the invoices once the orders that name them are gone) and keeps it.
  // One read back from storage is not placed again: the stream may have released it meanwhile, and
  // placing it would bring back the name and number for good.
  const built = claimHoldFor(data, input.pseudonym, now, input.answeringRequestId);
  if (built) await deps.customerData.placeClaimHold(built);
  const claim = built ?? (await deps.customerData.claimHold(input.pseudonym));

  const kept = keptRecords(data, input.pseudonym, deps.shop.timeZone, shopDate(now, deps.shop.timeZone));
  await deps.customerData.keepDocuments(input.customerId, kept.documents);
  await deps.customerData.archiveSales(kept.sales);
  for (const earlier of data.requests) if (earlier.requestId !== input.answeringRequestId) await deps.requests.forgetCustomer(earlier.requestId);
  const deleted = await deps.customerData.deleteCustomerRecords(input.customerId, mobileNumberOf(data.customer), data.customer.business?.organisationNumber);
  // Paid meanwhile (the payment's stream record read the hold before it was placed): released now,
  // with the confirmation. One of the two always sees the other's write, and the release is
  // conditional, so it is released once. The hold gone ('none') was placed above and released
  // since by the stream, which queued the confirmation: the erasure is complete as well.
  const released = claim ? await releaseClaimHold(deps, input.pseudonym) : undefined;
  // Under a hold still owed, the customer is told what is kept and why (checked after the release,
  // so a customer already told it is done is not then told it waits); the confirmation waits for its end.
  const message = !claim ? input.confirmation?.(data) : released === 'still_owed' ? heldMessage(claim, now) : undefined;
  if (message) await deps.customerData.queueMessage(message);
  await deps.customerData.deleteProfile(input.customerId);
  const items = { ...deleted, customer: 1, documentsKept: kept.documents.length, counterSalesKept: kept.sales.length };
  if (!claim) return { outcome: 'erased', items };
  if (released !== 'still_owed') return { outcome: 'erased', items: { ...items, claimHold: 1 } };
  return { outcome: 'held', reason: 'open_balance', items: { ...items, claimHold: 1 } };
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

/**
 * Ends the hold of `holder` if none of its invoices is open any more: idempotent (a hold already
 * released answers 'none') and conditional (an invoice still open, or reopened meanwhile, answers
 * 'still_owed' and changes nothing).
 */
export async function releaseClaimHold(deps: Pick<ErasureDeps, 'customerData' | 'clock'>, holder: string): Promise<'released' | 'still_owed' | 'none'> {
  const state = await deps.customerData.claimHold(holder);
  if (!state) return 'none';
  if (state.openInvoices.length > 0) return 'still_owed';
  const outcome = await deps.customerData.releaseClaimHold(state, releasedMessage(state, deps.clock()));
  return outcome === 'gone' ? 'none' : outcome;
}
