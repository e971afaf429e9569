import { apiHarness } from '../helpers/harness';
import { tripCounter } from '../helpers/trip-counter';
import type { TwinCall } from '../helpers/twin-client';

/**
 * The price-list routes through the twin's API Gateway on DynamoDB Local, with the DynamoDB
 * commands each call sends counted at the document client every handler shares (one command is
 * one round trip). The file's tests share one table, so each reads back only the items it added;
 * the express option, one per shop, is taken through its states in one test.
 */
const api = apiHarness();
/** One call as staff, and the DynamoDB commands it sent. */
const counted = tripCounter((method, url, options = {}) => api.call(method, url, { token: api.staff, ...options }));
const call = async (method: string, url: string, options: TwinCall = {}) => (await counted(method, url, options)).response;
const ifMatch = (etag: string) => ({ 'if-match': etag });

const DRESS = { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 };
const add = async (body: Record<string, unknown> = DRESS) => {
  const response = await call('POST', '/admin/price-list/items', { body });
  expect(response.status).toBe(201);
  return response;
};
const listed = async (query = '') => (await call('GET', `/admin/price-list${query}`)).json as { items: { itemId: string; status: string }[]; express: Record<string, unknown> };

describe('adding an item', () => {
  it('answers 201 with its id, Location and ETag in two round trips; it reads back by id and in the list, one trip each', async () => {
    const { response, trips } = await counted('POST', '/admin/price-list/items', { body: DRESS });
    expect(response.status).toBe(201);
    expect(trips).toEqual(['UpdateItem', 'PutItem']);
    const itemId = response.json.itemId as string;
    expect(itemId).toMatch(/^P\d+$/);
    expect(response.json).toEqual({ itemId, ...DRESS, categoryLabel: 'Rens', unitLabel: 'per plagg', status: 'active', version: 1, createdAt: expect.any(String), updatedAt: response.json.createdAt });
    expect(response.headers.location).toBe(`/admin/price-list/items/${itemId}`);
    expect(response.headers.etag).toBe('"1"');

    const one = await counted('GET', `/admin/price-list/items/${itemId}`);
    expect(one.trips).toEqual(['GetItem']);
    expect(one.response.json).toEqual(response.json);
    expect(one.response.headers.etag).toBe('"1"');

    const list = await counted('GET', '/admin/price-list');
    expect(list.trips).toEqual(['Query']);
    expect((list.response.json.items as unknown[]).find((item) => (item as { itemId: string }).itemId === itemId)).toEqual(response.json);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a price below a krone', { ...DRESS, priceOre: 50 }, ['/priceOre']],
    ['a price in kroner with decimals', { ...DRESS, priceOre: 229.5 }, ['/priceOre']],
    ['a section not on the board', { ...DRESS, category: 'hatter' }, ['/category']],
    ['a unit we do not price by', { ...DRESS, unit: 'per_meter' }, ['/unit']],
    ['a turnaround of two months', { ...DRESS, turnaroundWorkingDays: 40 }, ['/turnaroundWorkingDays']],
    ['no name', { ...DRESS, name: '  ' }, ['/name']],
    ['a field it does not know', { ...DRESS, vatRate: 25 }, ['/vatRate']],
  ])('refuses %s with a 400 naming the field, drawing no number and writing nothing', async (_name, body, pointers) => {
    const before = await api.env.allItems();
    const { response, trips } = await counted('POST', '/admin/price-list/items', { body });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect((response.json.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(pointers);
    expect(trips).toEqual([]);
    expect(await api.env.allItems()).toEqual(before);
  });
});

describe('changing an item', () => {
  it('changes it at the ETag read in two round trips, and answers with the new ETag', async () => {
    const { json } = await add();
    const { response, trips } = await counted('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { priceOre: 24_900, name: 'Dress, to deler' }, headers: ifMatch('"1"') });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'PutItem']);
    expect(response.json).toMatchObject({ itemId: json.itemId, priceOre: 24_900, name: 'Dress, to deler', version: 2 });
    expect(response.headers.etag).toBe('"2"');
    expect((await call('GET', `/admin/price-list/items/${json.itemId}`)).json).toEqual(response.json);
  });

  it('answers 412 to a stale ETag and 428 without one, and writes nothing', async () => {
    const { json } = await add();
    await call('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { priceOre: 23_900 }, headers: ifMatch('"1"') });
    const before = await api.env.allItems();
    const stale = await counted('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { priceOre: 19_900 }, headers: ifMatch('"1"') });
    expect(stale.response.status).toBe(412);
    expect(stale.trips).toEqual(['GetItem']);
    const blind = await counted('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { priceOre: 19_900 } });
    expect(blind.response.status).toBe(428);
    expect(blind.response.json).toMatchObject({ type: 'urn:renseri:problem:precondition-required', errors: [{ header: 'if-match' }] });
    expect(blind.trips).toEqual([]);
    const empty = await call('PATCH', `/admin/price-list/items/${json.itemId}`, { body: {}, headers: ifMatch('"2"') });
    expect(empty.status).toBe(400);
    const bad = await call('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { turnaroundWorkingDays: -1 }, headers: ifMatch('"2"') });
    expect(bad.json.errors).toEqual([expect.objectContaining({ pointer: '/turnaroundWorkingDays' })]);
    expect(await api.env.allItems()).toEqual(before);
  });

  it('answers 404 for an item that does not exist, or an id that cannot', async () => {
    expect((await call('GET', '/admin/price-list/items/P9999')).status).toBe(404);
    expect((await call('PATCH', '/admin/price-list/items/P9999', { body: { priceOre: 10_000 }, headers: ifMatch('"1"') })).status).toBe(404);
    expect((await call('GET', '/admin/price-list/items/dress')).status).toBe(404);
  });
});

describe('retiring an item', () => {
  it('keeps it readable and listed as retired in two round trips; it cannot be changed or retired again (409)', async () => {
    const { json } = await add({ ...DRESS, name: 'Hatt', unit: 'per_piece' });
    const { response, trips } = await counted('POST', `/admin/price-list/items/${json.itemId}/retire`, { headers: ifMatch('"1"') });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'PutItem']);
    expect(response.json).toMatchObject({ itemId: json.itemId, status: 'retired', retiredAt: expect.any(String), version: 2 });
    expect((await call('GET', `/admin/price-list/items/${json.itemId}`)).json).toEqual(response.json);
    expect((await listed('?status=retired')).items.map((item) => item.itemId)).toContain(json.itemId);
    expect((await listed('?status=active')).items.map((item) => item.itemId)).not.toContain(json.itemId);

    const before = await api.env.allItems();
    const again = await call('POST', `/admin/price-list/items/${json.itemId}/retire`, { headers: ifMatch('"2"') });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ itemId: json.itemId, itemStatus: 'retired' });
    expect((await call('PATCH', `/admin/price-list/items/${json.itemId}`, { body: { priceOre: 1_000 }, headers: ifMatch('"2"') })).status).toBe(409);
    expect((await call('POST', `/admin/price-list/items/${json.itemId}/retire`)).status).toBe(428);
    expect(await api.env.allItems()).toEqual(before);
  });
});

describe('the list', () => {
  it('shows the items by section and then by name, as the board does, in one Query', async () => {
    const added: string[] = [];
    for (const body of [
      { ...DRESS, name: 'Øyemål, skjørt', category: 'som_og_reparasjon' },
      { ...DRESS, name: 'Skjorte, vask og press', category: 'skjorter', priceOre: 6_900 },
      { ...DRESS, name: 'Aftenkjole' },
      { ...DRESS, name: 'Bukse', category: 'som_og_reparasjon', priceOre: 19_900 },
    ]) {
      added.push((await add(body)).json.itemId as string);
    }
    const { response, trips } = await counted('GET', '/admin/price-list');
    expect(trips).toEqual(['Query']);
    const order = (response.json.items as { itemId: string }[]).map((item) => item.itemId).filter((id) => added.includes(id));
    expect(order).toEqual([added[2], added[1], added[3], added[0]]);
  });

  it('refuses a status it does not know', async () => {
    const response = await call('GET', '/admin/price-list?status=deleted');
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ parameter: 'status' })]);
  });
});

