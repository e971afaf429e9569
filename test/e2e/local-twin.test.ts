import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatOcrGiro } from '#shared/domain/receivables/ocr-giro';
import { pdfText } from '../helpers/pdf';
import { SAMPLE_PRICE_LIST } from '../../infra/local/sample-price-list';

/**
 * The local twin as a newcomer uses it: `npm start` on a free port, `npm run staff-token`, and
 * plain HTTP. It starts its own DynamoDB Local, so this also proves the lifecycle (start, table
 * from the definition, stop on SIGTERM) and --persist.
 */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** `priceList`: settles when the twin says its sample price list is there (it loads after the twin listens). */
type Twin = { url: string; process: ChildProcess; output: () => string; priceList: Promise<void>; stop: () => Promise<number | null> };

/**
 * How long a start may take. Measured on this 2-core machine: 11 s for the first start of a fresh
 * clone (bundles built, the CDK app synthesized, DynamoDB Local started side by side), 3 s for a
 * later one, and up to 3x that with a second test suite running beside this one. The limit leaves
 * room above that; a start that takes longer is a regression worth a red test.
 */
const START_TIMEOUT_MS = 90_000;

/** Pids of every process that carries the marker in its environment (what a twin started with it left running). */
function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`RENSERI_TEST_MARK=${marker}`)) found.push(Number(name));
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

/** Polls until no marked process is left, or the deadline passes; returns what is left. */
async function marksGone(marker: string, deadlineMs: number): Promise<number[]> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const left = processesMarked(marker);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((done) => setTimeout(done, 100)); // polling a condition, not waiting out a guess
  }
}

function waitForListening(child: ChildProcess, output: () => string, exited: Promise<number | null>): Promise<string> {
  return new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`The twin did not start within ${START_TIMEOUT_MS / 1000} s:\n${output()}`)), START_TIMEOUT_MS);
    const check = () => {
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        done(match[1] as string);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`The twin exited with ${code}:\n${output()}`));
    });
  });
}

