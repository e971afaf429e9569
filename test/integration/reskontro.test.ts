import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { receivables } from '#shared/composition';
import { addDays, shopDate } from '#shared/domain/kernel/calendar';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { tripCounter } from '../helpers/trip-counter';

/**
 * The reskontro on DynamoDB Local through the staff API: what is owing per customer, as JSON and
 * as the accountant's CSV, and its reconciliation with the sales journal and the payments.
 */
const api = apiHarness();
const { call } = api;
const counted = tripCounter(call);
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const today = () => shopDate(new Date(), 'Europe/Oslo');

type Totals = Record<'not_due' | 'days_0_30' | 'days_31_60' | 'days_61_90' | 'days_over_90' | 'credit' | 'outstandingOre', number>;
type List = { asOf: string; customers: { customerId: string; name: string; items: { documentNumber: number; paidOre: number; creditedOre: number; outstandingOre: number; bucket: string }[]; totals: Totals }[]; totals: Totals };

async function anInvoice(name: string) {
  const { orderId, customerId } = await aReadyOrder(call, api.staff, { name });
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  const documentNumber = (picked.json.payment as { documentNumber: number }).documentNumber;
  const invoice = await call('GET', `/admin/invoices/${documentNumber}`, { token: api.staff });
  return { documentNumber, customerId, grossOre: (invoice.json.totals as { grossOre: number }).grossOre };
}
async function pay(documentNumber: number, amountOre: number, overpayment = false) {
  const paid = await call('POST', `/admin/invoices/${documentNumber}/payments`, { token: api.staff, body: { amountOre, paymentDate: today(), method: 'bank', ...(overpayment ? { overpayment } : {}) } });
  expect(paid.status).toBe(201);
}
const reskontro = async (query = '') => (await call('GET', `/admin/receivables${query}`, { token: api.staff })).json as unknown as List;
const øre = (k: string) => Math.round(Number(k.replace(',', '.')) * 100);
/** A CSV line's fields as a spreadsheet reads them: a quoted field may hold the separator, and "" is a quote. */
const fieldsOf = (line: string) => [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!));

