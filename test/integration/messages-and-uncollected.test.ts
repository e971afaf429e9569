import { notices } from '#shared/composition';
import { sendReminders } from '#shared/domain/notices/notice-use-cases';
import { aReadyOrderThrough, aReceivedOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/** Staff messages, courtesy reminders and the statutory path for garments not collected. */
const api = apiHarness({ outbox: 'file' });
const { call } = api;

const DAY = 86_400_000;
const at = (iso: string) => () => new Date(iso);

const receivedOrder = async () => (await aReceivedOrder(call, api.staff)).orderId;

/** An order that became ready at `readyAt`, through the same use cases with the clock set. */
const orderReadyAt = async (readyAt: string) => (await aReadyOrderThrough({ ...notices(), clock: at(readyAt) })).order.orderId;

describe('staff messages', () => {
  it('tells the customer of a delay, moves the promised date, and sends one SMS for a double click', async () => {
    const orderId = await receivedOrder();
    const first = await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body: { purpose: 'delay', newReadyAt: '2999-03-01', note: 'Venter på knapper' } });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ purpose: 'delay', state: 'pending', note: 'Venter på knapper' });
    const again = await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body: { purpose: 'delay', newReadyAt: '2999-03-01' } });
    expect(again.status).toBe(200);
    expect((await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json.promisedReadyAt).toBe('2999-03-01');

    const before = api.outbox.publishes().length;
    await api.outbox.drain();
    const sent = api.outbox.publishes().slice(before);
    expect(sent.map((p) => p.Message)).toEqual([`Beklager! Tøyet ditt (lapp ${orderId}) blir forsinket og er klart 01.03.2999. Hilsen Eksempel Renseri AS`]);
    expect(sent[0]?.Message).not.toContain('knapper'); // the note is for staff, never sent
  });

  it('asks the customer to call, naming the shop\'s number', async () => {
    const orderId = await receivedOrder();
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body: { purpose: 'question' } })).status).toBe(202);
    const before = api.outbox.publishes().length;
    await api.outbox.drain();
    expect(api.outbox.publishes().slice(before).map((p) => p.Message)).toEqual([
      `Vi har et spørsmål om tøyet ditt (lapp ${orderId}). Ring oss gjerne på 61 00 00 00. Hilsen Eksempel Renseri AS`,
    ]);
  });

  it.each([
    ['a purpose outside the list', { purpose: 'campaign' }, 400],
    ['a purpose only the system sends', { purpose: 'pickup_ready' }, 400],
    ['free text to send', { purpose: 'question', text: 'Halloween sale!' }, 400],
    ['a delay without a date', { purpose: 'delay' }, 400],
    ['a delay into the past', { purpose: 'delay', newReadyAt: '2001-01-01' }, 400],
    ['a date on a question', { purpose: 'question', newReadyAt: '2999-01-01' }, 400],
  ])('refuses %s', async (_name, body, status) => {
    const orderId = await receivedOrder();
    const before = await api.env.allItems();
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body })).status).toBe(status);
    expect(await api.env.allItems()).toEqual(before);
  });

  it('refuses a delay for garments already ready, and any message for garments already collected', async () => {
    const orderId = await receivedOrder();
    await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff });
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body: { purpose: 'delay', newReadyAt: '2999-01-01' } })).status).toBe(409);
    await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'counter' } });
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: api.staff, body: { purpose: 'question' } })).status).toBe(409);
  });

  it('is the only way to message a customer by hand: no route takes a text to send', async () => {
    const document = (await call('GET', '/openapi.json')).json as { paths: Record<string, Record<string, { requestBody?: { content: { 'application/json'?: { schema: { properties?: Record<string, { enum?: string[] }> } } } } }>> };
    const bodies = Object.values(document.paths).flatMap((methods) => Object.values(methods)).map((op) => op.requestBody?.content['application/json']?.schema.properties ?? {});
    for (const properties of bodies) {
      expect(Object.keys(properties)).not.toEqual(expect.arrayContaining(['text']));
      expect(Object.keys(properties)).not.toEqual(expect.arrayContaining(['message']));
    }
    const purposes = bodies.filter((p) => 'purpose' in p).map((p) => p.purpose?.enum);
    expect(purposes).toEqual([['delay', 'question']]);
  });
});

