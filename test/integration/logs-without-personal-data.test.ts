import { apiHarness } from '../helpers/harness';
import { outboxHarness } from '../helpers/outbox-harness';
import { uniqueTag } from '../helpers/fixtures';

/**
 * The promise that personal data never reaches the logs, checked on everything written to
 * stdout and stderr during a full counter flow, including the failures.
 */
const api = apiHarness();
const { call } = api;
const written: string[] = [];
const restore: (() => void)[] = [];

beforeAll(() => {
  // Powertools resets the level from the environment on every invocation, so it is set there,
  // before the first handler (and with it the logger) is loaded.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    // Captured and checked here, not echoed: at DEBUG a full flow writes hundreds of lines.
    stream.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
});
afterAll(() => restore.forEach((undo) => undo()));

it('logs requests by route and status, never names, numbers, addresses or tokens', async () => {
  const staff = await api.env.issuer.staffToken();
  const name = 'Ingrid Kristiansen-Bråten';
  const phoneDigits = '41576283';
  const email = 'ingrid.braaten@example.no';

  const registered = await call('POST', '/admin/customers', { token: staff, body: { name, phone: phoneDigits, email, invoiceByEmail: true } });
  expect(registered.status).toBe(201);
  const customerId = registered.json.customerId as string;
  await call('POST', '/admin/customers', { token: staff, body: { name, phone: phoneDigits } }); // 409
  await call('POST', '/admin/customers', { token: staff, body: { name, phone: '800 00 000', email } }); // 400
  await call('POST', '/admin/customers', { token: staff, body: { name, phone: '22 00 00 00' } }); // a landline
  await call('GET', `/admin/customers?phone=${phoneDigits}`, { token: staff });
  await call('GET', '/admin/customers?phone=22000000', { token: staff }); // 400: a landline finds no one
  expect((await call('GET', `/admin/customers?name=${encodeURIComponent('ingrid kristiansen-brå')}`, { token: staff })).json.customers).toHaveLength(2);
  const order = await call('POST', '/admin/orders', {
    token: staff,
    body: { customerId, items: [{ service: 'Brudekjole', description: `Til ${name}`, quantity: 1, unitPriceOre: 150_000 }], garments: [{ tag: uniqueTag(), line: 1, note: `Tilhører ${name}`, conditionNote: `${name} sa det var vin` }] },
  });
  const orderId = order.json.orderId as string;
  await call('POST', `/admin/orders/${orderId}/ready`, { token: staff });
  await call('POST', `/admin/orders/${orderId}/messages`, { token: staff, body: { purpose: 'question', note: `Spør ${name} om flekken` } });
  const harness = outboxHarness(api.env); // the stream sender runs too, publishing to a stubbed SNS
  await harness.drain();
  expect(harness.publishes()).toHaveLength(2);
  harness.stop();
  await call('POST', `/admin/orders/${orderId}/pickup`, { token: staff, body: { payment: 'counter', posReceiptRef: 'K-1' } });
  await call('PATCH', `/admin/customers/${customerId}`, { token: staff, body: { email: null } });
  await call('GET', `/admin/customers/${customerId}`, { token: 'garbage' }); // 401
  await call('GET', `/admin/customers/${customerId}`, { token: await api.env.issuer.customerToken(customerId) }); // 403

  const output = written.join('');
  // Every step logged (so the capture saw the whole flow), then none of it holds personal data.
  for (const route of ['registerCustomer', 'findCustomers', 'createOrder', 'markOrderReady', 'sendOrderMessage', 'recordPickup', 'updateCustomer']) {
    expect(output).toContain(`"route":"${route}"`);
  }
  expect(output.match(/"message":"message delivery"/g)).toHaveLength(2);
  for (const secret of [name, 'Ingrid', 'Kristiansen', 'ingrid', 'kristiansen', 'braten', phoneDigits, '+4741576283', '22000000', email, 'example.no', staff, staff.split('.')[2] as string]) {
    expect(output).not.toContain(secret);
  }
});
