import { nameSearchEntries } from '#shared/domain/customers/name-search';
import type { Message } from '#shared/domain/kernel/outbox-message';
import type { SalesDocument } from '#shared/domain/invoices/sales-documents';
import { invoiceNumbersOf, type Order } from '#shared/domain/orders/orders';
import type { CustomerData } from '#shared/domain/rights/customer-export';
import type { PrivacyRequest } from '#shared/domain/rights/privacy-requests';
import type { CustomerDataRepository, Page, PageRequest } from '#shared/ports/repositories';
import { isOpenReceivable, type Receivable } from '#shared/domain/receivables/receivables';
import type { ClaimHold, ClaimHoldState } from '#shared/domain/rights/claim-hold';
import { messageStorageKey, padTicket, pageOf } from './paging';
import { copy, keptSaleId, messageId, type InMemoryStore } from './store';

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * CustomerDataRepository in memory, with DynamoCustomerDataRepository's conditions: the customer's
 * partition is their orders, messages and request links (and, under a pseudonym, the sales kept
 * for the books); documents and requests are reached from it, as the adapter reaches them by key.
 */
export class InMemoryCustomerDataRepository implements CustomerDataRepository {
  constructor(private readonly store: InMemoryStore) {}

  async readAll(customerId: string): Promise<CustomerData | undefined> {
    const profile = this.store.customers.get(customerId);
    if (!profile) return undefined;
    const { orders, messages, requestRefs } = this.partition(customerId);
    // The documents the orders name, the credit notes their claims name, and only those still the customer's.
    // …and the collective invoices its period claims name (in the partition, as in the table).
    const claimed = [...this.store.collectiveClaims.values()].filter((c) => c.customerId === customerId).map((c) => c.documentNumber);
    const invoiceNumbers = [...orders.flatMap(invoiceNumbersOf), ...claimed];
    const creditNumbers = invoiceNumbers.flatMap((n) => this.store.creditClaims.get(n)?.tally.creditNotes ?? []);
    const documents = [...invoiceNumbers, ...creditNumbers]
      .map((n) => this.store.documents.get(n))
      .filter((d): d is SalesDocument => d?.customerId === customerId)
      .sort((a, b) => a.documentNumber - b.documentNumber);
    // A link outlives the request's own link to the person (forgotten by an interrupted erasure), as in the table.
    const requests = requestRefs.map(([, ref]) => this.store.requests.get(ref.requestId)).filter((r): r is PrivacyRequest => r !== undefined);
    const receivables = invoiceNumbers
      .map((n) => this.store.receivables.get(n))
      .filter((r): r is Receivable => r?.customerId === customerId)
      .sort((a, b) => a.documentNumber - b.documentNumber);
    // As the adapter: the payments and reminders of the customer's invoices, by invoice.
    const ofInvoices = <T extends { documentNumber: number }>(items: Iterable<T>, order: (a: T, b: T) => number) =>
      [...items].filter((i) => receivables.some((r) => r.documentNumber === i.documentNumber)).sort((a, b) => a.documentNumber - b.documentNumber || order(a, b));
    const payments = ofInvoices(this.store.payments.values(), (a, b) => a.paymentId.localeCompare(b.paymentId));
    const reminders = ofInvoices(this.store.paymentReminders.values(), (a, b) => a.sequence - b.sequence);
    // The pickups on account and the period claims in the partition, in the adapter's sort-key order.
    const accountItems = [...this.store.accountItems.values()].filter((i) => i.customerId === customerId).sort(byKey((i) => `${padTicket(i.orderId)}#${String(i.n).padStart(3, '0')}`));
    const collectiveClaims = [...this.store.collectiveClaims.values()].filter((c) => c.customerId === customerId).sort(byKey((c) => c.period));
    return copy({ customer: profile.customer, orders, messages, documents, receivables, payments, reminders, requests, accountItems, collectiveClaims });
  }

