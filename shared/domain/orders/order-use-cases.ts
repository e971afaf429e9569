import { shopDate } from '../kernel/calendar';
import type { CounterDeps } from '../kernel/deps';
import { NotFoundError, ValidationError } from '../kernel/errors';
import type { VatBreakdown } from '../kernel/money';
import { pickupNoticeChannel } from '../customers/customers';
import type { IntakeContext } from '../../ports/repositories';
import { DISCOUNT_REASON_LABELS, priceOrderLines, type OrderLineInput, type PricedLine } from './order-pricing';
import { newMessage } from '../kernel/outbox-message';
import type { PageRequest } from '../../ports/repositories';
import { listUncollectedOrders } from '../notices/notice-use-cases';
import { normaliseTag, takeInGarments, type GarmentInput } from './garments';
import { assertPromisedDateNotPast, type CancelReason, type Order, type OrderItemInput, type OrderLine, type OrderStatus, priceOrder } from './orders';

/**
 * An order as the counter takes it in: `lines` from the price list, one-off free-text work and
 * discounts (order-pricing.ts), optionally express; or `items`, free-text lines as counter clients
 * built before the price list send them. One of the two.
 */
export type CreateOrderInput = {
  customerId: string;
  lines?: OrderLineInput[];
  items?: OrderItemInput[];
  express?: boolean;
  garments: GarmentInput[];
  promisedReadyAt?: string;
  /** "Deres ref." for the invoice (orders.ts `reference`). */
  reference?: string;
};

/**
 * Takes in an order at the counter.
 * 1. Read, in one batch, the customer (who must exist), the price-list items the lines name and
 *    the express option, beside drawing the ticket number.
 * 2. Price it: each line at the item's price as it is now, express, discounts; VAT taken out of
 *    what is charged, in whole øre. A retired item or a discount beyond the total is refused.
 * 3. Tie every garment to a line by its tag, each tag once (garments.ts).
 * 4. Promise the date given, or the one the lines' turnarounds propose; never a past one.
 * 5. Note how the customer will hear that it is ready (SMS, a call, or nothing to send).
 * 6. Store the order with a claim on each tag; a tag on a garment in the shop is refused (409).
 */
export async function createOrder(deps: CounterDeps, input: CreateOrderInput): Promise<Order> {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  if ((input.lines === undefined) === (input.items === undefined)) {
    throw new ValidationError('An order has lines', [{ pointer: '/lines', detail: 'Give lines (from the price list, free text, discounts) or items (free-text lines), one of the two' }]);
  }
  if (input.items !== undefined && input.express) {
    throw new ValidationError('Express is priced from the price list', [{ pointer: '/express', detail: 'Give the order as lines to take it in as express' }]);
  }
  const priceListItemIds = [...new Set((input.lines ?? []).flatMap((line) => ('priceListItemId' in line ? [line.priceListItemId] : [])))];
  const [context, orderId] = await Promise.all([deps.orders.intakeContext(input.customerId, priceListItemIds), deps.orders.nextTicketNumber()]);
  if (!context.customer) throw new NotFoundError(`Customer ${input.customerId} does not exist`);
  const priced: { items: OrderLine[]; totals: VatBreakdown; promisedReadyAt?: string } = input.lines
    ? pricedLines(input.lines, input.express === true, context, today)
    : priceOrder(input.items as OrderItemInput[]);
  const garments = takeInGarments(input.garments, priced.items);
  const promisedReadyAt = input.promisedReadyAt ?? priced.promisedReadyAt;
  assertPromisedDateNotPast(input.promisedReadyAt, today);
  const at = now.toISOString();
  const order: Order = {
    orderId,
    customerId: input.customerId,
    status: 'received',
    items: priced.items,
    totals: priced.totals,
    garments,
    noticeBy: pickupNoticeChannel(context.customer),
    ...(input.express ? { express: true } : {}),
    ...(promisedReadyAt ? { promisedReadyAt } : {}),
    ...(input.reference ? { reference: input.reference } : {}),
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    receivedAt: at,
    version: 1,
  };
  await deps.orders.create(order);
  return order;
}

