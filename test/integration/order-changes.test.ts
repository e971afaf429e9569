import { aRegisteredCustomer, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { tripCounter } from '../helpers/trip-counter';
import type { TwinCall } from '../helpers/twin-client';

/**
 * Changing an order after intake, before the work is done (issue #16, point 5), through the twin on
 * DynamoDB Local: lines, express, garments and the promised date, If-Match required; tags claimed
 * and freed in the order's own transaction; each change recorded as codes with the clerk's id; and
 * every refusal leaves the table as it was. DynamoDB commands are counted at the shared client.
 */
const api = apiHarness();
const call = (method: string, url: string, options: TwinCall = {}) => api.call(method, url, { token: api.staff, ...options });
const counted = tripCounter(call);
/** The subject of the local issuer's staff token: the id a change is recorded with. */
const CLERK = 'local-clerk';

type Item = { itemId: string; version: number };
type Garment = { tag: string; line: number; state: string } & Record<string, unknown>;
type OrderJson = { orderId: string; version: number; items: Record<string, unknown>[]; garments: Garment[]; totals: Record<string, number>; changes?: unknown[] } & Record<string, unknown>;

async function anItem(body: Record<string, unknown>): Promise<Item> {
  const added = await call('POST', '/admin/price-list/items', { body });
  expect(added.status).toBe(201);
  return added.json as Item;
}

let shirt: Item;
let dress: Item;
let retired: Item;
beforeAll(async () => {
  shirt = await anItem({ name: 'Skjorte, vask og press', category: 'skjorter', priceOre: 6_900, unit: 'per_piece', turnaroundWorkingDays: 1 });
  dress = await anItem({ name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 2 });
  const duvet = await anItem({ name: 'Dyne, enkel', category: 'dyner_og_tepper', priceOre: 39_900, unit: 'per_garment', turnaroundWorkingDays: 4 });
  retired = (await call('POST', `/admin/price-list/items/${duvet.itemId}/retire`, { headers: { 'if-match': `"${duvet.version}"` } })).json as Item;
  const express = await call('GET', '/admin/price-list/express');
  const set = await call('PUT', '/admin/price-list/express', { body: { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, headers: { 'if-match': express.headers.etag as string } });
  expect(set.status).toBe(200);
});

/** An order taken in at the counter: the lines given, one garment on each unless garments are given. */
async function takenIn(lines: Record<string, unknown>[], garments?: Record<string, unknown>[]): Promise<OrderJson> {
  const { customerId } = await aRegisteredCustomer(call, api.staff);
  const body = { customerId, lines, garments: garments ?? lines.flatMap((line, i) => ('discount' in line ? [] : [{ tag: uniqueTag(), line: i + 1 }])), promisedReadyAt: '2999-01-10' };
  const taken = await call('POST', '/admin/orders', { body });
  expect(taken.status).toBe(201);
  return taken.json as OrderJson;
}

/** A garment of the answer as the request gives it back. */
const asInput = ({ tag, line, pieces, colour, brand, note, conditions, conditionNote }: Garment) => ({ tag, line, pieces, colour, brand, note, conditions, conditionNote });

const change = (order: Pick<OrderJson, 'orderId' | 'version'>, body: Record<string, unknown>, headers: Record<string, string> = { 'if-match': `"${order.version}"` }) =>
  counted('PATCH', `/admin/orders/${order.orderId}`, { body, headers });

const stored = async (orderId: string) => (await call('GET', `/admin/orders/${orderId}`)).json as OrderJson;
const tagOwner = async (tag: string) => {
  const found = await call('GET', `/admin/tags/${tag}`);
  return found.status === 200 ? (found.json.orderId as string) : found.status;
};
/** Everything in the table but the ticket counter, which intake draws from before it writes. */
const tableNow = async () => (await api.env.allItems()).filter((i) => i.entity !== 'counter');

describe('changing an order before the work is done', () => {
  it('adds a garment with a new tag, claimed in the same transaction, and records it', async () => {
    const order = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }]);
    const added = uniqueTag();
    const { response, trips } = await change(order, { garments: [...order.garments.map(asInput), { tag: added, line: 1, colour: 'Grå', conditions: ['hull'] }] });
    expect(response.status).toBe(200);
    // The pointer's copy, the price list and express in one batch; then one transaction.
    expect(trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(response.json).toEqual(await stored(order.orderId));
    expect(response.headers.etag).toBe(`"${order.version + 1}"`);
    expect(response.json.garments).toEqual([order.garments[0], { tag: added, line: 1, pieces: 1, colour: 'Grå', conditions: ['hull'], state: 'in_work' }]);
    expect(response.json.changes).toEqual([{ at: expect.any(String), by: CLERK, what: [{ code: 'garment_added', tag: added }] }]);
    expect(await tagOwner(added)).toBe(order.orderId);
    expect(response.json.totals).toEqual(order.totals);
  });

  it('removes a garment and frees its tag, so that a new order can take it', async () => {
    const [first, second] = [uniqueTag(), uniqueTag()];
    const order = await takenIn([{ priceListItemId: shirt.itemId, quantity: 2 }], [{ tag: first, line: 1 }, { tag: second, line: 1 }]);
    const { response, trips } = await change(order, { garments: [{ tag: first, line: 1 }] });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(response.json).toEqual(await stored(order.orderId));
    expect((response.json as OrderJson).garments.map((g) => g.tag)).toEqual([first]);
    expect(response.json.changes).toEqual([{ at: expect.any(String), by: CLERK, what: [{ code: 'garment_removed', tag: second }] }]);
    expect(await tagOwner(second)).toBe(404);
    const next = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }], [{ tag: second, line: 1 }]);
    expect(await tagOwner(second)).toBe(next.orderId);
  });

  it('changes a line\'s quantity at today\'s price, keeps the other at the price it was taken in at, and re-works the total and VAT', async () => {
    const tie = await anItem({ name: 'Slips', category: 'rens', priceOre: 5_000, unit: 'per_piece', turnaroundWorkingDays: 1 });
    const coat = await anItem({ name: 'Frakk', category: 'rens', priceOre: 30_000, unit: 'per_garment', turnaroundWorkingDays: 3 });
    const order = await takenIn([{ priceListItemId: tie.itemId, quantity: 1 }, { priceListItemId: coat.itemId, quantity: 1 }]);
    expect(order.totals).toEqual({ grossOre: 35_000, vatOre: 7_000, netOre: 28_000, vatRatePercent: 25 });
    for (const [item, priceOre] of [[tie, 6_000], [coat, 35_000]] as const) {
      expect((await call('PATCH', `/admin/price-list/items/${item.itemId}`, { body: { priceOre }, headers: { 'if-match': `"${item.version}"` } })).status).toBe(200);
    }
    // The garments are left out: each follows its line.
    const { response, trips } = await change(order, { lines: [{ replace: 1, with: { priceListItemId: tie.itemId, quantity: 3 } }, { keep: 2 }] });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const changed = response.json as OrderJson;
    expect(changed).toEqual(await stored(order.orderId));
    expect(changed.items).toEqual([expect.objectContaining({ priceListItemId: tie.itemId, quantity: 3, unitPriceOre: 6_000, lineTotalOre: 18_000 }), order.items[1]]);
    expect(changed.totals).toEqual({ grossOre: 48_000, vatOre: 9_600, netOre: 38_400, vatRatePercent: 25 });
    expect(changed.garments).toEqual(order.garments);
    expect(changed.changes).toEqual([{ at: expect.any(String), by: CLERK, what: [{ code: 'line_changed', line: 1 }] }]);
  });

  it('records each change in turn: a line added with its garment, express on, a line removed, a new promised date', async () => {
    const order = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }, { priceListItemId: shirt.itemId, quantity: 1 }]);
    const [dressTag, shirtTag] = order.garments.map((g) => g.tag);
    const sewing = uniqueTag();
    const first = await change(order, {
      lines: [{ keep: 1 }, { keep: 2 }, { freeText: { service: 'Sy i knapp', unitPriceOre: 5_000, quantity: 1 } }],
      garments: [...order.garments.map(asInput), { tag: sewing, line: 3, note: 'Knappen ligger i lommen' }],
    });
    expect(first.response.status).toBe(200);
    expect(first.response.json.totals).toMatchObject({ grossOre: 22_900 + 6_900 + 5_000 });
    const second = await change(first.response.json as OrderJson, { express: true });
    expect(second.response.status).toBe(200);
    expect(second.response.json.totals).toMatchObject({ grossOre: (22_900 + 6_900 + 5_000) * 1.5 });
    const third = await change(second.response.json as OrderJson, { lines: [{ keep: 1 }, { keep: 3 }], garments: [{ tag: dressTag, line: 1 }, { tag: sewing, line: 2, note: 'Knappen ligger i lommen' }], promisedReadyAt: '2999-01-12' });
    expect(third.response.status).toBe(200);
    const now = await stored(order.orderId);
    expect(third.response.json).toEqual(now);
    expect(now.items.map((line) => line.kind)).toEqual(['price_list', 'free_text', 'express']);
    expect(now.totals).toMatchObject({ grossOre: (22_900 + 5_000) * 1.5 });
    expect(now).toMatchObject({ express: true, promisedReadyAt: '2999-01-12', version: order.version + 3 });
    expect(now.changes).toEqual([
      { at: expect.any(String), by: CLERK, what: [{ code: 'line_added', line: 3 }, { code: 'garment_added', tag: sewing }] },
      { at: expect.any(String), by: CLERK, what: [{ code: 'express_added' }] },
      { at: expect.any(String), by: CLERK, what: [{ code: 'line_removed', line: 2 }, { code: 'garment_removed', tag: shirtTag }, { code: 'promised_date_changed' }] },
    ]);
    expect(await tagOwner(shirtTag as string)).toBe(404);
  });
});

