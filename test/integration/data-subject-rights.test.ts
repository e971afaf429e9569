import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { rights } from '#shared/composition';
import { addDays, shopDate } from '#shared/domain/kernel/calendar';
import { EXPORT_PARTS, exportFields } from '#shared/domain/rights/export-format';
import { DATA_INVENTORY, type EntityInventory } from '#shared/domain/inventory/inventory';
import { actionName } from '#shared/domain/inventory/erasure-plan';
import { aCustomer, anOrder, anOrderTakenIn, aRegisteredCustomer, uniqueLandline } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Access and erasure through the real workflow: the synthesized definition, started from the
 * table's stream, its tasks running the real step handler on DynamoDB Local.
 */
const api = apiHarness({ rights: true });
const { call } = api;
const address = { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' };


/** A customer with history: an invoiced order (credited), a counter sale, messages. */
async function customerWithHistory(overrides: Record<string, unknown> = {}) {
  const body = aCustomer({ name: `Sigrid Eksempel ${Math.random().toString(36).slice(2, 7)}`, email: `sigrid.${Date.now()}@example.no`, invoiceByEmail: true, emailPurposes: ['privacy_requests'], ...overrides });
  const registered = await aRegisteredCustomer(call, api.staff, body);
  const customerId = registered.customerId;
  const orders: string[] = [];
  for (const payment of ['invoice', 'counter'] as const) {
    const { orderId } = await anOrderTakenIn(call, api.staff, customerId, { items: [{ service: 'Kåpe', description: `Merket «${body.name}»`, quantity: 1, unitPriceOre: 59_900 }] });
    await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff });
    await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: payment === 'invoice' ? { payment, buyerAddress: address, customerId } : { payment, posReceiptRef: 'K-1' } });
    orders.push(orderId);
  }
  const invoice = ((await call('GET', `/admin/orders/${orders[0]}`, { token: api.staff })).json.payment as { documentNumber: number }).documentNumber;
  await call('POST', `/admin/invoices/${invoice}/credit`, { token: api.staff, body: { reason: 'Rabatt' } });
  await api.rights.settle();
  const token = await api.env.issuer.customerToken(customerId);
  return { customerId, token, name: body.name, phone: registered.phone, email: String((body as Record<string, unknown>).email), orders, invoice };
}

