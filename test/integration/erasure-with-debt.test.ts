import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { retention, rights } from '#shared/composition';
import { eraseCustomerData, releaseClaimHold } from '#shared/domain/rights/erasure';
import type { ClaimHold } from '#shared/domain/rights/claim-hold';
import { inactivityPseudonym, runRetentionSweep } from '#shared/domain/retention/retention-sweep';
import { aRegisteredCustomer, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Issue #17 point 6: a customer who owes the shop money can still be erased. Everything but what
 * the claim needs goes at once; the name and number stay under the legal-claim hold (GDPR art.
 * 17(3)(e)) beside the invoice, which keeps the address; when the invoice closes the erasure
 * completes by itself and nothing typed about the customer is left but the buyer on the documents
 * the bookkeeping law keeps. Through the twin's API, the table's stream and the synthesized workflow.
 */
const api = apiHarness({ rights: true });
const { call } = api;

/** Every string leaf of an item, with its path (`claimHold.phone.e164`). */
function stringLeaves(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((element, index) => stringLeaves(element, `${path}.${index}`, out));
  else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) stringLeaves(inner, `${path}.${key}`, out);
  return out;
}

/** Where in the whole table each typed string is found, as `what at entity.path`. */
async function whereFound(typed: Record<string, string>) {
  const found: string[] = [];
  for (const item of await api.env.allItems()) {
    for (const leaf of stringLeaves(item, String(item.entity))) for (const [what, text] of Object.entries(typed)) if (leaf.text.includes(text)) found.push(`${what} at ${leaf.path}`);
  }
  return [...new Set(found)].sort();
}

const smsTo = (phone: string) => api.rights.publishes().filter((p) => p.PhoneNumber === phone).map((p) => String(p.Message));

