import type { Customer } from '#shared/domain/customers/customers';
import type { Message } from '#shared/domain/kernel/outbox-message';
import type { AccountItem } from '#shared/domain/invoices/account-items';
import type { CounterSale } from '#shared/domain/invoices/counter-sales';
import type { CreditTally, SalesDocument } from '#shared/domain/invoices/sales-documents';
import type { Order } from '#shared/domain/orders/orders';
import type { ExpressOption, PriceListItem } from '#shared/domain/orders/price-list';
import type { PrivacyRequest } from '#shared/domain/rights/privacy-requests';
import type { Payment, PaymentNeedingAttention } from '#shared/domain/receivables/payments';
import type { OcrImport } from '#shared/domain/receivables/ocr-import-report';
import type { Receivable } from '#shared/domain/receivables/receivables';
import type { PaymentReminder } from '#shared/domain/receivables/payment-reminders';
import type { ClaimHold } from '#shared/domain/rights/claim-hold';
import type { SweepReport, SweepState } from '#shared/ports/retention';

/**
 * The in-memory ports' one "table": every repository of a world reads and writes the same store,
 * as the DynamoDB adapters share one table, so a move in one (an order taken in) is seen by the
 * others (the customer's last activity). Values go in and come out as copies, with undefined
 * members dropped as the document client drops them: a caller that mutates what it was given or
 * what it stored changes nothing here.
 *
 * Atomicity: every method checks all its conditions before its first write and never awaits in
 * between, so a failed call writes nothing and no other call runs in the middle of one.
 */
export type SignInCodeRecord = { customerId: string; codeHash: string; sealedCode: string; attempts: number; createdAt: string; expiresAt: number };
/** The sweep's state item and the lease on it (which run may write it, until when). */
export type SweepStateRecord = SweepState & { leaseHolder: string; leaseUntil: string };

export class InMemoryStore {
  /** By customer id; `erasingSince` and `erasingBy` are storage's own marks, never returned with the customer. */
  readonly customers = new Map<string, { customer: Customer; erasingSince?: string; erasingBy?: string }>();
  /** Phone (E.164) → the customer who holds it. */
  readonly phoneClaims = new Map<string, string>();
  /** Organisation number (nine digits) → the business customer who holds it. */
  readonly organisationClaims = new Map<string, string>();
  /** By ticket; each order lives under its customer, as in the customer's partition. */
  readonly orders = new Map<string, Order>();
  /**
   * Collected counter sales kept for the books after their customer was erased, by pseudonym and
   * ticket (keptSaleId): the adapter writes them into the pseudonym's partition, where no ticket's
   * pointer leads, beside the customer's own order until that is deleted. They stay in the
   * picked-up queue, which the sales journal reads.
   */
  readonly keptSales = new Map<string, Order>();
  /** Collective-invoice claims, by `collectiveClaimId`: the number, and the invoice as built until it is stored. */
  readonly collectiveClaims = new Map<string, { customerId: string; period: string; documentNumber: number; claimedAt: string; document?: SalesDocument; completedAt?: string }>();
  /** Pickups on account, by `accountItemId` (under the business, as the adapter keeps them). */
  readonly accountItems = new Map<string, AccountItem>();
  /** Pickups paid at the counter, by `counterSaleId` (under the ticket, as the adapter keeps them). */
  readonly counterSales = new Map<string, CounterSale>();
  /** Ticket → customer: the pointer an order is found by. */
  readonly orderRefs = new Map<string, string>();
  /** Tag → the order whose garment in the shop carries it. */
  readonly tagClaims = new Map<string, string>();
  /** By customerId and messageKey. */
  readonly messages = new Map<string, Message>();
  readonly documents = new Map<number, SalesDocument>();
  /** Invoice number → the credit note that reverses it. */
  readonly creditClaims = new Map<number, { creditedBy: number; retainUntil: string; tally: CreditTally }>();
  /** Invoice number → what it has owing, written with the invoice and by each posting on it. */
  readonly receivables = new Map<number, Receivable>();
  /** Payments by `paymentStoreId` (in the invoice's partition, under the payment's key, as the adapter keeps them). */
  readonly payments = new Map<string, Payment>();
  /** Bank payments staff must look at, by `attentionId` (the adapter's sort key). */
  readonly paymentAttention = new Map<string, PaymentNeedingAttention>();
  /** `${number}\u0000${sequence}` (zero-padded) → a payment reminder, in its invoice's partition as the adapter keeps it. */
  readonly paymentReminders = new Map<string, PaymentReminder>();
  /** Pseudonym → a legal-claim hold placed by an erasure while an invoice was open. */
  readonly claimHolds = new Map<string, ClaimHold>();
  /** OCR giro imports by transmission number (the adapter's OCR#<number> claim). */
  readonly ocrImports = new Map<string, OcrImport>();
  readonly counters: { ticket?: number; document?: { value: number; lastIssueDate?: string }; priceListItem?: number } = {};
  readonly signInCodes = new Map<string, SignInCodeRecord>();
  /** `${phone}#${hour or day}` → codes sent in that period; `CLIENT#${client}#${period}` → a client's counters. */
  readonly signInRates = new Map<string, { count: number; expiresAt: number }>();
  readonly requests = new Map<string, PrivacyRequest>();
  /**
   * The links in a customer's partition that list their requests, by requestRefId. They go with
   * the customer's records, while the request (its link to the person dropped) stays.
   */
  readonly requestRefs = new Map<string, { customerId: string; requestId: string }>();
  /** `${customerId}\u0000${type}` → the customer's one open request of that type (the adapter's marker in their partition). */
  readonly openRequests = new Map<string, string>();
  /** `${customerId}\u0000${day}` → requests the customer opened themselves that shop day. */
  readonly requestRates = new Map<string, { count: number; expiresAt: number }>();
  /** The retention sweep's one state item (absent until a run saves it). */
  readonly sweep: { state?: SweepStateRecord } = {};
  /** The sweep's run reports, by `${invokedAt}#${runId}`, each with the expiry the sweep itself deletes it at. */
  readonly sweepReports = new Map<string, { report: SweepReport; expiresAt: number }>();
  /** The price list's partition: the items by id, and the one express option once it is set. */
  readonly priceList: { items: Map<string, PriceListItem>; express?: ExpressOption } = { items: new Map() };

