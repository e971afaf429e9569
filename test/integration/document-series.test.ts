import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { counter, documentClient } from '#shared/composition';
import { keys } from '#shared/adapters/dynamodb/keys';
import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * The document series against the clock and against other writers, on a table of its own (the
 * clocks here are set, and the series' dates must not leak into other suites): a later number
 * never carries an earlier date, and the order an invoice returns is the order stored.
 */
const api = apiHarness();
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };

const readyOrder = () => aReadyOrder(call, api.staff);

const at = (iso: string) => ({ ...counter(), clock: () => new Date(iso) });
const documentOf = async (number: number) => (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json as { documentNumber: number; issueDate: string };

it('dates a document no earlier than the one numbered before it, when clerks issue around midnight', async () => {
  const first = await readyOrder();
  const second = await readyOrder();
  // The second clerk read the clock at 23:59:59.9 in Oslo, the first at 00:00:00.5, but the first stored its invoice first.
  const early = await recordPickup(at('2026-12-01T23:00:00.500Z'), first.orderId, { method: 'invoice', buyerAddress: address, customerId: first.customerId });
  const late = await recordPickup(at('2026-12-01T22:59:59.900Z'), second.orderId, { method: 'invoice', buyerAddress: address, customerId: second.customerId });
  const earlyNumber = early.payment?.documentNumber as number;
  expect(late.payment?.documentNumber).toBe(earlyNumber + 1);
  expect((await documentOf(earlyNumber)).issueDate).toBe('2026-12-02');
  expect((await documentOf(earlyNumber + 1)).issueDate).toBe('2026-12-02');

  // A credit note is in the same series, under the same rule.
  const credit = await creditInvoice(at('2026-12-01T22:59:59.950Z'), earlyNumber, 'Feil pris');
  expect(credit).toMatchObject({ documentNumber: earlyNumber + 2, issueDate: '2026-12-02' });

  // On an ordinary day the date is the shop's own.
  const next = await readyOrder();
  const nextDay = await recordPickup(at('2026-12-03T09:00:00Z'), next.orderId, { method: 'invoice', buyerAddress: address, customerId: next.customerId });
  expect((await documentOf(nextDay.payment?.documentNumber as number)).issueDate).toBe('2026-12-03');
});

it('returns the order as stored when something else changed it while its invoice was being issued', async () => {
  const { orderId, customerId } = await readyOrder();
  // Between the invoice's read and its write, another writer (the reminder job, a statutory notice) moves the order on.
  let interfere = true;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (interfere && context.commandName === 'TransactWriteItemsCommand') {
        interfere = false;
        await documentClient().send(
          new UpdateCommand({ TableName: api.env.tableName, Key: keys.order(customerId, orderId), UpdateExpression: 'SET updatedAt = :at ADD version :one', ExpressionAttributeValues: { ':at': new Date().toISOString(), ':one': 1 } }),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'anotherWriter' },
  );
  try {
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
    expect(picked.status).toBe(200);
    expect(interfere).toBe(false);
    const stored = await call('GET', `/admin/orders/${orderId}`, { token: api.staff });
    expect(picked.headers.etag).toBe(stored.headers.etag);
    expect(picked.json).toEqual(stored.json);
  } finally {
    documentClient().middlewareStack.remove('anotherWriter');
  }
});
