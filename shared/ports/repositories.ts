import type { Customer, Customer as CustomerRecord } from '../domain/customers/customers';
import type { InvoicePeriod } from '../domain/invoices/collective-invoice';
import type { Message, MessageState } from '../domain/kernel/outbox-message';
import type { CounterSale } from '../domain/invoices/counter-sales';
import type { AccountItem } from '../domain/invoices/account-items';
import type { CreditTally, SalesDocument } from '../domain/invoices/sales-documents';
import type { MoveChange, Order, OrderAction, OrderStatus, Payment, Reminder, StatutoryNotice } from '../domain/orders/orders';
import type { ExpressOption, PriceListItem } from '../domain/orders/price-list';

/** What the use cases need from storage. Adapters implement these and throw domain errors. */
export type Page<T> = { items: T[]; nextCursor?: string };
export type PageRequest = { limit: number; cursor?: string };

export interface CustomerRepository {
  /**
   * Stores a new customer with their name-search entries; a mobile number is claimed with them,
   * and ConflictError (extension existingCustomerId) when it is taken. A landline claims nothing.
   * A business's organisation number is claimed too: ConflictError (existingCustomerId, and
   * errors naming /business/organisationNumber) when another customer holds it.
   */
  register(customer: Customer): Promise<void>;
  /** Who holds a mobile number (landlines are held by no one). */
  findIdByPhone(phone: string): Promise<string | undefined>;
  /** The business holding an organisation number (nine digits). */
  findIdByOrganisationNumber(organisationNumber: string): Promise<string | undefined>;
  get(customerId: string): Promise<Customer | undefined>;
  /**
   * Customers with a name-search entry starting with `prefix` (folded, see
   * shared/domain/customers/name-search.ts), in the entries' order, each at most once a page. A
   * page may hold fewer than `limit` and still have a next one.
   */
  findByName(prefix: string, page: PageRequest): Promise<Page<Customer>>;
  /** The customer and a page of their orders, newest first. */
  getWithOrders(customerId: string, page: PageRequest): Promise<{ customer: Customer; orders: Page<Order> } | undefined>;
  /**
   * Replaces `before` with `after` only if nobody changed it meanwhile (PreconditionFailedError
   * otherwise), moving a mobile number's claim, an organisation number's claim (ConflictError
   * when the new one is another's) and the name-search entries with it.
   */
  replace(before: Customer, after: Customer): Promise<void>;
}

export type OrderStatusChange = MoveChange & { expectedVersion?: number };

/** Builds the outbox message once the repository knows whose order it is. */
export type MessageFor = (order: { customerId: string; orderId: string }) => Message;
/** The message a move sends, if any, decided from the order as the move found it. */
export type MessageWithMove = (order: Order) => Message | undefined;

/** What intake reads in one batch: the customer (absent if there is none) and the price list's items the lines name. */
export type IntakeContext = { customer?: Customer; priceItems: PriceListItem[]; express?: ExpressOption };

/** What a change after intake reads with the order, in one batch: the price-list items its lines name and the express option. */
export type PricesContext = { priceItems: PriceListItem[]; express?: ExpressOption };

export type OrderMessageChange = {
  /** The order must be in one of these statuses, or the message is not written (ConflictError). */
  allowedStatuses: readonly OrderStatus[];
  promisedReadyAt?: string;
  reminder?: Reminder;
};

