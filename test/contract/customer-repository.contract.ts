import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { aCustomerRecord, uniqueMobile } from '../helpers/fixtures';
import { aStoredCustomer, allPages, anOrderIn, FORGED_CURSOR, minutesAfter, refusedWithoutWriting } from './arrange';
import type { WorldFactory } from './world';

/** What every CustomerRepository promises: one customer per number, changes only at the version read. */
export function customerRepositoryContract(fresh: WorldFactory): void {
  it('stores a registered customer and finds them by id and by number', async () => {
    const world = await fresh();
    const customer = aCustomerRecord({ email: 'kari@example.no', emailPurposes: ['invoice'] });
    await world.customers.register(customer);
    expect(await world.customers.get(customer.customerId)).toEqual(customer);
    expect(await world.customers.findIdByPhone(customer.phone)).toBe(customer.customerId);
    expect(await world.customers.get('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11')).toBeUndefined();
    expect(await world.customers.findIdByPhone(uniqueMobile())).toBeUndefined();
  });

  it('refuses a second customer with the same number, naming the first, and writes nothing', async () => {
    const world = await fresh();
    const first = await aStoredCustomer(world);
    const second = aCustomerRecord({ phone: first.phone });
    await refusedWithoutWriting(world, () => world.customers.register(second), ConflictError, { extensions: { existingCustomerId: first.customerId } });
    expect(await world.customers.get(second.customerId)).toBeUndefined();
  });

  it('lets one of many simultaneous registrations of a number win, and tells the others who did', async () => {
    const world = await fresh();
    const phone = uniqueMobile();
    const attempts = Array.from({ length: 6 }, () => aCustomerRecord({ phone }));
    const outcomes = await Promise.allSettled(attempts.map((c) => world.customers.register(c)));
    const winners = attempts.filter((_, i) => outcomes[i]?.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.customerId;
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(ConflictError);
      expect(outcome.reason).toMatchObject({ extensions: { existingCustomerId: winner } });
    }
    expect(await world.customers.findIdByPhone(phone)).toBe(winner);
  });

  it('replaces a customer read at the current version', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    const after = { ...before, name: 'Kari Nordmann-Lie', updatedAt: minutesAfter(before.updatedAt, 5), version: 2 };
    await world.customers.replace(before, after);
    expect(await world.customers.get(before.customerId)).toEqual(after);
  });

  it('refuses a replacement from a stale read (another change, or an order taken in since) and writes nothing', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    await world.customers.replace(before, { ...before, name: 'Changed', version: 2 });
    await refusedWithoutWriting(world, () => world.customers.replace(before, { ...before, name: 'Lost update', version: 2 }), PreconditionFailedError);

    // Taking in an order moves the last activity without a new version: a profile read before it is stale too.
    const other = await aStoredCustomer(world);
    await anOrderIn(world, { customer: other, at: minutesAfter(other.createdAt, 60) });
    await refusedWithoutWriting(world, () => world.customers.replace(other, { ...other, name: 'Lost update', version: 2 }), PreconditionFailedError);
    expect(await world.customers.get(other.customerId)).toEqual({ ...other, lastActivityAt: minutesAfter(other.createdAt, 60) });
  });

  it('refuses to replace a customer that does not exist', async () => {
    const world = await fresh();
    const ghost = aCustomerRecord();
    await refusedWithoutWriting(world, () => world.customers.replace(ghost, { ...ghost, version: 2 }), PreconditionFailedError);
    expect(await world.customers.get(ghost.customerId)).toBeUndefined();
  });

  it('moves the number with a replacement: the new one is the customer\'s, the old one free again', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    const after = { ...before, phone: uniqueMobile(), version: 2 };
    await world.customers.replace(before, after);
    expect(await world.customers.findIdByPhone(after.phone)).toBe(before.customerId);
    expect(await world.customers.findIdByPhone(before.phone)).toBeUndefined();
    await expect(world.customers.register(aCustomerRecord({ phone: before.phone }))).resolves.toBeUndefined();
  });

  it('refuses to move a customer to a number another customer holds, naming them, and writes nothing', async () => {
    const world = await fresh();
    const holder = await aStoredCustomer(world);
    const before = await aStoredCustomer(world);
    await refusedWithoutWriting(world, () => world.customers.replace(before, { ...before, phone: holder.phone, version: 2 }), ConflictError, {
      extensions: { existingCustomerId: holder.customerId },
    });
  });

  describe('getWithOrders', () => {
    it('is undefined for a customer that does not exist, and an empty page for one without orders', async () => {
      const world = await fresh();
      expect(await world.customers.getWithOrders('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { limit: 10 })).toBeUndefined();
      const customer = await aStoredCustomer(world);
      const found = await world.customers.getWithOrders(customer.customerId, { limit: 10 });
      expect(found).toEqual({ customer, orders: { items: [] } });
    });

    it('gives the customer\'s own orders newest ticket first, page by page, each once', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const orders = [];
      for (let i = 0; i < 5; i++) {
        orders.push(await anOrderIn(world, { customer, at: minutesAfter(customer.createdAt, i) }));
        await anOrderIn(world); // someone else's, between them
      }
      const { items } = await allPages(2, async (page) => {
        const found = await world.customers.getWithOrders(customer.customerId, page);
        expect(found?.customer).toEqual({ ...customer, lastActivityAt: minutesAfter(customer.createdAt, 4) });
        return found?.orders ?? { items: [] };
      });
      expect(items.map((o) => o.orderId)).toEqual(orders.map((o) => o.orderId).reverse());
      expect(items[0]).toEqual(orders[4]);
    });

    it('refuses a cursor it did not hand out, or one from another customer\'s list', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const other = await aStoredCustomer(world);
      await anOrderIn(world, { customer: other });
      await anOrderIn(world, { customer: other });
      const othersPage = await world.customers.getWithOrders(other.customerId, { limit: 1 });
      expect(othersPage?.orders.nextCursor).toEqual(expect.any(String));
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, othersPage?.orders.nextCursor as string]) {
        await expect(world.customers.getWithOrders(customer.customerId, { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });
}
