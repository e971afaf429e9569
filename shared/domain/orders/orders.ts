import { ConflictError, ValidationError } from '../kernel/errors';
import { vatFromGross, type Ore, type VatBreakdown } from '../kernel/money';
import { isInShop, type Garment } from './garments';
import type { PickupNoticeChannel } from '../customers/customers';
import type { DiscountReason } from './order-pricing';
import type { PriceCategory, PriceUnit } from './price-list';

export const ORDER_STATUSES = ['received', 'ready', 'picked_up', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['counter', 'invoice'] as const;
/**
 * counter: paid by cash or card in the shop's certified cash register (kassasystemlova), which
 *          issues the receipt; we only record that it happened and the register's reference.
 * invoice: a credit sale, invoiced by this backend and paid later by bank transfer.
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

export const ORDER_TRANSITIONS = {
  ready: { from: ['received'], to: 'ready' },
  pickup: { from: ['ready'], to: 'picked_up' },
  cancel: { from: ['received', 'ready'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/** The timestamp attribute that records when an order entered each status. */
export const STATUS_TIMESTAMP = {
  received: 'receivedAt',
  ready: 'readyAt',
  picked_up: 'pickedUpAt',
  cancelled: 'cancelledAt',
} as const satisfies Record<OrderStatus, string>;

/**
 * What a move writes on the order besides its next version: the one list that both the DynamoDB
 * update and the order a write answers with are made from, so the answer is what is stored.
 */
export function transitionChanges(action: OrderAction, change: { at: string; payment?: Payment }, garments: readonly Garment[]): Partial<Order> {
  const { to } = ORDER_TRANSITIONS[action];
  const moved = garmentsAfter(action, garments, change.at);
  return {
    status: to,
    statusChangedAt: change.at,
    updatedAt: change.at,
    [STATUS_TIMESTAMP[to]]: change.at,
    ...(change.payment ? { payment: change.payment } : {}),
    ...(moved.length ? { garments: moved } : {}),
  };
}

/**
 * What a move does to the garments: ready makes every garment still in work ready, a pickup hands
 * out every garment in the shop, and a cancellation leaves them where they are, since they still
 * have to be handed back to their owner.
 */
function garmentsAfter(action: OrderAction, garments: readonly Garment[], at: string): Garment[] {
  if (action === 'ready') return garments.map((g) => (g.state === 'in_work' ? { ...g, state: 'ready', readyAt: at } : g));
  if (action === 'pickup') return garments.map((g) => (isInShop(g) ? { ...g, state: 'handed_out', leftAt: at } : g));
  return [...garments];
}

/** The garments a move takes out of the shop, whose tags are free again after it. */
export function tagsLeavingWith(action: OrderAction, order: Pick<Order, 'garments'>): string[] {
  return action === 'pickup' ? order.garments.filter(isInShop).map((g) => g.tag) : [];
}

/** The order after a move, from the order as it was when the move was written (at that version). */
export function applyTransition(order: Order, action: OrderAction, change: { at: string; payment?: Payment }): Order {
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

/** A courtesy SMS sent because the garments were not collected; `afterDays` is the configured interval. */
export type Reminder = { afterDays: number; sentAt: string };

export const NOTICE_METHODS = ['registered_letter', 'in_shop_notice'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
/** Evidence that the statutory request to collect was given (lov 29. mai 1953 nr. 1 §§ 2–3). */
export type StatutoryNotice = { method: NoticeMethod; givenOn: string; recordedAt: string; recordedBy: string };

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
  payment?: Payment;
  reminders?: Reminder[];
  notices?: StatutoryNotice[];
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
  receivedAt: string;
  readyAt?: string;
  pickedUpAt?: string;
  cancelledAt?: string;
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

export function illegalTransition(orderId: string, current: OrderStatus, action: OrderAction): ConflictError {
  return new ConflictError(`Order ${orderId} is ${current} and cannot be moved by '${action}'`, {
    orderId,
    currentStatus: current,
    allowedFrom: ORDER_TRANSITIONS[action].from,
  });
}