async function startTwin(args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Twin> {
  // Its own process group, so stopping it stops npm, tsx and DynamoDB Local together.
  const child = spawn('npm', ['start', '--', '--port', '0', ...args], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const priceList = new Promise<void>((done, fail) => {
    const check = () => {
      if (/Sample price list loaded|Price list kept as it was/.test(output)) done();
      else if (/sample price list could not be loaded/.test(output)) fail(new Error(`The sample price list did not load:\n${output}`));
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then(() => fail(new Error(`The twin exited before its price list was loaded:\n${output}`)));
  });
  priceList.catch(() => undefined); // awaited by the tests that need the list
  const url = await waitForListening(child, () => output, exited);
  return {
    url,
    process: child,
    output: () => output,
    priceList,
    stop: async () => {
      process.kill(-(child.pid as number), 'SIGTERM');
      return exited;
    },
  };
}

async function staffToken(): Promise<string> {
  const { stdout } = await run('npm', ['run', '-s', 'staff-token'], { cwd: root });
  return stdout.trim();
}

function client(base: string, token: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
}

describe('npm start', () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = await startTwin();
    await twin.priceList;
  }, START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await twin?.stop();
  });

  it('serves the counter end to end with a token from npm run staff-token', async () => {
    const call = client(twin.url, await staffToken());
    expect((await fetch(`${twin.url}/health`)).status).toBe(200);

    const registered = await call('POST', '/admin/customers', { name: 'Kari Nordmann', phone: '+47 912 34 567' });
    expect(registered.status).toBe(201);
    const customerId = registered.json.customerId as string;

    const found = await call('GET', '/admin/customers?phone=91234567');
    expect(found).toMatchObject({ status: 200, json: { customerId, phone: '+4791234567' } });

    const order = await call('POST', '/admin/orders', { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }], garments: [{ tag: 'E2E-1', line: 1, conditions: ['flekk'] }] });
    expect(order).toMatchObject({ status: 201, json: { status: 'received', totals: { grossOre: 24_900, vatOre: 4_980 } } });
    const orderId = order.json.orderId as string;

    expect(await call('POST', `/admin/orders/${orderId}/ready`)).toMatchObject({ status: 200, json: { status: 'ready' } });
    // The stream sender delivered the pickup SMS to the twin's outbox (drain: no waiting on a timer).
    expect((await fetch(`${twin.url}/local/streams/drain`, { method: 'POST' })).status).toBe(200);
    const outbox = (await (await fetch(`${twin.url}/local/outbox`)).json()) as { messages: { to: string; from: string; text: string }[] };
    expect(outbox.messages).toEqual([
      expect.objectContaining({ to: '+4791234567', from: 'Renseriet', text: expect.stringContaining(`lapp ${orderId}) er klart til henting`) }),
    ]);
    expect(twin.output()).toContain(`[outbox] sms to +4791234567`);
    expect(await call('POST', `/admin/orders/${orderId}/pickup`, { payment: 'counter', posReceiptRef: 'K-17' })).toMatchObject({
      status: 200,
      json: { status: 'picked_up', payment: { method: 'counter', posReceiptRef: 'K-17' } },
    });
    const history = await call('GET', `/admin/customers/${customerId}`);
    expect((history.json.orders as { orderId: string; status: string }[]).map((o) => [o.orderId, o.status])).toEqual([[orderId, 'picked_up']]);
  });

  it('e-mails the invoice of a credit sale as a PDF to the local outbox', async () => {
    const call = client(twin.url, await staffToken());
    const registered = await call('POST', '/admin/customers', { name: 'Ola Faktura', phone: '+47 412 34 567', email: 'ola@example.no', invoiceByEmail: true });
    const order = await call('POST', '/admin/orders', { customerId: registered.json.customerId, items: [{ service: 'Frakk', quantity: 1, unitPriceOre: 39_900 }], garments: [{ tag: 'E2E-2', line: 1 }] });
    const orderId = order.json.orderId as string;
    await call('POST', `/admin/orders/${orderId}/ready`);
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { payment: 'invoice', buyerAddress: { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' }, customerId: registered.json.customerId });
    const documentNumber = (picked.json.payment as { documentNumber: number }).documentNumber;
    await fetch(`${twin.url}/local/streams/drain`, { method: 'POST' });
    const outbox = (await (await fetch(`${twin.url}/local/outbox`)).json()) as { messages: { channel: string; to: string; subject?: string; attachments?: { url: string }[] }[] };
    const mail = outbox.messages.find((m) => m.channel === 'email' && m.to === 'ola@example.no');
    expect(mail?.subject).toBe(`Faktura ${documentNumber} fra Eksempel Renseri AS`);
    const pdf = Buffer.from(await (await fetch(`${twin.url}${mail?.attachments?.[0]?.url}`)).arrayBuffer());
    expect(pdfText(pdf)).toContain(`Fakturanr. ${documentNumber}`);
    // and the counter can print the same invoice again
    const reprint = await fetch(`${twin.url}/admin/orders/${orderId}/invoice.pdf`, { headers: { authorization: `Bearer ${await staffToken()}`, accept: 'application/pdf' } });
    expect(Buffer.from(await reprint.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('lets a customer sign in with a code from the outbox, see their data, and have it erased', async () => {
    const staffCall = client(twin.url, await staffToken());
    await staffCall('POST', '/admin/customers', { name: 'Eva Sletting', phone: '+47 482 22 333' });
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${twin.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const drain = () => fetch(`${twin.url}/local/streams/drain`, { method: 'POST' });
    const outbox = async () => ((await (await fetch(`${twin.url}/local/outbox`)).json()) as { messages: { to: string; text: string }[] }).messages.filter((m) => m.to === '+4748222333');

    expect((await post('/auth/code', { phone: '48222333' })).status).toBe(202);
    await drain();
    const code = /^(\d{6}) er koden din/.exec((await outbox()).at(-1)?.text ?? '')?.[1];
    const signedIn = (await (await post('/auth/token', { phone: '48222333', code })).json()) as { accessToken: string };
    const me = client(twin.url, signedIn.accessToken);
    expect(await me('GET', '/me')).toMatchObject({ status: 200, json: { name: 'Eva Sletting' } });

    const erasure = (await (await post('/me/requests', { type: 'erasure' }, signedIn.accessToken)).json()) as { requestId: string };
    await drain();
    expect((await me('GET', '/me')).status).toBe(404);
    expect((await outbox()).at(-1)?.text).toContain('slettet opplysningene dine');
    const done = await staffCall('GET', '/admin/requests?status=completed');
    expect((done.json.requests as { requestId: string; customerId?: string }[]).find((r) => r.requestId === erasure.requestId)).toEqual(
      expect.not.objectContaining({ customerId: expect.anything() }),
    );
  });

  it('starts with the sample price list, every section and express, as npm start loads it', async () => {
    const call = client(twin.url, await staffToken());
    const list = await call('GET', '/admin/price-list');
    const items = list.json.items as { itemId: string; name: string; priceOre: number; category: string }[];
    expect(items).toHaveLength(SAMPLE_PRICE_LIST.length);
    expect(new Set(items.map((item) => item.category)).size).toBe(6);
    expect(items.find((item) => item.name === 'Dress')).toMatchObject({ itemId: 'P1', priceOre: 22_900 });
    expect(list.json.express).toMatchObject({ offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 });
    expect(twin.output()).toContain(`Sample price list loaded (${SAMPLE_PRICE_LIST.length} items, express)`);
  });

  it('runs a shop day: five customers, nine orders from the price list, tickets, racks, a delay, a cancellation handed back, pickups at the counter (one in part) and on invoice', async () => {
    const call = client(twin.url, await staffToken());
    const items = ((await call('GET', '/admin/price-list')).json.items as { itemId: string; name: string; category: string }[]);
    const item = (name: string) => items.find((i) => i.name === name)?.itemId as string;
    const shirt = items.find((i) => i.category === 'skjorter')?.itemId as string;
    const duvet = items.find((i) => i.category === 'dyner_og_tepper')?.itemId as string;
    const register = async (body: Record<string, unknown>) => (await call('POST', '/admin/customers', body)).json.customerId as string;
    const anne = await register({ name: 'Anne Dagsen', phone: '+47 416 00 001' });
    const bjorn = await register({ name: 'Bjørn Østby', phone: '+47 416 00 002', email: 'bjorn@example.no', invoiceByEmail: true });
    const cecilie = await register({ name: 'Cecilie Åsen', phone: '22 33 44 55' }); // a landline: the counter calls her
    const dag = await register({ name: 'Dag Uten Nummer' }); // a walk-in who gives only a name
    const eva = await register({ name: 'Eva Dagsen', phone: '+47 416 00 005' });
    expect((await call('GET', '/admin/customers?name=ostby')).json).toMatchObject({ customers: [{ customerId: bjorn }] });

    let tag = 0;
    const takeIn = async (customerId: string, lines: unknown[], garments: Record<string, unknown>[], extra: Record<string, unknown> = {}) => {
      const taken = await call('POST', '/admin/orders', { customerId, lines, garments: garments.map((g) => ({ tag: `DAY-${++tag}`, ...g })), ...extra });
      expect(taken.status).toBe(201);
      return taken.json as { orderId: string; garments: { tag: string }[]; noticeBy: string };
    };
    const dress = await takeIn(anne, [{ priceListItemId: item('Dress'), quantity: 1 }], [{ line: 1, conditions: ['flekk'] }]);
    const suit = await takeIn(bjorn, [{ priceListItemId: item('Dress'), quantity: 1 }, { priceListItemId: item('Dressjakke'), quantity: 1 }], [{ line: 1 }, { line: 2 }]);
    const shirtsAndDuvet = await takeIn(anne, [{ priceListItemId: shirt, quantity: 5 }, { priceListItemId: duvet, quantity: 1 }], [{ line: 1, pieces: 5 }, { line: 2 }]);
    const express = await takeIn(eva, [{ priceListItemId: item('Dress'), quantity: 1 }, { discount: { reason: 'stamkunde', percent: 10 } }], [{ line: 1 }], { express: true });
    const called = await takeIn(cecilie, [{ priceListItemId: shirt, quantity: 2 }], [{ line: 1, pieces: 2 }]);
    const waited = await takeIn(dag, [{ freeText: { service: 'Sy i glidelås', unitPriceOre: 25_000, quantity: 1 } }], [{ line: 1, note: 'Glidelåsen ligger i lommen' }]);
    const delayed = await takeIn(eva, [{ priceListItemId: shirt, quantity: 1 }], [{ line: 1 }]);
    const cancelled = await takeIn(bjorn, [{ priceListItemId: item('Dress'), quantity: 1 }], [{ line: 1, conditions: ['hull', 'kunden_informert'] }]);
    const tonight = await takeIn(anne, [{ priceListItemId: shirt, quantity: 3 }], [{ line: 1, pieces: 3 }]); // left in the shop tonight
    // Anne comes back before the work has begun: two more shirts, and a pair of trousers on a tag of their own.
    const trousers = item('Bukse');
    const changed = await call('PATCH', `/admin/orders/${tonight.orderId}`, {
      lines: [{ replace: 1, with: { priceListItemId: shirt, quantity: 5 } }, { priceListItemId: trousers, quantity: 1 }],
      garments: [{ tag: tonight.garments[0]?.tag, line: 1, pieces: 5 }, { tag: `DAY-${++tag}`, line: 2 }],
    }, { 'if-match': '"1"' });
    expect(changed.json).toMatchObject({ status: 'received', version: 2, changes: [{ by: expect.any(String), what: [{ code: 'line_changed', line: 1 }, { code: 'line_added', line: 2 }, { code: 'garment_changed' }, { code: 'garment_added', tag: `DAY-${tag}` }] }] });
    expect((await call('GET', `/admin/tags/DAY-${tag}`)).json).toMatchObject({ orderId: tonight.orderId });
    expect([called.noticeBy, waited.noticeBy, dress.noticeBy]).toEqual(['call', 'wait', 'sms']);

    // The paper ticket names no one, and its barcode is the ticket number (its text read back here).
    const ticket = await fetch(`${twin.url}/admin/orders/${express.orderId}/ticket.pdf`, { headers: { authorization: `Bearer ${await staffToken()}` } });
    const ticketText = pdfText(Buffer.from(await ticket.arrayBuffer()));
    expect(ticketText).toContain(express.orderId);
    expect(ticketText).toContain('EKSPRESS');
    expect(ticketText).not.toContain('Eva');
    // A garment found on the floor: its tag leads to its order.
    expect((await call('GET', `/admin/tags/${suit.garments[1]?.tag}`)).json).toMatchObject({ orderId: suit.orderId });

    // The shirts are done before the duvet: ready in part, on rack 3, with the one part-ready SMS.
    expect((await call('POST', `/admin/orders/${shirtsAndDuvet.orderId}/garments/ready`, { tags: [shirtsAndDuvet.garments[0]?.tag], location: 'Stativ 3', notifyPart: true })).json).toMatchObject({ status: 'received' });
    // Anne takes the shirts now, paid at the register; the duvet stays in work, and the order received.
    expect((await call('POST', `/admin/orders/${shirtsAndDuvet.orderId}/pickup`, { payment: 'counter', posReceiptRef: 'K-100', tags: [shirtsAndDuvet.garments[0]?.tag] })).json).toMatchObject({ status: 'received', pickups: [{ n: 1 }] });
    expect((await call('POST', `/admin/orders/${delayed.orderId}/messages`, { purpose: 'delay', newReadyAt: '2999-01-09' })).status).toBe(202);
    for (const order of [dress, suit, express, called, waited]) expect((await call('POST', `/admin/orders/${order.orderId}/ready`)).json).toMatchObject({ status: 'ready' });
    // Once the work is done, the order is what it is: a change is refused.
    expect((await call('PATCH', `/admin/orders/${dress.orderId}`, { promisedReadyAt: '2999-01-09' }, { 'if-match': '"2"' })).status).toBe(409);
    expect((await call('POST', `/admin/orders/${shirtsAndDuvet.orderId}/garments/ready`, { tags: [shirtsAndDuvet.garments[1]?.tag], location: 'Krok 12' })).json).toMatchObject({ status: 'ready' });
    expect((await call('POST', `/admin/orders/${cancelled.orderId}/cancel`, { reason: 'cannot_be_treated' })).json).toMatchObject({ status: 'cancelled' });

    const today = async (list: string) => ((await call('GET', `/admin/counter/today?list=${list}&limit=100`)).json as { orders: { orderId: string; noticeBy?: string }[] }).orders;
    const ready = await today('ready');
    expect(ready.find((o) => o.orderId === called.orderId)).toMatchObject({ noticeBy: 'call' });
    expect(ready.find((o) => o.orderId === waited.orderId)).toMatchObject({ noticeBy: 'wait' });
    expect((await today('awaiting_return')).map((o) => o.orderId)).toContain(cancelled.orderId);

    // Pickups: at the counter, on an e-mailed invoice, and the cancelled order's dress handed back.
    expect((await call('POST', `/admin/orders/${dress.orderId}/pickup`, { payment: 'counter', posReceiptRef: 'K-101' })).json).toMatchObject({ status: 'picked_up' });
    expect((await call('POST', `/admin/orders/${suit.orderId}/pickup`, { payment: 'invoice', customerId: bjorn, buyerAddress: { street: 'Kirkegata 3', postalCode: '2815', city: 'Gjøvik' } })).json).toMatchObject({ status: 'picked_up', payment: { method: 'invoice' } });
    // …and the duvet later: the second sale of her order, which is collected now.
    expect((await call('POST', `/admin/orders/${shirtsAndDuvet.orderId}/pickup`, { payment: 'counter', posReceiptRef: 'K-102' })).json).toMatchObject({ status: 'picked_up', pickups: [{ n: 1 }, { n: 2 }] });
    expect((await call('POST', `/admin/orders/${cancelled.orderId}/return`)).json).toMatchObject({ status: 'returned' });
    expect((await call('GET', `/admin/tags/${cancelled.garments[0]?.tag}`)).status).toBe(404);

    // The customers with a mobile got their SMS; the landline and the walk-in got none.
    expect((await fetch(`${twin.url}/local/streams/drain`, { method: 'POST' })).status).toBe(200);
    const outbox = ((await (await fetch(`${twin.url}/local/outbox`)).json()) as { messages: { to: string; text: string }[] }).messages;
    const to = (number: string) => outbox.filter((m) => m.to === number).map((m) => m.text);
    expect(to('+4741600001')).toEqual(expect.arrayContaining([expect.stringContaining('Noe av tøyet ditt'), expect.stringContaining(`lapp ${dress.orderId}) er klart`)]));
    expect(to('+4741600005')).toEqual(expect.arrayContaining([expect.stringContaining(`lapp ${express.orderId}) er klart`)]));
    expect(outbox.filter((m) => m.to.includes('22334455'))).toEqual([]);
  }, 120_000); // a day's worth of calls through npm start, on a machine that may be busy

  it('runs a month for a hotel: orders on account, the collective invoice e-mailed on the 1st, the bank\'s OCR file paying it, and a reminder for a private customer\'s overdue invoice', async () => {
    const call = client(twin.url, await staffToken());
    const env = { ...process.env, PORT: new URL(twin.url).port };
    const job = async (...args: string[]) => JSON.parse((await run('npm', ['run', '-s', 'job', '--', ...args], { cwd: root, env })).stdout) as { result: Record<string, unknown> };
    const items = (await call('GET', '/admin/price-list')).json.items as { itemId: string; name: string; category: string }[];
    const tablecloth = (items.find((i) => /duk/i.test(i.name)) ?? items.find((i) => i.category === 'dyner_og_tepper'))?.itemId as string;
    const shirt = items.find((i) => i.category === 'skjorter')?.itemId as string;
    const today = new Date().toISOString().slice(0, 10);
    const hotelNumber = '912345602'; // MOD11-valid

    // A hotel with an account: organisation number, invoice address, invoices by e-mail, on account
    const hotel = await call('POST', '/admin/customers', {
      name: 'Hotell Mjøsa AS',
      phone: '62 52 00 00', // the switchboard, a landline
      email: 'faktura@hotellmjosa.no',
      invoiceByEmail: true,
      business: { organisationNumber: hotelNumber, invoiceAddress: { street: 'Strandgata 1', postalCode: '2317', city: 'Hamar' }, contactName: 'Kari Hansen', reference: 'Housekeeping', onAccount: true },
    });
    expect(hotel.status).toBe(201);
    const hotelId = hotel.json.customerId as string;
    expect((await call('GET', `/admin/customers?organisationNumber=${hotelNumber}`)).json).toMatchObject({ customerId: hotelId, business: { organisationNumberFormatted: '912 345 602' } });

    // Three deliveries in the month, each picked up on account (the kitchen's with a reference of its own)
    const tickets: string[] = [];
    for (const [n, extra] of [[1, { reference: 'Kjøkkenet' }], [2, {}], [3, {}]] as const) {
      const taken = await call('POST', '/admin/orders', { customerId: hotelId, lines: [{ priceListItemId: tablecloth, quantity: 10 }, { priceListItemId: shirt, quantity: 4 }], garments: [{ tag: `HOTEL-${n}-1`, line: 1, pieces: 10 }, { tag: `HOTEL-${n}-2`, line: 2, pieces: 4 }], ...extra });
      expect(taken.status).toBe(201);
      const orderId = taken.json.orderId as string;
      tickets.push(orderId);
      expect((await call('POST', `/admin/orders/${orderId}/ready`)).status).toBe(200);
      expect((await call('POST', `/admin/orders/${orderId}/pickup`, { payment: 'account', customerId: hotelId })).json).toMatchObject({ status: 'picked_up', payment: { method: 'account' } });
    }
    // A private customer takes a suit on invoice the same month
    const private_ = await call('POST', '/admin/customers', { name: 'Per Privat', phone: '+47 416 00 099', email: 'per.privat@example.no', invoiceByEmail: true });
    const perId = private_.json.customerId as string;
    const suit = await call('POST', '/admin/orders', { customerId: perId, lines: [{ priceListItemId: shirt, quantity: 1 }], garments: [{ tag: 'PER-1', line: 1 }] });
    expect((await call('POST', `/admin/orders/${suit.json.orderId as string}/ready`)).status).toBe(200);
    const perPickup = await call('POST', `/admin/orders/${suit.json.orderId as string}/pickup`, { payment: 'invoice', customerId: perId, buyerAddress: { street: 'Kirkegata 3', postalCode: '2317', city: 'Hamar' } });
    const perInvoice = (perPickup.json.payment as { documentNumber: number }).documentNumber;

    // On the first day of the next month the job issues one collective invoice listing the three pickups
    const month = today.slice(0, 7);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const nextMonthFirst = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
    expect((await job('collective-invoices', '--as-of', nextMonthFirst)).result).toMatchObject({ period: month, businesses: 1, issued: 1, failed: 0 });
    // Run again (the scheduler's retry), nothing new; staff asking for it get the same invoice
    expect((await job('collective-invoices', '--as-of', nextMonthFirst)).result).toMatchObject({ period: month, issued: 0 });
    const answer = await call('POST', `/admin/customers/${hotelId}/collective-invoice`, { period: month });
    expect(answer).toMatchObject({ status: 200, json: { outcome: 'already_issued', document: { kind: 'invoice', buyer: { name: 'Hotell Mjøsa AS', organisationNumber: hotelNumber }, collectivePeriod: { key: month } } } });
    const collective = answer.json.document as { documentNumber: number; collectiveOrders: { orderId: string; reference?: string }[] };
    const collectiveNumber = collective.documentNumber;
    expect(collective.collectiveOrders.map((o) => o.orderId).sort()).toEqual([...tickets].sort());
    expect(collective.collectiveOrders.find((o) => o.orderId === tickets[0])?.reference).toBe('Kjøkkenet');

    // It went to the hotel's invoice address by e-mail, as a PDF naming each ticket and the kitchen's reference
    expect((await fetch(`${twin.url}/local/streams/drain`, { method: 'POST' })).status).toBe(200);
    const outbox = async () => ((await (await fetch(`${twin.url}/local/outbox`)).json()) as { messages: { channel: string; to: string; subject?: string; text?: string; attachments?: { url: string }[] }[] }).messages;
    const mail = (await outbox()).find((m) => m.channel === 'email' && m.to === 'faktura@hotellmjosa.no');
    expect(mail?.attachments).toHaveLength(1);
    const pdf = pdfText(Buffer.from(await (await fetch(`${twin.url}${mail?.attachments?.[0]?.url as string}`)).arrayBuffer()));
    for (const ticket of tickets) expect(pdf).toContain(ticket);
    expect(pdf).toContain('Kjøkkenet');
    expect(pdf).toMatch(/Org\.?\s*nr\.?\s*\d{3} \d{3} \d{3}/);

    // The bank's OCR file pays it in full, by its KID; the reskontro no longer lists it
    const invoice = (await call('GET', `/admin/invoices/${collectiveNumber}`)).json as { kid: string; totals: { grossOre: number }; receivable: { status: string } };
    expect(invoice.receivable.status).toBe('open');
    const file = formatOcrGiro({ transmissionNumber: '4711001', account: '12345678903', netsDate: today, payments: [{ kid: invoice.kid, amountOre: invoice.totals.grossOre, paymentDate: today }] });
    const imported = await fetch(`${twin.url}/admin/payments/ocr`, { method: 'POST', headers: { authorization: `Bearer ${await staffToken()}`, 'content-type': 'text/plain; charset=utf-8' }, body: file });
    expect(imported.status).toBe(201);
    expect((await imported.json()) as Record<string, unknown>).toMatchObject({ report: { payments: 1, matched: 1, paid: 1, unmatched: 0 } });
    expect((await call('GET', `/admin/invoices/${collectiveNumber}`)).json).toMatchObject({ receivable: { status: 'paid', balanceOre: 0 } });

    // The private customer's invoice is a week overdue (the shop's first reminder): the daily job reminds him by e-mail
    const perDue = ((await call('GET', `/admin/invoices/${perInvoice}`)).json as { dueDate: string }).dueDate;
    const weekAfter = new Date(Date.parse(`${perDue}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const reminded = await job('payment-reminders', '--as-of', weekAfter);
    expect(reminded.result.emailed).toEqual(expect.any(Number));
    expect(reminded.result.emailed as number).toBeGreaterThanOrEqual(1); // his, and the shop day's invoices by e-mail
    expect((await call('GET', `/admin/invoices/${perInvoice}/reminders`)).json).toMatchObject({ reminders: [{ delivery: 'email' }] });
    expect((await fetch(`${twin.url}/local/streams/drain`, { method: 'POST' })).status).toBe(200);
    const perMail = (await outbox()).filter((m) => m.channel === 'email' && m.to === 'per.privat@example.no');
    expect(perMail).toHaveLength(2); // the invoice, then the reminder with its letter
    expect(perMail[1]?.subject).not.toBe(perMail[0]?.subject);
    expect(perMail[1]?.attachments).toHaveLength(1);

    // What is owed now: the private invoice, and not the hotel's
    const owed = (await call('GET', '/admin/receivables')).json as { customers: { customerId: string; items: { documentNumber: number }[] }[] };
    expect(owed.customers.find((c) => c.customerId === perId)?.items.map((i) => i.documentNumber)).toEqual([perInvoice]);
    expect(owed.customers.find((c) => c.customerId === hotelId)).toBeUndefined();
  }, 180_000);

  it('refuses a request without a token, as problem details', async () => {
    const response = await fetch(`${twin.url}/admin/orders?status=ready`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('runs a scheduled job on request: npm run job -- reminders', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'job', '--', 'reminders'], { cwd: root, env: { ...process.env, PORT: new URL(twin.url).port } });
    expect(JSON.parse(stdout)).toMatchObject({ job: 'reminders', result: { considered: expect.any(Number), sent: 0 } });
  });

  it('runs the retention sweep in the twin, as a dry run and for real: npm run job -- sweep', async () => {
    const env = { ...process.env, PORT: new URL(twin.url).port };
    // Three years and more on, the customers registered above are past the shop's 36 months.
    const dry = await run('npm', ['run', '-s', 'job', '--', 'sweep', '--dry-run', '--as-of', '2099-01-01'], { cwd: root, env });
    type Run = { result: { dryRun: boolean; status: string; counts: { inactivity: { done: number }; bookkeeping: object } } };
    const planned = JSON.parse(dry.stdout) as Run;
    expect(planned.result).toMatchObject({ dryRun: true, status: 'completed' });
    expect(planned.result.counts.inactivity.done).toBeGreaterThan(0);
    const real = JSON.parse((await run('npm', ['run', '-s', 'job', '--', 'sweep', '--as-of', '2099-01-01'], { cwd: root, env })).stdout) as Run;
    // As planned (the dry run's own report, expiring by 2099 as well, is the one extra item).
    expect(real.result).toMatchObject({ dryRun: false, status: 'completed', counts: { inactivity: planned.result.counts.inactivity, bookkeeping: planned.result.counts.bookkeeping } });
    const again = JSON.parse((await run('npm', ['run', '-s', 'job', '--', 'sweep', '--as-of', '2099-01-01'], { cwd: root, env })).stdout) as Run;
    expect(again.result.counts.inactivity.done).toBe(0);
  });

  it('serves the OpenAPI document', async () => {
    const document = (await (await fetch(`${twin.url}/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/admin/orders/{orderId}/pickup');
  });
});

describe('npm start -- --persist', () => {
  it('keeps the data across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'renseri-persist-'));
    try {
      const first = await startTwin(['--persist', folder]);
      const token = await staffToken();
      const registered = await client(first.url, token)('POST', '/admin/customers', { name: 'Per Persist', phone: '48 00 11 22' });
      expect(registered.status).toBe(201);
      await first.priceList;
      await first.stop();

      const second = await startTwin(['--persist', folder]);
      await second.priceList;
      const found = await client(second.url, token)('GET', '/admin/customers?phone=48001122');
      expect(found).toMatchObject({ status: 200, json: { customerId: registered.json.customerId } });
      // The sample price list was loaded once, by the first start, and a second start leaves it.
      const list = await client(second.url, token)('GET', '/admin/price-list');
      expect(list.json.items).toHaveLength(SAMPLE_PRICE_LIST.length);
      expect(second.output()).toContain('Price list kept as it was');
      await second.stop();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 2 * START_TIMEOUT_MS + 20_000);
});

describe('no process outlives its owner', () => {
  it('stops the twin and DynamoDB Local when the process that ran npm start is killed with SIGKILL', async () => {
    const marker = randomUUID();
    // A parent like a shell or a watchdog: it runs npm start and is then killed without warning.
    const parent = spawn(process.execPath, ['-e', "require('node:child_process').spawn('npm', ['start', '--', '--port', '0'], { stdio: 'inherit' }); setInterval(() => {}, 1000);"], {
      cwd: root,
      env: { ...process.env, RENSERI_TEST_MARK: marker },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    parent.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => parent.once('exit', (code) => done(code)));
    try {
      const url = await waitForListening(parent, () => output, exited);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      // npm, tsx, the twin and DynamoDB Local's JVM all run now.
      expect(processesMarked(marker).length).toBeGreaterThanOrEqual(4);
      expect(output).toMatch(/DynamoDB Local up on http:\/\/127\.0\.0\.1:\d+/);

      parent.kill('SIGKILL');
      await exited;
      // The twin notices within half a second and stops (measured: everything gone within ~1 s).
      expect(await marksGone(marker, 30_000)).toEqual([]);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
    }
  }, START_TIMEOUT_MS + 40_000);
});

describe('without Java', () => {
  it('says so in one line and exits 1', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'renseri-nojava-'));
    try {
      for (const tool of ['node', 'npm', 'sh']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
      const attempt = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PATH: bin }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      attempt.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => attempt.once('exit', done));
      expect(code).toBe(1);
      const ours = stderr.split('\n').filter((line) => line.includes('Java'));
      expect(ours).toEqual([expect.stringMatching(/^DynamoDB Local needs Java 17 or newer.*install a JRE/)]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 60_000);
});