export interface OrderRepository {
  nextTicketNumber(): Promise<string>;
  /** Stores a new order and stamps the customer's last activity; NotFoundError if the customer is gone. */
  create(order: Order): Promise<void>;
  get(orderId: string): Promise<Order | undefined>;
  /** The order a garment in the shop belongs to, by its tag: undefined once the garment has left the shop. */
  findByTag(tag: string): Promise<Order | undefined>;
  /** Whose order a ticket is (one GetItem on the ticket's pointer). */
  customerIdOf(orderId: string): Promise<string | undefined>;
  /** The number of the invoice issued for an order, undefined when it has none; NotFoundError when there is no such order. */
  invoiceNumberOf(orderId: string): Promise<number | undefined>;
  /**
   * Applies a state-machine move atomically: ConflictError if illegal now, PreconditionFailedError
   * on a stale version. With `notify`, the outbox message is written in the same transaction.
   */
  transition(orderId: string, action: OrderAction, change: OrderStatusChange, notify?: MessageWithMove): Promise<Order>;
  /**
   * Changes an open order as `change` decides from the order as stored (its ticket's copy): one
   * transaction writes the changed order, the copy and the message, conditioned on the version the
   * change was decided from (and on `expectedVersion` when given: PreconditionFailedError). A change
   * decided from a copy a step behind is decided again from the order as stored. The same
   * transaction frees the tags of the garments the change takes out of the shop, and stores `sale`
   * (a pickup paid at the counter) beside the order for the journal, or `accountItem` (a pickup on
   * account) under its business, each once (conditioned on not existing).
   */
  changeOpen(orderId: string, expectedVersion: number | undefined, change: (order: Order) => OpenOrderChange): Promise<Order>;
  /**
   * Changes an order after intake as `revise` decides from the order as stored (its ticket's copy)
   * and the price list, read together in one batch: one transaction puts the order and its copy,
   * claims each tag the revised order's garments have that the order's had not, and frees each
   * they no longer have (tagsChangedBy), conditioned on the version decided from and on
   * `expectedVersion` (PreconditionFailedError otherwise). A new tag on a garment in the shop:
   * ConflictError (tagInUse) naming the garment by its place in the revised order. A refusal
   * writes nothing; a change decided from a copy a step behind is decided again from the order as stored.
   */
  revise(orderId: string, expectedVersion: number, priceListItemIds: readonly string[], revise: (order: Order, prices: PricesContext) => Order): Promise<Order>;
  /** Intake's one read: the customer, the price-list items by id and the express option. */
  intakeContext(customerId: string, priceListItemIds: readonly string[]): Promise<IntakeContext>;
  /** Writes an outbox message about an order (and the order change it implies) in one transaction. */
  addMessage(orderId: string, change: OrderMessageChange, message: MessageFor): Promise<{ message: Message; duplicate: boolean }>;
  recordNotice(orderId: string, notice: StatutoryNotice, readyBefore: string): Promise<Order>;
  listByStatus(status: OrderStatus, page: PageRequest): Promise<Page<Order>>;
  /** Orders that entered a status within [from, to), oldest first (reminders, uncollected, the journal). */
  listInStatusBetween(status: OrderStatus, from: string, to: string, page: PageRequest): Promise<Page<Order>>;
  /** Received orders promised on a date in [from, to] (ISO dates, inclusive), earliest date first, then by ticket. */
  listPromisedBetween(from: string, to: string, page: PageRequest): Promise<Page<Order>>;
}

export interface MessageRepository {
  /** For messages that belong to no order (verification codes); conditional on the key being new. */
  create(message: Message): Promise<{ message: Message; duplicate: boolean }>;
  get(customerId: string, messageKey: string): Promise<Message | undefined>;
  /** pending → sending, counting the attempt; undefined when another sender has it or it is done. */
  claim(customerId: string, messageKey: string, at: string): Promise<Message | undefined>;
  /** sending → pending after a transient failure, so a retry may send it. */
  release(message: Message, at: string): Promise<void>;
  markSent(message: Message, providerMessageId: string, at: string): Promise<void>;
  markFailed(message: Message, reason: string, at: string): Promise<void>;
  /** A message the provider accepted but could not deliver (a bounce, a complaint): sent → failed. */
  markUndeliverable(customerId: string, messageKey: string, reason: string, at: string): Promise<boolean>;
  listForOrder(customerId: string, orderId: string): Promise<Message[]>;
  listByState(state: Exclude<MessageState, 'sent'>, page: PageRequest): Promise<Page<Message>>;
}

export type Clock = () => Date;

/** What a change of an open order writes: the order, and with it an outbox message or a counter sale. */
/** `accountItem`: a pickup on account, kept under its business until the collective invoice (account-items.ts). */
export type OpenOrderChange = { order: Order; message?: Message; sale?: CounterSale; accountItem?: AccountItem };

export type InvoiceIssue = {
  at: string;
  expectedVersion?: number;
  /** Where the series starts when no document has been issued yet. */
  firstNumber: number;
  /** seriesDate: the date of the series' last document; the new one must not be dated earlier. */
  build: (context: { order: Order; customer: CustomerRecord; documentNumber: number; seriesDate: string | undefined }) => SalesDocument;
  /**
   * The order after the pickup, decided from the order as read (it throws to refuse, before anything
   * is written); without it, the whole order is handed out, from ready, as the state machine says.
   */
  pickUp?: (order: Order, payment: Payment) => Order;
  /** The e-mail that carries the document, when the customer chose e-invoice. */
  notify?: (document: SalesDocument) => Message | undefined;
};

/**
 * A business's collective invoice for a period (invoices/collective-invoice.ts): `build` makes it
 * from the business and its pickups on account (it refuses a customer who may not be invoiced on
 * account, and answers undefined when nothing is due, so no number is taken).
 */
