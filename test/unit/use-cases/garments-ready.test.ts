import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { markGarmentsReady } from '#shared/domain/orders/garment-ready';
import { aCustomer, aReceivedOrderThrough, uniqueLandline } from '../../helpers/fixtures';
import { fakeClock } from '../../helpers/fake-clock';
import { inMemoryDeps } from '../../helpers/in-memory';

const given = () => {
  const clock = fakeClock('2026-03-02T09:00:00.000Z');
  return { deps: inMemoryDeps({ clock: clock.now }), clock };
};

describe('garments ready one by one', () => {
  it('marks the chosen garments ready on their rack; the order stays received and no SMS goes while one is in work', async () => {
    const { deps, clock } = given();
    const { customer, order } = await aReceivedOrderThrough(deps);
    const [first, second] = order.garments;
    clock.advance(60_000);
    const changed = await markGarmentsReady(deps, order.orderId, { tags: [(first?.tag as string).toLowerCase()], location: 'Stativ 3' }, 1);
    expect(changed).toMatchObject({ status: 'received', version: 2 });
    expect(changed.garments).toEqual([{ ...first, state: 'ready', readyAt: clock.iso(), location: 'Stativ 3' }, second]);
    expect(await deps.orders.get(order.orderId)).toEqual(changed);
    expect(await deps.messages.listForOrder(customer.customerId, order.orderId)).toEqual([]);
  });

  it('makes the order ready with the last garment, queueing the one pickup SMS, and keeps each garment\'s own time', async () => {
    const { deps, clock } = given();
    const { customer, order } = await aReceivedOrderThrough(deps);
    const [first, second] = order.garments.map((g) => g.tag) as [string, string];
    const early = clock.iso();
    await markGarmentsReady(deps, order.orderId, { tags: [first] });
    clock.advance(3_600_000);
    const ready = await markGarmentsReady(deps, order.orderId, { tags: [second], location: 'Krok 12' });
    expect(ready).toMatchObject({ status: 'ready', readyAt: clock.iso(), statusChangedAt: clock.iso(), version: 3 });
    expect(ready.garments.map((g) => [g.tag, g.state, g.readyAt, g.location])).toEqual([[first, 'ready', early, undefined], [second, 'ready', clock.iso(), 'Krok 12']]);
    expect((await deps.messages.listForOrder(customer.customerId, order.orderId)).map((m) => m.purpose)).toEqual(['pickup_ready']);
  });

  it('sends the "part is ready" SMS once per order when staff ask, and never instead of the pickup SMS or to a landline', async () => {
    const { deps } = given();
    const { customer, order } = await aReceivedOrderThrough(deps);
    const [first, second] = order.garments.map((g) => g.tag) as [string, string];
    const part = await markGarmentsReady(deps, order.orderId, { tags: [first], notifyPart: true });
    expect(part.partReadyNoticeAt).toBeDefined();
    await expect(markGarmentsReady(deps, order.orderId, { tags: [first], location: 'Stativ 1', notifyPart: true })).rejects.toBeInstanceOf(ConflictError);
    await expect(markGarmentsReady(deps, order.orderId, { tags: [second], notifyPart: true })).rejects.toMatchObject({ issues: [{ pointer: '/notifyPart' }] });
    expect((await deps.messages.listForOrder(customer.customerId, order.orderId)).map((m) => m.purpose)).toEqual(['part_ready']);

    const withLandline = await aReceivedOrderThrough(deps, { phone: uniqueLandline() });
    await expect(markGarmentsReady(deps, withLandline.order.orderId, { tags: [withLandline.order.garments[0]?.tag as string], notifyPart: true })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a tag not in this order, given twice, or at a stale version, and changes nothing', async () => {
    const { deps } = given();
    const { order } = await aReceivedOrderThrough(deps);
    const other = await aReceivedOrderThrough(deps, aCustomer());
    const before = deps.store.snapshot();
    const tag = order.garments[0]?.tag as string;
    await expect(markGarmentsReady(deps, order.orderId, { tags: [tag, tag, other.order.garments[0]?.tag as string] })).rejects.toMatchObject({
      issues: [{ pointer: '/tags/1', detail: `Tag ${tag} is given twice` }, { pointer: '/tags/2', detail: expect.stringContaining('has no garment with tag') }],
    });
    await expect(markGarmentsReady(deps, order.orderId, { tags: [tag] }, 7)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(deps.store.snapshot()).toEqual(before);
  });
});
