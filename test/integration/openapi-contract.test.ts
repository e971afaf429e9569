import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { kidFor } from '#shared/domain/invoices/sales-documents';
import { formatOcrGiro } from '#shared/domain/receivables/ocr-giro';
import { notices } from '#shared/composition';
import { gatewayProblemBody } from '#shared/http/gateway-responses';
import { MAX_BODY_BYTES } from '#shared/http/limits';
import { problemResponse, problems } from '#shared/http/problem';
import { sourceLoader } from '../../infra/local/handler-bundles';
import { createLocalStepFunctions } from '../../infra/local/local-step-functions';
import { aCustomer, anOrder, anOrderTakenIn, aReadyOrder, aReadyOrderThrough, aRegisteredCustomer, aSignInCode, uniqueTag, aBusiness } from '../helpers/fixtures';
import { aBusinessInvoice } from '../helpers/business-invoice';
import { apiHarness } from '../helpers/harness';
import { contractChecker, type Exchange, type OpenApiDocument } from '../helpers/openapi-contract';
import { redoclyLint } from '../helpers/redocly';
import type { TwinCall } from '../helpers/twin-client';

/**
 * The API keeps the promises its OpenAPI document makes: real flows through the twin's API
 * Gateway on DynamoDB Local, every answer recorded (status, content type, body) and checked
 * against the document served at /openapi.json. An undocumented status, content type or member
 * fails the test; so does a lint problem under Redocly's recommended rules.
 */
const api = apiHarness({ outbox: 'file' });
const twin = api.call;
let document: OpenApiDocument;
let checker: ReturnType<typeof contractChecker>;
const exchanges: Exchange[] = [];
let checked = 0;

/** The twin, with every answer recorded for the contract check. */
async function call(method: string, url: string, options: TwinCall = {}) {
  const response = await twin(method, url, options);
  exchanges.push({ method, url, status: response.status, headers: response.headers, text: response.text, bytes: response.bytes });
  return response;
}

/** What the answers so far broke of the document, each answer checked once. */
function violationsSoFar(): string[] {
  const fresh = exchanges.slice(checked);
  checked = exchanges.length;
  return fresh.flatMap((exchange) => checker.violations(exchange));
}

beforeAll(async () => {
  const served = await call('GET', '/openapi.json');
  expect(served.status).toBe(200);
  document = served.json as unknown as OpenApiDocument;
  checker = contractChecker(document);
});
afterEach(() => {
  // An answer a test did not check itself is checked here; the test has failed if it broke the document.
  const left = violationsSoFar();
  if (left.length) throw new Error(`Answers that break the OpenAPI document:\n${left.join('\n')}`);
});

