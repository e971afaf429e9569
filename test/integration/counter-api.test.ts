import { stageConfig } from '../../infra/config/stages';
import { counter } from '#shared/composition';
import { addDays, shopDate } from '#shared/domain/kernel/calendar';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { aCustomer, anOrder, anOrderTakenIn, aRegisteredCustomer, uniqueLandline, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import type { TwinCall } from '../helpers/twin-client';

/** The staff counter API through the twin's API Gateway, on DynamoDB Local. */
const api = apiHarness();
const { call } = api;

const register = (overrides: Record<string, unknown> = {}) => aRegisteredCustomer(call, api.staff, overrides);
const takeInOrder = (customerId: string, overrides: Record<string, unknown> = {}) => anOrderTakenIn(call, api.staff, customerId, overrides);

describe('customers', () => {
  it('registers a customer with the phone number in E.164 and finds them by any spelling of it', async () => {
    const created = await call('POST', '/admin/customers', { token: api.staff, body: { name: 'Ola Nordmann', phone: '917 65 432' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Ola Nordmann', phone: '+4791765432', invoiceByEmail: false, emailPurposes: [], language: 'nb', version: 1 });
    expect(created.headers.location).toBe(`/admin/customers/${created.json.customerId}`);
    expect(created.headers.etag).toBe('"1"');

    const found = await call('GET', `/admin/customers?phone=${encodeURIComponent('+47 917 65 432')}`, { token: api.staff });
    expect(found.status).toBe(200);
    expect(found.json.customerId).toBe(created.json.customerId);
  });

  it('answers 409 naming the existing customer when the number is taken, and stores nothing new', async () => {
    const first = await register();
    const before = await api.env.allItems();
    const second = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ phone: first.phone.replace('+47', '') }) });
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toBe('application/problem+json');
    expect(second.json.existingCustomerId).toBe(first.customerId);
    expect(await api.env.allItems()).toEqual(before);
  });

  it('keeps one customer per number when many clerks register it at once', async () => {
    const phone = uniqueMobile();
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ phone }) })),
    );
    const winners = attempts.filter((a) => a.status === 201);
    const losers = attempts.filter((a) => a.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(11);
    for (const loser of losers) expect(loser.json.existingCustomerId).toBe(winners[0]?.json.customerId);
    const profiles = (await api.env.allItems()).filter((i) => i.entity === 'customer' && i.phone === phone);
    expect(profiles).toHaveLength(1);
  });

  it('stores an e-mail address only with a purpose, and drops it when the purpose is withdrawn', async () => {
    const withoutPurpose = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ email: 'kari@example.no' }) });
    expect(withoutPurpose.status).toBe(400);
    expect(withoutPurpose.json.errors).toEqual([expect.objectContaining({ pointer: '/invoiceByEmail' })]);

    const customer = await register({ email: 'Kari@Example.NO', invoiceByEmail: true });
    expect(customer).toMatchObject({ email: 'Kari@example.no', invoiceByEmail: true, emailPurposes: ['invoice'] });

    const withdrawn = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { invoiceByEmail: false } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ invoiceByEmail: false, emailPurposes: [], version: 2 });
    expect(withdrawn.json).not.toHaveProperty('email');
    const stored = (await api.env.allItems()).find((i) => i.customerId === customer.customerId && i.entity === 'customer');
    expect(stored).not.toHaveProperty('email');
  });

  it('refuses an e-invoice without an address', async () => {
    const response = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ invoiceByEmail: true }) });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ pointer: '/email' })]);
  });

  it('moves the phone claim when a number is corrected, freeing the old one', async () => {
    const customer = await register();
    const newPhone = uniqueMobile();
    const changed = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { phone: newPhone, name: 'Kari N. Hansen' } });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ phone: newPhone, name: 'Kari N. Hansen' });
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(customer.phone)}`, { token: api.staff })).status).toBe(404);
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(newPhone)}`, { token: api.staff })).json.customerId).toBe(customer.customerId);
    const reused = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ phone: customer.phone }) });
    expect(reused.status).toBe(201);
  });

  it('refuses to move a number onto one another customer holds', async () => {
    const a = await register();
    const b = await register();
    const response = await call('PATCH', `/admin/customers/${b.customerId}`, { token: api.staff, body: { phone: a.phone } });
    expect(response.status).toBe(409);
    expect(response.json.existingCustomerId).toBe(a.customerId);
  });

  it('does not let two clerks lose each other\'s corrections (If-Match)', async () => {
    const customer = await register();
    const first = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { name: 'Kari A' }, headers: { 'if-match': '"1"' } });
    expect(first.status).toBe(200);
    const second = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { name: 'Kari B' }, headers: { 'if-match': '"1"' } });
    expect(second.status).toBe(412);
    const current = await call('GET', `/admin/customers/${customer.customerId}`, { token: api.staff });
    expect((current.json.customer as { name: string }).name).toBe('Kari A');
  });

  it('returns a customer with their orders, newest first, a page at a time', async () => {
    const customer = await register();
    const tickets: string[] = [];
    for (let i = 0; i < 3; i++) tickets.push((await takeInOrder(customer.customerId)).orderId);

    const firstPage = await call('GET', `/admin/customers/${customer.customerId}?limit=2`, { token: api.staff });
    expect(firstPage.status).toBe(200);
    expect((firstPage.json.customer as { customerId: string }).customerId).toBe(customer.customerId);
    expect((firstPage.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([tickets[2], tickets[1]]);
    expect(firstPage.json.nextCursor).toEqual(expect.any(String));

    const secondPage = await call('GET', `/admin/customers/${customer.customerId}?limit=2&cursor=${firstPage.json.nextCursor}`, { token: api.staff });
    expect((secondPage.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([tickets[0]]);
    expect((secondPage.json.customer as { customerId: string }).customerId).toBe(customer.customerId);
  });

  it('answers 404 for customers that do not exist or ids that cannot exist', async () => {
    expect((await call('GET', '/admin/customers/3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { token: api.staff })).status).toBe(404);
    expect((await call('GET', '/admin/customers/not-an-id', { token: api.staff })).status).toBe(404);
    expect((await call('PATCH', '/admin/customers/3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { token: api.staff, body: { name: 'X' } })).status).toBe(404);
    expect((await call('GET', `/admin/customers?phone=${uniqueMobile().slice(3)}`, { token: api.staff })).status).toBe(404);
  });
});

describe('customers without a mobile number', () => {
  it('registers a customer with a landline, which two customers may share and which finds no one', async () => {
    const switchboard = uniqueLandline();
    const first = await register({ name: 'Gjest En', phone: switchboard.replace('+47', '') });
    const second = await register({ name: 'Gjest To', phone: switchboard });
    for (const guest of [first, second]) expect(guest).toMatchObject({ phone: switchboard, phoneKind: 'landline' });
    const lookup = await call('GET', `/admin/customers?phone=${encodeURIComponent(switchboard)}`, { token: api.staff });
    expect(lookup.status).toBe(400);
    expect(lookup.json.errors).toEqual([expect.objectContaining({ pointer: '/phone' })]);
    expect((await api.env.allItems()).filter((i) => i.entity === 'phoneClaim' && [first.customerId, second.customerId].includes(i.customerId as string))).toEqual([]);
  });

  it('registers a customer with no number at all', async () => {
    const created = await call('POST', '/admin/customers', { token: api.staff, body: { name: 'Ola Uten Nummer' } });
    expect(created.status).toBe(201);
    expect(created.json).not.toHaveProperty('phone');
    expect(created.json).not.toHaveProperty('phoneKind');
    const read = await call('GET', `/admin/customers/${created.json.customerId}`, { token: api.staff });
    expect(read.json.customer).toEqual(created.json);
  });

  it('moves a customer from a mobile to a landline and to none, freeing the mobile, and back', async () => {
    const customer = await register();
    const mobile = customer.phone;
    const toLandline = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { phone: '22 12 34 56' } });
    expect(toLandline.json).toMatchObject({ phone: '+4722123456', phoneKind: 'landline', version: 2 });
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(mobile)}`, { token: api.staff })).status).toBe(404);
    const toNone = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { phone: null } });
    expect(toNone.status).toBe(200);
    expect(toNone.json).not.toHaveProperty('phone');
    expect((await api.env.allItems()).find((i) => i.entity === 'customer' && i.customerId === customer.customerId)).not.toHaveProperty('phoneKind');
    const back = await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { phone: mobile } });
    expect(back.json).toMatchObject({ phone: mobile, phoneKind: 'mobile' });
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(mobile)}`, { token: api.staff })).json.customerId).toBe(customer.customerId);
    expect((await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ phone: mobile }) })).status).toBe(409);
  });
});