  async keepDocuments(customerId: string, kept: SalesDocument[]): Promise<void> {
    for (const document of kept) {
      // Only while it is still the customer's: on a rerun it already carries the pseudonym.
      if (this.store.documents.get(document.documentNumber)?.customerId === customerId) this.store.documents.set(document.documentNumber, copy(document));
      // As the adapter: the invoice's receivable under the same pseudonym (out of the by-customer list).
      const receivable = this.store.receivables.get(document.documentNumber);
      if (receivable?.customerId === customerId) this.store.receivables.set(document.documentNumber, { ...receivable, customerId: document.customerId });
    }
  }

  async queueMessage(message: Message): Promise<void> {
    const id = messageId(message.customerId, message.messageKey);
    // Queued on an earlier run: the first stays as it is.
    if (!this.store.messages.has(id)) this.store.messages.set(id, copy(message));
  }

  async beginErasure(customerId: string, at: string, onlyIfInactiveSince?: string, run?: { name: string; staleBefore: string }): Promise<'started' | 'gone' | 'active' | 'busy'> {
    const profile = this.store.customers.get(customerId);
    if (!profile) return 'gone';
    // An erasure under way goes on; otherwise the sweep acts only on a customer still inactive now.
    if (onlyIfInactiveSince !== undefined && profile.erasingSince === undefined && !(profile.customer.lastActivityAt <= onlyIfInactiveSince)) return 'active';
    if (!run) {
      profile.erasingSince ??= at;
      return 'started';
    }
    // Another run's live hold: that run finishes the erasure.
    if (profile.erasingBy !== undefined && profile.erasingBy !== run.name && profile.erasingSince !== undefined && !(profile.erasingSince < run.staleBefore)) return 'busy';
    profile.erasingSince = at;
    profile.erasingBy = run.name;
    return 'started';
  }

  async releaseErasureHold(customerId: string, run: string): Promise<void> {
    const profile = this.store.customers.get(customerId);
    if (profile?.erasingBy === run) delete profile.erasingBy;
  }

  async abortErasure(customerId: string): Promise<void> {
    const profile = this.store.customers.get(customerId);
    if (profile) {
      delete profile.erasingSince;
      delete profile.erasingBy;
    }
  }

  async archiveSales(sales: Order[]): Promise<void> {
    // Same keys each run: idempotent.
    for (const sale of sales) this.store.keptSales.set(keptSaleId(sale.customerId, sale.orderId), copy(sale));
  }

  async deleteCustomerRecords(customerId: string, phone: string, organisationNumber?: string): Promise<Record<string, number>> {
    // A rerun must never touch the number once someone else holds it: only this customer's claim
    // and code go, and the rate counters only with a claim that is still theirs.
    const claimIsTheirs = this.store.phoneClaims.get(phone) === customerId;
    const codeIsTheirs = this.store.signInCodes.get(phone)?.customerId === customerId;
    const rates = claimIsTheirs ? [...this.store.signInRates.keys()].filter((key) => key.startsWith(`${phone}#`)) : [];
    const { orders, messages, requestRefs, keptSales } = this.partition(customerId);

    const counts: Record<string, number> = {};
    const count = (entity: string, n: number) => {
      if (n > 0) counts[entity] = (counts[entity] ?? 0) + n;
    };
    count('order', orders.length);
    count('message', messages.length);
    count('requestRef', requestRefs.length);
    const ownKeys = (map: Map<string, unknown>) => [...map.keys()].filter((key) => key.startsWith(`${customerId}\u0000`));
    const [openRequests, requestRates] = [ownKeys(this.store.openRequests), ownKeys(this.store.requestRates)];
    // The business's pickups on account still waiting and its collective-invoice claims: in its partition, as in the table.
    const [accountItems, collectiveClaims] = [ownKeys(this.store.accountItems), ownKeys(this.store.collectiveClaims)];
    count('accountItem', accountItems.length);
    count('collectiveClaim', collectiveClaims.length);
    for (const key of accountItems) this.store.accountItems.delete(key);
    for (const key of collectiveClaims) this.store.collectiveClaims.delete(key);
    count('openRequest', openRequests.length);
    count('requestRate', requestRates.length);
    // The adapter's name-index items; here the index is made from the profile, so they go with it.
    const profile = this.store.customers.get(customerId)?.customer;
    count('nameEntry', profile ? nameSearchEntries(profile.name).length : 0);
    counts.phone = Number(claimIsTheirs) + Number(codeIsTheirs) + rates.length;
    counts.orderRef = orders.length;

    // A business's number goes only while it is still this customer's, as the adapter's does.
    const organisationIsTheirs = organisationNumber !== undefined && this.store.organisationClaims.get(organisationNumber) === customerId;
    count('organisationClaim', Number(organisationIsTheirs));
    if (organisationIsTheirs) this.store.organisationClaims.delete(organisationNumber);
    if (claimIsTheirs) this.store.phoneClaims.delete(phone);
    if (codeIsTheirs) this.store.signInCodes.delete(phone);
    for (const key of rates) this.store.signInRates.delete(key);
    // The ticket's pointer goes with each order in the partition, whoever it points to (as the adapter deletes by key).
    for (const order of orders) this.store.orderRefs.delete(order.orderId);
    for (const order of orders) if (!keptSales.includes(order)) this.store.orders.delete(order.orderId);
    for (const sale of keptSales) this.store.keptSales.delete(keptSaleId(sale.customerId, sale.orderId));
    for (const message of messages) this.store.messages.delete(messageId(message.customerId, message.messageKey));
    for (const [id] of requestRefs) this.store.requestRefs.delete(id);
    for (const key of openRequests) this.store.openRequests.delete(key);
    for (const key of requestRates) this.store.requestRates.delete(key);
    return counts;
  }