async function request(token: string, type: 'access' | 'erasure') {
  const opened = await call('POST', '/me/requests', { token, body: { type } });
  expect(opened.status).toBe(202);
  expect(opened.json).toMatchObject({ status: 'received', verifiedBy: 'sms_code', deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  await api.rights.settle();
  return opened.json.requestId as string;
}

describe('access', () => {
  it('answers with everything stored about the customer, and nothing about anyone else', async () => {
    const other = await customerWithHistory();
    const me = await customerWithHistory();
    const requestId = await request(me.token, 'access');
    const status = await call('GET', `/me/requests/${requestId}`, { token: me.token });
    expect(status.json).toMatchObject({ status: 'completed', outcome: { items: { customer: 1, orders: 2, documents: 2 } } });

    const exported = await call('GET', `/me/requests/${requestId}/export`, { token: me.token });
    expect(exported.status).toBe(200);
    const data = exported.json as { summary: string[]; customer: { name: string }; orders: { orderId: string }[]; documents: { documentNumber: number }[]; messages: unknown[]; requests: { requestId: string }[] };
    expect(data.customer.name).toBe(me.name);
    expect(data.orders.map((o) => o.orderId).sort()).toEqual([...me.orders].sort());
    expect(data.documents.map((d) => d.documentNumber)).toEqual([me.invoice, me.invoice + 1]);
    expect(data.messages.length).toBeGreaterThan(0);
    expect(data.requests.map((r) => r.requestId)).toContain(requestId);
    expect(data.summary.join(' ')).toContain(me.name);
    // The summary states the shop's own retention for delivery records, not a fixed period.
    expect(data.summary.join(' ')).toContain(`Slettes automatisk etter ${rights().shop.messageRetentionDays} dager`);
    // The portability copy: every field of what DynamoDB holds is described in EXPORT-FORMAT.md.
    for (const part of EXPORT_PARTS) {
      const described = new Set(exportFields(part.entity).map((f) => f.name));
      const value = (exported.json as Record<string, Record<string, unknown> | Record<string, unknown>[]>)[part.key];
      for (const item of Array.isArray(value) ? value : [value]) for (const field of Object.keys(item ?? {})) expect(`${part.key}.${field} described: ${described.has(field)}`).toBe(`${part.key}.${field} described: true`);
    }
    const text = JSON.stringify(data);
    for (const foreign of [other.customerId, other.name, other.phone, other.email, ...other.orders.map((o) => `"orderId":"${o}"`)]) expect(text).not.toContain(foreign);

    const sms = api.rights.publishes().filter((p) => p.PhoneNumber === me.phone).at(-1);
    expect(sms?.Message).toContain('Innsynet ditt');
    const mail = api.rights.emails().filter((m) => m.to.includes(me.email)).at(-1);
    expect(mail?.subject).toBe('Innsynet ditt hos Eksempel Renseri AS er klart');
    expect(JSON.stringify(mail)).not.toContain(me.name); // the data is fetched signed in, never mailed
    // Another customer's token cannot read this request or its export.
    expect((await call('GET', `/me/requests/${requestId}`, { token: other.token })).status).toBe(404);
    expect((await call('GET', `/me/requests/${requestId}/export`, { token: other.token })).status).toBe(404);
  });
});

describe('access to what is owed', () => {
  it('holds the customer\'s receivables, payments and reminders, every field described', async () => {
    // Given an invoice paid in part, overdue and reminded
    const body = aCustomer({ name: `Sigrid Skyld ${Math.random().toString(36).slice(2, 7)}`, email: `sigrid.skyld.${Date.now()}@example.no`, emailPurposes: ['privacy_requests'] });
    const { customerId } = await aRegisteredCustomer(call, api.staff, body);
    const { orderId } = await anOrderTakenIn(call, api.staff, customerId, { items: [{ service: 'Kåpe', quantity: 1, unitPriceOre: 59_900 }] });
    await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff });
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
    const invoice = (picked.json.payment as { documentNumber: number }).documentNumber;
    const today = shopDate(new Date(), 'Europe/Oslo');
    expect((await call('POST', `/admin/invoices/${invoice}/payments`, { token: api.staff, body: { amountOre: 10_000, paymentDate: today, method: 'cash', posReceiptRef: `K-${invoice}` } })).status).toBe(201);
    const dueDate = addDays(today, -20);
    await api.env.doc.send(
      new UpdateCommand({ TableName: api.env.tableName, Key: keys.receivable(invoice), UpdateExpression: 'SET dueDate = :due, gsi3sk = :sk', ExpressionAttributeValues: { ':due': dueDate, ':sk': `${dueDate}#${String(invoice).padStart(10, '0')}` } }),
    );
    expect((await call('POST', `/admin/invoices/${invoice}/reminders`, { token: api.staff })).status).toBe(201);
    await api.rights.settle();

    // When the customer asks for access
    const requestId = await request(await api.env.issuer.customerToken(customerId), 'access');
    const exported = (await call('GET', `/me/requests/${requestId}/export`, { token: await api.env.issuer.customerToken(customerId) })).json as Record<string, unknown>;

    // Then the export holds them (GDPR art. 15), each field described in EXPORT-FORMAT.md
    expect(exported).toMatchObject({
      receivables: [{ documentNumber: invoice, paidOre: 10_000, balanceOre: expect.any(Number), reminders: { count: 1 } }],
      payments: [{ documentNumber: invoice, amountOre: 10_000, method: 'cash' }],
      reminders: [{ documentNumber: invoice, sequence: 1 }],
    });
    for (const part of EXPORT_PARTS.filter((p) => ['receivables', 'payments', 'reminders'].includes(p.key))) {
      const described = new Set(exportFields(part.entity).map((f) => f.name));
      for (const item of exported[part.key] as Record<string, unknown>[]) for (const field of Object.keys(item)) expect(`${part.key}.${field} described: ${described.has(field)}`).toBe(`${part.key}.${field} described: true`);
    }
    expect((exported.summary as string[]).join(' ')).toContain(`purring på faktura ${invoice} sendt`);
  });
});

