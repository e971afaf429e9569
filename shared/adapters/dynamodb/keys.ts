import type { RetentionRule } from '../../domain/retention/retention';

/**
 * Key formats, in one place. Every item carries `entity` so a reader of the raw table (the
 * inventory test, the export, the sweep) knows what it is looking at.
 */
export const ENTITY = {
  customer: 'customer',
  nameEntry: 'nameEntry',
  phoneClaim: 'phoneClaim',
  organisationClaim: 'organisationClaim',
  order: 'order',
  orderRef: 'orderRef',
  tagClaim: 'tagClaim',
  counter: 'counter',
  message: 'message',
  salesDocument: 'salesDocument',
  signInCode: 'signInCode',
  privacyRequest: 'privacyRequest',
  requestRef: 'requestRef',
  openRequest: 'openRequest',
  requestRate: 'requestRate',
  signInRate: 'signInRate',
  creditClaim: 'creditClaim',
  sweepState: 'sweepState',
  sweepReport: 'sweepReport',
  priceListItem: 'priceListItem',
  expressOption: 'expressOption',
  counterSale: 'counterSale',
  accountItem: 'accountItem',
  collectiveClaim: 'collectiveClaim',
  receivable: 'receivable',
  payment: 'payment',
  paymentAttention: 'paymentAttention',
  paymentReminder: 'paymentReminder',
  claimHold: 'claimHold',
  ocrImport: 'ocrImport',
} as const;
export type EntityName = (typeof ENTITY)[keyof typeof ENTITY];

/** The name index's partition for an entry or a search prefix: its first letter (a code point, not a UTF-16 unit). */
export const nameBucket = (folded: string) => `NAMES#${[...folded][0] ?? ''}`;

export const dueBucket = (rule: RetentionRule, year: number) => `DUE#${rule}#${year}`;

/** The promised-date index's one partition: received orders that were promised a date. */
export const PROMISED_PARTITION = 'PROMISED#received';

/** The open-receivables index's one partition (gsi3): invoices with money still expected. */
export const OPEN_RECEIVABLES_PARTITION = 'RECEIVABLES#open';

/** Receivables with a credit balance (gsi3): what the shop owes customers back, for the reskontro. */
export const CREDIT_BALANCES_PARTITION = 'RECEIVABLES#credit';

/** Payments staff must look at. */
export const PAYMENT_ATTENTION_PARTITION = 'PAYMENTS#attention';
/**
 * The held claims' one partition (gsi3): every legal-claim hold, oldest first, so the daily job can
 * release one whose release on the stream was lost (the sweep's holds have no request to wake them).
 */
export const CLAIM_HOLDS_PARTITION = 'CLAIMHOLDS#held';
/** The print list's one partition (gsi3): reminders to be printed and posted. */
export const REMINDERS_TO_PRINT_PARTITION = 'REMINDERS#print';

/** The OCR giro imports' index partition (gsi1), newest first. */
export const OCR_IMPORTS_PARTITION = 'OCR#imports';

/** Pickups on account still waiting for their collective invoice (gsi1), by date: the job's work list. */
export const ACCOUNTS_WAITING_PARTITION = 'ACCOUNTS#waiting';
/** Collective-invoice claims not yet completed (gsi1), oldest first: the job completes them even with nothing waiting. */
export const COLLECTIVES_UNFINISHED_PARTITION = 'COLLECTIVES#unfinished';

/** The partition that holds the price list. */
export const PRICE_LIST_PARTITION = 'PRICELIST';

const padNumber = (n: number) => String(n).padStart(10, '0');

/** Ticket numbers sort as strings inside a customer's partition, so they are zero-padded there. */
const padTicket = (orderId: string) => orderId.padStart(10, '0');

