import type { CustomerDataRepository, PrivacyRequestRepository } from '../../ports/repositories';
import type { ShopConfig } from '../../config/shop-config';
import type { CustomerData } from './customer-export';
import type { Message } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import { FREE_TEXT_LINE_KEPT_AS, isOpenOrder, type Order } from '../orders/orders';
import { isOpenRequest } from './privacy-requests';
import { retentionDate } from '../invoices/sales-documents';
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
 * 1. documents under legal hold get the pseudonym instead of the customer id (they keep the name
 *    and address the law requires until their retention date), and collected counter sales still
 *    within their retention are kept for the sales journal under the same pseudonym, without
 *    descriptions, with their own retention date;
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

  const { pseudonym } = input;
  await deps.customerData.pseudonymiseDocuments(input.customerId, data.documents.map((d) => d.documentNumber), pseudonym);
  const today = shopDate(now, deps.shop.timeZone);
  const keptSales = data.orders
    // Pickups recorded one by one keep their sales apart from the order, naming no one (counter-sales.ts).
    .filter((o) => o.status === 'picked_up' && o.payment?.method === 'counter' && !o.pickups?.length)
    .map(
      (sale): Order => ({
        ...sale,
        customerId: pseudonym,
        // A line typed at the counter is free text and may name the customer: the journal keeps its
        // amounts under a neutral name. Lines from the price list, express and discounts keep theirs.
        items: sale.items.map(({ description: _description, ...line }) => (line.kind === undefined || line.kind === 'free_text' ? { ...line, service: FREE_TEXT_LINE_KEPT_AS } : line)),
        // The journal needs the lines, not the garments, whose notes, colours and brands are free text.
        garments: [],
        retainUntil: retentionDate(shopDate(new Date(sale.pickedUpAt ?? sale.statusChangedAt), deps.shop.timeZone)),
      }),
    )
    .filter((sale) => (sale.retainUntil as string) >= today); // past its retention: nothing to keep
  await deps.customerData.archiveSales(keptSales);
  for (const earlier of data.requests) if (earlier.requestId !== input.answeringRequestId) await deps.requests.forgetCustomer(earlier.requestId);
  const deleted = await deps.customerData.deleteCustomerRecords(input.customerId, mobileNumberOf(data.customer));
  const confirmation = input.confirmation?.(data);
  if (confirmation) await deps.customerData.queueMessage(confirmation);
  await deps.customerData.deleteProfile(input.customerId);
  return { outcome: 'erased', items: { ...deleted, customer: 1, documentsKept: data.documents.length, counterSalesKept: keptSales.length } };
}