const asStaff = (options: TwinCall = {}) => ({ token: api.staff, ...options });
const register = (overrides: Record<string, unknown> = {}) => aRegisteredCustomer(call, api.staff, overrides);
const takeIn = async (customerId: string) => (await anOrderTakenIn(call, api.staff, customerId)).orderId;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe('the counter', () => {
  it('registers, refuses a number twice naming the customer, finds, shows and corrects a customer', async () => {
    const kari = await register();
    const taken = await call('POST', '/admin/customers', asStaff({ body: aCustomer({ phone: kari.phone }) }));
    expect(taken.status).toBe(409);
    expect(taken.json.existingCustomerId).toBe(kari.customerId);

    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(kari.phone)}`, asStaff())).status).toBe(200);
    await takeIn(kari.customerId);
    expect((await call('GET', `/admin/customers/${kari.customerId}?limit=10`, asStaff())).status).toBe(200);

    const corrected = await call('PATCH', `/admin/customers/${kari.customerId}`, asStaff({ body: { language: 'en' }, headers: { 'if-match': '"1"' } }));
    expect(corrected.status).toBe(200);
    const stale = await call('PATCH', `/admin/customers/${kari.customerId}`, asStaff({ body: { language: 'nb' }, headers: { 'if-match': '"1"' } }));
    expect(stale.status).toBe(412);

    const ola = await register();
    const toKarisNumber = await call('PATCH', `/admin/customers/${ola.customerId}`, asStaff({ body: { phone: kari.phone } }));
    expect(toKarisNumber.status).toBe(409);
    expect(toKarisNumber.json.existingCustomerId).toBe(kari.customerId);
    expect(violationsSoFar()).toEqual([]);
  });

  it('registers customers with a landline or no number, and finds customers by name a page at a time', async () => {
    await register({ name: 'Hotell Gjest Vårvik', phone: '22 12 34 56' });
    await register({ name: 'Ola Vårvik', phone: undefined });
    const kari = await register({ name: 'Kari Vårvik' });
    expect((await call('PATCH', `/admin/customers/${kari.customerId}`, asStaff({ body: { phone: null } }))).status).toBe(200);
    const first = await call('GET', '/admin/customers?name=varvik&limit=2', asStaff());
    expect(first.status).toBe(200);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect((await call('GET', `/admin/customers?name=varvik&limit=2&cursor=${first.json.nextCursor}`, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/customers?name=varvik&phone=22123456', asStaff())).status).toBe(400);
    expect((await call('GET', '/admin/customers?phone=22123456', asStaff())).status).toBe(400);
    expect(violationsSoFar()).toEqual([]);
  });

  it('registers a business on its switchboard, refuses its number twice naming the field, finds it by number and name, and corrects it', async () => {
    const hotel = await register({ name: 'Fjordhotellet Vårvik AS', phone: '22 12 34 58', business: aBusiness({ contactName: 'Kari Hansen', reference: 'Resepsjonen' }) });
    const digits = (hotel.business as { organisationNumber: string }).organisationNumber;
    const taken = await call('POST', '/admin/customers', asStaff({ body: aCustomer({ business: aBusiness({ organisationNumber: digits }) }) }));
    expect(taken.status).toBe(409);
    expect(taken.json.errors).toEqual([expect.objectContaining({ pointer: '/business/organisationNumber' })]);
    expect((await call('POST', '/admin/customers', asStaff({ body: aCustomer({ business: aBusiness({ organisationNumber: '923609017' }) }) }))).status).toBe(400);
    expect((await call('GET', `/admin/customers?organisationNumber=${digits}`, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/customers?organisationNumber=974760673', asStaff())).status).toBe(404);
    expect((await call('GET', '/admin/customers?name=fjordhotellet%20varvik', asStaff())).json.customers).toEqual([expect.objectContaining({ organisationNumber: expect.any(String) })]);
    const other = await register({ business: aBusiness() });
    const toTheHotelsNumber = await call('PATCH', `/admin/customers/${other.customerId}`, asStaff({ body: { business: { organisationNumber: digits } } }));
    expect(toTheHotelsNumber.status).toBe(409);
    expect((await call('PATCH', `/admin/customers/${hotel.customerId}`, asStaff({ body: { business: { reference: null, ehf: true } } }))).status).toBe(200);
    expect(violationsSoFar()).toEqual([]);
  });

  it('takes in an order, marks it ready once, hands it over at the counter, and cancels another', async () => {
    const { customerId } = await register();
    const orderId = await takeIn(customerId);
    const taken = await call('GET', `/admin/orders/${orderId}`, asStaff());
    expect(taken.status).toBe(200);
    const { tag } = (taken.json.garments as { tag: string }[])[0] as { tag: string };
    expect((await call('GET', `/admin/tags/${tag}`, asStaff())).json).toMatchObject({ orderId });
    expect((await call('GET', '/admin/tags/NO-SUCH-TAG', asStaff())).status).toBe(404);
    const sameTag = await call('POST', '/admin/orders', asStaff({ body: { ...anOrder(customerId), garments: [{ tag: uniqueTag(), line: 1 }, { tag, line: 2 }] } }));
    expect(sameTag.json).toMatchObject({ status: 409, tag, errors: [{ pointer: '/garments/1/tag' }] });
    expect((await call('GET', '/admin/orders?status=received&limit=5', asStaff())).status).toBe(200);
    expect((await call('POST', `/admin/orders/${orderId}/ready`, asStaff({ headers: { 'if-match': '"9"' } }))).status).toBe(412);

    expect((await call('POST', `/admin/orders/${orderId}/garments/ready`, asStaff({ body: { tags: [tag], location: 'Stativ 3', notifyPart: true } }))).status).toBe(200);
    const againPart = await call('POST', `/admin/orders/${orderId}/garments/ready`, asStaff({ body: { tags: [tag], notifyPart: true } }));
    expect(againPart.status).toBe(409);
    expect((await call('POST', `/admin/orders/${orderId}/ready`, asStaff())).status).toBe(200);
    const again = await call('POST', `/admin/orders/${orderId}/ready`, asStaff());
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ orderId, currentStatus: 'ready', allowedFrom: ['received'] });

    const ticket = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, asStaff({ headers: { accept: 'application/pdf' } }));
    expect(ticket.status).toBe(200);
    expect(ticket.headers['content-type']).toBe('application/pdf');
    expect((await call('GET', `/admin/orders/${orderId}/tags.pdf`, asStaff({ headers: { accept: 'application/pdf' } }))).status).toBe(200);
    expect((await call('GET', '/admin/orders/99999999/tags.pdf', asStaff())).status).toBe(404);
    const untagged = await takeIn(customerId);
    // As orders were stored before they had garments (the labels read the order item, not the pointer's copy).
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.order(customerId, untagged), UpdateExpression: 'REMOVE garments' }));
    expect((await call('GET', `/admin/orders/${untagged}/tags.pdf`, asStaff())).status).toBe(409);

    const pickedUp = await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'counter', posReceiptRef: 'Z-0001' } }));
    expect(pickedUp.status).toBe(200);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'counter' } }))).status).toBe(409);

    const other = await takeIn(customerId);
    expect((await call('POST', `/admin/orders/${other}/cancel`, asStaff({ body: {} }))).status).toBe(400);
    expect((await call('POST', `/admin/orders/${other}/return`, asStaff())).status).toBe(409);
    expect((await call('POST', `/admin/orders/${other}/cancel`, asStaff({ body: { reason: 'customer_changed_mind' } }))).status).toBe(200);
    const cancelledTwice = await call('POST', `/admin/orders/${other}/cancel`, asStaff({ body: { reason: 'other' } }));
    expect(cancelledTwice.status).toBe(409);
    expect(cancelledTwice.json).toMatchObject({ orderId: other, currentStatus: 'cancelled', allowedFrom: ['received', 'ready'] });
    expect((await call('GET', '/admin/counter/today?list=awaiting_return&limit=5', asStaff())).status).toBe(200);
    const returned = await call('POST', `/admin/orders/${other}/return`, asStaff({ headers: { 'if-match': '"2"' } }));
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ status: 'returned', cancelReason: 'customer_changed_mind' });
    expect((await call('POST', `/admin/orders/${other}/cancel`, asStaff({ body: { reason: 'other' } }))).status).toBe(409);
    for (const list of ['promised_today', 'late', 'ready', 'not_collected']) expect((await call('GET', `/admin/counter/today?list=${list}&limit=5`, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/counter/today?list=yesterday', asStaff())).status).toBe(400);
    expect(violationsSoFar()).toEqual([]);
  });

  it('changes an order before the work is done, and refuses a change without If-Match, with a tag in use, or once a garment is ready', async () => {
    const { customerId } = await register();
    const orderId = await takeIn(customerId);
    const taken = await call('GET', `/admin/orders/${orderId}`, asStaff());
    const [dress, shirts] = taken.json.garments as { tag: string }[];
    const body = { lines: [{ keep: 1 }, { replace: 2, with: { freeText: { service: 'Skjorte', unitPriceOre: 7_900, quantity: 4 } } }], garments: [{ tag: dress?.tag, line: 1 }, { tag: shirts?.tag, line: 2, pieces: 4 }] };
    expect((await call('PATCH', `/admin/orders/${orderId}`, asStaff({ body }))).status).toBe(428);
    expect((await call('PATCH', `/admin/orders/${orderId}`, asStaff({ body: { ...body, garments: [{ tag: dress?.tag, line: 1 }, { tag: dress?.tag, line: 2 }] }, headers: { 'if-match': '"1"' } }))).status).toBe(400);
    const other = await call('GET', `/admin/orders/${await takeIn(customerId)}`, asStaff());
    const inUse = await call('PATCH', `/admin/orders/${orderId}`, asStaff({ body: { garments: [{ tag: dress?.tag, line: 1 }, { tag: (other.json.garments as { tag: string }[])[0]?.tag, line: 2 }] }, headers: { 'if-match': '"1"' } }));
    expect(inUse.json).toMatchObject({ status: 409, errors: [{ pointer: '/garments/1/tag' }] });
    const changed = await call('PATCH', `/admin/orders/${orderId}`, asStaff({ body, headers: { 'if-match': '"1"' } }));
    expect(changed.status).toBe(200);
    expect(changed.json.changes).toEqual([expect.objectContaining({ what: [{ code: 'line_changed', line: 2 }, { code: 'garment_changed', tag: shirts?.tag }] })]);
    expect((await call('POST', `/admin/orders/${orderId}/garments/ready`, asStaff({ body: { tags: [dress?.tag] } }))).status).toBe(200);
    expect((await call('PATCH', `/admin/orders/${orderId}`, asStaff({ body: { promisedReadyAt: isoDay(5) }, headers: { 'if-match': '"3"' } }))).json).toMatchObject({ status: 409, tags: [dress?.tag] });
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('the price list', () => {
  it('adds, lists, changes and retires an item, refuses a retired one, and sets express: each answer as documented', async () => {
    const added = await call('POST', '/admin/price-list/items', asStaff({ body: { name: 'Skinnjakke', category: 'skinn_og_semsket', priceOre: 89_900, unit: 'per_garment', turnaroundWorkingDays: 10 } }));
    expect(added.status).toBe(201);
    const item = `/admin/price-list/items/${added.json.itemId}`;
    expect((await call('GET', item, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/price-list?status=active', asStaff())).status).toBe(200);
    const changed = await call('PATCH', item, asStaff({ body: { priceOre: 94_900 }, headers: { 'if-match': '"1"' } }));
    expect(changed.status).toBe(200);
    expect((await call('PATCH', item, asStaff({ body: { priceOre: 99_900 }, headers: { 'if-match': '"1"' } }))).status).toBe(412);
    expect((await call('PATCH', item, asStaff({ body: { priceOre: 99_900 } }))).status).toBe(428);
    expect((await call('POST', `${item}/retire`, asStaff({ headers: { 'if-match': '"2"' } }))).status).toBe(200);
    const retiredAgain = await call('POST', `${item}/retire`, asStaff({ headers: { 'if-match': '"3"' } }));
    expect(retiredAgain.status).toBe(409);
    const express = await call('GET', '/admin/price-list/express', asStaff());
    expect(express.status).toBe(200);
    const set = await call('PUT', '/admin/price-list/express', asStaff({ body: { offered: true, surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0 }, headers: { 'if-match': express.headers.etag as string } }));
    expect(set.status).toBe(200);
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('messages and garments not collected', () => {
  it('queues a message once, lists the records, and refuses one for garments collected', async () => {
    const { customerId } = await register();
    const orderId = await takeIn(customerId);
    expect((await call('POST', `/admin/orders/${orderId}/messages`, asStaff({ body: { purpose: 'question', note: 'Knapp mangler' } }))).status).toBe(202);
    expect((await call('POST', `/admin/orders/${orderId}/messages`, asStaff({ body: { purpose: 'question' } }))).status).toBe(200);
    expect((await call('GET', `/admin/orders/${orderId}/messages`, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/messages?state=pending', asStaff())).status).toBe(200);

    await call('POST', `/admin/orders/${orderId}/ready`, asStaff());
    await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'counter' } }));
    const refused = await call('POST', `/admin/orders/${orderId}/messages`, asStaff({ body: { purpose: 'question' } }));
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ orderId, currentStatus: 'picked_up' });
    expect(violationsSoFar()).toEqual([]);
  });

  it('records the statutory notice once due, refuses it before, and prints the in-shop notice', async () => {
    const readyAt = (iso: string) => async () => (await aReadyOrderThrough({ ...notices(), clock: () => new Date(iso) })).order.orderId;
    const old = await readyAt(new Date(Date.now() - 100 * DAY).toISOString())();
    const recent = await readyAt(new Date(Date.now() - 10 * DAY).toISOString())();
    expect((await call('GET', '/admin/orders?status=uncollected', asStaff())).status).toBe(200);
    expect((await call('POST', `/admin/orders/${old}/notices`, asStaff({ body: { method: 'in_shop_notice', givenOn: isoDay(0) } }))).status).toBe(201);
    const early = await call('POST', `/admin/orders/${recent}/notices`, asStaff({ body: { method: 'registered_letter', givenOn: isoDay(-1) } }));
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ orderId: recent, currentStatus: 'ready' });
    const page = await call('GET', '/admin/notices/uncollected', asStaff());
    expect(page.status).toBe(200);
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('invoices and the journal', () => {
  it('issues an invoice at pickup, shows it as JSON and PDF, credits it once, and exports the journal', async () => {
    const { orderId, customerId } = await aReadyOrder(call, api.staff);
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'invoice', buyerAddress: address, customerId } }));
    expect(picked.status).toBe(200);
    const invoice = (picked.json.payment as { documentNumber: number }).documentNumber;

    expect((await call('GET', `/admin/invoices/${invoice}`, asStaff())).status).toBe(200);
    const pdf = await call('GET', `/admin/invoices/${invoice}/pdf`, asStaff({ headers: { accept: 'application/pdf' } }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await call('GET', `/admin/orders/${orderId}/invoice.pdf`, asStaff({ headers: { accept: 'application/pdf' } }))).status).toBe(200);

    // A consumer's invoice has no EHF (no organisation number to address); a business buyer's has.
    expect((await call('GET', `/admin/invoices/${invoice}/ehf`, asStaff())).status).toBe(409);
    const business = await aBusinessInvoice(api.env, await aReadyOrder(call, api.staff), { organisationNumber: '974760673' });
    const ehf = await call('GET', `/admin/invoices/${business}/ehf`, asStaff({ headers: { accept: 'application/xml' } }));
    expect(ehf.status).toBe(200);
    expect(ehf.headers['content-type']).toBe('application/xml');

    const credit = await call('POST', `/admin/invoices/${invoice}/credit`, asStaff({ body: { reason: 'Feil pris' } }));
    expect(credit.status).toBe(201);
    const twice = await call('POST', `/admin/invoices/${invoice}/credit`, asStaff({ body: { reason: 'Igjen' } }));
    expect(twice.status).toBe(409);
    expect(twice.json.creditedBy).toBe(credit.json.documentNumber);
    const creditingACreditNote = await call('POST', `/admin/invoices/${credit.json.documentNumber}/credit`, asStaff({ body: { reason: 'Nei' } }));
    expect(creditingACreditNote.status).toBe(409);

    const journal = await call('GET', `/admin/exports/sales?from=${isoDay(-1)}&to=${isoDay(1)}`, asStaff());
    expect(journal.status).toBe(200);
    expect(journal.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(violationsSoFar()).toEqual([]);
  });

  it('issues a business\'s collective invoice once (nothing due, issued, already issued) and refuses a private customer and an account not on account', async () => {
    const hotel = await register({ name: 'Fjordhotellet Samle AS', business: aBusiness({ onAccount: true, reference: 'Resepsjonen' }) });
    const orderId = await takeIn(hotel.customerId);
    expect((await call('POST', `/admin/orders/${orderId}/ready`, asStaff())).status).toBe(200);
    expect((await call('POST', `/admin/customers/${hotel.customerId}/collective-invoice`, asStaff())).json.outcome).toBe('nothing_due');
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'account', customerId: hotel.customerId } }))).status).toBe(200);
    const period = isoDay(0).slice(0, 7);
    expect((await call('POST', `/admin/customers/${hotel.customerId}/collective-invoice`, asStaff({ body: { period } }))).status).toBe(201);
    expect((await call('POST', `/admin/customers/${hotel.customerId}/collective-invoice`, asStaff({ body: { period } }))).json.outcome).toBe('already_issued');
    expect((await call('POST', `/admin/customers/${(await register()).customerId}/collective-invoice`, asStaff())).status).toBe(400);
    expect((await call('POST', `/admin/customers/${(await register({ business: aBusiness({ onAccount: false }) })).customerId}/collective-invoice`, asStaff())).json).toMatchObject({ outcome: 'nothing_due' });
    expect(violationsSoFar()).toEqual([]);
  });

  it('lists what is owing as JSON and as CSV, today and on a past day', async () => {
    const { orderId, customerId } = await aReadyOrder(call, api.staff);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'invoice', buyerAddress: address, customerId } }))).status).toBe(200);
    const list = await call('GET', '/admin/receivables', asStaff());
    expect(list.status).toBe(200);
    expect((list.json.customers as unknown[]).length).toBeGreaterThan(0);
    expect((await call('GET', `/admin/receivables?asOf=${isoDay(-1)}`, asStaff())).status).toBe(200);
    const csv = await call('GET', '/admin/receivables', asStaff({ headers: { accept: 'text/csv' } }));
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect((await call('GET', `/admin/receivables?asOf=${isoDay(3)}`, asStaff())).status).toBe(400);
    expect(violationsSoFar()).toEqual([]);
  });

  it('records payments on an invoice (once, too much refused, an overpayment listed), refuses one on a credited invoice, and writes one off', async () => {
    const anInvoice = async () => {
      const { orderId, customerId } = await aReadyOrder(call, api.staff);
      return ((await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'invoice', buyerAddress: address, customerId } }))).json.payment as { documentNumber: number }).documentNumber;
    };
    const invoice = await anInvoice();
    const cash = { amountOre: 1_000, paymentDate: isoDay(0), method: 'cash', posReceiptRef: 'K-9' };
    expect((await call('POST', `/admin/invoices/${invoice}/payments`, asStaff({ body: cash }))).status).toBe(201);
    expect((await call('POST', `/admin/invoices/${invoice}/payments`, asStaff({ body: cash }))).status).toBe(200);
    expect((await call('POST', `/admin/invoices/${invoice}/payments`, asStaff({ body: { amountOre: 99_000_000, paymentDate: isoDay(0), method: 'bank' } }))).status).toBe(400);
    expect((await call('POST', `/admin/invoices/${invoice}/payments`, asStaff({ body: { amountOre: 99_000_000, paymentDate: isoDay(0), method: 'bank', overpayment: true } }))).status).toBe(201);
    expect((await call('GET', '/admin/payments/unmatched?limit=5', asStaff())).status).toBe(200);
    // The bank's OCR giro file (text/plain): imported (201), the same transmission again (200), and the imports listed.
    const ocrFile = formatOcrGiro({ transmissionNumber: '4000001', account: '12345678903', netsDate: '2026-01-06', payments: [{ kid: kidFor(99_999_993), amountOre: 5_000, paymentDate: '2026-01-05' }] });
    expect((await call('POST', '/admin/payments/ocr', asStaff({ rawBody: ocrFile, headers: { 'content-type': 'text/plain' } }))).status).toBe(201);
    expect((await call('POST', '/admin/payments/ocr', asStaff({ rawBody: ocrFile, headers: { 'content-type': 'text/plain' } }))).status).toBe(200);
    expect((await call('GET', '/admin/payments/imports?limit=5', asStaff())).status).toBe(200);
    const writtenOff = await call('POST', `/admin/invoices/${await anInvoice()}/write-off`, asStaff({ body: { reason: 'small_amount' } }));
    expect(writtenOff.status).toBe(200);
    const paidWriteOff = await call('POST', `/admin/invoices/${invoice}/write-off`, asStaff({ body: { reason: 'small_amount' } }));
    expect(paidWriteOff.json).toMatchObject({ status: 409, receivableStatus: 'paid' });
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('payment reminders', () => {
  it('refuses one before the due date, sends one for the post once it has passed, prints it, lists it and marks it posted', async () => {
    const { orderId, customerId } = await aReadyOrder(call, api.staff);
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, asStaff({ body: { payment: 'invoice', buyerAddress: address, customerId } }));
    const invoice = (picked.json.payment as { documentNumber: number }).documentNumber;
    const early = await call('POST', `/admin/invoices/${invoice}/reminders`, asStaff());
    expect(early.status).toBe(409);
    // Given: the invoice fell due ten days ago (the due date and the open index's key moved back).
    const dueDate = isoDay(-10);
    await api.env.doc.send(
      new UpdateCommand({ TableName: api.env.tableName, Key: keys.receivable(invoice), UpdateExpression: 'SET dueDate = :due, gsi3sk = :sk', ExpressionAttributeValues: { ':due': dueDate, ':sk': `${dueDate}#${String(invoice).padStart(10, '0')}` } }),
    );
    expect((await call('POST', `/admin/invoices/${invoice}/reminders`, asStaff())).status).toBe(201);
    expect((await call('GET', `/admin/invoices/${invoice}/reminders`, asStaff())).status).toBe(200);
    expect((await call('GET', '/admin/reminders/to-print', asStaff())).status).toBe(200);
    expect((await call('GET', `/admin/invoices/${invoice}/reminders/1/pdf`, asStaff({ headers: { accept: 'application/pdf' } }))).status).toBe(200);
    // A next one while the letter waits to be posted: refused, naming it
    expect((await call('POST', `/admin/invoices/${invoice}/reminders`, asStaff())).json).toMatchObject({ status: 409, awaitingPost: 1 });
    expect((await call('POST', `/admin/invoices/${invoice}/reminders/1/printed`, asStaff())).status).toBe(200);
    expect((await call('POST', `/admin/invoices/${invoice}/reminders/1/printed`, asStaff())).status).toBe(409);
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('customers signed in', () => {

  it('sign in with a code, see and correct themselves, and follow an access request to its export', async () => {
    const kari = await register();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: wrong } })).status).toBe(401);
    const exchanged = await call('POST', '/auth/token', { body: { phone: kari.phone, code } });
    expect(exchanged.status).toBe(200);
    const token = exchanged.json.accessToken as string;

    expect((await call('GET', '/me', { token })).status).toBe(200);
    expect((await call('PATCH', '/me', { token, body: { language: 'en' } })).status).toBe(200);
    expect((await call('GET', '/me/orders?limit=5', { token })).status).toBe(200);
    expect((await call('GET', '/admin/orders?status=ready', { token })).status).toBe(403);

    const opened = await call('POST', '/me/requests', { token, body: { type: 'access' } });
    expect(opened.status).toBe(202);
    const requestId = opened.json.requestId as string;
    expect((await call('GET', `/me/requests/${requestId}`, { token })).status).toBe(200);
    expect((await call('GET', `/me/requests/${requestId}/export`, { token })).status).toBe(409);

    // The workflow, started here (this file runs no request starter): the synthesized definition, run locally.
    const workflow = await createLocalStepFunctions({ loadHandler: sourceLoader });
    await workflow.startExecution(requestId, { requestId }).done;
    expect((await call('GET', `/me/requests/${requestId}/export`, { token })).status).toBe(200);
    expect(violationsSoFar()).toEqual([]);
  }, 120_000); // 9 s alone here; with the suite's other worker and another job beside it, past 30 s: two padded sign-in calls, a wrong code, and an access request's workflow run

  it('have their requests opened at the counter, queued, and extended once', async () => {
    const { customerId } = await register();
    const opened = await call('POST', `/admin/customers/${customerId}/requests`, asStaff({ body: { type: 'access', verifiedBy: 'in_person' } }));
    expect(opened.status).toBe(202);
    expect((await call('GET', '/admin/requests?status=received', asStaff())).status).toBe(200);
    const extend = (reason: 'many_requests' | 'complex_request') => call('POST', `/admin/requests/${opened.json.requestId}/extend`, asStaff({ body: { months: 1, reason } }));
    expect((await extend('many_requests')).status).toBe(200);
    expect((await extend('complex_request')).status).toBe(409);
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('public routes', () => {
  it('answer health, this document and the privacy statement in JSON and HTML', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/privacy')).status).toBe(200);
    const page = await call('GET', '/privacy', { headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(violationsSoFar()).toEqual([]);
  });
});

describe('requests the API refuses', () => {
  it('answers each with a problem the document declares for the route', async () => {
    const { customerId } = await register();
    const answers = {
      badBody: await call('POST', '/admin/customers', asStaff({ body: aCustomer({ phone: '12' }) })),
      badQuery: await call('GET', '/admin/orders?status=received&limit=0', asStaff()),
      badHeader: await call('PATCH', `/admin/customers/${customerId}`, asStaff({ body: { language: 'en' }, headers: { 'if-match': 'yesterday' } })),
      notJson: await call('POST', '/admin/orders', asStaff({ rawBody: '{"customerId":', headers: { 'content-type': 'application/json' } })),
      noSuchOrder: await call('GET', '/admin/orders/99999999', asStaff()),
      idThatCannotExist: await call('GET', '/admin/customers/not-a-uuid', asStaff()),
      noSuchCustomer: await call('POST', '/admin/orders', asStaff({ body: anOrder('0f8fad5b-d9cb-469f-a165-70867728950e') })),
      tooLarge: await call('POST', '/admin/customers', asStaff({ rawBody: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), phone: '91234567' }), headers: { 'content-type': 'application/json' } })),
      notJsonMediaType: await call('POST', '/admin/customers', asStaff({ rawBody: JSON.stringify(aCustomer()), headers: { 'content-type': 'text/plain' } })),
      noToken: await call('GET', '/admin/orders?status=received'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, answer.status]))).toEqual({
      badBody: 400,
      badQuery: 400,
      badHeader: 400,
      notJson: 400,
      noSuchOrder: 404,
      idThatCannotExist: 404,
      noSuchCustomer: 404,
      tooLarge: 413,
      notJsonMediaType: 415,
      noToken: 401,
    });
    expect(answers.badBody.json.errors).toEqual([expect.objectContaining({ pointer: '/phone' })]);
    expect(answers.badQuery.json.errors).toEqual([expect.objectContaining({ parameter: 'limit' })]);
    expect(answers.badHeader.json.errors).toEqual([expect.objectContaining({ header: 'if-match' })]);
    expect(violationsSoFar()).toEqual([]);
  });

  it('declares what API Gateway and a busy table answer on every route they can', () => {
    const problem = { 'content-type': 'application/problem+json' };
    const answers: Exchange[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        const url = path.replace(/\{customerId\}|\{requestId\}/g, '0f8fad5b-d9cb-469f-a165-70867728950e').replace(/\{\w+\}/g, '1001');
        const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
          answers.push({ method: method.toUpperCase(), url, status, headers: { ...problem, ...headers }, text: body, bytes: Buffer.from(body) });
        answer(429, gatewayProblemBody('THROTTLED'));
        answer(413, gatewayProblemBody('REQUEST_TOO_LARGE'));
        answer(500, gatewayProblemBody('DEFAULT_5XX'));
        answer(500, problemResponse(problems.internal(), 'urn:request:1').body);
        if (path.includes('{')) answer(400, gatewayProblemBody('DEFAULT_4XX')); // a path parameter API Gateway cannot decode
        if (item[method]?.responses['401']) answer(401, gatewayProblemBody('UNAUTHORIZED'), { 'www-authenticate': 'Bearer' });
        if (item[method]?.responses['403']) answer(403, gatewayProblemBody('ACCESS_DENIED'));
        if (item[method]?.responses['503']) answer(503, problemResponse(problems.unavailable(), 'urn:request:1').body, { 'retry-after': '1' });
      }
    }
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.flatMap((a) => checker.violations(a))).toEqual([]);
  });
});