describe('finding customers by name', () => {
  const find = (query: string) => call('GET', `/admin/customers?${query}`, { token: api.staff });
  type Match = { customerId: string; name: string; phone?: string; phoneKind?: string };

  it('finds them by any word of the name as a clerk types it, with their number if any', async () => {
    const kari = await register({ name: 'Kari Bøhmerud' });
    const ola = await register({ name: 'Ola Bøhmerud', phone: uniqueLandline() });
    const per = await register({ name: 'Per Bøhmerud', phone: undefined });
    await register({ name: 'Kari Bøhmerud-Hansen' });
    for (const typed of ['bohmerud', 'BØHM', 'boehmerud', 'bøhmerud']) {
      const found = await find(`name=${encodeURIComponent(typed)}&limit=50`);
      expect(found.status).toBe(200);
      expect((found.json.customers as Match[]).map((c) => c.name).sort()).toEqual(['Kari Bøhmerud', 'Kari Bøhmerud-Hansen', 'Ola Bøhmerud', 'Per Bøhmerud']);
    }
    const matches = (await find(`name=${encodeURIComponent('bøhmerud')}`)).json.customers as Match[];
    expect(matches.find((c) => c.customerId === kari.customerId)).toEqual({ customerId: kari.customerId, name: 'Kari Bøhmerud', phone: kari.phone, phoneKind: 'mobile' });
    expect(matches.find((c) => c.customerId === ola.customerId)).toEqual({ customerId: ola.customerId, name: 'Ola Bøhmerud', phone: ola.phone, phoneKind: 'landline' });
    expect(matches.find((c) => c.customerId === per.customerId)).toEqual({ customerId: per.customerId, name: 'Per Bøhmerud' });
    expect(((await find(`name=${encodeURIComponent('kari bøhmerud-h')}`)).json.customers as Match[]).map((c) => c.name)).toEqual(['Kari Bøhmerud-Hansen']);
  });

  it('gives a page at a time, each customer once, in the order of the matched words', async () => {
    const registered = [];
    for (const first of ['Dag', 'Eva', 'Frode', 'Gro', 'Hege']) registered.push(await register({ name: `${first} Åsvangen` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await find(`name=aasvangen&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...(page.json.customers as Match[]).map((c) => c.name));
      cursor = page.json.nextCursor as string | undefined;
    } while (cursor);
    // Every one matches on the same word: namesakes come in the index's order, by customer id.
    expect(seen).toEqual([...registered].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)).map((r) => r.name));
  });

  it('follows a correction of the name', async () => {
    const customer = await register({ name: 'Trude Kvålsvoll' });
    expect(((await find('name=kvalsvoll')).json.customers as Match[]).map((c) => c.customerId)).toEqual([customer.customerId]);
    await call('PATCH', `/admin/customers/${customer.customerId}`, { token: api.staff, body: { name: 'Trude Ødegård' } });
    expect((await find('name=kvalsvoll')).json.customers).toEqual([]);
    expect(((await find('name=odegard')).json.customers as Match[]).map((c) => c.name)).toEqual(['Trude Ødegård']);
  });
});

describe('orders', () => {
  it('takes in an order with a readable ticket number and VAT in whole øre', async () => {
    const customer = await register();
    const order = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId, { promisedReadyAt: '2999-01-31' }) });
    expect(order.status).toBe(201);
    expect(order.json.orderId).toMatch(/^\d{4,}$/);
    expect(order.json).toMatchObject({
      status: 'received',
      promisedReadyAt: '2999-01-31',
      totals: { grossOre: 48_600, vatOre: 9_720, netOre: 38_880, vatRatePercent: 25 },
    });
    expect((await call('GET', `/admin/orders/${order.json.orderId}`, { token: api.staff })).json).toEqual(order.json);
  });

  it('hands out distinct ticket numbers under concurrent intake', async () => {
    const customer = await register();
    const orders = await Promise.all(Array.from({ length: 10 }, () => takeInOrder(customer.customerId)));
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(10);
  });

  it('refuses an order for a customer who does not exist, writing nothing', async () => {
    const before = (await api.env.allItems()).filter((i) => i.entity !== 'counter');
    const response = await call('POST', '/admin/orders', { token: api.staff, body: anOrder('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11') });
    expect(response.status).toBe(404);
    expect((await api.env.allItems()).filter((i) => i.entity !== 'counter')).toEqual(before);
  });

  it('refuses a promised date in the past', async () => {
    const customer = await register();
    const response = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId, { promisedReadyAt: '2001-01-01' }) });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ pointer: '/promisedReadyAt' })]);
  });

  it('moves an order received → ready → picked up, recording the counter payment', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const ready = await call('POST', `/admin/orders/${order.orderId}/ready`, { token: api.staff });
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', version: 2, readyAt: expect.any(String) });
    const picked = await call('POST', `/admin/orders/${order.orderId}/pickup`, { token: api.staff, body: { payment: 'counter', posReceiptRef: 'KASSE-4711' } });
    expect(picked.status).toBe(200);
    expect(picked.json).toMatchObject({ status: 'picked_up', payment: { method: 'counter', posReceiptRef: 'KASSE-4711' }, version: 3 });
  });

  it.each([
    ['pickup before ready', [], 'pickup'],
    ['ready twice', ['ready'], 'ready'],
    ['cancel after pickup', ['ready', 'pickup'], 'cancel'],
    ['ready after cancel', ['cancel'], 'ready'],
    ['return before cancel', ['ready'], 'return'],
    ['return twice', ['cancel', 'return'], 'return'],
    ['cancel after return', ['cancel', 'return'], 'cancel'],
  ])('answers 409 for an illegal move: %s', async (_name, path, illegal) => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const body = (action: string) => (action === 'pickup' ? { body: { payment: 'counter' } } : action === 'cancel' ? { body: { reason: 'other' } } : {});
    for (const action of path) expect((await call('POST', `/admin/orders/${order.orderId}/${action}`, { token: api.staff, ...body(action) })).status).toBe(200);
    const before = await api.env.allItems();
    const response = await call('POST', `/admin/orders/${order.orderId}/${illegal}`, { token: api.staff, ...body(illegal) });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ orderId: order.orderId, allowedFrom: expect.any(Array) });
    expect(await api.env.allItems()).toEqual(before);
  });

  it('lets exactly one of two clerks mark the same order ready', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const results = await Promise.all([1, 2, 3, 4].map(() => call('POST', `/admin/orders/${order.orderId}/ready`, { token: api.staff })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });

  it('answers 412 when If-Match names a version that is no longer current', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const stale = await call('POST', `/admin/orders/${order.orderId}/cancel`, { token: api.staff, body: { reason: 'other' }, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    const current = await call('POST', `/admin/orders/${order.orderId}/cancel`, { token: api.staff, body: { reason: 'other' }, headers: { 'if-match': '"1"' } });
    expect(current.status).toBe(200);
    expect(current.json.status).toBe('cancelled');
  });

  it('lists orders by status, oldest first, through an opaque cursor', async () => {
    const customer = await register();
    const ready: string[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await takeInOrder(customer.customerId);
      await call('POST', `/admin/orders/${order.orderId}/ready`, { token: api.staff });
      ready.push(order.orderId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/admin/orders?status=ready&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: api.staff });
      expect(page.status).toBe(200);
      seen.push(...(page.json.orders as { orderId: string; status: string }[]).map((o) => o.orderId));
      cursor = page.json.nextCursor as string | undefined;
    } while (cursor);
    expect(seen.filter((id) => ready.includes(id))).toEqual(ready);
  });

  it('refuses a well-formed cursor that points outside the list, as a client error', async () => {
    const customer = await register();
    const outside = Buffer.from(JSON.stringify({ pk: `CUSTOMER#${customer.customerId}`, sk: 'ZZZ' })).toString('base64url');
    expect((await call('GET', `/admin/customers/${customer.customerId}?cursor=${outside}`, { token: api.staff })).status).toBe(400);
    const uncollected = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y', gsi1pk: 'ORDERS#ready', gsi1sk: '9999' })).toString('base64url');
    expect((await call('GET', `/admin/orders?status=uncollected&cursor=${uncollected}`, { token: api.staff })).status).toBe(400);
  });

  it('refuses a cursor it did not issue', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'CUSTOMER#x', sk: 'PROFILE', gsi1pk: 'ORDERS#cancelled', gsi1sk: 'x' })).toString('base64url');
    for (const cursor of [forged, 'not-base64-json', Buffer.from('[1,2]').toString('base64url')]) {
      const response = await call('GET', `/admin/orders?status=ready&cursor=${cursor}`, { token: api.staff });
      expect(response.status).toBe(400);
    }
  });
});