describe('reminders for garments not collected', () => {
  it('reminds after 14 and 30 days, once each, recorded on the order, and stops at three months', async () => {
    // Ready at 22:30 UTC, which is already the next day in Oslo: the SMS names the shop's date.
    const readyAt = new Date(Math.floor((Date.now() - 40 * DAY) / DAY) * DAY + 22.5 * 3_600_000).toISOString();
    const orderId = await orderReadyAt(readyAt);
    const deps = notices();
    const readyDate = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(readyAt));
    expect(readyDate).not.toBe(readyAt.slice(0, 10).split('-').reverse().join('.'));

    const day15 = new Date(Date.parse(readyAt) + 15 * DAY);
    const firstRun = await sendReminders(deps, day15);
    expect(firstRun.sent).toBeGreaterThanOrEqual(1);
    const again = await sendReminders(deps, day15);
    expect(again.sent).toBe(0);

    await sendReminders(deps, new Date(Date.parse(readyAt) + 31 * DAY));
    await sendReminders(deps, new Date(Date.parse(readyAt) + 35 * DAY));
    const order = (await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json as { reminders: { afterDays: number }[] };
    expect(order.reminders.map((r) => r.afterDays)).toEqual([14, 30]);

    const beyond = await sendReminders(deps, new Date(Date.parse(readyAt) + 100 * DAY));
    expect(beyond.sent).toBe(0);

    const before = api.outbox.publishes().length;
    await api.outbox.drain();
    const texts = api.outbox.publishes().slice(before).map((p) => p.Message).filter((m) => m?.startsWith('Påminnelse') && m.includes(`lapp ${orderId}`));
    expect(texts).toEqual([
      `Påminnelse: Tøyet ditt (lapp ${orderId}) har vært klart siden ${readyDate}. Hent det gjerne hos Eksempel Renseri AS.`,
      `Påminnelse: Tøyet ditt (lapp ${orderId}) har vært klart siden ${readyDate}. Hent det gjerne hos Eksempel Renseri AS.`,
    ]);
  });

  it('sends only the latest due reminder when the job was down', async () => {
    const readyAt = new Date(Date.now() - 50 * DAY).toISOString();
    const orderId = await orderReadyAt(readyAt);
    await sendReminders(notices(), new Date(Date.parse(readyAt) + 45 * DAY));
    const order = (await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json as { reminders: { afterDays: number }[] };
    expect(order.reminders.map((r) => r.afterDays)).toEqual([30]);
  });

  it('runs through the job handler as the scheduler calls it', async () => {
    const readyAt = new Date(Date.now() - 20 * DAY).toISOString();
    const orderId = await orderReadyAt(readyAt);
    const { handler } = await import('../../functions/jobs/reminders.handler');
    const run = (await handler({}, { functionName: 'reminders', awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 } as never)) as { sent: number };
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const messages = (await call('GET', `/admin/orders/${orderId}/messages`, { token: api.staff })).json.messages as { purpose: string }[];
    expect(messages.map((m) => m.purpose)).toEqual(['pickup_ready', 'uncollected_reminder']);
  });
});

describe('garments not collected after three months', () => {
  let oldOrder: string;
  let recentOrder: string;
  beforeAll(async () => {
    oldOrder = await orderReadyAt(new Date(Date.now() - 100 * DAY).toISOString());
    recentOrder = await orderReadyAt(new Date(Date.now() - 30 * DAY).toISOString());
  });

  it('lists ready orders past the three-month point as uncollected', async () => {
    const page = await call('GET', '/admin/orders?status=uncollected', { token: api.staff });
    const ids = (page.json.orders as { orderId: string }[]).map((o) => o.orderId);
    expect(ids).toContain(oldOrder);
    expect(ids).not.toContain(recentOrder);
  });

  it('records the statutory notice on the order as evidence, only once it is due', async () => {
    const recorded = await call('POST', `/admin/orders/${oldOrder}/notices`, { token: api.staff, body: { method: 'in_shop_notice', givenOn: new Date().toISOString().slice(0, 10) } });
    expect(recorded.status).toBe(201);
    expect(recorded.json.notices).toEqual([expect.objectContaining({ method: 'in_shop_notice', recordedBy: 'local-clerk' })]);
    expect((await call('POST', `/admin/orders/${recentOrder}/notices`, { token: api.staff, body: { method: 'registered_letter', givenOn: '2026-01-01' } })).status).toBe(409);
    expect((await call('POST', `/admin/orders/${oldOrder}/notices`, { token: api.staff, body: { method: 'registered_letter', givenOn: '2999-01-01' } })).status).toBe(400);
    expect((await call('POST', `/admin/orders/${oldOrder}/notices`, { token: api.staff, body: { method: 'pigeon', givenOn: '2026-01-01' } })).status).toBe(400);
  });

  it('prints an in-shop notice with ticket numbers and dates, never names or numbers', async () => {
    const page = await call('GET', '/admin/notices/uncollected', { token: api.staff });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(`<td>${oldOrder}</td>`);
    expect(page.text).not.toContain(`<td>${recentOrder}</td>`);
    expect(page.text).toContain('lov 29. mai 1953 nr. 1');
    expect(page.text).not.toMatch(/Kari|Nordmann|\+47\d{8}/);
  });
});