describe('the contract check', () => {
  const answer = (method: string, url: string, status: number, body: unknown, contentType = 'application/json'): Exchange => {
    const text = JSON.stringify(body);
    return { method, url, status, headers: { 'content-type': contentType }, text, bytes: Buffer.from(text) };
  };
  const conflict = { type: 'urn:renseri:problem:conflict', title: 'Conflict with the current state', status: 409 };

  it('fails an undocumented status, content type or member', () => {
    expect(checker.violations(answer('GET', '/health', 418, { status: 'ok' }))).toEqual([expect.stringMatching(/status not documented/)]);
    expect(checker.violations(answer('GET', '/health', 200, { status: 'ok' }, 'text/plain'))).toEqual([expect.stringMatching(/content type/)]);
    expect(checker.violations(answer('GET', '/health', 200, { status: 'ok', uptime: 3 }))).toEqual([expect.stringMatching(/additionalProperty/)]);
    const registered = answer('POST', '/admin/customers', 409, { ...conflict, existingCustomerId: '0f8fad5b-d9cb-469f-a165-70867728950e', name: 'Kari' }, 'application/problem+json');
    expect(checker.violations(registered)).toEqual([expect.stringMatching(/additionalProperty.*name/)]);
    const withoutItsMember = answer('POST', '/admin/orders/1001/ready', 409, conflict, 'application/problem+json');
    expect(checker.violations(withoutItsMember)).toEqual([expect.stringMatching(/orderId/)]);
    expect(checker.violations(answer('GET', '/nowhere', 200, {}))).toEqual([expect.stringMatching(/no such operation/)]);
  });

  it('saw every operation of the document answer with success in the flows above', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const succeeded = new Set(exchanges.filter((e) => e.status < 300).map((e) => `${e.method} ${checker.templateOf(e.method, e.url)}`));
    expect(operations.filter((operation) => !succeeded.has(operation))).toEqual([]);
  });
});

describe('the document', () => {
  it("has no problems under Redocly's recommended rules, with descriptions, defined tags and problem details required too", () => {
    const problemsFound = redoclyLint(document, {
      'operation-description': 'error',
      'operation-tag-defined': 'error',
      'tag-description': 'error',
      'operation-4xx-problem-details-rfc7807': 'error',
    });
    expect(problemsFound).toEqual([]);
  });
});