describe('cancelling, handing back, and the counter\'s day', () => {
  const shop = stageConfig('local').shop;
  const today = () => shopDate(new Date(), shop.timeZone);
  /** Every page of one of the day's lists, the tickets in order. */
  async function wholeList(list: string): Promise<{ tickets: string[]; racks: { location?: string; tickets: string[] }[] }> {
    const tickets: string[] = [];
    const racks: { location?: string; tickets: string[] }[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/admin/counter/today?list=${list}&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: api.staff });
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ list, date: today() });
      tickets.push(...(page.json.orders as { orderId: string }[]).map((o) => o.orderId));
      racks.push(...((page.json.racks as typeof racks | undefined) ?? []));
      cursor = page.json.nextCursor as string | undefined;
    } while (cursor);
    return { tickets, racks };
  }

  it('cancels with a reason and keeps the tags until the garments are handed back; then the tags are free', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const tag = (order.garments as { tag: string }[])[0]?.tag as string;
    const cancelled = await call('POST', `/admin/orders/${order.orderId}/cancel`, { token: api.staff, body: { reason: 'damaged_before_work' }, headers: { 'if-match': '"1"' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelReason: 'damaged_before_work', version: 2 });
    expect((await call('GET', `/admin/tags/${tag}`, { token: api.staff })).json.orderId).toBe(order.orderId);
    const returned = await call('POST', `/admin/orders/${order.orderId}/return`, { token: api.staff, headers: { 'if-match': '"2"' } });
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ status: 'returned', returnedAt: expect.any(String), cancelReason: 'damaged_before_work', version: 3 });
    expect((returned.json.garments as { state: string }[]).map((g) => g.state)).toEqual((order.garments as unknown[]).map(() => 'returned'));
    expect((await call('GET', `/admin/tags/${tag}`, { token: api.staff })).status).toBe(404);
    await takeInOrder(customer.customerId, { garments: (order.garments as { tag: string; line: number }[]).map(({ tag: again, line }) => ({ tag: again, line })) });
  });

  it('refuses a cancellation after the pickup with 409, and writes nothing', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    await call('POST', `/admin/orders/${order.orderId}/ready`, { token: api.staff });
    await call('POST', `/admin/orders/${order.orderId}/pickup`, { token: api.staff, body: { payment: 'counter' } });
    const before = await api.env.allItems();
    const refused = await call('POST', `/admin/orders/${order.orderId}/cancel`, { token: api.staff, body: { reason: 'customer_changed_mind' } });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ orderId: order.orderId, currentStatus: 'picked_up' });
    expect(await api.env.allItems()).toEqual(before);
  });

  it('answers a cancellation without a reason, or with one not on the list, with 400 naming /reason', async () => {
    const customer = await register();
    const order = await takeInOrder(customer.customerId);
    const before = await api.env.allItems();
    for (const body of [{}, { reason: 'fordi' }]) {
      const response = await call('POST', `/admin/orders/${order.orderId}/cancel`, { token: api.staff, body });
      expect(response.status).toBe(400);
      expect(response.json.errors).toEqual([expect.objectContaining({ pointer: '/reason' })]);
    }
    expect(await api.env.allItems()).toEqual(before);
  });

  it('lists the day: promised today, late, ready by rack, not collected, cancelled awaiting hand-back, each order where it belongs', async () => {
    const customer = await register();
    const dayMs = 86_400_000;
    const past = (days: number) => ({ ...counter(), clock: () => new Date(Date.now() - days * dayMs) });
    const dueToday = await takeInOrder(customer.customerId, { promisedReadyAt: today() });
    const later = await takeInOrder(customer.customerId, { promisedReadyAt: addDays(today(), 1) });
    // Taken in five days ago, promised for three days ago: late.
    const late = await createOrder(past(5), anOrder(customer.customerId, { promisedReadyAt: addDays(today(), -3) }));
    // Ready twenty days ago, past the first reminder: not collected. Ready now: only ready.
    const forgotten = await markOrderReady(past(20), (await createOrder(past(21), anOrder(customer.customerId))).orderId);
    const readyNow = await takeInOrder(customer.customerId, { promisedReadyAt: today() });
    await call('POST', `/admin/orders/${readyNow.orderId}/ready`, { token: api.staff });
    const awaiting = await takeInOrder(customer.customerId);
    await call('POST', `/admin/orders/${awaiting.orderId}/cancel`, { token: api.staff, body: { reason: 'customer_changed_mind' } });
    const handedBack = await takeInOrder(customer.customerId);
    await call('POST', `/admin/orders/${handedBack.orderId}/cancel`, { token: api.staff, body: { reason: 'other' } });
    await call('POST', `/admin/orders/${handedBack.orderId}/return`, { token: api.staff });
    const ours = new Set([dueToday, later, late, forgotten, readyNow, awaiting, handedBack].map((o) => o.orderId));
    const mine = async (list: string) => (await wholeList(list)).tickets.filter((t) => ours.has(t));

    expect(await mine('promised_today')).toEqual([dueToday.orderId]);
    expect(await mine('late')).toEqual([late.orderId]);
    expect(await mine('ready')).toEqual([forgotten.orderId, readyNow.orderId]);
    expect(await mine('not_collected')).toEqual([forgotten.orderId]);
    expect(await mine('awaiting_return')).toEqual([awaiting.orderId]);
    // No garment has a place recorded yet: the ready ones are all under "no place".
    const noPlace = (await wholeList('ready')).racks.filter((r) => r.location === undefined).flatMap((r) => r.tickets);
    expect(noPlace).toEqual(expect.arrayContaining([forgotten.orderId, readyNow.orderId]));
  });
});