  /** Everything stored, as one comparable value (the in-memory counterpart of a table scan). */
  snapshot(): unknown {
    const entries = <K, V>(map: Map<K, V>) => [...map.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));
    return copy({
      customers: entries(this.customers),
      phoneClaims: entries(this.phoneClaims),
      organisationClaims: entries(this.organisationClaims),
      orders: entries(this.orders),
      orderRefs: entries(this.orderRefs),
      tagClaims: entries(this.tagClaims),
      messages: entries(this.messages),
      documents: entries(this.documents),
      creditClaims: entries(this.creditClaims),
      receivables: entries(this.receivables),
      payments: entries(this.payments),
      paymentAttention: entries(this.paymentAttention),
      paymentReminders: entries(this.paymentReminders),
      claimHolds: entries(this.claimHolds),
      ocrImports: entries(this.ocrImports),
      counters: this.counters,
      signInCodes: entries(this.signInCodes),
      signInRates: entries(this.signInRates),
      requests: entries(this.requests),
      keptSales: entries(this.keptSales),
      counterSales: entries(this.counterSales),
      accountItems: entries(this.accountItems),
      collectiveClaims: entries(this.collectiveClaims),
      requestRefs: entries(this.requestRefs),
      openRequests: entries(this.openRequests),
      requestRates: entries(this.requestRates),
      sweep: this.sweep,
      sweepReports: entries(this.sweepReports),
      priceListItems: entries(this.priceList.items),
      expressOption: this.priceList.express,
    });
  }
}

export const paymentStoreId = (documentNumber: number, paymentId: string) => `${String(documentNumber).padStart(10, '0')}\u0000${paymentId}`;
export const attentionId = (a: { paymentDate: string; documentNumber?: number; paymentId: string }) =>
  `${a.paymentDate}#${a.documentNumber === undefined ? 'none' : String(a.documentNumber).padStart(10, '0')}#${a.paymentId}`;
export const paymentReminderId = (documentNumber: number, sequence: number) => `${String(documentNumber).padStart(10, '0')}\u0000${String(sequence).padStart(3, '0')}`;
export const messageId = (customerId: string, messageKey: string) => `${customerId}\u0000${messageKey}`;
export const counterSaleId = (orderId: string, n: number) => `${orderId}\u0000${String(n).padStart(3, '0')}`;
export const accountItemId = (item: { customerId: string; orderId: string; n: number }) => `${item.customerId}\u0000${item.orderId}\u0000${String(item.n).padStart(3, '0')}`;
export const collectiveClaimId = (customerId: string, period: string) => `${customerId}\u0000${period}`;
export const keptSaleId = (pseudonym: string, orderId: string) => `${pseudonym}\u0000${orderId}`;
export const requestRefId = (customerId: string, requestId: string) => `${customerId}\u0000${requestId}`;
export const openRequestId = (customerId: string, type: string) => `${customerId}\u0000${type}`;
export const requestRateId = (customerId: string, day: string) => `${customerId}\u0000${day}`;

/** A stored copy: what the document client would write (undefined members dropped) and read back. */
export function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
