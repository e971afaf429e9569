import { keys } from '#shared/adapters/dynamodb/keys';
import { documentClient } from '#shared/composition';
import { SCHEDULED_JOBS } from '#shared/events/stream-consumers';
import { DATA_INVENTORY } from '#shared/domain/inventory/inventory';
import { TABLE_GRANTS } from '../../infra/config/functions';
import { invokedFunction } from '../../infra/local/invocation-scope';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountItemItem } from '#shared/adapters/dynamodb/items';
import { periodEndedBefore } from '#shared/domain/invoices/collective-invoice';
import { vatFromGross } from '#shared/domain/kernel/money';
import { aBusiness, anOrderTakenIn, aRegisteredCustomer, aSignInCode, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { allowedBy, recordLeadingKeys, type KeyUse } from '../helpers/leading-keys';

/**
 * Each function's role may touch only the partitions, and do only the actions, its table grant
 * declares (TABLE_GRANTS; IAM `dynamodb:LeadingKeys`, infra/constructs/table-access.ts). The twin
 * does not enforce IAM, so this runs a shop's flows through it (every API function, the stream
 * consumers and the data-subject workflow's steps, the scheduled jobs), records each item and index
 * partition every function's requests name, with what they do there, and checks each against the
 * function's grant as IAM would. A handler that starts touching another partition fails here
 * before it fails in AWS.
 */
const api = apiHarness({ rights: true });
const { call } = api;

type Use = KeyUse & { fn: string };
let recorder: ReturnType<typeof recordLeadingKeys>;
beforeAll(() => {
  recorder = recordLeadingKeys(documentClient(), () => invokedFunction.getStore());
});
// By the partition's fixed start (PARTITION), not the customer or number behind it.
const describeUse = (use: Use) => `${use.fn} ${use.action}s ${String(use.key).replace(/#.*/, '#…')}${use.attributes ? ` (${[...use.attributes].sort().join(', ')})` : ''}`;
const pay = { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' } };

describe('every function', () => {
  let seen: Use[];

  beforeAll(async () => {
    // A customer with an order in the shop and one invoiced by e-mail and credited: the export reads their documents, the e-mail sender one.
    const kari = await aRegisteredCustomer(call, api.staff, { email: 'kari@eksempel.no', invoiceByEmail: true });
    await anOrderTakenIn(call, api.staff, kari.customerId);
    const { orderId } = await anOrderTakenIn(call, api.staff, kari.customerId);
    expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
    const pickup = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { ...pay, customerId: kari.customerId } });
    expect(pickup.status).toBe(200);
    const invoiceNumber = (pickup.json.payment as { documentNumber: number }).documentNumber;
    expect((await call('POST', `/admin/invoices/${invoiceNumber}/credit`, { token: api.staff, body: { reason: 'Feil pris' } })).status).toBe(201);
    await api.rights.settle(); // the ready SMS and the invoice e-mail go now, so the next SMS to the number is the code

    // Sign-in: a code for an unknown number, for a known one (and again: the live code is re-sent), a wrong code, then the right one.
    expect((await call('POST', '/auth/code', { body: { phone: uniqueMobile() } })).status).toBe(202);
    await aSignInCode(call, api.rights, kari.phone);
    const code = await aSignInCode(call, api.rights, kari.phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: wrong } })).status).toBe(401);
    const exchanged = await call('POST', '/auth/token', { body: { phone: kari.phone, code } });
    expect(exchanged.status).toBe(200);
    const token = exchanged.json.accessToken as string;

    // Their own data and requests, an access request answered by the workflow.
    expect((await call('GET', '/me', { token })).status).toBe(200);
    expect((await call('PATCH', '/me', { token, body: { name: 'Kari Nordmann-Bøe', language: 'en' } })).status).toBe(200);
    expect((await call('GET', '/me/orders?limit=5', { token })).status).toBe(200);
    const opened = await call('POST', '/me/requests', { token, body: { type: 'access' } });
    expect(opened.status).toBe(202);
    const requestId = opened.json.requestId as string;
    expect((await call('GET', `/me/requests/${requestId}`, { token })).status).toBe(200);
    await api.rights.settle();
    expect((await call('GET', `/me/requests/${requestId}/export`, { token })).status).toBe(200);
    expect((await call('GET', '/privacy')).status).toBe(200);

    // An erasure that waits for the garments still in the shop, and runs again once they are collected.
    const ola = await aRegisteredCustomer(call, api.staff);
    const held = await anOrderTakenIn(call, api.staff, ola.customerId);
    const olaToken = await api.env.issuer.customerToken(ola.customerId);
    expect((await call('POST', '/me/requests', { token: olaToken, body: { type: 'erasure' } })).status).toBe(202);
    await api.rights.settle();
    expect((await call('POST', `/admin/orders/${held.orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await call('POST', `/admin/orders/${held.orderId}/pickup`, { token: api.staff, body: { payment: 'counter', posReceiptRef: 'K-7' } })).status).toBe(200);
    await api.rights.settle();
    expect((await call('GET', '/me', { token: olaToken })).status).toBe(404);

    // An erasure held by an unpaid invoice, released by the stream once it is written off (the resumer queues the confirmation).
    const debtor = await aRegisteredCustomer(call, api.staff);
    const owed = await anOrderTakenIn(call, api.staff, debtor.customerId);
    expect((await call('POST', `/admin/orders/${owed.orderId}/ready`, { token: api.staff })).status).toBe(200);
    const owedPickup = await call('POST', `/admin/orders/${owed.orderId}/pickup`, { token: api.staff, body: { ...pay, customerId: debtor.customerId } });
    const owedInvoice = (owedPickup.json.payment as { documentNumber: number }).documentNumber;
    expect((await call('POST', '/me/requests', { token: await api.env.issuer.customerToken(debtor.customerId), body: { type: 'erasure' } })).status).toBe(202);
    await api.rights.settle();
    expect((await call('POST', `/admin/invoices/${owedInvoice}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } })).status).toBe(200);
    await api.rights.settle();
    // A sweep's hold whose release on the stream was lost (put back past the recorder): the deadlines job releases it.
    const since = new Date().toISOString();
    await api.env.doc.send(new PutCommand({ TableName: api.env.tableName, Item: { ...keys.claimHold('inactive:lost'), ...keys.claimHoldsIndex({ since, holder: 'inactive:lost' }), entity: 'claimHold', holder: 'inactive:lost', name: 'Glemt', language: 'nb', invoices: [invoiceNumber], since } }));
    // A business on account: a pickup this month invoiced now by staff, and one of last month's left for the job.
    const hotel = await aRegisteredCustomer(call, api.staff, { name: 'Hotell Grant AS', email: 'faktura@hotell-grant.no', invoiceByEmail: true, business: aBusiness({ onAccount: true }) });
    const linen = await anOrderTakenIn(call, api.staff, hotel.customerId);
    expect((await call('POST', `/admin/orders/${linen.orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await call('POST', `/admin/orders/${linen.orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId: hotel.customerId } })).status).toBe(200);
    expect((await call('POST', `/admin/customers/${hotel.customerId}/collective-invoice`, { token: api.staff, body: { period: new Date().toISOString().slice(0, 7) } })).status).toBe(201);
    const lastMonth = periodEndedBefore(new Date().toISOString().slice(0, 10), 'month');
    await api.env.doc.send(new PutCommand({ TableName: api.env.tableName, Item: accountItemItem({ customerId: hotel.customerId, orderId: '990001', n: 1, at: `${lastMonth.to}T10:00:00.000Z`, date: lastMonth.to, lines: [{ line: 1, name: 'Duk', quantity: 1, amountOre: 5_000 }], totals: vatFromGross(5_000, 25) }) }));

    // The scheduled jobs but the sweep, whose grant is every partition, as the scheduler calls them.
    for (const job of SCHEDULED_JOBS.filter((j) => j.id !== 'sweep')) {
      const { handler } = (await import(`../../${job.entry}`)) as { handler: (input: unknown, context: unknown) => Promise<unknown> };
      await invokedFunction.run(job.id, () => handler({}, { functionName: job.id, awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 }));
    }
    seen = recorder.seen();
  }, 600_000);

  it('touches only the partitions its grant declares, and does there only what the grant allows', () => {
    const outside = [...new Set(seen.filter((use) => !allowedBy(TABLE_GRANTS[use.fn], use)).map(describeUse))];
    expect(outside).toEqual([]);
  });

  it('saw the claim holds\' releases: the resumer reading a hold on the write-off, and the daily job deleting a lost one', () => {
    // (The resumer hands a blocked request to the workflow, whose run releases the hold; it queues a confirmation itself only in a race.)
    expect(seen.some((use) => use.fn === 'erasureResumer' && use.action === 'read' && String(use.key).startsWith('CLAIMHOLD#erased:'))).toBe(true);
    expect(seen.some((use) => use.fn === 'request-deadlines' && use.action === 'delete' && use.key === 'CLAIMHOLD#inactive:lost')).toBe(true);
  });

  it('was seen at work: every API function that has a grant, the stream consumers that touch the table, the steps and the jobs', () => {
    const ran = new Set(seen.map((use) => use.fn));
    const expected = Object.entries(TABLE_GRANTS).filter(([id, grant]) => grant && id !== 'sweep').map(([id]) => id);
    expect(expected.filter((id) => !ran.has(id))).toEqual([]);
  });

  it('signs in touching only sign-in items: the number, the caller, and a new code message in the customer\'s partition, nothing else of theirs', () => {
    const signIn = seen.filter((use) => use.fn === 'signIn');
    expect([...new Set(signIn.map((use) => `${use.action} ${String(use.key).split('#')[0]}`))].sort()).toEqual(['delete PHONE', 'put CUSTOMER', 'put PHONE', 'read PHONE', 'update CLIENT', 'update PHONE']);
    const messageAttributes = Object.keys(DATA_INVENTORY.message.attributes);
    for (const use of signIn.filter((u) => String(u.key).startsWith('CUSTOMER#'))) expect(use.attributes?.filter((name) => !messageAttributes.includes(name))).toEqual([]);
    // And the same grant refuses a read or rewrite of the customer's profile.
    const grant = TABLE_GRANTS.signIn;
    expect(allowedBy(grant, { key: `CUSTOMER#${'x'}`, write: false, action: 'read' })).toBe(false);
    expect(allowedBy(grant, { key: 'CUSTOMER#x', write: true, action: 'put', attributes: ['pk', 'sk', 'name', 'phone'] })).toBe(false);
    expect(allowedBy(grant, { key: 'CUSTOMER#x', write: true, action: 'update' })).toBe(false);
    expect(allowedBy(grant, { key: 'ORDER#1', write: false, action: 'read' })).toBe(false);
  });
});