describe('bad input never changes anything', () => {
  const customerId = '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11';
  const cases: [string, string, string, TwinCall | undefined, number][] = [
    ['malformed JSON', 'POST', '/admin/customers', { rawBody: '{"name": "Kari",', headers: { 'content-type': 'application/json' } }, 400],
    ['wrong content type', 'POST', '/admin/customers', { rawBody: 'name=Kari', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
    ['no body', 'POST', '/admin/customers', { headers: { 'content-type': 'application/json' } }, 400],
    ['unknown field', 'POST', '/admin/customers', { body: { name: 'Kari', phone: '91234567', vip: true } }, 400],
    ['wrong type', 'POST', '/admin/customers', { body: { name: 42, phone: '91234567' } }, 400],
    ['a toll-free number (neither mobile nor landline)', 'POST', '/admin/customers', { body: { name: 'Kari', phone: '800 12 345' } }, 400],
    ['a shared-cost number in a correction', 'PATCH', `/admin/customers/${customerId}`, { body: { phone: '815 00 000' } }, 400],
    ['a search by both phone and name', 'GET', '/admin/customers?phone=91234567&name=kari', {}, 400],
    ['a search by neither', 'GET', '/admin/customers', {}, 400],
    ['a search for nothing searchable', 'GET', `/admin/customers?name=${encodeURIComponent(' - ')}`, {}, 400],
    ['a page of a lookup by number', 'GET', '/admin/customers?phone=91234567&limit=5', {}, 400],
    ['a search by a landline', 'GET', `/admin/customers?phone=${encodeURIComponent('22 12 34 56')}`, {}, 400],
    ['a forged search cursor', 'GET', `/admin/customers?name=kari&cursor=${Buffer.from(JSON.stringify({ pk: 'CUSTOMER#x', sk: 'NAME#0', gsi1pk: 'NAMES#o', gsi1sk: 'ola#x' })).toString('base64url')}`, {}, 400],
    ['control characters in a name', 'POST', '/admin/customers', { body: { name: 'Kari\u0000\u0007', phone: '91234567' } }, 400],
    ['a lone surrogate', 'POST', '/admin/customers', { rawBody: '{"name":"K\\ud800","phone":"91234567"}', headers: { 'content-type': 'application/json' } }, 400],
    ['invalid UTF-8', 'POST', '/admin/customers', { rawBody: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } }, 400],
    ['an oversized body', 'POST', '/admin/customers', { body: { name: 'x'.repeat(70_000), phone: '91234567' } }, 413],
    ['a huge name', 'POST', '/admin/customers', { body: { name: 'x'.repeat(5_000), phone: '91234567' } }, 400],
    ['an empty patch', 'PATCH', `/admin/customers/${customerId}`, { body: {} }, 400],
    ['no items', 'POST', '/admin/orders', { body: { customerId, items: [], garments: [{ tag: 'X1', line: 1 }] } }, 400],
    ['no garments', 'POST', '/admin/orders', { body: { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 100 }], garments: [] } }, 400],
    ['a negative price', 'POST', '/admin/orders', { body: { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: -1 }], garments: [{ tag: 'X1', line: 1 }] } }, 400],
    ['a fractional price', 'POST', '/admin/orders', { body: { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 99.5 }], garments: [{ tag: 'X1', line: 1 }] } }, 400],
    ['a bad date', 'POST', '/admin/orders', { body: { ...anOrder(customerId), promisedReadyAt: '2026-02-30' } }, 400],
    ['an unknown payment', 'POST', '/admin/orders/1001/pickup', { body: { payment: 'bitcoin' } }, 400],
    ['a receipt with an invoice', 'POST', '/admin/orders/1001/pickup', { body: { payment: 'invoice', posReceiptRef: 'K-1' } }, 400],
    ['a body where none is taken', 'POST', '/admin/orders/1001/ready', { body: { status: 'picked_up' } }, 400],
    ['an unknown status', 'GET', '/admin/orders?status=lost', {}, 400],
    ['a repeated parameter', 'GET', '/admin/orders?status=ready&status=received', {}, 400],
    ['an unknown parameter', 'GET', '/admin/orders?status=ready&sort=name', {}, 400],
    ['a limit out of range', 'GET', '/admin/orders?status=ready&limit=1000', {}, 400],
    ['a bad If-Match', 'POST', '/admin/orders/1001/cancel', { body: { reason: 'other' }, headers: { 'if-match': 'yesterday' } }, 400],
    ['cancel without a reason', 'POST', '/admin/orders/1001/cancel', { body: {} }, 400],
    ['cancel with a reason not on the list', 'POST', '/admin/orders/1001/cancel', { body: { reason: 'Kunden var sur' } }, 400],
    ['the counter day without a list', 'GET', '/admin/counter/today', undefined, 400],
    ['the counter day with an unknown list', 'GET', '/admin/counter/today?list=tomorrow', undefined, 400],
    ['an unknown order', 'POST', '/admin/orders/99999999/ready', {}, 404],
    ['a ticket that cannot exist', 'GET', '/admin/orders/..%2F..%2Fetc', {}, 404],
    ['an unknown route', 'DELETE', '/admin/customers', {}, 404],
  ];

  it.each(cases)('%s (%s %s) → problem+json, table unchanged', async (_name, method, url, options, status) => {
    const before = await api.env.allItems();
    const response = await call(method, url, { token: api.staff, ...options });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ type: expect.stringMatching(/^urn:renseri:problem:/), title: expect.any(String) });
    expect(await api.env.allItems()).toEqual(before);
  });
});

