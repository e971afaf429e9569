import { DynamoCustomerRepository } from '#shared/adapters/dynamodb/customer-repository';
import type { BusinessAccount } from '#shared/domain/customers/customers';
import { aRegisteredCustomer, anOrderTakenIn, uniqueOrganisationNumber, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Issue #17, point 2 (first slice): a business on account picks up without paying, and each
 * pickup's sale is kept under the business for the collective invoice, written in the pickup's
 * own transaction, on DynamoDB Local through the staff API. Not a counter sale, not a document.
 */
const api = apiHarness();
const { call } = api;
const invoiceAddress = { street: 'Strandgata 1', postalCode: '2815', city: 'Gjøvik' };

type Json = Record<string, unknown>;
type AccountItem = { customerId: string; orderId: string; n: number; date: string; reference?: string; lines: { line: number; name: string; amountOre: number }[]; totals: { grossOre: number; netOre: number; vatOre: number } };

async function aBusiness(business: Partial<BusinessAccount> = {}) {
  const registered = await aRegisteredCustomer(call, api.staff, { name: 'Hotell Mjøsa AS' });
  const customers = new DynamoCustomerRepository(api.env.doc, api.env.tableName);
  const before = await customers.get(registered.customerId);
  if (!before) throw new Error('The customer just registered is not stored');
  const account: BusinessAccount = { organisationNumber: uniqueOrganisationNumber(), invoiceAddress, reference: 'Resepsjonen', onAccount: true, ehf: false, ...business };
  await customers.replace(before, { ...before, business: account, version: before.version + 1 });
  return registered.customerId;
}

async function readyOrderOf(customerId: string, order: Json = {}) {
  const { orderId } = await anOrderTakenIn(call, api.staff, customerId, order);
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
  return orderId;
}

const accountItemsOf = async (customerId: string) =>
  (await api.env.allItems()).filter((i) => i.entity === 'accountItem' && i.customerId === customerId) as unknown as AccountItem[];
const salesOf = async (orderId: string) => (await api.env.allItems()).filter((i) => (i.entity === 'counterSale' || i.entity === 'salesDocument') && (i.orderId === orderId));

describe('a pickup on account', () => {
  it('hands the garments out and keeps each pickup\'s sale under the business, a partial pickup as its own item', async () => {
    const customerId = await aBusiness();
    const whole = await readyOrderOf(customerId, { reference: 'Kjøkkenet' });
    const other = await readyOrderOf(customerId);
    const tags = { shirt: uniqueTag(), duvet: uniqueTag() };
    const created = await call('POST', '/admin/orders', {
      token: api.staff,
      body: {
        customerId,
        lines: [{ freeText: { service: 'Skjorte', unitPriceOre: 7_900, quantity: 1 } }, { freeText: { service: 'Dyne', unitPriceOre: 39_900, quantity: 1 } }],
        garments: [{ tag: tags.shirt, line: 1 }, { tag: tags.duvet, line: 2 }],
      },
    });
    expect(created.status).toBe(201);
    const partial = created.json.orderId as string;
    expect((await call('POST', `/admin/orders/${partial}/garments/ready`, { token: api.staff, body: { tags: [tags.shirt], location: 'Stativ 1' } })).status).toBe(200);

    for (const orderId of [whole, other]) {
      const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId } });
      expect(picked.status).toBe(200);
      expect(picked.json).toMatchObject({ status: 'picked_up', payment: { method: 'account' } });
    }
    const shirt = await call('POST', `/admin/orders/${partial}/pickup`, { token: api.staff, body: { payment: 'account', customerId, tags: [tags.shirt] } });
    expect(shirt.status).toBe(200);
    expect(shirt.json.status).toBe('received');

    const items = await accountItemsOf(customerId);
    expect(items.map((i) => [i.orderId, i.n]).sort()).toEqual([[whole, 1], [other, 1], [partial, 1]].sort());
    const byOrder = new Map(items.map((i) => [i.orderId, i]));
    expect(byOrder.get(whole)?.reference).toBe('Kjøkkenet');
    expect(byOrder.get(other)?.reference).toBe('Resepsjonen');
    // The shirt only: the duvet is still in work and is not on the account yet.
    expect(byOrder.get(partial)).toMatchObject({ lines: [{ line: 1, amountOre: 7_900 }], totals: { grossOre: 7_900, vatOre: 1_580, netOre: 6_320 } });
    // Neither a counter sale nor an invoice: the collective invoice makes it a sale.
    for (const orderId of [whole, other, partial]) expect(await salesOf(orderId)).toEqual([]);
  });

  it('refuses a private customer (400) and an account not on account (409), changing nothing', async () => {
    const privateCustomer = (await aRegisteredCustomer(call, api.staff)).customerId;
    const privateOrder = await readyOrderOf(privateCustomer);
    const refused = await call('POST', `/admin/orders/${privateOrder}/pickup`, { token: api.staff, body: { payment: 'account', customerId: privateCustomer } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([expect.objectContaining({ pointer: '/payment' })]);

    const offAccount = await aBusiness({ onAccount: false });
    const businessOrder = await readyOrderOf(offAccount);
    const conflict = await call('POST', `/admin/orders/${businessOrder}/pickup`, { token: api.staff, body: { payment: 'account', customerId: offAccount } });
    expect(conflict.status).toBe(409);
    expect(conflict.json.errors).toEqual([expect.objectContaining({ pointer: '/payment' })]);

    for (const orderId of [privateOrder, businessOrder]) expect((await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json.status).toBe('ready');
    expect([...(await accountItemsOf(privateCustomer)), ...(await accountItemsOf(offAccount))]).toEqual([]);
  });

  it('refuses the buyer named for another customer\'s order and an address, which is the account\'s', async () => {
    const customerId = await aBusiness();
    const someoneElse = (await aRegisteredCustomer(call, api.staff)).customerId;
    const orderId = await readyOrderOf(someoneElse);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId } })).status).toBe(400);
    const withAddress = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId, buyerAddress: invoiceAddress } });
    expect(withAddress.status).toBe(400);
    expect(withAddress.json.errors).toEqual([expect.objectContaining({ pointer: '/buyerAddress' })]);
    expect(await accountItemsOf(customerId)).toEqual([]);
  });
});