describe('the reskontro', () => {
  it('reconciles to the sales journal: invoices issued − credit notes − payments − write-offs = the change of what is outstanding', async () => {
    const before = await reskontro();
    // Given invoices today: one paid in part, one overpaid, one credited after a part payment, one credited in part, one written off
    const partlyPaid = await anInvoice('Kari Nordmann');
    const overpaid = await anInvoice('Ola Hansen');
    const creditedAfterPaying = await anInvoice('Per Berg');
    const writtenOff = await anInvoice('Kari Nordmann');
    const untouched = await anInvoice('Ola Hansen');
    const partlyCredited = await anInvoice('Per Berg');
    await pay(partlyPaid.documentNumber, 10_000);
    await pay(overpaid.documentNumber, overpaid.grossOre + 2_500, true);
    await pay(creditedAfterPaying.documentNumber, 5_000);
    expect((await call('POST', `/admin/invoices/${creditedAfterPaying.documentNumber}/credit`, { token: api.staff, body: { reason: 'Feil pris' } })).status).toBe(201);
    expect((await call('POST', `/admin/invoices/${partlyCredited.documentNumber}/credit`, { token: api.staff, body: { reason: 'Rabatt', amountOre: 7_500 } })).status).toBe(201);
    expect((await call('POST', `/admin/invoices/${writtenOff.documentNumber}/write-off`, { token: api.staff, body: { reason: 'uncollectable' } })).status).toBe(200);

    // Then the list shows what each owes, and the credits in the customers' favour
    const after = await reskontro();
    const mine = (list: List) => list.customers.flatMap((c) => c.items.map((i) => ({ name: c.name, ...i }))).filter((i) => [partlyPaid, overpaid, creditedAfterPaying, writtenOff, untouched, partlyCredited].some((x) => x.documentNumber === i.documentNumber));
    expect(mine(after).sort((a, b) => a.documentNumber - b.documentNumber).map((i) => [i.documentNumber, i.name, i.paidOre, i.creditedOre, i.outstandingOre, i.bucket])).toEqual([
      [partlyPaid.documentNumber, 'Kari Nordmann', 10_000, 0, partlyPaid.grossOre - 10_000, 'not_due'],
      [overpaid.documentNumber, 'Ola Hansen', overpaid.grossOre + 2_500, 0, -2_500, 'credit'],
      [creditedAfterPaying.documentNumber, 'Per Berg', 5_000, creditedAfterPaying.grossOre, -5_000, 'credit'],
      [untouched.documentNumber, 'Ola Hansen', 0, 0, untouched.grossOre, 'not_due'],
      [partlyCredited.documentNumber, 'Per Berg', 0, 7_500, partlyCredited.grossOre - 7_500, 'not_due'],
    ]);
    // And the change of the total is the journal's day less the payments the ledger holds for these invoices
    const journal = await call('GET', `/admin/exports/sales?from=${today()}&to=${today()}`, { token: api.staff });
    const rows = journal.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1, -1).map((line) => line.split(';'));
    const ours = new Set([partlyPaid, overpaid, creditedAfterPaying, writtenOff, untouched, partlyCredited].map((x) => String(x.documentNumber)));
    const invoiced = rows.filter((r) => r[0] === 'Faktura' && ours.has(r[1]!)).reduce((s, r) => s + øre(r[8]!), 0);
    const credited = -rows.filter((r) => r[0] === 'Kreditnota' && ours.has(r[10]!.replace('krediterer ', ''))).reduce((s, r) => s + øre(r[8]!), 0);
    const payments = (await Promise.all([...ours].map((n) => receivables().receivables.listPayments(Number(n))))).flat().reduce((s, p) => s + p.amountOre, 0);
    expect(payments).toBe(10_000 + overpaid.grossOre + 2_500 + 5_000);
    expect(credited).toBe(creditedAfterPaying.grossOre + 7_500);
    expect(after.totals.outstandingOre - before.totals.outstandingOre).toBe(invoiced - credited - payments - writtenOff.grossOre);
    // Every total is the sum of its lines and its columns
    for (const c of after.customers) expect(c.totals.outstandingOre).toBe(c.items.reduce((s, i) => s + i.outstandingOre, 0));
    const { outstandingOre, ...columns } = after.totals;
    expect(Object.values(columns).reduce((s, v) => s + v, 0)).toBe(outstandingOre);
    expect(after.totals.outstandingOre).toBe(after.customers.reduce((s, c) => s + c.totals.outstandingOre, 0));

    // As of yesterday, none of today's invoices was issued yet: the list is as it was before them
    const yesterday = await reskontro(`?asOf=${addDays(today(), -1)}`);
    expect(mine(yesterday)).toEqual([]);
  });

  it('as of a past day, holds the reminder fees charged by then and none charged after', async () => {
    // Given an invoice issued 30 days ago, due 20 days ago, reminded with a fee (a letter for the post) two days ago
    const invoice = await anInvoice('Kari Purring');
    const receivable = keys.receivable(invoice.documentNumber);
    const dueDate = addDays(today(), -20);
    await api.env.doc.send(
      new UpdateCommand({
        TableName: api.env.tableName,
        Key: receivable,
        UpdateExpression: 'SET dueDate = :due, issueDate = :issued, gsi3sk = :sk',
        ExpressionAttributeValues: { ':due': dueDate, ':issued': addDays(today(), -30), ':sk': `${dueDate}#${String(invoice.documentNumber).padStart(10, '0')}` },
      }),
    );
    const reminded = await call('POST', `/admin/invoices/${invoice.documentNumber}/reminders`, { token: api.staff });
    expect(reminded.json).toMatchObject({ feeOre: 3_500 });
    const sentOn = addDays(today(), -2);
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.paymentReminder(invoice.documentNumber, 1), UpdateExpression: 'SET sentOn = :on', ExpressionAttributeValues: { ':on': sentOn } }));
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: receivable, UpdateExpression: 'SET reminders.lastSentOn = :on', ExpressionAttributeValues: { ':on': sentOn } }));

    const line = async (asOf: string) => (await reskontro(`?asOf=${asOf}`)).customers.flatMap((c) => c.items).find((i) => i.documentNumber === invoice.documentNumber);
    // While the letter waits on the print list, its fee is on today's balance but was charged on no
    // past day: a purring is sent when it is posted (inkassoforskriften § 1-2)
    expect(reminded.json).toMatchObject({ delivery: 'print' });
    expect(await line(addDays(today(), -1))).toMatchObject({ feesOre: 0, outstandingOre: invoice.grossOre });
    expect(await line(today())).toMatchObject({ feesOre: 3_500, outstandingOre: invoice.grossOre + 3_500 });
    // When it was posted the day it was queued
    expect((await call('POST', `/admin/invoices/${invoice.documentNumber}/reminders/1/printed`, { token: api.staff })).status).toBe(200);
    await api.env.doc.send(
      new UpdateCommand({ TableName: api.env.tableName, Key: keys.paymentReminder(invoice.documentNumber, 1), UpdateExpression: 'SET printedAt = :at', ExpressionAttributeValues: { ':at': `${sentOn}T10:00:00.000Z` } }),
    );

    // Then the list as of yesterday owes the fee with the invoice; as of the day before it was charged, the invoice alone
    expect(await line(addDays(today(), -1))).toMatchObject({ feesOre: 3_500, outstandingOre: invoice.grossOre + 3_500 });
    expect(await line(addDays(today(), -3))).toMatchObject({ feesOre: 0, outstandingOre: invoice.grossOre });
    expect(await line(today())).toMatchObject({ feesOre: 3_500, outstandingOre: invoice.grossOre + 3_500 });
  });

  it('comes as the CSV the accountant opens as is, by Accept or by format, its totals the sums of its rows', async () => {
    await anInvoice('=HYPERLINK("http://x"); Hansen');
    for (const asked of [{ query: '?format=csv', headers: {} as Record<string, string> }, { query: '', headers: { accept: 'text/csv' } }]) {
      const csv = await call('GET', `/admin/receivables${asked.query}`, { token: api.staff, headers: asked.headers });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="reskontro-${today()}.csv"`);
      expect(csv.text.startsWith('\uFEFFKundenr;Kunde;Fakturanr;')).toBe(true);
      expect(csv.text).toContain(`;"'=HYPERLINK(""http://x""); Hansen";`);
      const rows = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map(fieldsOf);
      expect(rows.every((r) => r.length === 18)).toBe(true);
      expect(rows.some((r) => r[1] === `'=HYPERLINK("http://x"); Hansen`)).toBe(true);
      const lines = rows.slice(1, -1).filter((r) => /^\d+$/.test(r[2] ?? ''));
      const total = rows.at(-1)!;
      expect(total[0]).toBe('Sum');
      for (const column of [9, 11, 12, 13, 14, 15, 16]) expect(øre(total[column]!)).toBe(lines.reduce((s, r) => s + (r[column] ? øre(r[column]!) : 0), 0));
    }
    // JSON unless CSV is asked for
    expect((await call('GET', '/admin/receivables', { token: api.staff, headers: { accept: 'application/json, text/csv;q=0.5' } })).headers['content-type']).toBe('application/json');
  });

  it('reads the indexes and the names, never the table: two round trips', async () => {
    const { response, trips } = await counted('GET', '/admin/receivables', { token: api.staff });
    expect(response.status).toBe(200);
    // Both partitions' Queries go out together, then the profiles' BatchGet.
    expect(trips).toEqual(['Query', 'Query', 'BatchGetItem']);
  });

  it.each([
    ['a day to come', `asOf=${addDays(today(), 2)}`],
    ['a date that is not one', 'asOf=2026-02-30'],
    ['an unknown format', 'format=xlsx'],
    ['an unknown parameter', 'from=2026-01-01'],
  ])('refuses %s', async (_name, query) => {
    const answer = await call('GET', `/admin/receivables?${query}`, { token: api.staff });
    expect(answer.status).toBe(400);
  });
});
