import { shopDate } from '#shared/domain/kernel/calendar';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/** Receivables over the API on DynamoDB Local: the balance with the invoice, payments, write-offs. */
const api = apiHarness();
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
// The shop's day, as the use case judges "not in the future".
const today = () => shopDate(new Date(), 'Europe/Oslo');

async function anInvoice(): Promise<{ number: number; grossOre: number }> {
  const { orderId, customerId } = await aReadyOrder(call, api.staff, {});
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  const number = (picked.json.payment as { documentNumber: number }).documentNumber;
  const invoice = (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json as { totals: { grossOre: number } };
  return { number, grossOre: invoice.totals.grossOre };
}
const pay = (number: number, body: Record<string, unknown>) => call('POST', `/admin/invoices/${number}/payments`, { token: api.staff, body });
const receivableOf = async (number: number) => (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json.receivable as Record<string, unknown>;
const paymentsOf = async (number: number) => (await api.env.allItems()).filter((i) => i.entity === 'payment' && i.documentNumber === number);

describe('payments', () => {
  it('records a cash payment once however often it is sent, then the rest by bank: partly paid, then paid', async () => {
    const { number, grossOre } = await anInvoice();
    const cash = { amountOre: 10_000, paymentDate: today(), method: 'cash', posReceiptRef: 'K-501' };
    const first = await pay(number, cash);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ payment: { amountOre: 10_000, method: 'cash', posReceiptRef: 'K-501' }, receivable: { status: 'partly_paid', balanceOre: grossOre - 10_000, paidOre: 10_000 } });
    const clicks = await Promise.all([pay(number, cash), pay(number, cash)]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    expect(await paymentsOf(number)).toHaveLength(1);
    expect(await receivableOf(number)).toMatchObject({ status: 'partly_paid', balanceOre: grossOre - 10_000 });

    const rest = await pay(number, { amountOre: grossOre - 10_000, paymentDate: today(), method: 'bank' });
    expect(rest.status).toBe(201);
    expect(rest.json).toMatchObject({ receivable: { status: 'paid', balanceOre: 0 } });
    // Payments hold no personal data: the invoice, the amount, the day and the reference.
    for (const payment of await paymentsOf(number)) expect(payment).not.toHaveProperty('customerId');
  });

  it('refuses more than the balance at /amountOre, a date in the future and cash without its receipt, writing nothing; takes an overpayment when told, and lists it', async () => {
    const { number, grossOre } = await anInvoice();
    const before = await api.env.allItems();
    const tooMuch = await pay(number, { amountOre: grossOre + 100, paymentDate: today(), method: 'bank' });
    expect(tooMuch.json).toMatchObject({ status: 400, errors: [{ pointer: '/amountOre' }] });
    const future = await pay(number, { amountOre: 100, paymentDate: '2999-01-01', method: 'bank' });
    expect(future.json).toMatchObject({ status: 400, errors: [{ pointer: '/paymentDate' }] });
    expect((await pay(number, { amountOre: 100, paymentDate: today(), method: 'cash' })).json).toMatchObject({ status: 400, errors: [{ pointer: '/posReceiptRef' }] });
    expect(await api.env.allItems()).toEqual(before);

    const over = await pay(number, { amountOre: grossOre + 100, paymentDate: today(), method: 'bank', overpayment: true });
    expect(over.status).toBe(201);
    expect(over.json).toMatchObject({ payment: { overpaidOre: 100 }, receivable: { status: 'paid', balanceOre: -100 } });
    const listed = await call('GET', '/admin/payments/unmatched?limit=100', { token: api.staff });
    expect(listed.status).toBe(200);
    expect(listed.json.payments).toContainEqual(expect.objectContaining({ reason: 'overpaid', documentNumber: number, overpaidOre: 100 }));
  });

  it('tells two equal bank payments on one day apart by the client\'s key, and refuses a key reused for another amount', async () => {
    const { number } = await anInvoice();
    const payment = { amountOre: 1_000, paymentDate: today(), method: 'bank' };
    expect((await pay(number, payment)).status).toBe(201);
    expect((await pay(number, payment)).status).toBe(200);
    expect((await pay(number, { ...payment, paymentKey: 'bank-2' })).status).toBe(201);
    expect((await pay(number, { ...payment, amountOre: 2_000, paymentKey: 'bank-2' })).status).toBe(409);
    expect(await receivableOf(number)).toMatchObject({ paidOre: 2_000 });
  });

  it('refuses a payment on a credited invoice (409) and on a credit note (409), and answers 404 for no document', async () => {
    const { number } = await anInvoice();
    expect((await call('POST', `/admin/invoices/${number}/credit`, { token: api.staff, body: { reason: 'Feil pris' } })).status).toBe(201);
    const onCredited = await pay(number, { amountOre: 100, paymentDate: today(), method: 'bank' });
    expect(onCredited.json).toMatchObject({ status: 409, receivableStatus: 'credited' });
    expect((await pay(number + 1, { amountOre: 100, paymentDate: today(), method: 'bank' })).status).toBe(409);
    expect((await pay(99_999_999, { amountOre: 100, paymentDate: today(), method: 'bank' })).status).toBe(404);
  });
});

describe('write-offs', () => {
  it('writes an open invoice off with a reason from the list, keeping its balance; no payment after it; refuses a paid one', async () => {
    const { number, grossOre } = await anInvoice();
    const written = await call('POST', `/admin/invoices/${number}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } });
    expect(written.status).toBe(200);
    expect(written.json).toMatchObject({ status: 'written_off', balanceOre: grossOre, writeOff: { reason: 'uncollectable' } });
    expect((await pay(number, { amountOre: 100, paymentDate: today(), method: 'bank' })).json).toMatchObject({ status: 409, receivableStatus: 'written_off' });
    expect((await call('POST', `/admin/invoices/${number}/write-off`, { token: api.staff, body: { reason: 'Kunden flyttet' } })).status).toBe(400);
    // Nor a credit note: the write-off booked the loss, and a credit would reverse the revenue too.
    const documentsBefore = (await api.env.allItems()).filter((i) => i.entity === 'salesDocument').length;
    expect((await call('POST', `/admin/invoices/${number}/credit`, { token: api.staff, body: { reason: 'Feil pris' } })).json).toMatchObject({ status: 409, receivableStatus: 'written_off' });
    expect((await api.env.allItems()).filter((i) => i.entity === 'salesDocument').length).toBe(documentsBefore);

    const paid = await anInvoice();
    expect((await pay(paid.number, { amountOre: paid.grossOre, paymentDate: today(), method: 'bank' })).status).toBe(201);
    const refused = await call('POST', `/admin/invoices/${paid.number}/write-off`, { token: api.staff, body: { reason: 'small_amount' } });
    expect(refused.json).toMatchObject({ status: 409, receivableStatus: 'paid' });
  });
});