it('erases all but the name and number under the claim hold while an invoice is unpaid, and completes by itself when it closes', async () => {
  // Given an English-speaking customer with an invoice not yet paid, and a counter sale paid
  const mark = randomUUID().slice(0, 8);
  const name = `Didrik Skyldner ${mark}`;
  const customer = await aRegisteredCustomer(call, api.staff, { name, email: `didrik.${mark}@example.no`, invoiceByEmail: true, language: 'en' });
  const typed = {
    name,
    phone: customer.phone,
    customerId: customer.customerId,
    email: `didrik.${mark}@example.no`,
    service: `Dress med vest ${mark}`,
    description: `Til konfirmasjonen ${mark}`,
    note: `Knapp mangler ${mark}`,
    street: `Gjeldsveien ${mark}`,
    city: `Hamar ${mark}`,
  };
  const order = await call('POST', '/admin/orders', {
    token: api.staff,
    body: { customerId: customer.customerId, items: [{ service: typed.service, description: typed.description, quantity: 1, unitPriceOre: 89_900 }], garments: [{ tag: uniqueTag(), line: 1, note: typed.note }] },
  });
  expect(order.status).toBe(201);
  expect((await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: api.staff })).status).toBe(200);
  const pickup = await call('POST', `/admin/orders/${order.json.orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: { street: typed.street, postalCode: '2317', city: typed.city }, customerId: customer.customerId } });
  expect(pickup.status).toBe(200);
  const invoice = (pickup.json.payment as { documentNumber: number }).documentNumber;
  await api.rights.settle();
  const token = await api.env.issuer.customerToken(customer.customerId);

  // When the customer asks for erasure
  const opened = await call('POST', '/me/requests', { token, body: { type: 'erasure' } });
  expect(opened.status).toBe(202);
  const requestId = opened.json.requestId as string;
  await api.rights.settle();

  // Then all but the claim's data is gone at once: the profile, the order, the e-mail and every
  // word typed at the counter. The name and number stay under the hold; the invoice keeps the buyer.
  // The open request keeps the (random) customer id until it closes, so the customer can still see
  // it: nothing else is left that the id leads to.
  expect((await call('GET', `/admin/customers/${customer.customerId}`, { token: api.staff })).status).toBe(404);
  expect(await whereFound(typed)).toEqual(
    ['city at salesDocument.buyer.address.city', 'customerId at privacyRequest.customerId', 'name at claimHold.name', 'name at salesDocument.buyer.name', 'phone at claimHold.phone.e164', 'street at salesDocument.buyer.address.street'].sort(),
  );
  // The request waits, and staff and the customer see why; the customer was told what is kept and why, in English
  const request = await call('GET', `/me/requests/${requestId}`, { token });
  expect(request.json).toMatchObject({
    status: 'blocked',
    outcome: { blockedReason: 'open_balance' },
    waiting: { reason: 'open_balance', explanation: expect.stringMatching(/^We have erased everything else\. We keep your name, the address on the invoice and your phone number until the unpaid invoice is paid, credited or written off.*GDPR art\. 17\(3\)\(e\)/), openInvoices: [invoice] },
  });
  const queue = await call('GET', '/admin/requests?status=blocked&limit=100', { token: api.staff });
  expect(queue.json.requests).toEqual(expect.arrayContaining([expect.objectContaining({ requestId, outcome: expect.objectContaining({ blockedReason: 'open_balance' }) })]));
  expect(smsTo(customer.phone).slice(1)).toEqual([expect.stringMatching(/^We erased the rest at .*\. We keep name, address and number to claim an unpaid invoice, and erase them once it is settled\.$/)]);
  // The invoice can still be looked up, open, under the erasure's pseudonym
  const held = await call('GET', `/admin/invoices/${invoice}`, { token: api.staff });
  // …and staff see why the buyer is held, with the name and number kept to claim it
  expect(held.json).toMatchObject({
    customerId: `erased:${requestId}`,
    receivable: { status: 'open', customerId: `erased:${requestId}` },
    claimHold: { holder: `erased:${requestId}`, requestId, name, phone: { e164: customer.phone, kind: 'mobile' }, invoices: [invoice], openInvoices: [invoice] },
  });

  // When the invoice is paid in full at the bank
  const owing = ((await call('GET', `/admin/invoices/${invoice}`, { token: api.staff })).json.receivable as { balanceOre: number }).balanceOre;
  const today = new Date().toISOString().slice(0, 10);
  expect((await call('POST', `/admin/invoices/${invoice}/payments`, { token: api.staff, body: { amountOre: owing, paymentDate: today, method: 'bank' } })).status).toBe(201);
  await api.rights.settle();
  // (the payment rewrote the kept receivable, still in no customer's list)
  expect((await api.env.allItems()).find((i) => i.entity === 'receivable' && i.documentNumber === invoice)).toMatchObject({ status: 'paid', customerId: `erased:${requestId}` });
  expect((await api.env.allItems()).find((i) => i.entity === 'receivable' && i.documentNumber === invoice)).not.toHaveProperty('gsi1pk');

  // Then the erasure completes by itself with no staff step: the hold is gone, the customer is told
  // (in English), and nothing typed about them is left but the buyer on the documents kept for the books
  const record = (await api.env.allItems()).find((i) => i.entity === 'privacyRequest' && i.requestId === requestId);
  expect(record).toMatchObject({ status: 'completed' });
  expect(record).not.toHaveProperty('customerId');
  expect(smsTo(customer.phone).at(-1)).toMatch(/^We have erased your data/);
  expect(smsTo(customer.phone)).toHaveLength(3); // ready, held, erased
  expect(await whereFound(typed)).toEqual(['city at salesDocument.buyer.address.city', 'name at salesDocument.buyer.name', 'street at salesDocument.buyer.address.street']);
  expect((await api.env.allItems()).filter((i) => i.entity === 'claimHold' && i.holder === `erased:${requestId}`)).toEqual([]);
  const runs = [...api.rights.stepFunctions.executions.values()].filter((e) => (e.input as { requestId: string }).requestId === requestId);
  expect(runs.map((r) => [r.name, r.status])).toEqual([
    [requestId, 'SUCCEEDED'],
    [`${requestId}-after-invoice-${invoice}-paid`, 'SUCCEEDED'],
  ]);
}, 120_000);

it('anonymises an inactive customer with an unpaid invoice but for the claim, and ends the hold by itself when the invoice closes', async () => {
  // Given a customer with an invoice not yet paid, inactive past the shop's period
  const mark = randomUUID().slice(0, 8);
  const name = `Inaktiv Skyldner ${mark}`;
  const customer = await aRegisteredCustomer(call, api.staff, { name });
  const order = await call('POST', '/admin/orders', { token: api.staff, body: { customerId: customer.customerId, items: [{ service: `Gardiner ${mark}`, quantity: 1, unitPriceOre: 49_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  expect((await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: api.staff })).status).toBe(200);
  const pickup = await call('POST', `/admin/orders/${order.json.orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: { street: `Glemtveien ${mark}`, postalCode: '2317', city: 'Hamar' }, customerId: customer.customerId } });
  const invoice = (pickup.json.payment as { documentNumber: number }).documentNumber;
  await api.rights.settle();

  // When the retention sweep runs past the inactivity period
  const later = new Date(Date.now() + (retention().shop.inactivityMonths + 2) * 31 * 86_400_000);
  expect((await runRetentionSweep({ ...retention(), clock: () => later }, { asOf: later })).status).toBe('completed');

  // Then the customer is anonymised but for the name and number under the hold, which waits for the invoice
  const holder = inactivityPseudonym(customer.customerId);
  expect((await call('GET', `/admin/customers/${customer.customerId}`, { token: api.staff })).status).toBe(404);
  expect(await whereFound({ name, phone: customer.phone, service: `Gardiner ${mark}` })).toEqual(['name at claimHold.name', 'name at salesDocument.buyer.name', 'phone at claimHold.phone.e164']);
  expect((await api.env.allItems()).find((i) => i.entity === 'claimHold' && i.holder === holder)).toMatchObject({ invoices: [invoice] });
  expect((await api.env.allItems()).find((i) => i.entity === 'claimHold' && i.holder === holder)).not.toHaveProperty('requestId');

  // When the invoice is written off, the hold ends by itself, and the anonymised customer is told
  // nothing (the sweep writes to no one)
  const sent = api.rights.publishes().length;
  expect((await call('POST', `/admin/invoices/${invoice}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } })).status).toBe(200);
  await api.rights.settle();
  expect((await api.env.allItems()).filter((i) => i.entity === 'claimHold' && i.holder === holder)).toEqual([]);
  expect(await whereFound({ name, phone: customer.phone })).toEqual(['name at salesDocument.buyer.name']);
  expect(api.rights.publishes().length).toBe(sent);
}, 120_000);

it('releases a sweep\'s hold whose invoice closed when the stream\'s release was lost: the daily job is the backstop', async () => {
  // Given an inactive customer anonymised but for the claim of an unpaid invoice
  const mark = randomUUID().slice(0, 8);
  const name = `Glemt Skyldner ${mark}`;
  const customer = await aRegisteredCustomer(call, api.staff, { name });
  const order = await call('POST', '/admin/orders', { token: api.staff, body: { customerId: customer.customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 29_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  expect((await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: api.staff })).status).toBe(200);
  const pickup = await call('POST', `/admin/orders/${order.json.orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: { street: `Glemtveien ${mark}`, postalCode: '2317', city: 'Hamar' }, customerId: customer.customerId } });
  const invoice = (pickup.json.payment as { documentNumber: number }).documentNumber;
  await api.rights.settle();
  // (The test before swept years ahead, so the sweep would next start past this customer's year:
  // its state goes, as on a shop's first run.)
  await api.env.doc.send(new DeleteCommand({ TableName: api.env.tableName, Key: { pk: 'SWEEP', sk: 'STATE' } }));
  const later = new Date(Date.now() + (retention().shop.inactivityMonths + 2) * 31 * 86_400_000);
  expect((await runRetentionSweep({ ...retention(), clock: () => later }, { asOf: later })).status).toBe('completed');
  const holder = inactivityPseudonym(customer.customerId);
  const hold = (await api.env.allItems()).find((i) => i.entity === 'claimHold' && i.holder === holder);
  expect(hold).toMatchObject({ invoices: [invoice] });

  // When the invoice is paid but the stream's record of it is lost (the hold put back as it was, after the release)
  expect((await call('POST', `/admin/invoices/${invoice}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } })).status).toBe(200);
  await api.rights.settle();
  await api.env.doc.send(new PutCommand({ TableName: api.env.tableName, Item: hold }));
  expect(await whereFound({ name, phone: customer.phone })).toEqual(['name at claimHold.name', 'name at salesDocument.buyer.name', 'phone at claimHold.phone.e164']);

  // Then the daily job releases it, and a second run finds nothing more
  const { handler } = await import('../../functions/jobs/request-deadlines.handler');
  const daily = async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write; // the metric line
    try {
      return (await handler({ asOf: later.toISOString() }, { functionName: 'deadlines', awsRequestId: 't' } as never)) as unknown as { holdsReleased: number };
    } finally {
      process.stdout.write = write;
    }
  };
  expect((await daily()).holdsReleased).toBeGreaterThanOrEqual(1);
  expect(await whereFound({ name, phone: customer.phone })).toEqual(['name at salesDocument.buyer.name']);
  expect((await api.env.allItems()).filter((i) => i.entity === 'claimHold' && i.holder === holder)).toEqual([]);
  expect((await daily()).holdsReleased).toBe(0);
}, 120_000);

it('completes an erasure whose hold the stream released while the run was still going: the invoice closed between the hold and the run\'s own release', async () => {
  // Given a customer with an unpaid invoice
  const customer = await aRegisteredCustomer(call, api.staff, { name: `Rask Betaler ${randomUUID().slice(0, 8)}` });
  const order = await call('POST', '/admin/orders', { token: api.staff, body: { customerId: customer.customerId, items: [{ service: 'Skjorte', quantity: 1, unitPriceOre: 9_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  expect((await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: api.staff })).status).toBe(200);
  const pickup = await call('POST', `/admin/orders/${order.json.orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: { street: 'Betalingsveien 1', postalCode: '2317', city: 'Hamar' }, customerId: customer.customerId } });
  const invoice = (pickup.json.payment as { documentNumber: number }).documentNumber;
  await api.rights.settle();

  // When the erasure places its hold, and at that moment the invoice is written off and the
  // stream's resume (the request still in progress) releases the hold before the run gets to it
  const deps = rights();
  const requestId = `race-${randomUUID().slice(0, 8)}`;
  const customerData = Object.create(deps.customerData, {
    placeClaimHold: {
      value: async (hold: ClaimHold) => {
        await deps.customerData.placeClaimHold(hold);
        expect((await call('POST', `/admin/invoices/${invoice}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } })).status).toBe(200);
        expect(await releaseClaimHold(deps, hold.holder)).toBe('released');
      },
    },
  }) as typeof deps.customerData;
  const outcome = await eraseCustomerData({ ...deps, customerData }, { customerId: customer.customerId, pseudonym: `erased:${requestId}`, answeringRequestId: requestId });

  // Then the run ends erased, not held: nothing is owed and no hold is left to wait on; the customer
  // is told it is done (the stream's release), and not afterwards that it waits
  expect(outcome).toMatchObject({ outcome: 'erased' });
  expect((await api.env.allItems()).filter((i) => i.entity === 'claimHold' && i.holder === `erased:${requestId}`)).toEqual([]);
  const messages = (await api.env.allItems()).filter((i) => i.entity === 'message' && i.customerId === `erased:${requestId}`).map((m) => m.purpose);
  expect(messages).toEqual(['request_completed']);
}, 120_000);