export const keys = {
  /**
   * The due-date index: items by retention rule and the year of their anchor, the anchor (an ISO
   * date or instant) sorting within. See shared/domain/retention/retention.ts.
   */
  due: (rule: RetentionRule, anchor: string) => ({ gsi2pk: dueBucket(rule, Number(anchor.slice(0, 4))), gsi2sk: anchor }),
  /** The sweep's one state item: where an unfinished run stands, and the oldest bucket still holding items. */
  sweepState: () => ({ pk: 'SWEEP', sk: 'STATE' }),
  /** One report per finished run, newest last. */
  sweepReport: (startedAt: string, runId: string) => ({ pk: 'SWEEP', sk: `REPORT#${startedAt}#${runId}` }),
  customer: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' }),
  /**
   * One name-search entry of a customer (see shared/domain/customers/name-search.ts), by the
   * position of the word it starts at: in the customer's partition, so erasure and anonymisation
   * delete it with the rest, and a change of name overwrites the same keys.
   */
  nameEntry: (customerId: string, position: number) => ({ pk: `CUSTOMER#${customerId}`, sk: `NAME#${position}` }),
  /**
   * The name index (gsi1): entries by their first letter, sorted by the folded name, so a prefix
   * is one Query. The customer id makes the key unique, and ties between equal names stable.
   */
  namesByPrefix: (entry: string, customerId: string) => ({ gsi1pk: nameBucket(entry), gsi1sk: `${entry}#${customerId}` }),
  phoneClaim: (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'CLAIM' }),
  /**
   * The claim that makes an organisation number (nine digits) one customer's: written with the
   * profile on condition it is absent, so a business cannot be registered twice, and how staff
   * find a business by its number (GetItem claim → GetItem profile).
   */
  organisationClaim: (organisationNumber: string) => ({ pk: `ORGNO#${organisationNumber}`, sk: 'CLAIM' }),
  privacyRequest: (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' }),
  /** In the customer's partition: lets the export list a customer's requests; erased with the rest. */
  requestRef: (customerId: string, requestId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `REQUEST#${requestId}` }),
  /**
   * The one open request of a type for a customer: written with the request, on condition it is
   * not there, so two opens at once cannot both succeed; deleted when the request is answered
   * (with the customer's partition, for an erasure). Also how an order's pickup finds the
   * erasure waiting for it.
   */
  openRequest: (customerId: string, type: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `OPEN#${type}` }),
  /** How many requests a customer opened themselves on one shop day (the daily cap); expires by TTL. */
  requestRate: (customerId: string, day: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `REQUESTS#${day}` }),
  /** The queue: requests in a status, the nearest deadline first. */
  requestsByStatus: (status: string, deadline: string, requestId: string) => ({ gsi1pk: `REQUESTS#${status}`, gsi1sk: `${deadline}#${requestId}` }),
  /** The one live sign-in code for a number (a new code replaces the old). */
  signInCode: (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'CODE' }),
  /** How many codes a number was sent in one hour (rate limit). */
  signInRate: (phone: string, hour: string) => ({ pk: `PHONE#${phone}`, sk: `CODES#${hour}` }),
  /**
   * A client's sign-in counters (requests, tries, tries at one code), in the partition of its
   * keyed hash, apart from any number: a client's limits hold across all numbers.
   */
  signInClientRate: (client: string, period: string) => ({ pk: `CLIENT#${client}`, sk: period }),
  order: (customerId: string, orderId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `ORDER#${padTicket(orderId)}` }),
  orderRef: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'REF' }),
  /** Pattern: the garment behind a tag number (find an order by tag; no two garments in the shop share a tag). */
  tagClaim: (tag: string) => ({ pk: `TAG#${tag}`, sk: 'CLAIM' }),
  counter: (name: 'ticket' | 'document' | 'priceListItem') => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  /**
   * The price list is one partition: every item and the express option, so the whole list is one
   * Query (pattern 27), and intake reads the items its lines name by key in the same BatchGet as
   * the customer and the ticket counter (pattern 28). One shop's list is far below a partition's limits.
   */
  priceListItem: (itemId: string) => ({ pk: PRICE_LIST_PARTITION, sk: `ITEM#${itemId}` }),
  /** The shop's one express option, kept with the price list (and read with it). */
  expressOption: () => ({ pk: PRICE_LIST_PARTITION, sk: 'EXPRESS' }),
  salesDocument: (documentNumber: number) => ({ pk: `DOCUMENT#${padNumber(documentNumber)}`, sk: 'DOCUMENT' }),
  /** Exists once an invoice has been credited, so it cannot be credited twice. */
  creditClaim: (documentNumber: number) => ({ pk: `DOCUMENT#${padNumber(documentNumber)}`, sk: 'CREDITED' }),
  /**
   * What an invoice still has owing, in the invoice's own partition: it outlives the customer
   * relationship as the invoice does, and the invoice's transactions reach it by the number alone.
   */
  receivable: (documentNumber: number) => ({ pk: `DOCUMENT#${padNumber(documentNumber)}`, sk: 'RECEIVABLE' }),
  /**
   * A legal-claim hold (claim-hold.ts), by the erasure's pseudonym: a kept receivable carries the
   * pseudonym as its customer id, so its change on the stream finds the hold with one GetItem.
   */
  claimHold: (holder: string) => ({ pk: `CLAIMHOLD#${holder}`, sk: 'HOLD' }),
  /** The hold on the held claims' index (gsi3), by when it began. */
  claimHoldsIndex: (hold: { since: string; holder: string }) => ({ gsi3pk: CLAIM_HOLDS_PARTITION, gsi3sk: `${hold.since}#${hold.holder}` }),
  /**
   * The open-receivables index (gsi3, projection ALL): open and partly paid receivables, the oldest
   * due date first, so "all that is owed" and "overdue on a day" are one Query. Sparse: every
   * write of a receivable writes the whole item, and one no longer open has no such keys.
   */
  openReceivables: (r: { status: string; dueDate: string; documentNumber: number; balanceOre: number }): { gsi3pk: string; gsi3sk: string } | undefined =>
    r.status === 'open' || r.status === 'partly_paid'
      ? { gsi3pk: OPEN_RECEIVABLES_PARTITION, gsi3sk: `${r.dueDate}#${padNumber(r.documentNumber)}` }
      : // A credit in the customer's favour (paid more than owed, or paid, then credited) is owed by the shop:
        // the reskontro lists it, so it has a partition of its own beside the open ones (never a written-off one's).
        r.balanceOre < 0 && r.status !== 'written_off'
        ? { gsi3pk: CREDIT_BALANCES_PARTITION, gsi3sk: `${r.dueDate}#${padNumber(r.documentNumber)}` }
        : undefined,
  /** A payment on an invoice, in the invoice's partition under its idempotency key: recorded once. */
  payment: (documentNumber: number, paymentId: string) => ({ pk: `DOCUMENT#${padNumber(documentNumber)}`, sk: `PAYMENT#${paymentId}` }),
  /** Bank payments staff must look at (unmatched, overpaid), one partition by payment date: a shop has few. */
  paymentAttention: (item: { paymentDate: string; documentNumber?: number; paymentId: string }) => ({
    pk: PAYMENT_ATTENTION_PARTITION,
    sk: `${item.paymentDate}#${item.documentNumber === undefined ? 'none' : padNumber(item.documentNumber)}#${item.paymentId}`,
  }),
  /**
   * A payment reminder, in its invoice's partition beside the receivable: the reminder's
   * transaction reaches both by the number alone, and the sequence makes it one per occasion.
   */
  paymentReminder: (documentNumber: number, sequence: number) => ({ pk: `DOCUMENT#${padNumber(documentNumber)}`, sk: `REMINDER#${String(sequence).padStart(3, '0')}` }),
  /** The print list (gsi3, projection ALL), oldest first: sparse, only while a reminder for the post is not yet printed. */
  remindersToPrint: (r: { delivery: string; printedAt?: string; sentAt: string; documentNumber: number; sequence: number }): { gsi3pk: string; gsi3sk: string } | undefined =>
    r.delivery === 'print' && r.printedAt === undefined
      ? { gsi3pk: REMINDERS_TO_PRINT_PARTITION, gsi3sk: `${r.sentAt}#${padNumber(r.documentNumber)}#${String(r.sequence).padStart(3, '0')}` }
      : undefined,
  /**
   * The claim of an OCR giro transmission number, one item per transmission (a conditional put
   * makes a file imported once), and the imports' list (gsi1), by when they started: one Query.
   */
  ocrImport: (transmissionNumber: string) => ({ pk: `OCR#${transmissionNumber}`, sk: 'IMPORT' }),
  ocrImports: (startedAt: string, transmissionNumber: string) => ({ gsi1pk: OCR_IMPORTS_PARTITION, gsi1sk: `${startedAt}#${transmissionNumber}` }),
  /** A customer's receivables (gsi1), by issue date: the reskontro of one customer is one Query. */
  receivablesByCustomer: (customerId: string, issueDate: string, documentNumber: number) => ({
    gsi1pk: `RECEIVABLES#${customerId}`,
    gsi1sk: `${issueDate}#${padNumber(documentNumber)}`,
  }),
  /** Documents by issue date within a year: the accounting export reads a period, never the table. */
  documentsByDate: (issueDate: string, documentNumber: number) => ({
    gsi1pk: `DOCUMENTS#${issueDate.slice(0, 4)}`,
    gsi1sk: `${issueDate}#${padNumber(documentNumber)}`,
  }),
  /**
   * A pickup paid at the counter, under its ticket but outside the customer's partition: it names
   * no customer, so erasure passes it by and the retention sweep deletes it when its five years end.
   */
  counterSale: (orderId: string, n: number) => ({ pk: `ORDER#${orderId}`, sk: `SALE#${String(n).padStart(3, '0')}` }),
  /**
   * Counter sales by date, in the same yearly partition as the documents: the sales journal reads a
   * period's invoices, credit notes and counter sales with one Query per year ('S' sorts after the
   * documents' digits within a day).
   */
  counterSalesByDate: (date: string, orderId: string, n: number) => ({
    gsi1pk: `DOCUMENTS#${date.slice(0, 4)}`,
    gsi1sk: `${date}#S${padTicket(orderId)}#${String(n).padStart(3, '0')}`,
  }),
  /**
   * A pickup on account, under its business: the collective invoice reads a business's items with
   * one Query of its partition (begins_with ACCOUNT#), and export and erasure reach them with it.
   */
  accountItem: (customerId: string, orderId: string, n: number) => ({ pk: `CUSTOMER#${customerId}`, sk: `ACCOUNT#${padTicket(orderId)}#${String(n).padStart(3, '0')}` }),
  /**
   * The waiting pickups on account of every business (gsi1), by the day picked up: the collective
   * invoice job finds the businesses with something due up to a period's end with one Query, and
   * needs no marker of its own. An invoiced pickup is deleted, so it leaves the index by itself.
   */
  accountsWaiting: (date: string, customerId: string, orderId: string, n: number) => ({
    gsi1pk: ACCOUNTS_WAITING_PARTITION,
    gsi1sk: `${date}#${customerId}#${padTicket(orderId)}#${String(n).padStart(3, '0')}`,
  }),
  /**
   * A business's collective invoice for a period, claimed with its number (collective-invoice.ts):
   * in the business's partition, read with the account in one BatchGet, and erased with it.
   */
  collectiveClaim: (customerId: string, periodKey: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `COLLECTIVE#${periodKey}` }),
  /**
   * A claim not yet completed (gsi1, sparse: removed with the claim's completion), by when it was
   * claimed: the monthly job lists them, since a claim whose pickups went on no other invoice may
   * have nothing left waiting to bring the job to its business, and tells one older than a day.
   */
  collectivesUnfinished: (claimedAt: string, customerId: string, periodKey: string) => ({
    gsi1pk: COLLECTIVES_UNFINISHED_PARTITION,
    gsi1sk: `${claimedAt}#${customerId}#${periodKey}`,
  }),
  /** In the customer's partition, so export and erasure of one customer reach their messages too. */
  message: (customerId: string, messageKey: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `MESSAGE#${messageKey}` }),
  /** Messages that need attention (pending, sending, failed), oldest first; sent ones leave the index. */
  messagesByState: (state: string, updatedAt: string, messageKey: string) => ({
    gsi1pk: `MESSAGES#${state}`,
    gsi1sk: `${updatedAt}#${messageKey}`,
  }),
  /**
   * The promised-date index (gsi3): received orders by the date promised, then by ticket; one
   * partition, as the received queue is on gsi1. None for an order in another status or promised nothing.
   */
  ordersByPromisedDate: (order: { status: string; promisedReadyAt?: string; orderId: string }): { gsi3pk: string; gsi3sk: string } | undefined =>
    order.status === 'received' && order.promisedReadyAt ? { gsi3pk: PROMISED_PARTITION, gsi3sk: `${order.promisedReadyAt}#${padTicket(order.orderId)}` } : undefined,
  ordersByStatus: (status: string, changedAt: string, orderId: string) => ({
    gsi1pk: `ORDERS#${status}`,
    gsi1sk: `${changedAt}#${padTicket(orderId)}`,
  }),
};

/** Message keys start with the order's ticket, padded so one order's messages are one key range. */
export const orderMessagesPrefix = (orderId: string) => `MESSAGE#${padTicket(orderId)}#`;
export const messageKeyForStorage = (messageKey: string) => {
  const [orderId, ...rest] = messageKey.split('#');
  return [orderId === 'none' ? 'none' : padTicket(orderId ?? ''), ...rest].join('#');
};

/** The sort-key range of a customer's partition that holds the profile and the orders. */
export const CUSTOMER_WITH_ORDERS_RANGE = { from: 'ORDER#', to: 'PROFILE' } as const;