export type CollectiveInvoiceIssue = {
  /** When it is issued: the claim's time. */
  at: string;
  customerId: string;
  period: InvoicePeriod;
  firstNumber: number;
  build: (context: { customer: CustomerRecord; items: AccountItem[]; documentNumber: number; seriesDate: string | undefined }) => SalesDocument | undefined;
  /** A claimed invoice as it is stored when completed now (a later day moves its due date: collectiveInvoiceCompleted). */
  complete?: (claimed: SalesDocument) => SalesDocument;
  notify?: (document: SalesDocument) => Message | undefined;
};

/** `issued` (now, or a claimed one completed now), `already_issued` (the period's invoice, stored before), `nothing_due`. */
export type CollectiveInvoiceOutcome = ({ outcome: 'issued' | 'already_issued'; document: SalesDocument } | { outcome: 'nothing_due' }) & {
  /** The numbers of the business's claims of other periods left unfinished, completed first (absent when none). */
  completedFirst?: number[];
};

/** A collective-invoice claim not yet completed: whose, which period, and since when (the job's list). */
export type UnfinishedCollectiveClaim = { customerId: string; period: string; claimedAt: string };

export type CreditNoteIssue = {
  firstNumber: number;
  /** The credit note, and the invoice's tally with it, from what was credited before (`credited`); may refuse (an over-credit). */
  build: (original: SalesDocument, documentNumber: number, seriesDate: string | undefined, credited: CreditTally) => { creditNote: SalesDocument; tally: CreditTally };
  /**
   * A retried credit (its key on the tally read): the number of the credit note it issued, which is
   * answered as stored, taking no number and writing nothing; may refuse (a key reused for another
   * credit). Asked of every tally read, before build, so a retry racing its first try finds it.
   */
  replayed?: (credited: CreditTally) => number | undefined;
  notify?: (document: SalesDocument) => Message | undefined;
};

export interface SalesDocumentRepository {
  /**
   * Hands a ready order over on credit: takes the next number of the series and, in one
   * transaction, advances the series, stores the invoice, marks the order picked up and queues
   * the e-mail. No number is used unless its document is stored, so the series has no gaps, and
   * no document is dated before the one numbered before it. The order is written only at the
   * version the invoice was built from, so the returned order (and its ETag) is what is stored.
   * The caller names the buyer (the customer the order was taken in for, which the counter shows
   * with the order), so one read gets the order, the buyer and the series at once; an order of
   * another customer is refused.
   */
  issueInvoice(order: { customerId: string; orderId: string }, issue: InvoiceIssue): Promise<{ order: Order; document: SalesDocument }>;
  /**
   * Credits an invoice, in full or in part, with a credit note in the same series. The credit note
   * and the invoice's tally are written in one transaction conditioned on the tally read, so
   * credits at once never together exceed the invoice: the one that loses is built again from the
   * tally stored, and refused if it no longer fits.
   */
  issueCreditNote(
    originalNumber: number,
    issue: CreditNoteIssue,
  ): Promise<SalesDocument>;
  get(documentNumber: number): Promise<SalesDocument | undefined>;
  /** Every document issued on the days from..to (inclusive), in number order. */
  listIssuedBetween(fromDate: string, toDate: string): Promise<SalesDocument[]>;
  /**
   * The sales of the days from..to (inclusive) for the journal: every document, in number order,
   * and every pickup paid at the counter, by date, ticket and pickup.
   */
  listSalesBetween(fromDate: string, toDate: string): Promise<{ documents: SalesDocument[]; counterSales: CounterSale[] }>;
  /** A business's pickups on account not yet invoiced (account-items.ts), by ticket and pickup: what its collective invoice reads. */
  listAccountItems(customerId: string): Promise<AccountItem[]>;
  /**
   * Issues a business's collective invoice for a period, once. The number is taken together with
   * the period's claim (the invoice as built, naming its pickups), so a number is never taken
   * without it and a rerun or a second click completes the claimed invoice rather than issue
   * another; the pickups it lists are then consumed (each only while still waiting) in
   * transactions of at most 90, and the invoice is stored last with its receivable and its e-mail.
   * A pickup made after the claim waits for the next period's invoice. The business's claims of
   * other periods left unfinished are completed first (as their own rerun would), so no pickup is
   * on two invoices and no number is left without its invoice.
   */
  issueCollectiveInvoice(issue: CollectiveInvoiceIssue): Promise<CollectiveInvoiceOutcome>;
  /** Every collective-invoice claim not yet completed, oldest first (the job's second work list; an index, so it may lag a moment). */
  listUnfinishedCollectiveClaims(): Promise<UnfinishedCollectiveClaim[]>;
  /** The businesses with pickups on account waiting that were picked up on or before a date (the job's work list; an index, so it may lag a pickup by a moment). */
  listBusinessesWithAccountItems(upTo: string): Promise<string[]>;
}

