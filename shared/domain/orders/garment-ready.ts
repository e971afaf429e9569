import type { CounterDeps } from '../kernel/deps';
import { ConflictError, ValidationError } from '../kernel/errors';
import { newMessage, type Message } from '../kernel/outbox-message';
import { normaliseTag, type Garment } from './garments';
import { applyTransition, illegalTransition, type Order } from './orders';

export type GarmentsReadyInput = {
  tags: string[];
  /** Where they hang: a rack or a hook, as the shop names them ("Stativ 3", "Krok 12"). */
  location?: string;
  /** Send the one "part is ready" SMS of this order (when garments are still in work). */
  notifyPart?: boolean;
};

/**
 * Garments marked ready one by one, as the work on them ends, or moved to another rack. When the
 * last garment in work is ready the order is ready, as if marked ready whole, and the customer gets
 * the pickup SMS; before that, staff may send the one "part is ready" SMS of the order.
 */
export function readyGarments(order: Order, input: GarmentsReadyInput, at: string): { order: Order; becameReady: boolean } {
  if (order.status !== 'received' && order.status !== 'ready') throw illegalTransition(order.orderId, order.status, 'ready');
  const issues: { pointer: string; detail: string }[] = [];
  const chosen = new Set<string>();
  input.tags.forEach((raw, index) => {
    const tag = normaliseTag(raw);
    const garment = order.garments.find((g) => g.tag === tag);
    if (!garment) issues.push({ pointer: `/tags/${index}`, detail: `Order ${order.orderId} has no garment with tag ${tag}` });
    else if (garment.state !== 'in_work' && garment.state !== 'ready') issues.push({ pointer: `/tags/${index}`, detail: `The garment with tag ${tag} has left the shop` });
    else if (chosen.has(tag)) issues.push({ pointer: `/tags/${index}`, detail: `Tag ${tag} is given twice` });
    chosen.add(tag);
  });
  if (issues.length) throw new ValidationError('Not all of these garments can be marked ready', issues);

  const garments = order.garments.map((g): Garment =>
    chosen.has(g.tag) ? { ...g, state: 'ready', readyAt: g.readyAt ?? at, ...(input.location ? { location: input.location } : {}) } : g,
  );
  const allReady = garments.every((g) => g.state !== 'in_work');
  if (order.status === 'received' && allReady) {
    // The order moves as a whole-order ready would; the garments keep the times they were ready at.
    return { order: { ...applyTransition({ ...order, garments }, 'ready', { at }), garments }, becameReady: true };
  }
  return { order: { ...order, garments, updatedAt: at, version: order.version + 1 }, becameReady: false };
}

/**
 * Marks garments of an order ready, with where they hang.
 * 1. Each tag must be a garment of this order still in the shop.
 * 2. The last one ready makes the order ready and queues the pickup SMS (if the customer has a
 *    mobile: order.noticeBy); otherwise `notifyPart` queues the order's one "part is ready" SMS.
 * 3. One transaction writes the order, its ticket's copy and the message (≤ 2 round trips).
 */
export function markGarmentsReady(deps: CounterDeps, orderId: string, input: GarmentsReadyInput, expectedVersion?: number): Promise<Order> {
  const now = deps.clock();
  const at = now.toISOString();
  return deps.orders.changeOpen(orderId, expectedVersion, (order) => {
    const { order: changed, becameReady } = readyGarments(order, input, at);
    const sms = order.noticeBy === undefined || order.noticeBy === 'sms';
    if (input.notifyPart && (becameReady || !sms)) {
      throw new ValidationError(becameReady ? 'Every garment is ready: the pickup SMS goes instead' : 'This customer gets no SMS', [{ pointer: '/notifyPart', detail: 'Leave it out' }]);
    }
    if (input.notifyPart && order.partReadyNoticeAt !== undefined) {
      throw new ConflictError(`The part-ready SMS of order ${orderId} was sent at ${order.partReadyNoticeAt}; it is sent once per order`);
    }
    const message = (purpose: 'pickup_ready' | 'part_ready', occasion: string): Message =>
      newMessage({ customerId: order.customerId, orderId, purpose, occasion, params: { ticket: orderId }, now, retentionDays: deps.shop.messageRetentionDays });
    if (becameReady && sms) return { order: changed, message: message('pickup_ready', 'ready') };
    if (input.notifyPart) return { order: { ...changed, partReadyNoticeAt: at }, message: message('part_ready', 'part') };
    return { order: changed };
  });
}
