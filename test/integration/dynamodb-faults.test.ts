import { ProvisionedThroughputExceededException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { documentClient } from '#shared/composition';
import { anOrder, aRegisteredCustomer, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { captureErrorLogs } from '../helpers/error-logs';

/**
 * DynamoDB throttling injected at the client boundary, below the SDK's own retries (the fault is
 * raised where the HTTP response would be read), through the API as it runs in the twin.
 * Transient throttling is absorbed by those retries; persistent throttling is a 503 with
 * Retry-After and problem details, and nothing is half-written: no order without its ticket
 * pointer, no gap in the document series.
 */
const errorLogs = captureErrorLogs();
const api = apiHarness();
const { call } = api;

/** `when`: only calls whose input it accepts (one kind of write among many of the same command). */
type Fault = { operation: string; times: number; error?: () => Error; when?: (input: unknown) => boolean };
let faults: Fault[] = [];
let injected = 0;

beforeAll(() => {
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const fault = faults.find((f) => f.operation === context.commandName && f.times > 0 && (!f.when || f.when(args.input)));
      if (fault) {
        fault.times -= 1;
        injected += 1;
        if (fault.error) throw fault.error();
        if (fault.operation === 'TransactWriteItemsCommand') {
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: { httpStatusCode: 400 },
            CancellationReasons: [{ Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity' }],
          });
        }
        throw new ProvisionedThroughputExceededException({ message: 'Throughput exceeds the current capacity', $metadata: { httpStatusCode: 400 } });
      }
      return next(args);
    },
    { step: 'deserialize', name: 'injectThrottling' },
  );
});
afterEach(() => {
  faults = [];
  injected = 0;
});

const throttle = (operation: string, times: number) => faults.push({ operation, times });
const ofEntity = async (entity: string) => (await api.env.allItems()).filter((i) => i.entity === entity);

it('absorbs a moment of throttling: the SDK retries and the order is taken in once', async () => {
  const customer = await aRegisteredCustomer(call, api.staff);
  const ordersBefore = (await ofEntity('order')).length;
  throttle('QueryCommand', 1);
  const read = await call('GET', `/admin/customers/${customer.customerId}`, { token: api.staff });
  expect(read.status).toBe(200);
  throttle('TransactWriteItemsCommand', 2); // a throttled item cancels the transaction; it is tried again
  const created = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) });
  expect(created.status).toBe(201);
  expect(injected).toBe(3);
  expect((await ofEntity('order')).length).toBe(ordersBefore + 1);
  expect((await ofEntity('order')).filter((o) => o.customerId === customer.customerId)).toHaveLength(1);
});

it('answers persistent throttling with 503, Retry-After and problem details, and writes nothing half', async () => {
  const customer = await aRegisteredCustomer(call, api.staff);
  const before = { orders: (await ofEntity('order')).length, refs: (await ofEntity('orderRef')).length };
  throttle('TransactWriteItemsCommand', 10);
  const refused = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) });
  expect(refused.status).toBe(503);
  expect(refused.headers['content-type']).toBe('application/problem+json');
  expect(refused.headers['retry-after']).toBe('1');
  expect(refused.json).toMatchObject({ status: 503, title: 'Busy: try again in a moment' });
  expect(JSON.stringify(refused.json)).not.toContain('Throughput'); // a 5xx says nothing of its cause
  expect({ orders: (await ofEntity('order')).length, refs: (await ofEntity('orderRef')).length }).toEqual(before);
  expect(errorLogs.take()).toEqual([expect.objectContaining({ message: 'request failed', route: 'createOrder', errorName: 'TransactionCanceledException' })]);

  faults = [];
  const retried = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) });
  expect(retried.status).toBe(201);
  expect({ orders: (await ofEntity('order')).length, refs: (await ofEntity('orderRef')).length }).toEqual({ orders: before.orders + 1, refs: before.refs + 1 });
});

it('keeps the document series unbroken when issuing an invoice is throttled', async () => {
  const customer = await aRegisteredCustomer(call, api.staff);
  const pickUp = async () => {
    const order = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) });
    await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: api.staff });
    return order.json.orderId as string;
  };
  const invoice = { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId: customer.customerId };
  const first = await call('POST', `/admin/orders/${await pickUp()}/pickup`, { token: api.staff, body: invoice });
  expect(first.status).toBe(200);
  const throttledOrder = await pickUp();
  throttle('TransactWriteItemsCommand', 10);
  expect((await call('POST', `/admin/orders/${throttledOrder}/pickup`, { token: api.staff, body: invoice })).status).toBe(503);
  expect(errorLogs.take()).toEqual([expect.objectContaining({ message: 'request failed', route: 'recordPickup', errorName: 'TransactionCanceledException' })]);
  faults = [];
  expect((await call('GET', `/admin/orders/${throttledOrder}`, { token: api.staff })).json).toMatchObject({ status: 'ready' });
  const second = await call('POST', `/admin/orders/${throttledOrder}/pickup`, { token: api.staff, body: invoice });
  expect(second.status).toBe(200);
  const numbers = (await ofEntity('salesDocument')).map((d) => d.documentNumber as number).sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] as number) + i)); // no gap
});

it('answers a throttled read with 503 too, never 500', async () => {
  throttle('QueryCommand', 10);
  const listed = await call('GET', '/admin/orders?status=ready', { token: api.staff });
  expect(listed.status).toBe(503);
  expect(listed.headers['content-type']).toBe('application/problem+json');
  expect(errorLogs.take()).toEqual([expect.objectContaining({ message: 'request failed', route: 'listOrders', errorName: 'ProvisionedThroughputExceededException' })]);
});

it('answers a write that meets a transaction on the same item with 503, not 500', async () => {
  // DynamoDB refuses a plain write to an item an ongoing transaction is writing; the SDK does not retry it.
  // Intake draws its ticket with one UpdateItem on the ticket counter before its transaction.
  const customer = await aRegisteredCustomer(call, api.staff);
  const before = await api.env.allItems();
  faults.push({ operation: 'UpdateItemCommand', times: 1, error: () => new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: { httpStatusCode: 400 } }) });
  const refused = await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) });
  expect(refused.status).toBe(503);
  expect(refused.headers['retry-after']).toBe('1');
  expect(errorLogs.take()).toEqual([expect.objectContaining({ message: 'request failed', route: 'createOrder', errorName: 'TransactionConflictException' })]);
  expect(await api.env.allItems()).toEqual(before);
  expect((await call('POST', '/admin/orders', { token: api.staff, body: anOrder(customer.customerId) })).status).toBe(201);
});

it('answers a code request for a customer\'s number as for a number nobody has, however busy the table is when the code is written', async () => {
  const customer = await aRegisteredCustomer(call, api.staff);
  // Given the code's own write (a transaction only a customer's number makes) throttled through every retry
  faults.push({ operation: 'TransactWriteItemsCommand', times: 100, when: (input) => JSON.stringify(input).includes('"signInCode"') });
  const sourceIp = '203.0.113.77';
  const known = await call('POST', '/auth/code', { body: { phone: customer.phone }, sourceIp });
  const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp });
  // Then both are a 202, alike: the status does not tell who is a customer (the owner asks again)
  expect(injected).toBeGreaterThan(0);
  expect(known.status).toBe(202);
  expect([unknown.status, unknown.json, unknown.headers]).toEqual([known.status, known.json, known.headers]);
  expect((await ofEntity('signInCode')).filter((c) => String(c.pk).includes(customer.phone))).toEqual([]);
  expect(errorLogs.take()).toEqual([]);
});
