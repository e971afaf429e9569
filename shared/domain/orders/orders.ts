import { ConflictError, ValidationError } from '../kernel/errors';
import { vatFromGross, type Ore, type VatBreakdown } from '../kernel/money';
import { isInShop, type Garment } from './garments';
import type { PickupNoticeChannel } from '../customers/customers';
import type { DiscountReason } from './order-pricing';
import type { PriceCategory, PriceUnit } from './price-list';

/**
 * `returned`: a cancelled order whose garments have been handed back to their owner. It is a status
 * of its own, not a mark on a cancelled order, so that every move is a status change (the table
 * below) and the status index holds exactly the cancelled orders still waiting to be handed back.
 */
export const ORDER_STATUSES = ['received', 'ready', 'picked_up', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['counter', 'invoice', 'account'] as const;
/**
 * counter: paid by cash or card in the shop's certified cash register (kassasystemlova), which
 *          issues the receipt; we only record that it happened and the register's reference.
 * invoice: a credit sale, invoiced by this backend and paid later by bank transfer.
 * account: a business on account (BusinessAccount.onAccount) takes the garments now; the sale
 *          waits under the business (invoices/account-items.ts) for the period's collective invoice.
 */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The order's life at the counter. Anything not listed here is an illegal move (409). */
/**
 * The garments of an order in these statuses are still in the shop: they must go back to their
 * owner before the customer can be erased or anonymised, and they are what reminders and the
 * statutory notice are about. The one place this is decided.
 */
export const OPEN_ORDER_STATUSES = ['received', 'ready'] as const satisfies readonly OrderStatus[];
/** …and so is a cancelled order until its garments have been handed back. */
export const isOpenOrder = (order: Pick<Order, 'status' | 'garments'>): boolean =>
  (OPEN_ORDER_STATUSES as readonly OrderStatus[]).includes(order.status) || order.garments.some(isInShop);

/**
 * What a move asks of the garments beside the status, judged on the order at the version the write
 * is conditioned on (a list of garments is no condition DynamoDB can state). Garments never come
 * back into the shop, so a copy a step behind can only be too lenient, never too strict, and the
 * version condition catches that.
 * none_handed_out: a cancellation is refused once anything has been handed out (the customer has
 *                  taken part of the service; today a pickup hands out all, so this is "not from
 *                  picked_up", written on the garments so partial pickups keep it).
 * all_in_shop:     garments are handed back only from the shop.
 */
export const GARMENT_GUARDS = {
  none_handed_out: (garments: readonly Pick<Garment, 'state'>[]) => !garments.some((g) => g.state === 'handed_out'),
  all_in_shop: (garments: readonly Pick<Garment, 'state'>[]) => garments.every(isInShop),
} as const;
export type GarmentGuard = keyof typeof GARMENT_GUARDS;

export const ORDER_TRANSITIONS = {
  ready: { from: ['received'], to: 'ready' },
  pickup: { from: ['ready'], to: 'picked_up' },
  cancel: { from: ['received', 'ready'], to: 'cancelled', garments: 'none_handed_out' },
  /** A cancelled order's garments handed back to their owner: every one leaves the shop, its tag free again. */
  return: { from: ['cancelled'], to: 'returned', garments: 'all_in_shop' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; garments?: GarmentGuard }>;
export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/**
 * Why a cancellation was made, from a closed list (no free text: nothing about the customer can be
 * written into it). The labels are what the counter shows.
 */
export const CANCEL_REASONS = ['customer_changed_mind', 'cannot_be_treated', 'registered_by_mistake', 'damaged_before_work', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
export const CANCEL_REASON_LABELS = {
  customer_changed_mind: 'Kunden ombestemte seg',
  cannot_be_treated: 'Kan ikke behandles',
  registered_by_mistake: 'Registrert ved en feil',
  damaged_before_work: 'Skadet før behandling',
  other: 'Annet',
} as const satisfies Record<CancelReason, string>;

/** The garments that stop a move now (none when it may go ahead), by the move's garment guard. */
export function garmentsBlocking(action: OrderAction, order: Pick<Order, 'garments'>): Garment[] {
  const transition = ORDER_TRANSITIONS[action];
  if (!('garments' in transition)) return [];
  const guard = GARMENT_GUARDS[transition.garments];
  return guard(order.garments) ? [] : order.garments.filter((g) => !guard([g]));
}

/** The timestamp attribute that records when an order entered each status. */
export const STATUS_TIMESTAMP = {
  received: 'receivedAt',
  ready: 'readyAt',
  picked_up: 'pickedUpAt',
  cancelled: 'cancelledAt',
  returned: 'returnedAt',
} as const satisfies Record<OrderStatus, string>;

/**
 * What a move writes on the order besides its next version: the one list that both the DynamoDB
 * update and the order a write answers with are made from, so the answer is what is stored.
 */
export type MoveChange = { at: string; payment?: Payment; cancelReason?: CancelReason };

export function transitionChanges(action: OrderAction, change: MoveChange, garments: readonly Garment[]): Partial<Order> {
  const { to } = ORDER_TRANSITIONS[action];
  const moved = garmentsAfter(action, garments, change.at);
  return {
    status: to,
    statusChangedAt: change.at,
    updatedAt: change.at,
    [STATUS_TIMESTAMP[to]]: change.at,
    ...(change.payment ? { payment: change.payment } : {}),
    ...(action === 'cancel' && change.cancelReason ? { cancelReason: change.cancelReason } : {}),
    ...(moved.length ? { garments: moved } : {}),
  };
}

/**
 * What a move does to the garments: ready makes every garment still in work ready, a pickup hands
 * out every garment in the shop, a cancellation leaves them where they are, since they still have
 * to be handed back to their owner, and the return hands every one in the shop back.
 */
function garmentsAfter(action: OrderAction, garments: readonly Garment[], at: string): Garment[] {
  if (action === 'ready') return garments.map((g) => (g.state === 'in_work' ? { ...g, state: 'ready', readyAt: at } : g));
  if (action === 'pickup') return garments.map((g) => (isInShop(g) ? { ...g, state: 'handed_out', leftAt: at } : g));
  if (action === 'return') return garments.map((g) => (isInShop(g) ? { ...g, state: 'returned', leftAt: at } : g));
  return [...garments];
}

/** The garments a move takes out of the shop, whose tags are free again after it. */
export function tagsLeavingWith(action: OrderAction, order: Pick<Order, 'garments'>): string[] {
  const after = garmentsAfter(action, order.garments, '');
  return order.garments.filter((g, i) => isInShop(g) && !isInShop(after[i] as Garment)).map((g) => g.tag);
}

/** The order after a move, from the order as it was when the move was written (at that version). */
export function applyTransition(order: Order, action: OrderAction, change: MoveChange): Order {
  return { ...order, ...transitionChanges(action, change, order.garments), version: order.version + 1 };
}

export type OrderItemInput = { service: string; description?: string; quantity: number; unitPriceOre: Ore };
/**
 * A line as stored on the order and printed on its documents: what it is called, how many (pieces,
 * or kilos to one decimal), the price and the line's total. A discount line has a negative total.
 * Lines taken in from the price list keep the item's id, category and unit as they were then, so a
 * later price change never alters an order in the shop; one-off work is `free_text`.
 */
export type OrderLine = OrderItemInput & {
  lineTotalOre: number;
  kind?: 'price_list' | 'free_text' | 'express' | 'discount';
  priceListItemId?: string;
  category?: PriceCategory;
  unit?: PriceUnit;
  discountReason?: DiscountReason;
};

export type Payment = {
  method: PaymentMethod;
  /** The certified cash register's receipt reference, for payment at the counter. */
  posReceiptRef?: string;
  /** The invoice issued for a credit sale. */
  documentNumber?: number;
};

/**
 * What one pickup sells: the part of each of the order's lines that goes with the garments handed
 * out now. `line` is the 1-based line of the order; `quantity` its share of the line's quantity
 * (pieces, or kilos to one decimal); `pieces` the garments' pieces on a line that charges garments.
 */
export type SaleLine = { line: number; quantity: number; pieces?: number; amountOre: Ore };

/**
 * One pickup: the garments handed out at one visit and the one sale they are (bokføringsloven
 * counts a sale when the service is delivered, so a customer who takes the shirts today and the
 * duvet next week makes two sales). Counter pickups carry the cash register's receipt reference,
 * invoiced ones the invoice's number.
 */
export type OrderPickup = { n: number; at: string; tags: string[]; lines: SaleLine[]; totals: VatBreakdown; payment: Payment };

/**
 * Every invoice issued for an order: one per pickup on invoice (the order's `payment` holds only
 * the latest). What an access export shows and an erasure keeps in its kept form is found by these.
 */
export function invoiceNumbersOf(order: Pick<Order, 'payment' | 'pickups'>): number[] {
  const numbers = [...(order.pickups ?? []).map((p) => p.payment.documentNumber), order.payment?.documentNumber];
  return [...new Set(numbers.filter((n): n is number => n !== undefined))];
}

/** A courtesy SMS sent because the garments were not collected; `afterDays` is the configured interval. */
export type Reminder = { afterDays: number; sentAt: string };

export const NOTICE_METHODS = ['registered_letter', 'in_shop_notice'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
/** Evidence that the statutory request to collect was given (lov 29. mai 1953 nr. 1 §§ 2–3). */
export type StatutoryNotice = { method: NoticeMethod; givenOn: string; recordedAt: string; recordedBy: string };

/**
 * What a change after intake did, as codes from a closed list with the line or tag it touched and
 * never free text (a clerk's words could name the customer, and this record outlives nothing the
 * customer can ask to have erased: it says only what was done and by whom).
 * `line` is the line's number on the order after the change; for `line_removed`, before it.
 */
export const CHANGE_CODES = [
  'line_added',
  'line_changed',
  'line_removed',
  'express_added',
  'express_removed',
  'garment_added',
  'garment_changed',
  'garment_removed',
  'promised_date_changed',
  'reference_changed',
] as const;
export type ChangeCode = (typeof CHANGE_CODES)[number];
export type ChangeMark = { code: ChangeCode; line?: number; tag?: string };
/** One change of the order after intake: when, by which staff member (their id, as on a statutory notice), and what. */
export type OrderChange = { at: string; by: string; what: ChangeMark[] };

export type Order = {
  /** The ticket number on the customer's slip: short, unique in the shop, easy to read aloud. */
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderLine[];
  /** What hangs in the shop: each garment (or bundle of small pieces) with its tag, on one of the lines. */
  garments: Garment[];
  /**
   * How the customer learns the order is ready, decided at intake from what the profile held then
   * (pickupNoticeChannel): an SMS, a call from the counter (a landline), or waiting for them to come.
   */
  noticeBy?: PickupNoticeChannel;
  express?: boolean;
  /** When the order's one "part is ready" SMS was queued, if staff sent it. */
  partReadyNoticeAt?: string;
  totals: VatBreakdown;
  promisedReadyAt?: string;
  /**
   * "Deres ref.": the buyer's own reference for this order (a department, a cost centre, the person
   * who ordered), printed on its invoice before the one fixed on a business account. Free text: it
   * may name a person, so it goes with the customer on erasure.
   */
  reference?: string;
  /** The latest pickup's payment (the whole order's, when it was handed out at once). */
  payment?: Payment;
  /** Each pickup, in order: the garments handed out at one visit, and the one sale they are. */
  pickups?: OrderPickup[];
  reminders?: Reminder[];
  notices?: StatutoryNotice[];
  /** Every change made after intake, oldest first (order-changes.ts). */
  changes?: OrderChange[];
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
  receivedAt: string;
  readyAt?: string;
  pickedUpAt?: string;
  cancelledAt?: string;
  /** Why it was cancelled (a code from CANCEL_REASONS). */
  cancelReason?: CancelReason;
  /** When a cancelled order's garments were handed back. */
  returnedAt?: string;
  version: number;
  /** Only on a collected counter sale kept for the books after its customer is gone: the last day to keep it. */
  retainUntil?: string;
};

/** Prices are VAT-inclusive consumer prices (see money.ts); VAT is taken out of the order total. */
export function priceOrder(items: OrderItemInput[]): { items: OrderLine[]; totals: VatBreakdown } {
  const lines = items.map((item) => ({ ...item, lineTotalOre: item.quantity * item.unitPriceOre }));
  const gross = lines.reduce((sum, line) => sum + line.lineTotalOre, 0);
  if (!Number.isSafeInteger(gross)) throw new ValidationError('The order total is too large');
  return { items: lines, totals: vatFromGross(gross) };
}

/**
 * What a line typed at the counter is called where its own words must not go: on the ticket, which
 * leaves the shop, and on a counter sale kept for the journal after its customer is erased.
 */
export const FREE_TEXT_LINE_KEPT_AS = 'Annet arbeid';

/**
 * A line's name where its own words must not go (bokføringsforskriften § 5-1-1 asks for the
 * nature of the service, not a clerk's note): the price list's name as it was at intake, or the
 * label intake made for express and a discount; a line typed at the counter (or from before lines
 * had a kind) is FREE_TEXT_LINE_KEPT_AS.
 */
export function keptLineName(line: Pick<OrderLine, 'kind' | 'service'>): string {
  return line.kind === 'price_list' || line.kind === 'express' || line.kind === 'discount' ? line.service : FREE_TEXT_LINE_KEPT_AS;
}

/** Tickets are numbered from 1001 so every ticket has at least four digits. */
export const FIRST_TICKET_NUMBER = 1001;


export function assertPromisedDateNotPast(promisedReadyAt: string | undefined, today: string): void {
  if (promisedReadyAt !== undefined && promisedReadyAt < today) {
    throw new ValidationError('The promised date is in the past', [
      { pointer: '/promisedReadyAt', detail: `Must be ${today} or later` },
    ]);
  }
}

/** The counter named a customer other than the one the order was taken in for. */
export function orderOfAnotherCustomer(orderId: string): ValidationError {
  return new ValidationError(`Order ${orderId} was taken in for another customer`, [
    { pointer: '/customerId', detail: 'Give the customer the order was taken in for, as shown with the order' },
  ]);
}

/** A move the garments stop (GARMENT_GUARDS): the tags of those that do. */
export function garmentsRefuseMove(order: Pick<Order, 'orderId' | 'status'>, action: OrderAction, blocking: readonly Garment[]): ConflictError {
  const what = action === 'cancel' ? 'has garments handed out already and cannot be cancelled' : `has garments that are not in the shop and cannot be moved by '${action}'`;
  return new ConflictError(`Order ${order.orderId} ${what}`, { orderId: order.orderId, currentStatus: order.status, tags: blocking.map((g) => g.tag) });
}

/** Why a move is refused from the order as it is: its status (409), then its garments (409); undefined when allowed. */
export function moveRefusal(order: Order, action: OrderAction): ConflictError | undefined {
  if (!(ORDER_TRANSITIONS[action].from as readonly OrderStatus[]).includes(order.status)) return illegalTransition(order.orderId, order.status, action);
  const blocking = garmentsBlocking(action, order);
  return blocking.length ? garmentsRefuseMove(order, action, blocking) : undefined;
}

export function illegalTransition(orderId: string, current: OrderStatus, action: OrderAction): ConflictError {
  return new ConflictError(`Order ${orderId} is ${current} and cannot be moved by '${action}'`, {
    orderId,
    currentStatus: current,
    allowedFrom: ORDER_TRANSITIONS[action].from,
  });
}
