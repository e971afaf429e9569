import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { rightsWorkflowStarter } from '#shared/composition';
import { MAX_SELF_SERVICE_REQUESTS_PER_DAY } from '#shared/domain/rights/privacy-requests';
import { anOrderTakenIn, aRegisteredCustomer } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Privacy requests without dead ends (issue #18), through the twin's API Gateway, the table's
 * stream and the synthesized workflow on DynamoDB Local: one open request per type however many
 * arrive at once, a daily cap, and an erasure that waits for garments, tells the customer why in
 * their language and finishes by itself when the last garment is collected.
 */
const api = apiHarness({ rights: true });
const { call } = api;

async function aSignedInCustomer(overrides: Record<string, unknown> = {}) {
  const registered = await aRegisteredCustomer(call, api.staff, overrides);
  return { customerId: registered.customerId, phone: registered.phone, token: await api.env.issuer.customerToken(registered.customerId) };
}

const requestItems = async (customerId: string) => (await api.env.allItems()).filter((i) => i.entity === 'privacyRequest' && i.customerId === customerId);
const smsTo = (phone: string) => api.rights.publishes().filter((p) => p.PhoneNumber === phone).map((p) => String(p.Message));

describe('one open request per customer and type', () => {
  it('of 25 opened at once, one is received, runs once and sends one SMS; the others are 409 naming it', async () => {
    const me = await aSignedInCustomer();
    const answers = await Promise.all(Array.from({ length: 25 }, () => call('POST', '/me/requests', { token: me.token, body: { type: 'access' } })));
    const received = answers.filter((a) => a.status === 202);
    expect(received).toHaveLength(1);
    const requestId = received[0]?.json.requestId as string;
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused.map((a) => [a.status, a.json.openRequestId, a.json.requestType])).toEqual(Array.from({ length: 24 }, () => [409, requestId, 'access']));
    expect(refused[0]?.json.detail).toContain(requestId);

    await api.rights.settle();
    expect((await requestItems(me.customerId)).map((r) => [r.requestId, r.status])).toEqual([[requestId, 'completed']]);
    const runs = [...api.rights.stepFunctions.executions.values()].filter((e) => (e.input as { requestId: string }).requestId === requestId);
    expect(runs).toHaveLength(1);
    expect(smsTo(me.phone).filter((text) => text.includes('Innsynet ditt'))).toHaveLength(1);
    // Answered: the next one may be opened, and staff at the counter obey the same rule
    const next = await call('POST', '/me/requests', { token: me.token, body: { type: 'access' } });
    expect(next.status).toBe(202);
    const atCounter = await call('POST', `/admin/customers/${me.customerId}/requests`, { token: api.staff, body: { type: 'access', verifiedBy: 'in_person' } });
    expect(atCounter).toMatchObject({ status: 409, json: { openRequestId: next.json.requestId } });
    await api.rights.settle();
  });

  it(`caps a customer's own requests at ${MAX_SELF_SERVICE_REQUESTS_PER_DAY} a day: 429 with Retry-After, and nothing written`, async () => {
    const me = await aSignedInCustomer();
    for (let i = 0; i < MAX_SELF_SERVICE_REQUESTS_PER_DAY; i++) {
      expect((await call('POST', '/me/requests', { token: me.token, body: { type: 'access' } })).status).toBe(202);
      await api.rights.settle();
    }
    const before = await requestItems(me.customerId);
    const capped = await call('POST', '/me/requests', { token: me.token, body: { type: 'access' } });
    expect(capped).toMatchObject({ status: 429, json: { type: 'urn:renseri:problem:throttled', maxPerDay: MAX_SELF_SERVICE_REQUESTS_PER_DAY } });
    const retryAfter = Number(capped.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(25 * 3600);
    expect(await requestItems(me.customerId)).toEqual(before);
  });
});

describe('an erasure that waits for garments', () => {
  it('tells an English customer in English why it waits, is shown waiting and never overdue, and completes by itself once the garments are collected', async () => {
    // Given an English-speaking customer with garments in the shop, who asks for erasure
    const me = await aSignedInCustomer({ language: 'en' });
    const { orderId } = await anOrderTakenIn(call, api.staff, me.customerId);
    const opened = await call('POST', '/me/requests', { token: me.token, body: { type: 'erasure' } });
    expect(opened.status).toBe(202);
    const requestId = opened.json.requestId as string;
    await api.rights.settle();

    // Then it waits, and she is told why and what happens next, in English, once
    expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked', outcome: { blockedReason: 'open_orders' } });
    expect(smsTo(me.phone)).toEqual([expect.stringMatching(/^We will erase your data at .* once you have collected your garments.*No need to ask again\.$/)]);
    // Staff see why it waits, and 40 days on it is not overdue
    const queue = await call('GET', '/admin/requests?status=blocked&limit=100', { token: api.staff });
    expect(queue.json.requests).toEqual(expect.arrayContaining([expect.objectContaining({ requestId, status: 'blocked', outcome: { blockedReason: 'open_orders' } })]));
    const { handler } = await import('../../functions/jobs/request-deadlines.handler');
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write; // the metric line
    let later: { requestIds: string[] };
    try {
      later = (await handler({ asOf: new Date(Date.now() + 40 * 86_400_000).toISOString() }, { functionName: 'deadlines', awsRequestId: 't' } as never)) as never;
    } finally {
      process.stdout.write = write;
    }
    expect(later.requestIds).not.toContain(requestId);
    // A second erasure is not a new request: it names the one that waits, in the language the app asks for
    expect(await call('POST', '/me/requests', { token: me.token, body: { type: 'erasure' } })).toMatchObject({ status: 409, json: { openRequestId: requestId } });
    const inNorwegian = await call('POST', '/me/requests', { token: me.token, body: { type: 'erasure' }, headers: { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' } });
    expect(inNorwegian).toMatchObject({
      status: 409,
      headers: { 'content-language': 'nb' },
      json: { title: 'I strid med det som er lagret nå', detail: `Vi holder allerede på med en henvendelse om sletting fra deg: ${requestId}. Du trenger ikke sende en ny.`, openRequestId: requestId },
    });

    // When she collects her garments
    expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'counter', posReceiptRef: 'K-9' } })).status).toBe(200);
    await api.rights.settle();

    // Then the erasure completes by itself, and the confirmation is in English too
    const record = (await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId);
    expect(record).toMatchObject({ status: 'completed' });
    expect(record).not.toHaveProperty('customerId');
    expect((await call('GET', '/me', { token: me.token })).status).toBe(404);
    expect(smsTo(me.phone).at(-1)).toContain('We have erased your data');
    expect(smsTo(me.phone).filter((text) => text.startsWith('We will erase'))).toHaveLength(1);
    const runs = [...api.rights.stepFunctions.executions.values()].filter((e) => (e.input as { requestId: string }).requestId === requestId);
    expect(runs.map((r) => [r.name, r.status])).toEqual([
      [requestId, 'SUCCEEDED'],
      [`${requestId}-after-order-${orderId}-picked_up`, 'SUCCEEDED'],
    ]);
  });

  it('completes by itself when the order is cancelled and its garments handed back', async () => {
    const me = await aSignedInCustomer();
    const { orderId } = await anOrderTakenIn(call, api.staff, me.customerId);
    const opened = await call('POST', '/me/requests', { token: me.token, body: { type: 'erasure' } });
    const requestId = opened.json.requestId as string;
    await api.rights.settle();
    expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked' });

    // Cancelled, the garments are still in the shop: it waits on; handed back, it is done.
    expect((await call('POST', `/admin/orders/${orderId}/cancel`, { token: api.staff, body: { reason: 'customer_changed_mind' } })).status).toBe(200);
    await api.rights.settle();
    expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked' });
    expect((await call('POST', `/admin/orders/${orderId}/return`, { token: api.staff })).status).toBe(200);
    await api.rights.settle();
    expect((await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId)).toMatchObject({ status: 'completed' });
    const runs = [...api.rights.stepFunctions.executions.values()].filter((e) => (e.input as { requestId: string }).requestId === requestId);
    expect(runs.map((r) => r.name)).toEqual([requestId, `${requestId}-after-order-${orderId}-cancelled`, `${requestId}-after-order-${orderId}-returned`]);
  });
});

