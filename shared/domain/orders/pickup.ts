import type { CounterDeps } from '../kernel/deps';
import { shopDate } from '../kernel/calendar';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors';
import { accountItemOf } from '../invoices/account-items';
import { counterSaleOf } from '../invoices/counter-sales';
import { invoiceOnPickup } from '../invoices/invoice-use-cases';
import type { PostalAddress } from '../kernel/postal-address';
import { isInShop, normaliseTag, type Garment } from './garments';
import { illegalTransition, moveRefusal, orderOfAnotherCustomer, STATUS_TIMESTAMP, type Order, type OrderPickup, type OrderStatus, type Payment } from './orders';
import { pickupSale } from './pickup-sale';

export type PickupPayment = {
  method: Payment['method'];
  posReceiptRef?: string;
  buyerAddress?: PostalAddress;
  /** On invoice: the buyer, the customer the order was taken in for (the counter shows it with the order). */
  customerId?: string;
  /** The garments handed out now, by tag; absent: every garment in the shop, which must all be ready. */
  tags?: string[];
};

/** A partial pickup may start while garments are still in work, as long as those handed out are ready. */
const PICKUP_FROM = ['received', 'ready'] as const satisfies readonly OrderStatus[];

/**
 * The garments a pickup hands out, by tag, or refused with each bad tag named (400, nothing
 * written). Without tags it is every garment in the shop, as a pickup was before garments could
 * go one by one: the order must be ready then (409 otherwise), as the state machine says.
 */
export function garmentsHandedOut(order: Order, tags: readonly string[] | undefined): Set<string> {
  if (tags === undefined) {
    const refused = moveRefusal(order, 'pickup');
    if (refused) throw refused;
    return new Set(order.garments.filter(isInShop).map((g) => g.tag));
  }
  if (!(PICKUP_FROM as readonly OrderStatus[]).includes(order.status)) throw illegalTransition(order.orderId, order.status, 'pickup');
  const issues: { pointer: string; detail: string }[] = [];
  const chosen = new Set<string>();
  tags.forEach((raw, index) => {
    const tag = normaliseTag(raw);
    const garment = order.garments.find((g) => g.tag === tag);
    const pointer = `/tags/${index}`;
    if (chosen.has(tag)) issues.push({ pointer, detail: `Tag ${tag} is named twice` });
    else if (!garment) issues.push({ pointer, detail: `Order ${order.orderId} has no garment with tag ${tag}` });
    else if (garment.state === 'in_work') issues.push({ pointer, detail: `The garment with tag ${tag} is not ready yet` });
    else if (garment.state === 'handed_out') issues.push({ pointer, detail: `The garment with tag ${tag} is already handed out` });
    else if (garment.state === 'returned') issues.push({ pointer, detail: `The garment with tag ${tag} was returned` });
    chosen.add(tag);
  });
  if (issues.length) throw new ValidationError('Not all of these garments can be handed out', issues);
  return chosen;
}

/**
 * The order after a pickup: the garments handed out, the pickup recorded as one sale (the split
 * rule, pickup-sale.ts), and the order collected when nothing is left in the shop; until then it
 * keeps its status, so reminders, the uncollected list and the statutory notice still count it.
 * `payment` is the latest pickup's, as it was the whole order's before pickups were partial.
 */
export function handOut(order: Order, tags: readonly string[] | undefined, at: string, payment: Payment): Order {
  const chosen = garmentsHandedOut(order, tags);
  const sale = pickupSale(order, chosen);
  const garments = order.garments.map((g): Garment => (chosen.has(g.tag) ? { ...g, state: 'handed_out', leftAt: at } : g));
  const pickup: OrderPickup = { n: (order.pickups?.length ?? 0) + 1, at, tags: order.garments.filter((g) => chosen.has(g.tag)).map((g) => g.tag), ...sale, payment };
  const collected = !garments.some(isInShop);
  return {
    ...order,
    garments,
    pickups: [...(order.pickups ?? []), pickup],
    payment,
    updatedAt: at,
    ...(collected ? { status: 'picked_up', statusChangedAt: at, [STATUS_TIMESTAMP.picked_up]: at } : {}),
    version: order.version + 1,
  };
}

/**
 * Hands the garments over and records how the sale is paid.
 * 1. Counter (cash or card): the shop's certified cash register documents the sale (kassasystemlova
 *    § 3); only its receipt reference is kept here, and the order moves to picked up.
 * 2. Invoice (a credit sale): the invoice is issued with the pickup (invoices/invoiceOnPickup), made
 *    out to the customer the counter names. Naming the buyer, rather than having the backend look it
 *    up through the ticket, lets one read fetch the order, the buyer and the series together, so an
 *    invoiced pickup takes two DynamoDB round trips; a wrong customer is refused.
 * A field that belongs to the other way of paying is refused rather than ignored. `tags` hands out
 * only those garments (a partial pickup); each pickup is one sale of what it hands out.
 */
