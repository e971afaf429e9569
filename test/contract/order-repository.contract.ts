import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import { newExpressOption, newPriceListItem } from '#shared/domain/orders/price-list';
import { aCustomerRecord, aMessageRecord, anOrderRecord, RECORD_TIME } from '../helpers/fixtures';
import { aCounterSale, aStoredCustomer, allPages, anOrderIn, FORGED_CURSOR, minutesAfter, refusedWithoutWriting } from './arrange';
import type { WorldFactory } from './world';

const LATER = minutesAfter(RECORD_TIME, 30);

/**
 * What every OrderRepository promises: tickets drawn once, the state machine as the condition of
 * every move (and the version, when given), the outbox message written with the move or not at
 * all, and the work queues in the order they are worked.
 */
export function orderRepositoryContract(fresh: WorldFactory): void {
  describe('tickets and intake', () => {
    it('draws ticket numbers from 1001, each once, also when drawn at the same moment', async () => {
      const world = await fresh();
      expect(await world.orders.nextTicketNumber()).toBe('1001');
      const drawn = await Promise.all(Array.from({ length: 8 }, () => world.orders.nextTicketNumber()));
      expect(drawn.map(Number).sort((a, b) => a - b)).toEqual([1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009]);
    });

    it('stores an order under its ticket and customer, and stamps the customer\'s last activity without a new version', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const order = anOrderRecord(customer.customerId, await world.orders.nextTicketNumber(), { createdAt: LATER, updatedAt: LATER, statusChangedAt: LATER, receivedAt: LATER, promisedReadyAt: '2026-03-09' });
      await world.orders.create(order);
      expect(await world.orders.get(order.orderId)).toEqual(order);
      expect(await world.orders.customerIdOf(order.orderId)).toBe(customer.customerId);
      expect(await world.customers.get(customer.customerId)).toEqual({ ...customer, lastActivityAt: LATER });
      expect(await world.orders.get('999999')).toBeUndefined();
      expect(await world.orders.customerIdOf('999999')).toBeUndefined();
    });

    it('refuses an order for a customer that does not exist, and writes nothing', async () => {
      const world = await fresh();
      const order = anOrderRecord(aCustomerRecord().customerId, await world.orders.nextTicketNumber());
      await refusedWithoutWriting(world, () => world.orders.create(order), NotFoundError);
    });

    it('refuses a ticket already in use, and writes nothing', async () => {
      const world = await fresh();
      const first = await anOrderIn(world);
      const other = await aStoredCustomer(world);
      const before = await world.snapshot();
      await expect(world.orders.create(anOrderRecord(other.customerId, first.orderId))).rejects.toThrow();
      expect(await world.snapshot()).toEqual(before);
    });
  });

  describe('intake\'s one read', () => {
    it('reads the customer, the price-list items by id (those that exist) and the express option', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const dress = newPriceListItem('P1', { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 2 }, RECORD_TIME);
      const shirt = newPriceListItem('P2', { name: 'Skjorte', category: 'skjorter', priceOre: 6_900, unit: 'per_piece', turnaroundWorkingDays: 1 }, RECORD_TIME);
      await world.priceList.createMany([dress, shirt]);
      const read = await world.orders.intakeContext(customer.customerId, ['P2', 'P9']);
      expect(read).toEqual({ customer, priceItems: [shirt] });
      const express = newExpressOption({ offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, 0, LATER);
      await world.priceList.putExpress(express, 0);
      const withExpress = await world.orders.intakeContext(customer.customerId, ['P1', 'P2']);
      expect({ ...withExpress, priceItems: [...withExpress.priceItems].sort((a, b) => a.itemId.localeCompare(b.itemId)) }).toEqual({ customer, priceItems: [dress, shirt], express });
      expect(await world.orders.intakeContext(aCustomerRecord().customerId, [])).toEqual({ priceItems: [], express });
    });
  });

  describe('a change after intake', () => {
    const withGarments = (order: Order, garments: Order['garments']): Order => ({ ...order, garments, updatedAt: LATER, version: order.version + 1 });
    const aGarment = (tag: string): Order['garments'][number] => ({ tag, line: 1, pieces: 1, conditions: [], state: 'in_work' });

    it('decides from the order and the price list read together, then writes the order, claims its new tags and frees those it dropped', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const shirt = newPriceListItem('P1', { name: 'Skjorte', category: 'skjorter', priceOre: 6_900, unit: 'per_piece', turnaroundWorkingDays: 1 }, RECORD_TIME);
      await world.priceList.create(shirt);
      const [kept, dropped] = order.garments;
      const seen: unknown[] = [];
      const revised = await world.orders.revise(order.orderId, order.version, ['P1', 'P9'], (stored, prices) => {
        seen.push({ stored, prices });
        return withGarments(stored, [kept as Order['garments'][number], { ...aGarment('NEW-1'), line: 2 }]);
      });
      expect(seen).toEqual([{ stored: order, prices: { priceItems: [shirt] } }]);
      expect(await world.orders.get(order.orderId)).toEqual(revised);
      expect(revised.version).toBe(order.version + 1);
      expect(await world.orders.findByTag('NEW-1')).toEqual(revised);
      expect(await world.orders.findByTag(dropped?.tag as string)).toBeUndefined();
      // The order's later moves start from the revised order (the ticket's copy was kept in step).
      expect(await world.orders.transition(order.orderId, 'ready', { at: LATER, expectedVersion: revised.version })).toMatchObject({ garments: [expect.objectContaining({ tag: kept?.tag }), expect.objectContaining({ tag: 'NEW-1' })], version: revised.version + 1 });
    });

    it('refuses a stale version, a new tag on a garment in the shop, and what the change itself refuses, writing nothing', async () => {
      const world = await fresh();
      const other = await anOrderIn(world);
      const order = await anOrderIn(world);
      const taken = other.garments[0]?.tag as string;
      const adding = (tag: string) => (stored: Order) => withGarments(stored, [...stored.garments, aGarment(tag)]);
      await refusedWithoutWriting(world, () => world.orders.revise(order.orderId, order.version + 1, [], adding('NEW-2')), PreconditionFailedError);
      await refusedWithoutWriting(world, () => world.orders.revise(order.orderId, order.version, [], adding(taken)), ConflictError, { extensions: { tag: taken, errors: [{ pointer: '/garments/2/tag' }] } });
      await refusedWithoutWriting(world, () => world.orders.revise(order.orderId, order.version, [], () => { throw new ValidationError('No'); }), ValidationError);
      await refusedWithoutWriting(world, () => world.orders.revise('999999', 1, [], adding('NEW-3')), NotFoundError);
      expect(await world.orders.findByTag(taken)).toEqual(other);
    });
  });

  describe('tags', () => {
    it('claims every tag of an order at intake and finds the order by any of them', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      for (const { tag } of order.garments) expect(await world.orders.findByTag(tag)).toEqual(order);
      expect(await world.orders.findByTag('NO-SUCH-TAG')).toBeUndefined();
    });

    it('writes no message when the move decides there is none to send', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const ready = await world.orders.transition(order.orderId, 'ready', { at: LATER }, () => undefined);
      expect(ready).toMatchObject({ status: 'ready' });
      expect(await world.messages.listForOrder(order.customerId, order.orderId)).toEqual([]);
    });

    it('refuses an order with a tag on a garment in the shop, naming the garment, and writes nothing', async () => {
      const world = await fresh();
      const first = await anOrderIn(world);
      const other = await aStoredCustomer(world);
      const second = anOrderRecord(other.customerId, await world.orders.nextTicketNumber());
      const reused = { ...second, garments: [second.garments[0] as Order['garments'][number], { ...(second.garments[1] as Order['garments'][number]), tag: first.garments[0]?.tag as string }] };
      await refusedWithoutWriting(world, () => world.orders.create(reused), ConflictError, {
        extensions: { tag: first.garments[0]?.tag, errors: [{ pointer: '/garments/1/tag', detail: expect.any(String) }] },
      });
      expect(await world.orders.findByTag(first.garments[0]?.tag as string)).toEqual(first);
    });

    it('frees the tags when the garments are handed out, so a new order can use them; a cancellation keeps them, the garments being still in the shop', async () => {
      const world = await fresh();
      const collected = await anOrderIn(world, { readyAt: LATER });
      await world.orders.transition(collected.orderId, 'pickup', { at: minutesAfter(LATER, 5), payment: { method: 'counter' } });
      for (const { tag } of collected.garments) expect(await world.orders.findByTag(tag)).toBeUndefined();
      const cancelled = await anOrderIn(world);
      const afterCancel = await world.orders.transition(cancelled.orderId, 'cancel', { at: LATER });
      expect(afterCancel.garments.map((g) => g.state)).toEqual(['in_work', 'in_work']);
      expect(await world.orders.findByTag(cancelled.garments[0]?.tag as string)).toEqual(afterCancel);

      const customer = await aStoredCustomer(world);
      const again = anOrderRecord(customer.customerId, await world.orders.nextTicketNumber());
      const reusing = { ...again, garments: again.garments.map((g, i) => ({ ...g, tag: collected.garments[i]?.tag as string })) };
      await world.orders.create(reusing);
      expect(await world.orders.findByTag(collected.garments[0]?.tag as string)).toEqual(reusing);
    });
  });

  describe('moves', () => {
    it('moves a received order to ready, stamping the time and a new version, and answers what is stored', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const ready = await world.orders.transition(order.orderId, 'ready', { at: LATER, expectedVersion: 1 });
      expect(ready).toEqual({ ...order, status: 'ready', readyAt: LATER, statusChangedAt: LATER, updatedAt: LATER, version: 2, garments: order.garments.map((g) => ({ ...g, state: 'ready', readyAt: LATER })) });
      expect(await world.orders.get(order.orderId)).toEqual(ready);
    });

    it('writes the outbox message with the move, built from the order as the move found it', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const asked: unknown[] = [];
      const ready = await world.orders.transition(order.orderId, 'ready', { at: LATER }, (found) => {
        asked.push(found);
        return aMessageRecord({ customerId: found.customerId, orderId: found.orderId, purpose: 'pickup_ready', occasion: 'ready', at: LATER });
      });
      expect(asked).toEqual([order]);
      expect(ready).toMatchObject({ status: 'ready', version: 2 });
      expect(await world.orders.get(order.orderId)).toEqual(ready);
      expect(await world.messages.listForOrder(order.customerId, order.orderId)).toEqual([aMessageRecord({ customerId: order.customerId, orderId: order.orderId, purpose: 'pickup_ready', occasion: 'ready', at: LATER })]);
    });

    it('records the payment with a pickup, and cancels from received or ready', async () => {
      const world = await fresh();
      const ready = await anOrderIn(world, { readyAt: LATER });
      const picked = await world.orders.transition(ready.orderId, 'pickup', { at: minutesAfter(LATER, 1), payment: { method: 'counter', posReceiptRef: 'K-7' } });
      expect(picked).toMatchObject({ status: 'picked_up', pickedUpAt: minutesAfter(LATER, 1), payment: { method: 'counter', posReceiptRef: 'K-7' }, version: 3 });
      const received = await anOrderIn(world);
      expect(await world.orders.transition(received.orderId, 'cancel', { at: LATER })).toMatchObject({ status: 'cancelled', cancelledAt: LATER, version: 2 });
      const readyToCancel = await anOrderIn(world, { readyAt: LATER });
      expect(await world.orders.transition(readyToCancel.orderId, 'cancel', { at: LATER })).toMatchObject({ status: 'cancelled', readyAt: LATER, cancelledAt: LATER });
    });

    it('refuses an illegal move with the current status and where the move is allowed from, writing nothing, not even the message', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const notify = (ref: { customerId: string; orderId: string }) => aMessageRecord({ ...ref, purpose: 'pickup_ready', occasion: 'ready' });
      await refusedWithoutWriting(world, () => world.orders.transition(order.orderId, 'pickup', { at: LATER, payment: { method: 'counter' } }, notify), ConflictError, {
        extensions: { orderId: order.orderId, currentStatus: 'received', allowedFrom: ['ready'] },
      });
      await world.orders.transition(order.orderId, 'cancel', { at: LATER });
      for (const action of ['ready', 'pickup', 'cancel'] as const) {
        await refusedWithoutWriting(world, () => world.orders.transition(order.orderId, action, { at: LATER }, notify), ConflictError, { extensions: { currentStatus: 'cancelled' } });
      }
    });

    it('refuses a move at a stale version, writing nothing; an illegal move is named as such whatever the version', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const notify = (ref: { customerId: string; orderId: string }) => aMessageRecord({ ...ref, purpose: 'pickup_ready', occasion: 'ready' });
      await refusedWithoutWriting(world, () => world.orders.transition(order.orderId, 'ready', { at: LATER, expectedVersion: 7 }, notify), PreconditionFailedError);
      await refusedWithoutWriting(world, () => world.orders.transition(order.orderId, 'pickup', { at: LATER, expectedVersion: 7 }), ConflictError);
    });

    it('refuses a move of an order that does not exist', async () => {
      const world = await fresh();
      await refusedWithoutWriting(world, () => world.orders.transition('999999', 'ready', { at: LATER }), NotFoundError);
    });

    it('lets one of two clerks moving the same order at once win, with one message', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const notify = (occasion: string) => (ref: { customerId: string; orderId: string }) => aMessageRecord({ ...ref, purpose: 'pickup_ready', occasion });
      const outcomes = await Promise.allSettled([
        world.orders.transition(order.orderId, 'ready', { at: LATER }, notify('first')),
        world.orders.transition(order.orderId, 'ready', { at: LATER }, notify('second')),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
      expect(await world.messages.listForOrder(order.customerId, order.orderId)).toHaveLength(1);
      expect(await world.orders.get(order.orderId)).toMatchObject({ status: 'ready', version: 2 });
    });
  });

  describe('cancelling and handing back', () => {
    it('stores the reason with the cancellation, and the answer is what is stored', async () => {
      const world = await fresh();
      const order = await anOrderIn(world, { readyAt: LATER });
      const cancelled = await world.orders.transition(order.orderId, 'cancel', { at: minutesAfter(LATER, 1), cancelReason: 'cannot_be_treated', expectedVersion: 2 });
      expect(cancelled).toEqual({ ...order, status: 'cancelled', cancelledAt: minutesAfter(LATER, 1), cancelReason: 'cannot_be_treated', statusChangedAt: minutesAfter(LATER, 1), updatedAt: minutesAfter(LATER, 1), version: 3 });
      expect(await world.orders.get(order.orderId)).toEqual(cancelled);
    });

    it('hands a cancelled order\'s garments back: every garment returned, its tag free again, the order returned and in its own queue', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      await world.orders.transition(order.orderId, 'cancel', { at: LATER, cancelReason: 'customer_changed_mind' });
      expect((await world.orders.listByStatus('cancelled', { limit: 10 })).items.map((o) => o.orderId)).toEqual([order.orderId]);
      const at = minutesAfter(LATER, 5);
      const returned = await world.orders.transition(order.orderId, 'return', { at, expectedVersion: 2 });
      expect(returned).toEqual({
        ...order,
        status: 'returned',
        cancelledAt: LATER,
        cancelReason: 'customer_changed_mind',
        returnedAt: at,
        statusChangedAt: at,
        updatedAt: at,
        version: 3,
        garments: order.garments.map((g) => ({ ...g, state: 'returned', leftAt: at })),
      });
      expect(await world.orders.get(order.orderId)).toEqual(returned);
      for (const { tag } of order.garments) expect(await world.orders.findByTag(tag)).toBeUndefined();
      expect((await world.orders.listByStatus('cancelled', { limit: 10 })).items).toEqual([]);
      expect((await world.orders.listByStatus('returned', { limit: 10 })).items).toEqual([returned]);
      // The tags are free: a new order can take them.
      const customer = await aStoredCustomer(world);
      const again = anOrderRecord(customer.customerId, await world.orders.nextTicketNumber());
      const reusing = { ...again, garments: again.garments.map((g, i) => ({ ...g, tag: order.garments[i]?.tag as string })) };
      await world.orders.create(reusing);
      expect(await world.orders.findByTag(order.garments[0]?.tag as string)).toEqual(reusing);
    });

    it('refuses to hand back an order that is not cancelled, or twice, and a cancellation after the pickup, writing nothing', async () => {
      const world = await fresh();
      const received = await anOrderIn(world);
      await refusedWithoutWriting(world, () => world.orders.transition(received.orderId, 'return', { at: LATER }), ConflictError, { extensions: { currentStatus: 'received', allowedFrom: ['cancelled'] } });
      await world.orders.transition(received.orderId, 'cancel', { at: LATER, cancelReason: 'other' });
      await refusedWithoutWriting(world, () => world.orders.transition(received.orderId, 'return', { at: LATER, expectedVersion: 1 }), PreconditionFailedError);
      await world.orders.transition(received.orderId, 'return', { at: LATER });
      await refusedWithoutWriting(world, () => world.orders.transition(received.orderId, 'return', { at: LATER }), ConflictError, { extensions: { currentStatus: 'returned' } });
      await refusedWithoutWriting(world, () => world.orders.transition(received.orderId, 'cancel', { at: LATER, cancelReason: 'other' }), ConflictError, { extensions: { currentStatus: 'returned' } });
      const collected = await aCounterSale(world);
      await refusedWithoutWriting(world, () => world.orders.transition(collected.orderId, 'cancel', { at: LATER, cancelReason: 'other' }), ConflictError, { extensions: { currentStatus: 'picked_up' } });
    });
  });

  describe('received orders by promised date', () => {
    it('lists received orders promised within [from, to], earliest date first, then by ticket, page by page', async () => {
      const world = await fresh();
      const a = await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      const b = await anOrderIn(world, { promisedReadyAt: '2026-03-03' });
      const c = await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      const d = await anOrderIn(world, { promisedReadyAt: '2026-03-06' });
      await anOrderIn(world); // promised nothing: in no list
      const { items } = await allPages(2, (page) => world.orders.listPromisedBetween('2026-03-03', '2026-03-05', page));
      expect(items.map((o) => o.orderId)).toEqual([b, a, c].map((o) => o.orderId));
      expect(items[1]).toEqual(a);
      expect((await world.orders.listPromisedBetween('2026-03-06', '2026-03-06', { limit: 10 })).items).toEqual([d]);
      expect((await world.orders.listPromisedBetween('0000-01-01', '2026-03-02', { limit: 10 })).items).toEqual([]);
    });

    it('keeps an order there only while it is received, and moves it with a delay', async () => {
      const world = await fresh();
      const readied = await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      const cancelled = await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      const delayed = await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      await world.orders.transition(readied.orderId, 'ready', { at: LATER });
      await world.orders.transition(cancelled.orderId, 'cancel', { at: LATER, cancelReason: 'registered_by_mistake' });
      await world.orders.addMessage(delayed.orderId, { allowedStatuses: ['received'], promisedReadyAt: '2026-03-09' }, (ref) =>
        aMessageRecord({ ...ref, purpose: 'delay', occasion: '2026-03-09', params: { ticket: ref.orderId, date: '2026-03-09' }, at: LATER }),
      );
      expect((await world.orders.listPromisedBetween('0000-01-01', '2026-03-08', { limit: 10 })).items).toEqual([]);
      expect((await world.orders.listPromisedBetween('2026-03-09', '2026-03-09', { limit: 10 })).items).toEqual([await world.orders.get(delayed.orderId)]);
    });

    it('refuses a cursor it did not hand out, or one from a status queue', async () => {
      const world = await fresh();
      await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      await anOrderIn(world, { promisedReadyAt: '2026-03-05' });
      const queuePage = await world.orders.listByStatus('received', { limit: 1 });
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, queuePage.nextCursor as string]) {
        await expect(world.orders.listPromisedBetween('2026-03-01', '2026-03-09', { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });

  describe('messages about an order', () => {
    const delay = (promisedReadyAt: string) => ({ allowedStatuses: ['received'] as const, promisedReadyAt });
    const delayMessage = (date: string) => (ref: { customerId: string; orderId: string }) => aMessageRecord({ ...ref, purpose: 'delay', occasion: date, params: { ticket: ref.orderId, date }, at: LATER });

    it('writes the message and the order change it implies together, once: the same message again changes nothing', async () => {
      const world = await fresh();
      const order = await anOrderIn(world);
      const first = await world.orders.addMessage(order.orderId, delay('2026-03-20'), delayMessage('2026-03-20'));
      expect(first).toEqual({ message: delayMessage('2026-03-20')(order), duplicate: false });
      expect(await world.orders.get(order.orderId)).toEqual({ ...order, promisedReadyAt: '2026-03-20', updatedAt: LATER, version: 2 });
      const before = await world.snapshot();
      const again = await world.orders.addMessage(order.orderId, delay('2026-03-20'), (ref) => ({ ...delayMessage('2026-03-20')(ref), note: 'the second click' }));
      expect(again).toEqual({ message: first.message, duplicate: true });
      expect(await world.snapshot()).toEqual(before);
    });

    it('appends a reminder to the order with its message, and checks the status alone when the order does not change', async () => {
      const world = await fresh();
      const order = await anOrderIn(world, { readyAt: LATER });
      const reminder = { afterDays: 14, sentAt: minutesAfter(LATER, 60) };
      await world.orders.addMessage(order.orderId, { allowedStatuses: ['ready'], reminder }, (ref) => aMessageRecord({ ...ref, purpose: 'uncollected_reminder', occasion: 'after-14-days', at: minutesAfter(LATER, 60) }));
      expect(await world.orders.get(order.orderId)).toEqual({ ...order, reminders: [reminder], updatedAt: minutesAfter(LATER, 60), version: 3 });
      const question = await world.orders.addMessage(order.orderId, { allowedStatuses: ['received', 'ready'] }, (ref) => aMessageRecord({ ...ref, purpose: 'question', occasion: '2026-03-02' }));
      expect(question.duplicate).toBe(false);
      expect(await world.orders.get(order.orderId)).toMatchObject({ version: 3 });
      expect((await world.messages.listForOrder(order.customerId, order.orderId)).map((m) => m.purpose)).toEqual(['question', 'uncollected_reminder']);
    });

    it('refuses a message for an order in another status, naming the status, and writes nothing', async () => {
      const world = await fresh();
      const order = await anOrderIn(world, { readyAt: LATER });
      await refusedWithoutWriting(world, () => world.orders.addMessage(order.orderId, delay('2026-03-20'), delayMessage('2026-03-20')), ConflictError, {
        extensions: { orderId: order.orderId, currentStatus: 'ready' },
      });
      await refusedWithoutWriting(world, () => world.orders.addMessage('999999', delay('2026-03-20'), delayMessage('2026-03-20')), NotFoundError);
    });
  });

  describe('the statutory notice', () => {
    const notice = { method: 'registered_letter' as const, givenOn: '2026-06-10', recordedAt: '2026-06-10T08:00:00.000Z', recordedBy: 'clerk-1' };

    it('records the notice on a ready order that has waited long enough', async () => {
      const world = await fresh();
      const order = await anOrderIn(world, { readyAt: LATER });
      const noticed = await world.orders.recordNotice(order.orderId, notice, minutesAfter(LATER, 1));
      expect(noticed).toEqual({ ...order, notices: [notice], updatedAt: notice.recordedAt, version: 3 });
      expect(await world.orders.get(order.orderId)).toEqual(noticed);
    });

    it('refuses one too early, or for an order not ready, and writes nothing', async () => {
      const world = await fresh();
      const ready = await anOrderIn(world, { readyAt: LATER });
      await refusedWithoutWriting(world, () => world.orders.recordNotice(ready.orderId, notice, LATER), ConflictError, { extensions: { currentStatus: 'ready' } });
      const received = await anOrderIn(world);
      await refusedWithoutWriting(world, () => world.orders.recordNotice(received.orderId, notice, '2999-01-01'), ConflictError, { extensions: { currentStatus: 'received' } });
      await refusedWithoutWriting(world, () => world.orders.recordNotice('999999', notice, '2999-01-01'), NotFoundError);
    });
  });

  describe('the work queues', () => {
    async function readyAtMinutes(world: Awaited<ReturnType<WorldFactory>>, minutes: number[]): Promise<Order[]> {
      const orders: Order[] = [];
      for (const m of minutes) orders.push(await anOrderIn(world, { readyAt: minutesAfter(LATER, m) }));
      return orders;
    }

    it('lists a status oldest move first (ties by ticket), page by page, each order once', async () => {
      const world = await fresh();
      const [a, b, c, d, e] = (await readyAtMinutes(world, [3, 1, 2, 1, 0])) as Order[];
      await anOrderIn(world); // received: another queue
      const { items } = await allPages(2, (page) => world.orders.listByStatus('ready', page));
      expect(items.map((o) => o.orderId)).toEqual([e, b, d, c, a].map((o) => o?.orderId));
      expect(items[0]).toEqual(e);
      expect((await world.orders.listByStatus('received', { limit: 10 })).items).toHaveLength(1);
    });

    it('moves an order from queue to queue with its status', async () => {
      const world = await fresh();
      const [first] = (await readyAtMinutes(world, [0, 1])) as Order[];
      await world.orders.transition(first?.orderId as string, 'pickup', { at: minutesAfter(LATER, 5), payment: { method: 'counter' } });
      expect((await world.orders.listByStatus('ready', { limit: 10 })).items).toHaveLength(1);
      expect((await world.orders.listByStatus('picked_up', { limit: 10 })).items.map((o) => o.orderId)).toEqual([first?.orderId]);
    });

    it('lists orders that entered a status within [from, to): at `from` in, at `to` out, oldest first, page by page', async () => {
      const world = await fresh();
      const orders = await readyAtMinutes(world, [0, 1, 2, 3, 4, 5]);
      const { items } = await allPages(2, (page) => world.orders.listInStatusBetween('ready', minutesAfter(LATER, 1), minutesAfter(LATER, 5), page));
      expect(items.map((o) => o.orderId)).toEqual(orders.slice(1, 5).map((o) => o.orderId));
      expect((await world.orders.listInStatusBetween('ready', '0', minutesAfter(LATER, 0), { limit: 10 })).items).toEqual([]);
      expect((await world.orders.listInStatusBetween('received', '0', '9', { limit: 10 })).items).toEqual([]);
    });

    it('refuses a cursor it did not hand out, or one from another status\'s queue', async () => {
      const world = await fresh();
      await readyAtMinutes(world, [0, 1]);
      await anOrderIn(world);
      await anOrderIn(world);
      const receivedPage = await world.orders.listByStatus('received', { limit: 1 });
      expect(receivedPage.nextCursor).toEqual(expect.any(String));
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, receivedPage.nextCursor as string]) {
        await expect(world.orders.listByStatus('ready', { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });
}
