import { logger } from '../../shared/observability/logger';
import { createTestEnvironment, type TestEnvironment } from '../helpers/test-environment';
import { twinClient } from '../helpers/twin-client';

/**
 * The promise that personal data never reaches the logs, checked on everything written to
 * stdout and stderr during a full counter flow, including the failures.
 */
let env: TestEnvironment;
const call = twinClient();
const written: string[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  logger.setLogLevel('DEBUG');
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
});
afterAll(async () => {
  restore.forEach((undo) => undo());
  logger.setLogLevel('WARN');
  await env.dispose();
});

it('logs requests by route and status, never names, numbers, addresses or tokens', async () => {
  const staff = await env.issuer.staffToken();
  const name = 'Ingrid Kristiansen-Bråten';
  const phoneDigits = '41576283';
  const email = 'ingrid.braaten@example.no';

  const registered = await call('POST', '/admin/customers', { token: staff, body: { name, phone: phoneDigits, email, invoiceByEmail: true } });
  expect(registered.status).toBe(201);
  const customerId = registered.json.customerId as string;
  await call('POST', '/admin/customers', { token: staff, body: { name, phone: phoneDigits } }); // 409
  await call('POST', '/admin/customers', { token: staff, body: { name, phone: '22 00 00 00', email } }); // 400
  await call('GET', `/admin/customers?phone=${phoneDigits}`, { token: staff });
  const order = await call('POST', '/admin/orders', {
    token: staff,
    body: { customerId, items: [{ service: 'Brudekjole', description: `Til ${name}`, quantity: 1, unitPriceOre: 150_000 }] },
  });
  const orderId = order.json.orderId as string;
  await call('POST', `/admin/orders/${orderId}/ready`, { token: staff });
  await call('POST', `/admin/orders/${orderId}/pickup`, { token: staff, body: { payment: 'counter', posReceiptRef: 'K-1' } });
  await call('PATCH', `/admin/customers/${customerId}`, { token: staff, body: { email: null } });
  await call('GET', `/admin/customers/${customerId}`, { token: 'garbage' }); // 401
  await call('GET', `/admin/customers/${customerId}`, { token: await env.issuer.customerToken(customerId) }); // 403

  const output = written.join('');
  expect(output).toContain('"route":"registerCustomer"'); // the capture works and logs were written
  for (const secret of [name, 'Ingrid', 'Kristiansen', phoneDigits, '+4741576283', email, 'example.no', staff, staff.split('.')[2] as string]) {
    expect(output).not.toContain(secret);
  }
});