describe('the express option', () => {
  it('is not offered at version 0 until set; it is set in one round trip with If-Match, 412 when stale, 428 without', async () => {
    const initial = await counted('GET', '/admin/price-list/express');
    expect(initial.trips).toEqual(['GetItem']);
    expect(initial.response.json).toEqual({ offered: false, version: 0 });
    expect(initial.response.headers.etag).toBe('"0"');

    const halfPrice = { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 };
    const set = await counted('PUT', '/admin/price-list/express', { body: halfPrice, headers: ifMatch(initial.response.headers.etag as string) });
    expect(set.response.status).toBe(200);
    expect(set.trips).toEqual(['PutItem']);
    expect(set.response.json).toEqual({ ...halfPrice, version: 1, updatedAt: expect.any(String) });
    expect(set.response.headers.etag).toBe('"1"');
    expect((await call('GET', '/admin/price-list/express')).json).toEqual(set.response.json);
    expect((await listed()).express).toEqual(set.response.json);

    const before = await api.env.allItems();
    const stale = await counted('PUT', '/admin/price-list/express', { body: { offered: false }, headers: ifMatch('"0"') });
    expect(stale.response.status).toBe(412);
    expect(stale.trips).toEqual(['PutItem']);
    expect((await call('PUT', '/admin/price-list/express', { body: { offered: false } })).status).toBe(428);
    const both = await call('PUT', '/admin/price-list/express', { body: { offered: true, surcharge: { percent: 50, amountOre: 5_000 }, turnaroundWorkingDays: 1 }, headers: ifMatch('"1"') });
    expect(both.status).toBe(400);
    expect(both.json.errors).toEqual([expect.objectContaining({ pointer: '/surcharge' })]);
    const slow = await call('PUT', '/admin/price-list/express', { body: { ...halfPrice, turnaroundWorkingDays: 10 }, headers: ifMatch('"1"') });
    expect(slow.json.errors).toEqual([expect.objectContaining({ pointer: '/turnaroundWorkingDays' })]);
    expect(await api.env.allItems()).toEqual(before);

    const flat = await call('PUT', '/admin/price-list/express', { body: { offered: true, surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0 }, headers: ifMatch('"1"') });
    expect(flat.json).toMatchObject({ surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0, version: 2 });
    const off = await call('PUT', '/admin/price-list/express', { body: { offered: false }, headers: ifMatch('"2"') });
    expect(off.json).toEqual({ offered: false, version: 3, updatedAt: expect.any(String) });
  });
});