describe('invisible format characters in text', () => {
  // One call per audience: the walk over every route's fields is test/unit/format-characters.test.ts.
  it('are refused with a 400 naming the field, for staff, customers and sign-in alike, and nothing is written', async () => {
    const { customerId } = await register();
    const customer = await api.env.issuer.customerToken(customerId);
    const before = await api.env.allItems();
    const calls: [string, string, TwinCall, string][] = [
      ['POST', '/admin/customers', { token: api.staff, body: { name: 'Kari \u202Enamdron', phone: uniqueMobile() } }, '/name'],
      ['PATCH', '/me', { token: customer, body: { name: 'Kari\u200BNordmann' } }, '/name'],
      ['POST', '/auth/code', { body: { phone: `${uniqueMobile()}\u2028` } }, '/phone'],
    ];
    for (const [method, url, options, pointer] of calls) {
      const response = await call(method, url, options);
      expect([url, response.status, response.json.errors]).toEqual([url, 400, [{ pointer, detail: expect.stringMatching(/format characters/) }]]);
    }
    expect(await api.env.allItems()).toEqual(before);
  });
});

describe('cross-origin calls', () => {
  it('allow the configured counter app origin, and no other', async () => {
    const allowed = await call('GET', '/health', { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const refused = await call('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
    const failed = await call('GET', '/admin/orders?status=nope', { token: api.staff, headers: { origin: 'http://localhost:5173' } });
    expect(failed.status).toBe(400);
    expect(failed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });
});

describe('system routes', () => {
  it('answers /health without a token', async () => {
    expect(await call('GET', '/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('names the headers an answer was chosen by in Vary: Accept on the privacy statement and on PDFs, Origin everywhere, nothing more', async () => {
    const varyOf = (response: { headers: Record<string, string | undefined> }) => (response.headers.vary ?? '').split(/\s*,\s*/).sort();
    const json = await call('GET', '/privacy');
    const html = await call('GET', '/privacy', { headers: { accept: 'text/html', origin: 'http://localhost:5173' } });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    // The statement also comes in nb or en by Accept-Language.
    expect([varyOf(json), varyOf(html)]).toEqual([['Accept', 'Accept-Language', 'Origin'], ['Accept', 'Accept-Language', 'Origin']]);
    expect(varyOf(await call('GET', '/health'))).toEqual(['Origin']);
    const { orderId } = await takeInOrder((await register()).customerId);
    const pdf = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect([pdf.status, varyOf(pdf)]).toEqual([200, ['Accept', 'Origin']]);
  });

  it('describes every route in /openapi.json from the validating schemas', async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.json as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; additionalProperties: boolean } }> } }>> };
    expect(document.openapi).toBe('3.1.0');
    const register = document.paths['/admin/customers']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(register?.properties ?? {})).toEqual(expect.arrayContaining(['name', 'phone', 'email', 'invoiceByEmail']));
    expect(register?.additionalProperties).toBe(false);
    expect(Object.keys(document.paths['/admin/orders/{orderId}/pickup'] ?? {})).toEqual(['post']);
  });
});