  async deleteProfile(customerId: string): Promise<void> {
    this.store.customers.delete(customerId);
  }

  async placeClaimHold(hold: ClaimHold): Promise<void> {
    // Placed on an earlier run: the first one stays.
    if (!this.store.claimHolds.has(hold.holder)) this.store.claimHolds.set(hold.holder, copy(hold));
  }

  async claimHold(holder: string): Promise<ClaimHoldState | undefined> {
    const hold = this.store.claimHolds.get(holder);
    if (!hold) return undefined;
    const openInvoices = hold.invoices.filter((n) => { const r = this.store.receivables.get(n); return r !== undefined && isOpenReceivable(r); }).sort((a, b) => a - b);
    return copy({ ...hold, openInvoices });
  }

  async listClaimHolds(page: PageRequest): Promise<Page<ClaimHold>> {
    const holds = [...this.store.claimHolds.values()].map((h) => [`${h.since}#${h.holder}`, h] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return copy(pageOf('CLAIMHOLDS#held', holds, page));
  }

  async releaseClaimHold(hold: ClaimHold, confirmation?: Message): Promise<'released' | 'still_owed' | 'gone'> {
    // All or nothing, as the adapter's transaction: the hold still there, none of its invoices open, the message new.
    if (!this.store.claimHolds.has(hold.holder)) return 'gone';
    if (hold.invoices.slice(0, 98).some((n) => { const r = this.store.receivables.get(n); return r !== undefined && isOpenReceivable(r); })) return 'still_owed';
    // A confirmation queued already (an earlier release) is not queued again, and the hold still goes.
    const queued = confirmation !== undefined && this.store.messages.has(messageId(confirmation.customerId, confirmation.messageKey));
    this.store.claimHolds.delete(hold.holder);
    if (confirmation && !queued) this.store.messages.set(messageId(confirmation.customerId, confirmation.messageKey), copy(confirmation));
    return 'released';
  }

  /** What the adapter's Query of `CUSTOMER#<id>` finds besides the profile, in sort-key order (not copies). */
  private partition(customerId: string) {
    const keptSales = [...this.store.keptSales.values()].filter((o) => o.customerId === customerId);
    const own = [...this.store.orders.values()].filter((o) => o.customerId === customerId);
    return {
      orders: [...own, ...keptSales].sort(byKey((o) => padTicket(o.orderId))),
      keptSales,
      messages: [...this.store.messages.values()].filter((m) => m.customerId === customerId).sort(byKey((m) => messageStorageKey(m.messageKey))),
      requestRefs: [...this.store.requestRefs.entries()].filter(([, ref]) => ref.customerId === customerId).sort(byKey(([, ref]) => ref.requestId)),
    };
  }
}