/** The price list's lines as the order keeps them (its OrderLine shape, which documents print). */
function pricedLines(lines: OrderLineInput[], express: boolean, context: IntakeContext, today: string): { items: OrderLine[]; totals: VatBreakdown; promisedReadyAt?: string } {
  const priced = priceOrderLines({ lines, express }, context.priceItems, context.express, { today });
  return { items: priced.lines.map(orderLineOf), totals: priced.totals, ...(priced.promisedReadyAt ? { promisedReadyAt: priced.promisedReadyAt } : {}) };
}

/** A priced line as the order stores it; order-changes.ts stores a changed order's new lines the same way. */
export function orderLineOf(line: PricedLine): OrderLine {
  switch (line.kind) {
    case 'price_list':
      return { kind: line.kind, service: line.name, quantity: line.quantity, unitPriceOre: line.unitPriceOre, lineTotalOre: line.lineTotalOre, priceListItemId: line.priceListItemId, category: line.category, unit: line.unit };
    case 'free_text':
      return { kind: line.kind, service: line.service, quantity: line.quantity, unitPriceOre: line.unitPriceOre, lineTotalOre: line.lineTotalOre };
    case 'express':
      return { kind: line.kind, service: 'Ekspress', quantity: 1, unitPriceOre: line.lineTotalOre, lineTotalOre: line.lineTotalOre };
    case 'discount':
      return { kind: line.kind, service: DISCOUNT_REASON_LABELS[line.reason], quantity: 1, unitPriceOre: line.lineTotalOre, lineTotalOre: line.lineTotalOre, discountReason: line.reason };
  }
}

export async function getOrder(deps: CounterDeps, orderId: string): Promise<Order> {
  const order = await deps.orders.get(orderId);
  if (!order) throw new NotFoundError(`Order ${orderId} does not exist`);
  return order;
}

/** Staff scan or type a garment's tag: its order, while the garment is in the shop. */
export async function findOrderByTag(deps: CounterDeps, tag: string): Promise<Order> {
  const order = await deps.orders.findByTag(normaliseTag(tag));
  if (!order) throw new NotFoundError(`No garment in the shop has tag ${normaliseTag(tag)}`);
  return order;
}

/**
 * The garments are ready: the status change and the pickup SMS are written in one transaction
 * (the transactional outbox), so the customer gets the SMS if and only if the order is ready. A
 * customer without a mobile number gets none: the counter calls them or waits (order.noticeBy).
 */
export function markOrderReady(deps: CounterDeps, orderId: string, expectedVersion?: number): Promise<Order> {
  const now = deps.clock();
  return deps.orders.transition(orderId, 'ready', { at: now.toISOString(), expectedVersion }, (order) =>
    order.noticeBy === undefined || order.noticeBy === 'sms'
      ? newMessage({ ...order, purpose: 'pickup_ready', occasion: 'ready', params: { ticket: order.orderId }, now, retentionDays: deps.shop.messageRetentionDays })
      : undefined,
  );
}

/**
 * Cancels an order, with its reason (CANCEL_REASONS, a closed list). Refused (409) from picked up,
 * and once any garment has been handed out (the move's garment guard). The garments stay in the
 * shop, and their tags claimed, until they are handed back (returnGarments).
 */
export function cancelOrder(deps: CounterDeps, orderId: string, reason: CancelReason, expectedVersion?: number): Promise<Order> {
  return deps.orders.transition(orderId, 'cancel', { at: deps.clock().toISOString(), cancelReason: reason, expectedVersion });
}

/**
 * Hands a cancelled order's garments back to their owner: every garment in the shop becomes
 * returned, its tag free again, in the one move that takes the order to `returned` (no longer open).
 */
export function returnGarments(deps: CounterDeps, orderId: string, expectedVersion?: number): Promise<Order> {
  return deps.orders.transition(orderId, 'return', { at: deps.clock().toISOString(), expectedVersion });
}

/** The counter's work queues: a stored status, or `uncollected`, the ready orders past three months. */
export function listOrders(deps: CounterDeps, status: OrderStatus | 'uncollected', page: PageRequest) {
  return status === 'uncollected' ? listUncollectedOrders(deps, page) : deps.orders.listByStatus(status, page);
}