describe('erasure', () => {
  it('removes the customer everywhere but on the documents the law keeps, and frees the number', async () => {
    const me = await customerWithHistory();
    const earlier = await request(me.token, 'access');
    const requestId = await request(me.token, 'erasure');
    expect((await api.env.allItems()).find((i) => i.requestId === earlier && i.entity === 'privacyRequest')).not.toHaveProperty('customerId');
    const record = (await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId)!;
    expect(record).toMatchObject({ status: 'completed', type: 'erasure' });
    expect(record).not.toHaveProperty('customerId');

    const everything = await api.env.allItems();
    const legalHold = everything.filter((i) => i.entity === 'salesDocument' && [me.invoice, me.invoice + 1].includes(i.documentNumber as number));
    expect(legalHold).toHaveLength(2);
    for (const document of legalHold) {
      expect(document.customerId).toBe(`erased:${requestId}`);
      expect((document.buyer as { name: string }).name).toBe(me.name); // as bokføringsforskriften § 5-1-1 requires, until retainUntil
    }
    // Collected counter sales stay in the sales journal as their pickups recorded them, naming no one; the orders go.
    expect(everything.filter((i) => i.entity === 'order' && i.customerId === `erased:${requestId}`)).toEqual([]);
    const kept = everything.filter((i) => i.entity === 'counterSale' && i.orderId === me.orders[1]);
    expect(kept).toEqual([expect.objectContaining({ n: 1, retainUntil: expect.stringMatching(/^\d{4}-12-31$/) })]);
    const today = new Date().toISOString().slice(0, 10);
    const journal = await call('GET', `/admin/exports/sales?from=${today}&to=${today}`, { token: api.staff });
    expect(journal.text).toContain(`;${me.orders[1]};`);
    const outside = JSON.stringify(everything.filter((i) => !legalHold.includes(i)));
    for (const personal of [me.name, me.phone, me.email, me.customerId]) expect(outside).not.toContain(personal);

    // What is left of the person is exactly what the inventory puts under legal hold.
    for (const item of everything) {
      const inventory = (DATA_INVENTORY as Record<string, EntityInventory>)[String(item.entity)];
      for (const [attribute, value] of Object.entries(item)) {
        const text = JSON.stringify(value);
        if ([me.name, me.phone, me.email, me.customerId].some((personal) => text.includes(personal))) {
          const action = inventory?.attributes[attribute]?.onErasure;
          expect(`${String(item.entity)}.${attribute}: ${action && actionName(action)}`).toBe(`${String(item.entity)}.${attribute}: legalHold`);
        }
      }
    }

    expect(api.rights.publishes().filter((p) => p.PhoneNumber === me.phone).at(-1)?.Message).toContain('slettet opplysningene dine');
    expect((await call('GET', '/me', { token: me.token })).status).toBe(404);
    const again = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ phone: me.phone }) });
    expect(again.status).toBe(201);

    // Running the erasure again (a redrive) leaves the number's new owner alone: a closed request is not run again.
    const rerun = api.rights.stepFunctions.startExecution(`${requestId}-rerun`, { requestId });
    await api.rights.settle();
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(me.phone)}`, { token: api.staff })).json.customerId).toBe(again.json.customerId);
    expect(rerun.status).toBe('FAILED');
    expect(rerun.states.map((state) => state.name)).not.toContain('Erase the customer');
  });

  it.each([
    ['another mobile', () => aCustomer().phone],
    ['a landline', () => uniqueLandline()],
    ['no number', () => null],
  ])('leaves nothing under a number the customer had before, such as a sign-in code sent to it (moved to %s)', async (_case, newNumber) => {
    const body = aCustomer({ name: `Tone Nummerbytte ${Date.now()}` });
    const registered = await aRegisteredCustomer(call, api.staff, body);
    const customerId = registered.customerId;
    const oldPhone = registered.phone;
    expect((await call('POST', '/auth/code', { body: { phone: oldPhone } })).status).toBe(202);
    const moved = await call('PATCH', `/admin/customers/${customerId}`, { token: api.staff, body: { phone: newNumber() } });
    expect(moved.status).toBe(200);
    await request(await api.env.issuer.customerToken(customerId), 'erasure');
    const traces = [customerId, oldPhone, body.name as string, ...(typeof moved.json.phone === 'string' ? [moved.json.phone] : [])];
    const left = (await api.env.allItems()).filter((i) => traces.some((personal) => JSON.stringify(i).includes(personal)));
    expect(left).toEqual([]);
  });

  it('waits while garments are in the shop: the request is blocked and nothing is erased', async () => {
    const me = await customerWithHistory();
    await anOrderTakenIn(call, api.staff, me.customerId);
    const before = (await api.env.allItems()).filter((i) => JSON.stringify(i).includes(me.customerId)).length;
    const requestId = await request(me.token, 'erasure');
    expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked', outcome: { blockedReason: 'open_orders' } });
    expect((await api.env.allItems()).filter((i) => JSON.stringify(i).includes(me.customerId)).length).toBeGreaterThanOrEqual(before);
  });

  it('reads the request once and the customer\'s records once', async () => {
    const me = await customerWithHistory();
    const deps = rights();
    const [realReadAll, realGet] = [deps.customerData.readAll.bind(deps.customerData), deps.requests.get.bind(deps.requests)];
    const reads: string[] = [];
    deps.customerData.readAll = async (customerId) => (customerId === me.customerId && reads.push('records'), realReadAll(customerId));
    deps.requests.get = async (requestId) => (reads.push(`request ${requestId}`), realGet(requestId));
    try {
      const requestId = await request(me.token, 'erasure');
      expect((await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId)).toMatchObject({ status: 'completed' });
      expect(reads).toEqual([`request ${requestId}`, 'records']);
    } finally {
      deps.customerData.readAll = realReadAll;
      deps.requests.get = realGet;
    }
  });

  it('ends blocked, not failed, when garments are handed in just before the erasure begins', async () => {
    const me = await customerWithHistory();
    const data = rights().customerData;
    const realBegin = data.beginErasure.bind(data);
    let takenIn: unknown;
    // Given an order taken in at the last moment: after the request, before the profile is marked.
    data.beginErasure = async (...args) => {
      if (args[0] === me.customerId && takenIn === undefined) takenIn = (await call('POST', '/admin/orders', { token: api.staff, body: anOrder(me.customerId) })).json.orderId;
      return realBegin(...args);
    };
    try {
      const requestId = await request(me.token, 'erasure');
      expect(takenIn).toEqual(expect.any(String));
      expect((await call('GET', `/me/requests/${requestId}`, { token: me.token })).json).toMatchObject({ status: 'blocked', outcome: { blockedReason: 'open_orders' } });
      const record = (await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId);
      expect(record).not.toHaveProperty('failedStep');
      const states = api.rights.stepFunctions.executions.get(requestId)!.states.map((state) => state.name);
      expect(states).toContain('Block the erasure');
      expect(states).not.toContain('Mark the request failed');
      // Nothing was erased, and the mark is lifted: the customer can still hand in garments.
      expect((await call('GET', '/me', { token: me.token })).status).toBe(200);
      expect((await call('POST', '/admin/orders', { token: api.staff, body: anOrder(me.customerId) })).status).toBe(201);
    } finally {
      data.beginErasure = realBegin;
    }
  });

  it('fails visibly when a step keeps failing, never half-erased for good, and finishes when run again', async () => {
    const me = await customerWithHistory();
    const data = rights().customerData;
    const realDelete = data.deleteCustomerRecords.bind(data);
    let failures = 4; // more than the task's retries
    data.deleteCustomerRecords = async (...args) => {
      if (failures-- > 0) throw new Error('DynamoDB is having a bad day');
      return realDelete(...args);
    };
    try {
      const requestId = await request(me.token, 'erasure');
      const failed = await call('GET', `/admin/requests?status=failed`, { token: api.staff });
      expect((failed.json.requests as { requestId: string; failedStep: string }[]).find((r) => r.requestId === requestId)).toMatchObject({ failedStep: 'erase' });
      // Half-way: the documents already carry the pseudonym; the profile is still there.
      expect((await call('GET', '/me', { token: me.token })).status).toBe(200);

      api.rights.stepFunctions.startExecution(`${requestId}-again`, { requestId });
      await api.rights.settle();
      const record = (await api.env.allItems()).find((i) => i.requestId === requestId && i.entity === 'privacyRequest');
      expect(record).toMatchObject({ status: 'completed' });
      expect(record).not.toHaveProperty('failedStep');
      expect((await call('GET', '/me', { token: me.token })).status).toBe(404);
      const leftovers = JSON.stringify((await api.env.allItems()).filter((i) => i.entity !== 'salesDocument'));
      expect(leftovers).not.toContain(me.phone);
      expect(leftovers).not.toContain(me.name);
      // No confirmation went out while the erasure was unfinished: it is sent once, at the end.
      expect(api.rights.publishes().filter((p) => p.PhoneNumber === me.phone && p.Message?.includes('slettet'))).toHaveLength(1);
    } finally {
      data.deleteCustomerRecords = realDelete;
    }
  });
});

describe('the workflow carries ids only (Step Functions keeps 90 days of history)', () => {
  /** Every JSONPath a state reads, from its Parameters and ResultSelector (intrinsics included). */
  const pathsRead = (value: unknown): string[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, inner]) => (key.endsWith('.$') && typeof inner === 'string' ? (inner.match(/\$\$?(\.[A-Za-z]+)+/g) ?? []) : pathsRead(inner)))
      : [];

  it('in the synthesized definition: every state reads the request id, the step and codes, and of the request only its type', () => {
    const states = api.rights.stepFunctions.definition.States as Record<string, { Type: string; Resource?: string; Parameters?: Record<string, unknown>; ResultSelector?: unknown }>;
    const read = Object.values(states).flatMap((state) => pathsRead(state.Parameters));
    // The run's name is the request id and why it ran (a ticket number, a date): no personal data.
    expect(new Set(read)).toEqual(new Set(['$.requestId', '$.failed.step', '$.erasure.reason', '$$.State.EnteredTime', '$$.Execution.Name']));
    for (const state of Object.values(states)) {
      if (state.Resource?.startsWith('arn:aws:lambda:')) expect(Object.keys(state.Parameters ?? {}).sort()).toEqual(['requestId.$', 'run.$', 'step']);
      if (state.Resource?.endsWith(':dynamodb:getItem')) {
        // Only the id and the type come back from the request, so nothing else of it reaches the history.
        expect(state.Parameters).toMatchObject({ ProjectionExpression: 'requestId,#type', ExpressionAttributeNames: { '#type': 'type' } });
        expect(pathsRead(state.ResultSelector).sort()).toEqual(['$.Item.requestId.S', '$.Item.type.S']);
      }
    }
  });

  it('in every state of the local runs: only ids, types and decisions', () => {
    const allowed = new Set(['requestId', 'type', 'erasure', 'outcome', 'reason', 'failed', 'step', 'error', 'Error', 'Cause']);
    const keysIn = (data: unknown): string[] => (data && typeof data === 'object' ? Object.entries(data).flatMap(([key, inner]) => [key, ...(key === 'error' ? [] : keysIn(inner))]) : []);
    const runs = [...api.rights.stepFunctions.executions.values()];
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const run of runs) {
      for (const state of run.states) {
        for (const key of [...keysIn(state.input), ...keysIn(state.output)]) expect(`${state.name}: ${key}`).toBe(`${state.name}: ${allowed.has(key) ? key : '(not allowed)'}`);
      }
    }
  });
});

describe('the staff path', () => {
  it('opens a request for a customer identified in person, queues it by deadline, and extends it once with notice', async () => {
    const me = await customerWithHistory();
    await anOrderTakenIn(call, api.staff, me.customerId); // keeps an erasure blocked, so it stays open
    const opened = await call('POST', `/admin/customers/${me.customerId}/requests`, { token: api.staff, body: { type: 'access', verifiedBy: 'in_person' } });
    expect(opened).toMatchObject({ status: 202, json: { verifiedBy: 'in_person', status: 'received' } });
    const requestId = opened.json.requestId as string;
    const extended = await call('POST', `/admin/requests/${requestId}/extend`, { token: api.staff, body: { months: 2, reason: 'many_requests' } });
    expect(extended.status).toBe(200);
    expect(extended.json.extension).toMatchObject({ months: 2 });
    expect((await call('POST', `/admin/requests/${requestId}/extend`, { token: api.staff, body: { months: 1, reason: 'complex_request' } })).status).toBe(409);
    await api.rights.settle();
    expect(api.rights.publishes().filter((p) => p.PhoneNumber === me.phone).map((p) => p.Message)).toEqual(expect.arrayContaining([expect.stringContaining('Vi trenger mer tid på henvendelsen din om personvern fordi vi har mange henvendelser nå')]));
    expect((await call('POST', `/admin/customers/${me.customerId}/requests`, { token: api.staff, body: { type: 'access', verifiedBy: 'sms_code' } })).status).toBe(400);
  });
});

describe('customers without a mobile number, whose requests staff open at the counter', () => {
  it.each([
    ['a landline', () => ({ phone: uniqueLandline() })],
    ['no number', () => ({ phone: undefined })],
  ])('answers access and erasure for a customer with %s: nothing is ever sent by SMS, and nothing of them is left', async (_case, number) => {
    const me = await customerWithHistory({ name: `Hotell Gjest Vårvoll ${Math.random().toString(36).slice(2, 7)}`, ...number() });
    const openAtCounter = async (type: 'access' | 'erasure') => {
      const opened = await call('POST', `/admin/customers/${me.customerId}/requests`, { token: api.staff, body: { type, verifiedBy: 'in_person' } });
      expect(opened).toMatchObject({ status: 202, json: { verifiedBy: 'in_person', status: 'received' } });
      await api.rights.settle();
      return opened.json.requestId as string;
    };

    const access = await openAtCounter('access');
    expect((await call('GET', `/admin/requests?status=completed&limit=100`, { token: api.staff })).json.requests).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: access })]));
    // The notice that it is answered went by e-mail (the address kept for privacy answers); the SMS
    // ended as not sendable, at once, like the pickup SMS of the orders: failed for staff, never retried.
    expect(api.rights.emails().some((e) => e.to.includes(me.email))).toBe(true);
    const messages = (await api.env.allItems()).filter((i) => i.entity === 'message' && i.customerId === me.customerId);
    const sms = messages.filter((m) => ['pickup_ready', 'request_completed'].includes(m.purpose as string));
    expect(sms.map((m) => [m.purpose, m.state, m.failureReason, m.attempts])).toEqual(expect.arrayContaining([['request_completed', 'failed', 'no_mobile_number', 1]]));
    for (const m of sms) expect([m.state, m.failureReason]).toEqual(['failed', 'no_mobile_number']);

    const sentBefore = api.rights.publishes().length;
    const erasure = await openAtCounter('erasure');
    expect((await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === erasure)).toMatchObject({ status: 'completed' });
    // No confirmation could go to a number: none was queued, and no SMS ever went to the landline.
    expect(api.rights.publishes().slice(sentBefore)).toEqual([]);
    if (me.phone) expect(api.rights.publishes().filter((p) => p.PhoneNumber === me.phone)).toEqual([]);
    // Nothing names the customer any more, not even folded for the name search, which finds no one.
    const left = (await api.env.allItems()).filter((i) => i.entity !== 'salesDocument');
    expect(left.filter((i) => i.entity === 'nameEntry' && i.customerId === me.customerId)).toEqual([]);
    expect(JSON.stringify(left)).not.toContain(me.customerId);
    expect(JSON.stringify(left)).not.toMatch(/varvoll|vårvoll/i);
    expect((await call('GET', `/admin/customers?name=${encodeURIComponent(me.name)}`, { token: api.staff })).json).toEqual({ customers: [] });
  });
});

describe('deadlines', () => {
  it('counts the requests past their legal deadline for the alarm, reading only those', async () => {
    const waiting = await customerWithHistory();
    await anOrderTakenIn(call, api.staff, waiting.customerId);
    const blocked = await request(waiting.token, 'erasure'); // blocked by the open order: it waits for the customer
    // An access request the workflow has not picked up yet (the stream is not drained): unanswered.
    const unanswered = (await call('POST', '/me/requests', { token: waiting.token, body: { type: 'access' } })).json.requestId as string;
    const { handler } = await import('../../functions/jobs/request-deadlines.handler');
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    let today: { overdue: number };
    let later: { overdue: number; requestIds: string[] };
    try {
      today = (await handler({}, { functionName: 'deadlines', awsRequestId: 't' } as never)) as { overdue: number };
      later = (await handler({ asOf: new Date(Date.now() + 40 * 86_400_000).toISOString() }, { functionName: 'deadlines', awsRequestId: 't' } as never)) as never;
    } finally {
      process.stdout.write = write;
    }
    expect(today.overdue).toBe(0);
    const open = (await api.env.allItems()).filter((i) => i.entity === 'privacyRequest' && ['received', 'in_progress', 'failed'].includes(i.status as string));
    expect(open.length).toBeGreaterThan(0);
    // In 40 days every open request is past a one-month deadline, but not the one extended by two
    // months, nor a blocked erasure: it waits for the customer, who was told why (art. 12(4)).
    expect(later.overdue).toBe(open.filter((r) => !r.extension).length);
    expect(later.requestIds).toContain(unanswered);
    expect(later.requestIds).not.toContain(blocked);
    const metric = writes.map((w) => JSON.parse(w)).find((line) => line._aws);
    expect(metric).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'Renseri', Metrics: [{ Name: 'OverdueRequests' }] }] }, OverdueRequests: 0 });
  });
});
