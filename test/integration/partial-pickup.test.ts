import { aRegisteredCustomer, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { rights } from '#shared/composition';

/**
 * Partial pickup on DynamoDB Local: a pickup hands out the garments it names, by tag, and is one
 * sale of what it hands out (at the counter with the register's receipt, or on invoice); the order
 * is collected when nothing is left, and its sales sum to its total. Bad input writes nothing.
 */
const api = apiHarness();
// Each test walks an order through several requests on a shared DynamoDB Local: room for a busy machine.
jest.setTimeout(120_000);
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const today = () => new Date().toISOString().slice(0, 10);

type Pickup = { n: number; tags: string[]; lines: { line: number; amountOre: number }[]; totals: { grossOre: number; vatOre: number; netOre: number }; payment: { method: string; posReceiptRef?: string; documentNumber?: number } };
type OrderJson = { orderId: string; status: string; version: number; totals: { grossOre: number }; garments: { tag: string; state: string }[]; pickups?: Pickup[]; payment?: Pickup['payment'] };

/** Three shirts under two tags and a duvet, typed at the counter, with 10 % off for a regular customer. */
async function shirtsAndDuvet() {
  const customer = await aRegisteredCustomer(call, api.staff);
  const tags = { shirts: uniqueTag(), shirt: uniqueTag(), duvet: uniqueTag() };
  const created = await call('POST', '/admin/orders', {
    token: api.staff,
    body: {
      customerId: customer.customerId,
      lines: [
        { freeText: { service: 'Skjorte, Kari sin blå', unitPriceOre: 7_900, quantity: 3 } },
        { freeText: { service: 'Dyne', unitPriceOre: 39_900, quantity: 1 } },
        { discount: { reason: 'stamkunde', percent: 10 } },
      ],
      garments: [
        { tag: tags.shirts, line: 1, pieces: 2 },
        { tag: tags.shirt, line: 1 },
        { tag: tags.duvet, line: 2 },
      ],
    },
  });
  expect(created.status).toBe(201);
  return { customerId: customer.customerId, orderId: created.json.orderId as string, tags };
}

const ready = async (orderId: string, tags: string[]) => {
  const response = await call('POST', `/admin/orders/${orderId}/garments/ready`, { token: api.staff, body: { tags, location: 'Stativ 1' } });
  expect(response.status).toBe(200);
  return response.json as OrderJson;
};
const pickup = (orderId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body, headers });
const order = async (orderId: string) => (await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json as OrderJson;

/** What a pickup may change, as stored: the order, its tag claims, its sales, the document series. */
async function storedFor(orderId: string) {
  const items = await api.env.allItems();
  return {
    order: items.find((i) => i.entity === 'order' && i.orderId === orderId),
    ref: items.find((i) => i.entity === 'orderRef' && i.orderId === orderId),
    tagClaims: items.filter((i) => i.entity === 'tagClaim' && i.orderId === orderId).map((i) => i.tag).sort(),
    sales: items.filter((i) => i.entity === 'counterSale' && i.orderId === orderId),
    documents: items.filter((i) => i.entity === 'salesDocument').length,
    series: items.find((i) => i.entity === 'counter' && i.pk === 'COUNTER#document'),
  };
}

describe('a pickup of some of the garments', () => {
  it('hands out the shirts at the counter while the duvet dries, then the duvet on invoice: two sales that sum to the order', async () => {
    const { orderId, customerId, tags } = await shirtsAndDuvet();
    await ready(orderId, [tags.shirts, tags.shirt]);

    // The shirts go at the counter: the order stays received (the duvet is in work), their tags are free.
    const first = await pickup(orderId, { payment: 'counter', posReceiptRef: 'K-11', tags: [tags.shirts, tags.shirt.toLowerCase()] });
    expect(first.status).toBe(200);
    const afterShirts = first.json as OrderJson;
    expect(afterShirts).toMatchObject({ status: 'received', payment: { method: 'counter', posReceiptRef: 'K-11' } });
    expect(afterShirts.garments.map((g) => g.state)).toEqual(['handed_out', 'handed_out', 'in_work']);
    expect(afterShirts).toEqual(await order(orderId));
    expect((await call('GET', `/admin/tags/${tags.shirts}`, { token: api.staff })).status).toBe(404);
    expect((await call('GET', `/admin/tags/${tags.duvet}`, { token: api.staff })).status).toBe(200);

    // The duvet is ready (the order with it), and goes on invoice: the order is collected.
    expect((await ready(orderId, [tags.duvet])).status).toBe('ready');
    const second = await pickup(orderId, { payment: 'invoice', buyerAddress: address, customerId, tags: [tags.duvet] });
    expect(second.status).toBe(200);
    const collected = second.json as OrderJson;
    expect(collected.status).toBe('picked_up');
    expect(collected).toEqual(await order(orderId));
    const [shirts, duvet] = collected.pickups as [Pickup, Pickup];
    expect([shirts.n, shirts.tags, shirts.payment]).toEqual([1, [tags.shirts, tags.shirt], { method: 'counter', posReceiptRef: 'K-11' }]);
    expect(duvet.payment).toEqual({ method: 'invoice', documentNumber: collected.payment?.documentNumber });
    // Shirts 23 700 and duvet 39 900, less 10 % each: 21 330 and 35 910, summing to the order's 57 240.
    expect([shirts.totals.grossOre, duvet.totals.grossOre]).toEqual([21_330, 35_910]);
    expect(shirts.totals.grossOre + duvet.totals.grossOre).toBe(collected.totals.grossOre);

    // The invoice is for the duvet's pickup only; a reprint by ticket gives it.
    const invoice = (await call('GET', `/admin/invoices/${duvet.payment.documentNumber}`, { token: api.staff })).json as { totals: Pickup['totals']; lines: { description: string; lineTotalOre: number }[] };
    expect(invoice.totals).toEqual(duvet.totals);
    expect(invoice.lines.map((l) => [l.description, l.lineTotalOre])).toEqual([['Dyne', 39_900], ['Stamkunderabatt (andel)', -3_990]]);
    expect((await call('GET', `/admin/orders/${orderId}/invoice.pdf`, { token: api.staff })).status).toBe(200);

    // The journal lists both sales, once each, with the register's receipt and the invoice's number.
    const csv = await call('GET', `/admin/exports/sales?from=${today()}&to=${today()}`, { token: api.staff });
    const rows = csv.text.split('\r\n').map((line) => line.split(';')).filter((r) => r[3] === orderId);
    expect(rows.map((r) => [r[0], r[1], r[8], r[10]])).toEqual(
      expect.arrayContaining([
        ['Kassesalg', '', '213,30', 'kvittering K-11'],
        ['Faktura', String(duvet.payment.documentNumber), '359,10', expect.stringMatching(/^KID /)],
      ]),
    );
    expect(rows).toHaveLength(2);

    // The counter sale kept for the books names the typed line neutrally and no customer.
    const { sales } = await storedFor(orderId);
    expect(sales).toEqual([expect.objectContaining({ n: 1, posReceiptRef: 'K-11', retainUntil: `${Number(today().slice(0, 4)) + 5}-12-31`, totals: shirts.totals })]);
    expect(sales[0]?.lines).toEqual([
      { name: 'Annet arbeid', quantity: 3, amountOre: 23_700 },
      { name: 'Stamkunderabatt', quantity: 1, amountOre: -2_370 },
    ]);
    expect(JSON.stringify(sales)).not.toContain(customerId);
    expect(JSON.stringify(sales)).not.toContain('Kari');
  });

  it('reaches every invoice of an order invoiced in two pickups, for the access export and for erasure', async () => {
    const { orderId, customerId, tags } = await shirtsAndDuvet();
    await ready(orderId, [tags.shirts, tags.shirt, tags.duvet]);
    const invoiced = (chosen: string[]) => pickup(orderId, { payment: 'invoice', buyerAddress: address, customerId, tags: chosen });
    const first = (await invoiced([tags.shirts, tags.shirt])).json as OrderJson;
    const second = (await invoiced([tags.duvet])).json as OrderJson;
    const numbers = [first.payment?.documentNumber, second.payment?.documentNumber];
    expect(numbers.every((n) => typeof n === 'number')).toBe(true);
    // The order's payment names only the latest invoice; the customer's data is every one of them.
    const data = await rights().customerData.readAll(customerId);
    expect(data?.documents.map((d) => d.documentNumber)).toEqual(numbers);
  });

  it('refuses a garment not in this order, not ready yet, already handed out or named twice, naming it and writing nothing', async () => {
    const { orderId, customerId, tags } = await shirtsAndDuvet();
    await ready(orderId, [tags.shirts, tags.shirt]);
    expect((await pickup(orderId, { payment: 'counter', tags: [tags.shirt] })).status).toBe(200);
    const before = await storedFor(orderId);

    const cases: [string[], string, string][] = [
      [['NOPE1'], '/tags/0', `Order ${orderId} has no garment with tag NOPE1`],
      [[tags.duvet], '/tags/0', `The garment with tag ${tags.duvet} is not ready yet`],
      [[tags.shirts, tags.shirt], '/tags/1', `The garment with tag ${tags.shirt} is already handed out`],
      [[tags.shirts, tags.shirts.toLowerCase()], '/tags/1', `Tag ${tags.shirts} is named twice`],
    ];
    for (const [chosen, pointer, detail] of cases) {
      for (const body of [{ payment: 'counter', tags: chosen }, { payment: 'invoice', buyerAddress: address, customerId, tags: chosen }]) {
        const refused = await pickup(orderId, body);
        expect(refused.json).toMatchObject({ status: 400, errors: [{ pointer, detail }] });
      }
    }
    // Without tags every garment in the shop would go, and the duvet is not ready: 409.
    expect((await pickup(orderId, { payment: 'counter' })).status).toBe(409);
    expect(await storedFor(orderId)).toEqual(before);
  });

  it('hands a garment out once when two clerks hand it out at the same moment', async () => {
    const { orderId, tags } = await shirtsAndDuvet();
    const { version } = await ready(orderId, [tags.shirts, tags.shirt]);
    // At the version both read: one wins, the other is told the order changed.
    const raced = await Promise.all([1, 2].map((n) => pickup(orderId, { payment: 'counter', posReceiptRef: `K-${n}`, tags: [tags.shirts] }, { 'if-match': `"${version}"` })));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 412]);
    // Without If-Match the loser is judged on the order as it now is: the garment has gone.
    const again = await Promise.all([3, 4].map((n) => pickup(orderId, { payment: 'counter', posReceiptRef: `K-${n}`, tags: [tags.shirt] })));
    expect(again.map((r) => r.status).sort()).toEqual([200, 400]);
    const stored = await storedFor(orderId);
    expect(stored.sales.map((s) => s.n)).toEqual([1, 2]);
    expect((await order(orderId)).pickups?.map((p) => p.tags)).toEqual([[tags.shirts], [tags.shirt]]);
    expect(stored.tagClaims).toEqual([tags.duvet]);
  });
});
