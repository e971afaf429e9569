import { DynamoCustomerRepository } from '#shared/adapters/dynamodb/customer-repository';
import type { BusinessAccount } from '#shared/domain/customers/customers';
import { aRegisteredCustomer, anOrderTakenIn, uniqueOrganisationNumber } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { pdfText } from '../helpers/pdf';

/**
 * Issue #17, invoicing a business: the order's reference ("Deres ref.") taken in and changed like
 * any other field of the order, and an invoice to a business naming it by its legal name,
 * organisation number, the invoice address on its account and the reference, on DynamoDB Local
 * through the staff API. The business account is written through the repository: its own routes
 * belong to the business-accounts work.
 */
const api = apiHarness();
const { call } = api;
const invoiceAddress = { street: 'Strandgata 1', postalCode: '2815', city: 'Gjøvik' };

type Json = Record<string, unknown>;
type Buyer = { name: string; address: typeof invoiceAddress; organisationNumber?: string; reference?: string };

/** A customer registered at the counter, made a business on its stored record. */
async function aBusiness(business: Partial<BusinessAccount> = {}) {
  const registered = await aRegisteredCustomer(call, api.staff, { name: 'Hotell Mjøsa AS' });
  const customers = new DynamoCustomerRepository(api.env.doc, api.env.tableName);
  const before = await customers.get(registered.customerId);
  if (!before) throw new Error('The customer just registered is not stored');
  const account: BusinessAccount = { organisationNumber: uniqueOrganisationNumber(), invoiceAddress, reference: 'Resepsjonen', onAccount: false, ehf: false, ...business };
  await customers.replace(before, { ...before, business: account, version: before.version + 1 });
  return registered.customerId;
}

async function readyOrderOf(customerId: string, order: Json = {}) {
  const { orderId } = await anOrderTakenIn(call, api.staff, customerId, order);
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
  return orderId;
}

async function invoiceOf(orderId: string, customerId: string, body: Json = {}) {
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', customerId, ...body } });
  expect(picked.status).toBe(200);
  const number = (picked.json.payment as { documentNumber: number }).documentNumber;
  return (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json as { documentNumber: number; buyer: Buyer };
}

const documentCount = async () => (await api.env.allItems()).filter((i) => i.entity === 'salesDocument').length;

describe('an invoice to a business', () => {
  it('needs no address at pickup: it names the legal name, organisation number, the account\'s invoice address and its fixed reference', async () => {
    const organisationNumber = uniqueOrganisationNumber();
    const customerId = await aBusiness({ organisationNumber });
    const invoice = await invoiceOf(await readyOrderOf(customerId), customerId);
    expect(invoice.buyer).toEqual({ name: 'Hotell Mjøsa AS', address: invoiceAddress, organisationNumber, reference: 'Resepsjonen' });
    const pdf = await call('GET', `/admin/invoices/${invoice.documentNumber}/pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    expect(text).toContain(`Org.nr. ${organisationNumber.slice(0, 3)} ${organisationNumber.slice(3, 6)} ${organisationNumber.slice(6)}`);
    expect(text).toContain('Deres ref.: Resepsjonen');
    expect(text).toContain('Strandgata 1');
  });

  it('prints the order\'s own reference, given at intake, before the account\'s', async () => {
    const customerId = await aBusiness();
    const orderId = await readyOrderOf(customerId, { reference: 'Kjøkkenet, Per Hansen' });
    expect((await invoiceOf(orderId, customerId)).buyer.reference).toBe('Kjøkkenet, Per Hansen');
  });

  it('prints the reference as changed after intake, and the account\'s again once the order\'s is removed', async () => {
    const customerId = await aBusiness();
    const taken = await anOrderTakenIn(call, api.staff, customerId, { reference: 'Feil avdeling' });
    const changed = await call('PATCH', `/admin/orders/${taken.orderId}`, { token: api.staff, body: { reference: 'Vaskeriet' }, headers: { 'if-match': `"${taken.version}"` } });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ reference: 'Vaskeriet', changes: [{ what: [{ code: 'reference_changed' }] }] });
    const removed = await call('PATCH', `/admin/orders/${taken.orderId}`, { token: api.staff, body: { reference: null }, headers: { 'if-match': `"${changed.json.version as number}"` } });
    expect(removed.status).toBe(200);
    expect(removed.json.reference).toBeUndefined();
    expect((await call('POST', `/admin/orders/${taken.orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await invoiceOf(taken.orderId, customerId)).buyer.reference).toBe('Resepsjonen');
  });

  it('refuses a reference with format characters at intake, and one too long on a change, naming the field and changing nothing', async () => {
    const customerId = await aBusiness();
    const refused = await call('POST', '/admin/orders', { token: api.staff, body: { customerId, items: [{ service: 'Duk', quantity: 1, unitPriceOre: 5_000 }], garments: [{ tag: 'D1', line: 1 }], reference: 'Kjøk\u202Ekenet' } });
    expect(refused.json).toMatchObject({ status: 400, errors: [{ pointer: '/reference' }] });
    const taken = await anOrderTakenIn(call, api.staff, customerId, { reference: 'Kjøkkenet' });
    const change = await call('PATCH', `/admin/orders/${taken.orderId}`, { token: api.staff, body: { reference: 'A'.repeat(61) }, headers: { 'if-match': `"${taken.version}"` } });
    expect(change.json).toMatchObject({ status: 400, errors: [{ pointer: '/reference' }] });
    expect((await call('GET', `/admin/orders/${taken.orderId}`, { token: api.staff })).json).toMatchObject({ reference: 'Kjøkkenet', version: taken.version });
  });

  it('takes the address given at the counter when there is one', async () => {
    const organisationNumber = uniqueOrganisationNumber();
    const customerId = await aBusiness({ reference: undefined, organisationNumber });
    const counterAddress = { street: 'Hovedgården 3', postalCode: '2816', city: 'Gjøvik' };
    const invoice = await invoiceOf(await readyOrderOf(customerId), customerId, { buyerAddress: counterAddress });
    expect(invoice.buyer).toEqual({ name: 'Hotell Mjøsa AS', address: counterAddress, organisationNumber });
  });
});

describe('an invoice to a private customer', () => {
  it('still needs the address at pickup: 400 naming it, no number used, the order still ready', async () => {
    const { customerId } = await aRegisteredCustomer(call, api.staff);
    const orderId = await readyOrderOf(customerId, { reference: 'Bryllupet' });
    const before = await documentCount();
    const refused = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', customerId } });
    expect(refused.json).toMatchObject({ status: 400, errors: [{ pointer: '/buyerAddress' }] });
    expect(await documentCount()).toBe(before);
    expect((await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json).toMatchObject({ status: 'ready' });
    const invoice = await invoiceOf(orderId, customerId, { buyerAddress: invoiceAddress });
    expect(invoice.buyer).toEqual({ name: 'Kari Nordmann', address: invoiceAddress, reference: 'Bryllupet' });
  });
});
