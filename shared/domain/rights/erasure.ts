import type { CustomerDataRepository, PrivacyRequestRepository } from '../../ports/repositories';
import type { ShopConfig } from '../../config/shop-config';
import type { CustomerData } from './customer-export';
import type { Message } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import { isOpenOrder, type Order } from '../orders/orders';
import { keptForm } from '../inventory/erasure-plan';
import { isOpenRequest } from './privacy-requests';
import { retentionDate, type SalesDocument } from '../invoices/sales-documents';
import { mobileNumberOf } from '../customers/customers';

export type ErasureDeps = { customerData: CustomerDataRepository; requests: PrivacyRequestRepository; clock: () => Date; shop: ShopConfig };

export type ErasureOutcome =
  | { outcome: 'erased'; items: Record<string, number> }
  /** Garments are still in the shop, or a privacy request is being answered. */
  | { outcome: 'blocked'; reason: 'open_orders' | 'open_request' }
  /** Nothing to do: the profile is gone (erased before, perhaps by an interrupted earlier run). */
  | { outcome: 'gone' }
  /** The inactivity condition no longer holds (the customer came back). */
  | { outcome: 'active' };

/**
 * Erases one customer, for an erasure request and for the inactivity sweep alike, idempotently
 * and in an order that survives a crash at any point:
 * 0. the profile is marked, so no order can be taken in (or profile changed) while erasing, and
 *    everything is read afterwards: what the mark did not stop cannot be missed;
 * 1. what the law keeps (keptRecords) is written in its kept form, as the data inventory declares
 *    it: documents under legal hold and collected counter sales still within their retention,
 *    under the pseudonym, with the buyer's name and address the law requires on a document and
 *    no free text typed at the counter;
 * 2. a mobile number's claim and codes and a business's organisation-number claim (each only
 *    while still this customer's), the orders, messages,
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
    confirmation?: (data: CustomerData) => Message | undefined;
  },
): Promise<ErasureOutcome> {
  const now = deps.clock();
  const begun = await deps.customerData.beginErasure(input.customerId, now.toISOString(), input.onlyIfInactiveSince);
  if (begun !== 'started') return { outcome: begun };
  const data = await deps.customerData.readAll(input.customerId);
  if (!data) return { outcome: 'gone' };
  const openRequest = input.waitForOpenRequests === true && data.requests.some(isOpenRequest);
  if (data.orders.some(isOpenOrder) || openRequest) {
    await deps.customerData.abortErasure(input.customerId);
    return { outcome: 'blocked', reason: data.orders.some(isOpenOrder) ? 'open_orders' : 'open_request' };
  }

  const kept = keptRecords(data, input.pseudonym, deps.shop.timeZone, shopDate(now, deps.shop.timeZone));
  await deps.customerData.keepDocuments(input.customerId, kept.documents);
  await deps.customerData.archiveSales(kept.sales);
  for (const earlier of data.requests) if (earlier.requestId !== input.answeringRequestId) await deps.requests.forgetCustomer(earlier.requestId);
  const deleted = await deps.customerData.deleteCustomerRecords(input.customerId, mobileNumberOf(data.customer), data.customer.business?.organisationNumber);
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