export async function recordPickup(deps: CounterDeps, orderId: string, payment: PickupPayment, expectedVersion?: number): Promise<Order> {
  if (payment.method === 'counter') {
    if (payment.buyerAddress) {
      throw new ValidationError('The address is for invoices only', [{ pointer: '/buyerAddress', detail: 'Leave it out when paid at the counter' }]);
    }
    if (payment.customerId !== undefined) {
      throw new ValidationError('The buyer is named for invoices only', [{ pointer: '/customerId', detail: 'Leave it out when paid at the counter' }]);
    }
    const counterPayment = { method: 'counter' as const, ...(payment.posReceiptRef ? { posReceiptRef: payment.posReceiptRef } : {}) };
    const now = deps.clock();
    const at = now.toISOString();
    // One transaction: the order at the version it was decided from, its ticket's copy, the tags
    // freed and the sale kept for the journal (see counter-sales.ts).
    return deps.orders.changeOpen(orderId, expectedVersion, (order) => {
      const after = handOut(order, payment.tags, at, counterPayment);
      return { order: after, sale: counterSaleOf(after, after.pickups?.at(-1) as OrderPickup, shopDate(now, deps.shop.timeZone)) };
    });
  }
  if (payment.posReceiptRef !== undefined) {
    throw new ValidationError('A cash-register receipt belongs to payment at the counter', [{ pointer: '/posReceiptRef', detail: 'Leave it out when the sale is invoiced' }]);
  }
  if (payment.method === 'account') return pickUpOnAccount(deps, orderId, payment, expectedVersion);
  // The address is judged with the buyer, read with the order (invoices/buyerOf): a business's is on its account.
  if (payment.customerId === undefined) {
    throw new ValidationError('An invoice needs its buyer', [{ pointer: '/customerId', detail: 'Give the customer the order was taken in for, as shown with the order' }]);
  }
  const { tags } = payment;
  const at = deps.clock().toISOString();
  return invoiceOnPickup(deps, { customerId: payment.customerId, orderId }, payment.buyerAddress, expectedVersion, {
    pickUp: (order, invoicePayment) => handOut(order, tags, at, invoicePayment),
    sale: (order) => pickupSale(order, garmentsHandedOut(order, tags)),
  });
}

/**
 * A pickup on account: the garments go now, and the sale waits under the business for the
 * period's collective invoice (invoices/account-items.ts), written in the pickup's own transaction
 * so a pickup is never on account without its item, nor twice. Only a business may buy on account
 * (400 for a private customer: the request is wrong), and only one whose account is on account
 * (409: the account's state refuses it; staff change the account or invoice the pickup instead).
 * The invoice address is the account's, so none is taken here.
 */
async function pickUpOnAccount(deps: CounterDeps, orderId: string, payment: PickupPayment, expectedVersion: number | undefined): Promise<Order> {
  if (payment.buyerAddress) {
    throw new ValidationError('The address of a pickup on account is the account\'s', [{ pointer: '/buyerAddress', detail: 'Leave it out: the collective invoice goes to the account\'s invoice address' }]);
  }
  if (payment.customerId === undefined) {
    throw new ValidationError('A pickup on account needs its buyer', [{ pointer: '/customerId', detail: 'Give the business the order was taken in for, as shown with the order' }]);
  }
  const { customerId } = payment;
  const customer = await deps.customers.get(customerId);
  if (!customer) throw new NotFoundError(`Customer ${customerId} does not exist`);
  if (!customer.business) {
    throw new ValidationError('Only a business can pick up on account', [{ pointer: '/payment', detail: 'A private customer pays at the counter or on invoice' }]);
  }
  if (!customer.business.onAccount) {
    throw new ConflictError(`Customer ${customerId} is not on account`, { customerId, errors: [{ pointer: '/payment', detail: 'The business\'s account is not on account: turn it on, or invoice this pickup' }] });
  }
  const accountReference = customer.business.reference;
  const now = deps.clock();
  const at = now.toISOString();
  return deps.orders.changeOpen(orderId, expectedVersion, (order) => {
    if (order.customerId !== customerId) throw orderOfAnotherCustomer(orderId);
    const after = handOut(order, payment.tags, at, { method: 'account' });
    return { order: after, accountItem: accountItemOf(after, after.pickups?.at(-1) as OrderPickup, shopDate(now, deps.shop.timeZone), accountReference) };
  });
}