describe('the daily safety net under the stream resume', () => {
  const setStatus = (requestId: string, status: string) =>
    api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.privacyRequest(requestId), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status } }));
  const runDeadlines = async (asOf: string) => {
    const { handler } = await import('../../functions/jobs/request-deadlines.handler');
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write; // the metric line
    try {
      return (await handler({ asOf }, { functionName: 'deadlines', awsRequestId: 't' } as never)) as unknown as { resumed: string[] };
    } finally {
      process.stdout.write = write;
    }
  };

  it('resumes an erasure the stream resume missed (the run was still in progress), once however often the job runs, and two runs at once erase once', async () => {
    // Given an erasure blocked by garments in the shop
    const me = await aSignedInCustomer();
    const { orderId } = await anOrderTakenIn(call, api.staff, me.customerId);
    const requestId = (await call('POST', '/me/requests', { token: me.token, body: { type: 'erasure' } })).json.requestId as string;
    await api.rights.settle();
    expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked' });

    // When the garments are collected while a run is still in progress (it read the open order
    // before the pickup, and blocks the request just after the resume looked)
    await setStatus(requestId, 'in_progress');
    expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'counter', posReceiptRef: 'K-10' } })).status).toBe(200);
    await api.rights.settle();
    await setStatus(requestId, 'blocked');
    const runsOf = () => [...api.rights.stepFunctions.executions.values()].filter((e) => (e.input as { requestId: string }).requestId === requestId);
    expect(runsOf().map((r) => r.name)).toEqual([requestId]); // the resume gave up: nothing would wake it

    // Then the daily job resumes it: twice at once (a retried schedule) starts one run, and a
    // resume of the stream's starting beside it erases nothing twice
    const today = new Date().toISOString();
    const [first, second] = await Promise.all([runDeadlines(today), runDeadlines(today)]);
    expect([...first.resumed, ...second.resumed]).toEqual([requestId]);
    expect(await rightsWorkflowStarter().start(requestId, `${requestId}-after-order-${orderId}-late`)).toBe('started');
    await api.rights.settle();
    const record = (await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId);
    expect(record).toMatchObject({ status: 'completed', outcome: { items: expect.objectContaining({ customer: 1, order: 1, orderRef: 1, phone: 1, nameEntry: 2 }) } });
    expect(record).not.toHaveProperty('customerId');
    expect((await api.env.allItems()).filter((i) => i.customerId === me.customerId)).toEqual([]);
    expect(smsTo(me.phone).filter((text) => text.startsWith('Vi har slettet'))).toHaveLength(1);
    expect(runsOf().map((r) => [r.name.replace(/\d{4}-\d{2}-\d{2}$/, 'DAY'), r.status]).sort()).toEqual([
      [requestId, 'SUCCEEDED'],
      [`${requestId}-after-daily-DAY`, 'SUCCEEDED'],
      [`${requestId}-after-order-${orderId}-late`, 'SUCCEEDED'],
    ]);
    // And a later day's job finds nothing blocked to resume
    expect((await runDeadlines(new Date(Date.now() + 86_400_000).toISOString())).resumed).toEqual([]);
  });
});
