import { MAX_GARMENTS_PER_ORDER } from '#shared/domain/orders/garments';
import { aRegisteredCustomer, uniqueLandline, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { tripCounter } from '../helpers/trip-counter';
import type { TwinCall } from '../helpers/twin-client';

/**
 * Intake from the shop's price list, through the twin on DynamoDB Local: lines keep the name and
 * price they were taken in at, express and discounts are lines of their own, and the order notes
 * how the customer will hear it is ready. DynamoDB commands are counted at the shared client.
 */
const api = apiHarness();
const call = (method: string, url: string, options: TwinCall = {}) => api.call(method, url, { token: api.staff, ...options });
const counted = tripCounter(call);

async function anItem(body: Record<string, unknown>) {
  const added = await call('POST', '/admin/price-list/items', { body });
  expect(added.status).toBe(201);
  return added.json as { itemId: string; version: number };
}

let dress: { itemId: string; version: number };
let shirt: { itemId: string; version: number };
let duvet: { itemId: string; version: number };
beforeAll(async () => {
  dress = await anItem({ name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 2 });
  shirt = await anItem({ name: 'Skjorte, vask og press', category: 'skjorter', priceOre: 6_900, unit: 'per_piece', turnaroundWorkingDays: 1 });
  duvet = await anItem({ name: 'Dyne, enkel', category: 'dyner_og_tepper', priceOre: 39_900, unit: 'per_garment', turnaroundWorkingDays: 4 });
  const express = await call('GET', '/admin/price-list/express');
  const set = await call('PUT', '/admin/price-list/express', { body: { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, headers: { 'if-match': express.headers.etag as string } });
  expect(set.status).toBe(200);
});

describe('taking in an order from the price list', () => {
  it('prices the lines from the list, adds express and a discount as lines, and keeps them when the list changes', async () => {
    const { customerId } = await aRegisteredCustomer(call, api.staff);
    const body = {
      customerId,
      lines: [{ priceListItemId: dress.itemId, quantity: 1 }, { priceListItemId: shirt.itemId, quantity: 5 }, { discount: { reason: 'stamkunde', percent: 10 } }],
      express: true,
      garments: [
        { tag: uniqueTag(), line: 1, colour: 'Grå', conditions: ['flekk'] },
        { tag: uniqueTag(), line: 2, pieces: 5 },
      ],
    };
    const { response, trips } = await counted('POST', '/admin/orders', { body });
    expect(response.json).toMatchObject({ orderId: expect.any(String) });
    expect(response.status).toBe(201);
    // The customer, the items and express in one batch, beside the ticket's draw; then the transaction.
    expect([...trips].sort()).toEqual(['BatchGetItem', 'TransactWriteItems', 'UpdateItem']);
    const services = 22_900 + 5 * 6_900; // 57 400
    const express = services / 2; // 28 700
    const discount = -(services + express) / 10; // -8 610
    expect(response.json.items).toEqual([
      { kind: 'price_list', priceListItemId: dress.itemId, service: 'Dress', category: 'rens', unit: 'per_garment', quantity: 1, unitPriceOre: 22_900, lineTotalOre: 22_900 },
      { kind: 'price_list', priceListItemId: shirt.itemId, service: 'Skjorte, vask og press', category: 'skjorter', unit: 'per_piece', quantity: 5, unitPriceOre: 6_900, lineTotalOre: 34_500 },
      { kind: 'discount', service: 'Stamkunderabatt', discountReason: 'stamkunde', quantity: 1, unitPriceOre: discount, lineTotalOre: discount },
      { kind: 'express', service: 'Ekspress', quantity: 1, unitPriceOre: express, lineTotalOre: express },
    ].map((line) => expect.objectContaining(line)));
    expect(response.json.totals).toEqual({ grossOre: 77_490, vatOre: 15_498, netOre: 61_992, vatRatePercent: 25 });
    expect(response.json).toMatchObject({ express: true, noticeBy: 'sms', promisedReadyAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    const repriced = await call('PATCH', `/admin/price-list/items/${dress.itemId}`, { body: { priceOre: 99_900 }, headers: { 'if-match': `"${dress.version}"` } });
    expect(repriced.status).toBe(200);
    dress = repriced.json as typeof dress;
    expect((await call('GET', `/admin/orders/${response.json.orderId}`)).json.items).toEqual(response.json.items);
  });

  it('refuses a retired item and a discount beyond the total, naming the line, and writes nothing', async () => {
    const { customerId } = await aRegisteredCustomer(call, api.staff);
    const retired = await call('POST', `/admin/price-list/items/${duvet.itemId}/retire`, { headers: { 'if-match': `"${duvet.version}"` } });
    expect(retired.status).toBe(200);
    const before = await api.env.allItems();
    const tagged = [{ tag: uniqueTag(), line: 1 }];
    const withRetired = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: duvet.itemId, quantity: 1 }], garments: tagged } });
    expect(withRetired.status).toBe(400);
    expect(withRetired.json.errors).toEqual([expect.objectContaining({ pointer: '/lines/0/priceListItemId' })]);
    const tooMuch = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: shirt.itemId, quantity: 1 }, { discount: { reason: 'kampanje', amountOre: 7_000 } }], garments: tagged } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.errors).toEqual([expect.objectContaining({ pointer: '/lines/1/discount/amountOre' })]);
    const both = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: shirt.itemId, quantity: 1 }], items: [{ service: 'Dress', quantity: 1, unitPriceOre: 100 }], garments: tagged } });
    expect(both.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines' }] });
    const expressWithoutList = await call('POST', '/admin/orders', { body: { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 100 }], express: true, garments: tagged } });
    expect(expressWithoutList.json).toMatchObject({ status: 400, errors: [{ pointer: '/express' }] });
    // Every garment's tag claim is an action in intake's and the pickup's transactions (DynamoDB allows 100).
    const tooMany = Array.from({ length: MAX_GARMENTS_PER_ORDER + 1 }, () => ({ tag: uniqueTag(), line: 1 }));
    const overLimit = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: shirt.itemId, quantity: MAX_GARMENTS_PER_ORDER + 1 }], garments: tooMany } });
    expect(overLimit.json).toMatchObject({ status: 400, errors: [{ pointer: '/garments' }] });
    // Ticket numbers are drawn beside the batch read, so a refused intake may use one up; nothing else is written.
    const after = (await api.env.allItems()).filter((i) => i.entity !== 'counter');
    expect(after).toEqual(before.filter((i) => i.entity !== 'counter'));
  });

  it('notes that a customer with a landline is called, and one without a number waited for, and queues no SMS for them', async () => {
    for (const [phone, noticeBy] of [[uniqueLandline(), 'call'], [undefined, 'wait']] as const) {
      const { customerId } = await aRegisteredCustomer(call, api.staff, { phone });
      const taken = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: shirt.itemId, quantity: 2 }], garments: [{ tag: uniqueTag(), line: 1, pieces: 2 }] } });
      expect(taken.json).toMatchObject({ noticeBy });
      const ready = await call('POST', `/admin/orders/${taken.json.orderId}/ready`);
      expect(ready.json).toMatchObject({ status: 'ready', noticeBy });
      expect((await call('GET', `/admin/orders/${taken.json.orderId}/messages`)).json.messages).toEqual([]);
      // The counter's ready list says whom to call and whom to wait for, where an SMS would have gone.
      const readyList = (await call('GET', '/admin/counter/today?list=ready&limit=100')).json.orders as { orderId: string; noticeBy?: string }[];
      expect(readyList.find((o) => o.orderId === taken.json.orderId)).toMatchObject({ noticeBy });
    }
  });
});

describe('the most garments one order may have', () => {
  it('takes in the most garments an order may have and hands them out on an e-mailed invoice, all within DynamoDB\'s 100 actions per transaction', async () => {
    const { customerId } = await aRegisteredCustomer(call, api.staff, { email: 'hotell@example.no', invoiceByEmail: true });
    const garments = Array.from({ length: MAX_GARMENTS_PER_ORDER }, () => ({ tag: uniqueTag(), line: 1 }));
    const taken = await call('POST', '/admin/orders', { body: { customerId, lines: [{ priceListItemId: shirt.itemId, quantity: MAX_GARMENTS_PER_ORDER }], garments } });
    expect(taken.status).toBe(201);
    expect((await call('POST', `/admin/orders/${taken.json.orderId}/ready`)).status).toBe(200);
    const picked = await call('POST', `/admin/orders/${taken.json.orderId}/pickup`, { body: { payment: 'invoice', customerId, buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' } } });
    expect(picked.status).toBe(200);
    expect((picked.json.garments as { state: string }[]).every((g) => g.state === 'handed_out')).toBe(true);
    expect((await call('GET', `/admin/tags/${garments.at(-1)?.tag}`)).status).toBe(404);
  });
});