/** The number's SMS budget (every code sent, new or re-sent, counts): the hour and the day, YYYY-MM-DDTHH and YYYY-MM-DD. */
export type SignInSends = { hour: string; maxPerHour: number; day: string; maxPerDay: number };

export type NewSignInCode = SignInSends & {
  phone: string;
  customerId: string;
  codeHash: string;
  /** The code encrypted for the SMS sender only, kept so a re-send needs no plain code. */
  sealedCode: string;
  expiresAt: number;
  createdAt: string;
  /** Now (epoch seconds) and the tries a code takes: a code that is still live is never replaced. */
  now: number;
  maxAttempts: number;
  message: Message;
};

/** The same live code sent again (another SMS with the stored ciphertext): the code and its tries stay. */
export type SignInResend = SignInSends & { phone: string; codeHash: string; message: Message };

export type LiveSignInCode = { customerId: string; codeHash: string; sealedCode: string; attempts: number; expiresAt: number };

/** One of a client's allowances: `period` names the counter (CODES#<hour>, TRIES#<day>, TRIES#<code>...). */
export type ClientCounter = { period: string; max: number; expiresAt: number };

export interface SignInRepository {
  /** The number's code while it can still be used (not expired, tries left); undefined otherwise. */
  liveCode(phone: string, nowEpochSeconds: number, maxAttempts: number): Promise<LiveSignInCode | undefined>;
  /** Stores a new code and queues its SMS, unless a code is still live or the number's SMS budget is used (then nothing). */
  issueCode(code: NewSignInCode): Promise<'issued' | 'rate_limited'>;
  /** Queues the live code's SMS again, unless the code changed or the number's SMS budget is used (then nothing). */
  resendCode(resend: SignInResend): Promise<'sent' | 'rate_limited'>;
  /** Counts one against each of a client's counters, all or none; false (and nothing written) when one is at its max. */
  countClient(client: string, counters: ClientCounter[]): Promise<boolean>;
  /** Counts one try at the live code (the one with this hash, if given); undefined when there is none, it expired, changed or its tries are used up. */
  countAttempt(phone: string, maxAttempts: number, nowEpochSeconds: number, codeHash?: string): Promise<{ customerId: string; codeHash: string; attempts: number } | undefined>;
  /**
   * Uses the code up, in the same write that checks the number is still the customer's (a code
   * sent before a change of number, or an erasure, is void); false when another request used it
   * first, a new code replaced it, or the number has moved. Conditioned on the code checked, not
   * on the count of tries: a stranger's wrong guess landing at the same moment must not void the
   * owner's right one.
   */
  consume(phone: string, codeHash: string, customerId: string): Promise<boolean>;
}

/** The daily cap on a customer's own requests: the shop day counted in, and what the 429 says. */
export type DailyRequestLimit = { day: string; max: number; retryAfterSeconds: number; expiresAt: number };

export interface PrivacyRequestRepository {
  /**
   * Stores a new request with its link from the customer and the customer's one open request of
   * its type, all or nothing: NotFoundError when the customer is gone or being erased,
   * ConflictError (openRequestId) when a request of the type is open, RateLimitedError when
   * `limit` is given and the day's count has reached it.
   */
  create(request: import('../domain/rights/privacy-requests').PrivacyRequest, limit?: DailyRequestLimit): Promise<void>;
  /** The customer's open request of a type, if there is one. */
  openRequestOf(customerId: string, type: import('../domain/rights/privacy-requests').RequestType): Promise<string | undefined>;
  /** Frees the customer's one open request of a type once it is answered (only if it is this request). */
  releaseOpen(customerId: string, type: import('../domain/rights/privacy-requests').RequestType, requestId: string): Promise<void>;
  /** Moves a blocked request's deadline (and its place in the queue); false when it is not blocked. */
  moveDeadline(request: import('../domain/rights/privacy-requests').PrivacyRequest, deadline: string, at: string): Promise<boolean>;
  get(requestId: string): Promise<import('../domain/rights/privacy-requests').PrivacyRequest | undefined>;
  /**
   * Records what an in-progress request's answer holds (counts per kind of item); false when the
   * request is not in progress. Status changes are the workflow's own writes (REQUEST_TRANSITIONS).
   */
  recordOutcome(requestId: string, outcome: NonNullable<import('../domain/rights/privacy-requests').PrivacyRequest['outcome']>, at: string): Promise<boolean>;
  /** Extends an open request's deadline once, queueing the notice to the customer in the same transaction. */
  extend(request: import('../domain/rights/privacy-requests').PrivacyRequest, extended: import('../domain/rights/privacy-requests').PrivacyRequest, today: string, notice: Message): Promise<boolean>;
  listByStatus(status: import('../domain/rights/privacy-requests').RequestStatus, page: PageRequest): Promise<Page<import('../domain/rights/privacy-requests').PrivacyRequest>>;
  /** Requests in a status whose deadline is before the date (a range on the queue index). */
  listDueBefore(status: import('../domain/rights/privacy-requests').RequestStatus, date: string): Promise<import('../domain/rights/privacy-requests').PrivacyRequest[]>;
  /** Drops the link to the person from a request (their data was erased). */
  forgetCustomer(requestId: string): Promise<void>;
}