describe('refusals name what is wrong and change nothing', () => {
  /** The refusal, and that the order, its copy and every tag claim are as they were. */
  async function refused(order: Pick<OrderJson, 'orderId' | 'version'>, body: Record<string, unknown>, headers?: Record<string, string>) {
    const before = await tableNow();
    const { response } = await change(order, body, headers);
    expect(await tableNow()).toEqual(before);
    return response;
  }

  it('428 without If-Match, 412 on a stale version', async () => {
    const order = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }]);
    const body = { garments: [...order.garments.map(asInput), { tag: uniqueTag(), line: 1 }] };
    expect((await refused(order, body, {})).json).toMatchObject({ status: 428, errors: [{ header: 'if-match' }] });
    expect((await refused(order, body, { 'if-match': `"${order.version + 1}"` })).status).toBe(412);
    const moved = await call('POST', `/admin/orders/${order.orderId}/messages`, { body: { purpose: 'delay', newReadyAt: '2999-01-20' } });
    expect(moved.status).toBe(202);
    expect((await refused(order, body)).status).toBe(412);
  });

  it('409 once a garment is ready, naming it', async () => {
    const order = await takenIn([{ priceListItemId: shirt.itemId, quantity: 2 }], [{ tag: uniqueTag(), line: 1 }, { tag: uniqueTag(), line: 1 }]);
    const first = order.garments[0]?.tag as string;
    const ready = await call('POST', `/admin/orders/${order.orderId}/garments/ready`, { body: { tags: [first] } });
    expect(ready.status).toBe(200);
    const response = await refused(ready.json as OrderJson, { promisedReadyAt: '2999-02-01' });
    expect(response.json).toMatchObject({ status: 409, orderId: order.orderId, currentStatus: 'received', tags: [first] });
    const whole = await call('POST', `/admin/orders/${order.orderId}/ready`);
    expect((await refused(whole.json as OrderJson, { promisedReadyAt: '2999-02-01' })).json).toMatchObject({ status: 409, currentStatus: 'ready' });
  });

  it('409 for a tag on a garment in the shop, naming the garment\'s tag', async () => {
    const other = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }]);
    const order = await takenIn([{ priceListItemId: dress.itemId, quantity: 1 }]);
    const taken = other.garments[0]?.tag as string;
    const response = await refused(order, { garments: [...order.garments.map(asInput), { tag: taken, line: 1 }] });
    expect(response.json).toMatchObject({ status: 409, tag: taken, errors: [{ pointer: '/garments/1/tag' }] });
    expect(await tagOwner(taken)).toBe(other.orderId);
  });

  it('400 for a retired item, a discount beyond the total, and a line that loses its garments', async () => {
    const order = await takenIn([{ priceListItemId: shirt.itemId, quantity: 1 }, { priceListItemId: dress.itemId, quantity: 1 }, { discount: { reason: 'stamkunde', amountOre: 20_000 } }]);
    const withRetired = await refused(order, { lines: [{ replace: 1, with: { priceListItemId: retired.itemId, quantity: 1 } }, { keep: 2 }, { keep: 3 }] });
    expect(withRetired.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines/0/with/priceListItemId' }] });
    const tooMuch = await refused(order, { lines: [{ keep: 1 }, { keep: 2 }, { keep: 3 }, { discount: { reason: 'kampanje', amountOre: 10_000 } }] });
    expect(tooMuch.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines/3/discount/amountOre' }] });
    // The dress goes: the discount kept at its 200 kr is more than the shirt's 69 kr.
    const keptTooMuch = await refused(order, { lines: [{ keep: 1 }, { keep: 3 }], garments: [asInput(order.garments[0] as Garment)] });
    expect(keptTooMuch.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines/1' }] });
    // The dress taken in again as a new line: its garment, on the old line, has no line to go to.
    const lost = await refused(order, { lines: [{ keep: 1 }, { keep: 3 }, { priceListItemId: dress.itemId, quantity: 1 }] });
    expect(lost.json).toMatchObject({ status: 400, errors: [{ pointer: '/garments' }] });
    const unknownLine = await refused(order, { lines: [{ keep: 1 }, { keep: 7 }] });
    expect(unknownLine.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines/1/keep' }] });
    const past = await refused(order, { promisedReadyAt: '2000-01-01' });
    expect(past.json).toMatchObject({ status: 400, errors: [{ pointer: '/promisedReadyAt' }] });
    expect((await refused(order, {})).status).toBe(400);
  });
});
