import { shopDate } from '../kernel/calendar';
import type { CounterDeps } from '../kernel/deps';
import { NotFoundError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import type { PageRequest } from '../../ports/repositories';
import { listUncollectedOrders } from '../notices/notice-use-cases';
import { normaliseTag, takeInGarments, type GarmentInput } from './garments';
import { assertPromisedDateNotPast, priceOrder, type CancelReason, type Order, type OrderItemInput, type OrderStatus } from './orders';

export type CreateOrderInput = { customerId: string; items: OrderItemInput[]; garments: GarmentInput[]; promisedReadyAt?: string };

/**
 * Takes in an order at the counter.
 * 1. Price it: VAT-inclusive lines, VAT taken out of the total in whole øre.
 * 2. Tie every garment to a line by its tag, each tag once (garments.ts).
 * 3. Check the promised date is not already past (in the shop's time zone).
 * 4. Draw the next ticket number and store the order with a claim on each tag; the customer must
 *    exist, and a tag on a garment in the shop already is refused (409).
 */
export async function createOrder(deps: CounterDeps, input: CreateOrderInput): Promise<Order> {
  const now = deps.clock();
  const priced = priceOrder(input.items);
  const garments = takeInGarments(input.garments, priced.items.length);
  assertPromisedDateNotPast(input.promisedReadyAt, shopDate(now, deps.shop.timeZone));
  const at = now.toISOString();
  const order: Order = {
    orderId: await deps.orders.nextTicketNumber(),
    customerId: input.customerId,
    status: 'received',
    ...priced,
    garments,
    ...(input.promisedReadyAt ? { promisedReadyAt: input.promisedReadyAt } : {}),
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    receivedAt: at,
    version: 1,
  };
  await deps.orders.create(order);
  return order;
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
 * (the transactional outbox), so the customer gets the SMS if and only if the order is ready.
 */
export function markOrderReady(deps: CounterDeps, orderId: string, expectedVersion?: number): Promise<Order> {
  const now = deps.clock();
  return deps.orders.transition(orderId, 'ready', { at: now.toISOString(), expectedVersion }, (order) =>
    newMessage({ ...order, purpose: 'pickup_ready', occasion: 'ready', params: { ticket: order.orderId }, now, retentionDays: deps.shop.messageRetentionDays }),
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