export interface CustomerDataRepository {
  /** Everything stored about the customer, or undefined when there is no profile (erased). */
  readAll(customerId: string): Promise<import('../domain/rights/customer-export').CustomerData | undefined>;
  /**
   * Replaces the customer's documents under legal hold by their kept form (erasure-plan.ts: under the
   * pseudonym, without free text). Only a document still the customer's is replaced, so a rerun
   * changes nothing and no one else's document is ever touched.
   */
  keepDocuments(customerId: string, kept: SalesDocument[]): Promise<void>;
  /** Queues a message outside the customer's partition (it must outlive the erasure). */
  queueMessage(message: Message): Promise<void>;
  /**
   * Marks the profile as being erased, which refuses new orders and profile changes from then on.
   * With `onlyIfInactiveSince`, only while the last activity is at or before that instant
   * ('active' otherwise). 'gone' when there is no profile. An erasure already begun goes on.
   * With `run` (a workflow run's name), the erasure is that run's alone: another run's, begun
   * less than `staleBefore` ago, answers 'busy' and is left to finish; a rerun of the same run
   * (a retried step) goes on, and a stale one (a run that died) is taken over.
   */
  beginErasure(customerId: string, at: string, onlyIfInactiveSince?: string, run?: { name: string; staleBefore: string }): Promise<'started' | 'gone' | 'active' | 'busy'>;
  /**
   * Drops a run's hold (only that run's), the mark staying: a run whose step failed leaves the
   * half-done erasure to the next run (staff's rerun) at once, not after the hold goes stale.
   */
  releaseErasureHold(customerId: string, run: string): Promise<void>;
  /** Lifts the mark (and any run's hold on it) when something open makes the erasure wait. */
  abortErasure(customerId: string): Promise<void>;
  /** Writes sales kept for the books (already pseudonymised by the caller); idempotent. */
  archiveSales(sales: Order[]): Promise<void>;
  /**
   * Deletes all but the profile: the customer's own records (name-search entries among them) and,
   * given their mobile number, its claim and codes (only while they are this customer's); given a
   * business's organisation number, its claim (only while it is this customer's).
   */
  deleteCustomerRecords(customerId: string, mobile: string | undefined, organisationNumber?: string): Promise<Record<string, number>>;
  /** Deletes the profile: the last step, after which nothing leads to the rest. */
  deleteProfile(customerId: string): Promise<void>;
  /** Stores a legal-claim hold (claim-hold.ts) under its holder's pseudonym; placing it again changes nothing. */
  placeClaimHold(hold: import('../domain/rights/claim-hold').ClaimHold): Promise<void>;
  /** The hold of a pseudonym, with which of its invoices are open now (read strongly consistent); undefined when there is none. */
  claimHold(holder: string): Promise<import('../domain/rights/claim-hold').ClaimHoldState | undefined>;
  /**
   * Deletes the hold and queues `confirmation`, in one transaction conditioned on the hold still
   * being there and on each of its invoices' receivables being closed (paid, credited or written
   * off): 'gone' when another release came first, 'still_owed' (nothing written) when one is open.
   */
  releaseClaimHold(hold: import('../domain/rights/claim-hold').ClaimHold, confirmation?: Message): Promise<'released' | 'still_owed' | 'gone'>;
  /** Every hold, the oldest first (the daily backstop under the stream's release). */
  listClaimHolds(page: PageRequest): Promise<Page<import('../domain/rights/claim-hold').ClaimHold>>;
}
