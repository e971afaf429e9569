import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { cancelOrder, createOrder, getOrder, listOrders, markOrderReady, returnGarments } from '#shared/domain/orders/order-use-cases';
import { isOpenOrder } from '#shared/domain/orders/orders';
import { recordPickup } from '#shared/domain/orders/pickup';
import { DAY_MS, fakeClock } from '../../helpers/fake-clock';
import { aCustomer, aReadyOrderThrough, aReceivedOrderThrough, anOrder } from '../../helpers/fixtures';
import { inMemoryDeps } from '../../helpers/in-memory';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';

/** The orders' use cases on the in-memory ports, with a clock the test sets. */
const given = (at = '2026-03-02T09:00:00.000Z') => {
  const clock = fakeClock(at);
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};

describe('taking in an order', () => {
  it('prices it with VAT taken out of the total, gives it the next ticket, and stamps the customer\'s activity', async () => {
    // Given Kari, registered yesterday
    const { clock, deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    clock.advance(DAY_MS);
    // When a clerk takes in a suit and three shirts
    const order = await createOrder(deps, anOrder(kari.customerId, { promisedReadyAt: '2026-03-05' }));
    // Then the order is received under ticket 1001, priced in øre, and Kari was active today
    expect(order).toMatchObject({ orderId: '1001', customerId: kari.customerId, status: 'received', promisedReadyAt: '2026-03-05', receivedAt: clock.iso(), version: 1 });
    expect(order.items.map((i) => i.lineTotalOre)).toEqual([24_900, 23_700]);
    expect(order.totals).toMatchObject({ grossOre: 48_600, vatOre: 9_720, netOre: 38_880, vatRatePercent: 25 });
    expect(await getOrder(deps, '1001')).toEqual(order);
    expect(await deps.customers.get(kari.customerId)).toEqual({ ...kari, lastActivityAt: clock.iso() });
    expect((await createOrder(deps, anOrder(kari.customerId))).orderId).toBe('1002');
  });

  it('refuses a promised date already past in the shop (just after midnight in Oslo it is the next day)', async () => {
    // Given it is 00:30 on 2 March in Oslo, still 1 March in UTC
    const { deps } = given('2026-03-01T23:30:00.000Z');
    const kari = await registerCustomer(deps, aCustomer());
    // Then 1 March is in the past, and 2 March is not
    await expect(createOrder(deps, anOrder(kari.customerId, { promisedReadyAt: '2026-03-01' }))).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/promisedReadyAt', detail: 'Must be 2026-03-02 or later' }] });
    await expect(createOrder(deps, anOrder(kari.customerId, { promisedReadyAt: '2026-03-02' }))).resolves.toMatchObject({ status: 'received' });
  });

  it('refuses an order for a customer that does not exist, storing no order', async () => {
    const { deps } = given();
    await expect(createOrder(deps, anOrder('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11'))).rejects.toBeInstanceOf(NotFoundError);
    expect(deps.store.orders.size).toBe(0);
    await expect(getOrder(deps, '1001')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('marking an order ready', () => {
  it('moves it to ready and queues exactly one pickup SMS in the same write', async () => {
    // Given an order taken in this morning
    const { clock, deps } = given();
    const { order } = await aReceivedOrderThrough(deps);
    clock.advance(5 * 3_600_000);
    // When the garments are ready
    const ready = await markOrderReady(deps, order.orderId, 1);
    // Then the order is ready at version 2, and one pending pickup SMS waits in the outbox
    expect(ready).toEqual({ ...order, status: 'ready', readyAt: clock.iso(), statusChangedAt: clock.iso(), updatedAt: clock.iso(), version: 2, garments: order.garments.map((g) => ({ ...g, state: 'ready', readyAt: clock.iso() })) });
    expect(await deps.messages.listForOrder(order.customerId, order.orderId)).toEqual([
      {
        messageKey: `${order.orderId}#pickup_ready#ready`,
        customerId: order.customerId,
        orderId: order.orderId,
        purpose: 'pickup_ready',
        params: { ticket: order.orderId },
        state: 'pending',
        attempts: 0,
        createdAt: clock.iso(),
        updatedAt: clock.iso(),
        expiresAt: Math.floor(clock.now().getTime() / 1000) + 14 * 86_400,
      },
    ]);
  });

  it('refuses to mark it ready twice, or at a stale version, and queues no second SMS', async () => {
    const { deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    await expect(markOrderReady(deps, order.orderId)).rejects.toMatchObject({ name: 'ConflictError', extensions: { orderId: order.orderId, currentStatus: 'ready', allowedFrom: ['received'] } });
    const other = (await aReceivedOrderThrough(deps)).order;
    await expect(markOrderReady(deps, other.orderId, 5)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(deps.store.messages.size).toBe(1);
  });
});

describe('handing over and cancelling', () => {
  it('records a counter sale with the cash register\'s reference, only once the order is ready', async () => {
    const { deps } = given();
    const { order: received } = await aReceivedOrderThrough(deps);
    await expect(recordPickup(deps, received.orderId, { method: 'counter' })).rejects.toMatchObject({ name: 'ConflictError', extensions: { currentStatus: 'received', allowedFrom: ['ready'] } });
    await markOrderReady(deps, received.orderId);
    const picked = await recordPickup(deps, received.orderId, { method: 'counter', posReceiptRef: 'K-1' }, 2);
    expect(picked).toMatchObject({ status: 'picked_up', payment: { method: 'counter', posReceiptRef: 'K-1' }, version: 3 });
  });

  it('refuses the fields of the other way of paying', async () => {
    const { deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
    for (const payment of [{ method: 'counter' as const, buyerAddress: address }, { method: 'invoice' as const }, { method: 'invoice' as const, posReceiptRef: 'K-1', buyerAddress: address }]) {
      await expect(recordPickup(deps, order.orderId, payment)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await getOrder(deps, order.orderId)).toEqual(order);
  });

  it('cancels a received or a ready order with its reason, and nothing collected or cancelled', async () => {
    const { deps } = given();
    const received = (await aReceivedOrderThrough(deps)).order;
    const ready = (await aReadyOrderThrough(deps)).order;
    expect(await cancelOrder(deps, received.orderId, 'registered_by_mistake', 1)).toMatchObject({ status: 'cancelled', cancelledAt: '2026-03-02T09:00:00.000Z', cancelReason: 'registered_by_mistake', version: 2 });
    expect(await cancelOrder(deps, ready.orderId, 'customer_changed_mind')).toMatchObject({ status: 'cancelled', readyAt: '2026-03-02T09:00:00.000Z', cancelReason: 'customer_changed_mind' });
    await expect(cancelOrder(deps, received.orderId, 'other')).rejects.toBeInstanceOf(ConflictError);
    const collected = (await aReadyOrderThrough(deps)).order;
    await recordPickup(deps, collected.orderId, { method: 'counter' });
    await expect(cancelOrder(deps, collected.orderId, 'other')).rejects.toMatchObject({ extensions: { currentStatus: 'picked_up', allowedFrom: ['received', 'ready'] } });
  });

  it('hands a cancelled order\'s garments back: every one returned, its tag free, the order returned and no longer open', async () => {
    const { deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    await expect(returnGarments(deps, order.orderId)).rejects.toMatchObject({ extensions: { currentStatus: 'ready', allowedFrom: ['cancelled'] } });
    await cancelOrder(deps, order.orderId, 'cannot_be_treated');
    const returned = await returnGarments(deps, order.orderId, 3);
    expect(returned).toMatchObject({ status: 'returned', returnedAt: '2026-03-02T09:00:00.000Z', cancelReason: 'cannot_be_treated', version: 4 });
    expect(returned.garments.map((g) => [g.state, g.leftAt])).toEqual(order.garments.map(() => ['returned', '2026-03-02T09:00:00.000Z']));
    expect(isOpenOrder(returned)).toBe(false);
    for (const { tag } of order.garments) await expect(deps.orders.findByTag(tag)).resolves.toBeUndefined();
    await expect(returnGarments(deps, order.orderId)).rejects.toMatchObject({ extensions: { currentStatus: 'returned' } });
  });
});

it('lists the work queues oldest first, and as uncollected the ready orders past three months to the millisecond', async () => {
  // Given one order ready on 2 March, one ready a day later, and one still received
  const { clock, deps } = given();
  const early = (await aReadyOrderThrough(deps)).order;
  clock.advance(DAY_MS);
  const late = (await aReadyOrderThrough(deps)).order;
  await aReceivedOrderThrough(deps);
  expect((await listOrders(deps, 'ready', { limit: 10 })).items.map((o) => o.orderId)).toEqual([early.orderId, late.orderId]);
  // When exactly three months have passed since the first was ready, it is not yet uncollected…
  clock.set('2026-06-02T09:00:00.000Z');
  expect((await listOrders(deps, 'uncollected', { limit: 10 })).items).toEqual([]);
  // …and a millisecond later it is
  clock.advance(1);
  expect((await listOrders(deps, 'uncollected', { limit: 10 })).items.map((o) => o.orderId)).toEqual([early.orderId]);
});
