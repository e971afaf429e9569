import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { pdfText } from '../helpers/pdf';

/**
 * Issue #17, partial credit notes on DynamoDB Local through the staff API: chosen lines (by
 * quantity) or an amount, with a reason; never more than the invoice, also when clerks credit at
 * once; the journal lists each credit note.
 */
const api = apiHarness();
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };

type Document = { documentNumber: number; kind: string; partialCredit?: boolean; totals: { grossOre: number; vatOre: number; netOre: number }; lines: { quantity: number; lineTotalOre: number }[] };

/** An invoice of a dress (249 kr) and three shirts (79,50 kr each): 487,50 kr. */
async function anInvoice(): Promise<Document> {
  const { orderId, customerId } = await aReadyOrder(call, api.staff, {}, { items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }, { service: 'Skjorte', quantity: 3, unitPriceOre: 7_950 }] });
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  expect(picked.status).toBe(200);
  const number = (picked.json.payment as { documentNumber: number }).documentNumber;
  return (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json as Document;
}

const credit = (invoice: Document, body: Record<string, unknown>) => call('POST', `/admin/invoices/${invoice.documentNumber}/credit`, { token: api.staff, body: { reason: 'Flekk etter rens', ...body } });
const documentCount = async () => (await api.env.allItems()).filter((i) => i.entity === 'salesDocument').length;

describe('a partial credit note', () => {
  it('credits two of three shirts, then an amount, then refuses what would exceed the invoice, naming it and writing nothing', async () => {
    const invoice = await anInvoice();
    const shirts = await credit(invoice, { lines: [{ line: 2, quantity: 2 }] });
    expect(shirts.status).toBe(201);
    expect(shirts.json).toMatchObject({ kind: 'credit_note', partialCredit: true, creditsDocument: invoice.documentNumber, totals: { grossOre: -15_900, vatOre: -3_180 }, lines: [{ quantity: -2, lineTotalOre: -15_900 }] });
    const amount = await credit(invoice, { amountOre: 10_000 });
    expect(amount.json).toMatchObject({ totals: { grossOre: -10_000, vatOre: -2_000, netOre: -8_000 } });

    const before = await documentCount();
    const tooMuch = await credit(invoice, { amountOre: 48_750 - 25_900 + 1 });
    expect(tooMuch.json).toMatchObject({ status: 409, remainingOre: 22_850, errors: [{ pointer: '/amountOre' }] });
    const line = await credit(invoice, { lines: [{ line: 2, quantity: 2 }] });
    expect(line.json).toMatchObject({ status: 409, errors: [{ pointer: '/lines/0/quantity' }] });
    const whole = await credit(invoice, {});
    expect(whole.json).toMatchObject({ status: 409, creditedBy: amount.json.documentNumber });
    const both = await credit(invoice, { lines: [{ line: 1 }], amountOre: 100 });
    expect(both.json).toMatchObject({ status: 400, errors: [{ pointer: '/amountOre' }] });
    const noSuchLine = await credit(invoice, { lines: [{ line: 3 }] });
    expect(noSuchLine.json).toMatchObject({ status: 400, errors: [{ pointer: '/lines/0/line' }] });
    expect(await documentCount()).toBe(before);

    const pdf = await call('GET', `/admin/invoices/${shirts.json.documentNumber as number}/pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect(pdfText(pdf.bytes)).toContain(`Krediterer deler av faktura ${invoice.documentNumber}: Flekk etter rens`);
  });

  it('lets clerks credit at once only as much as the invoice holds', async () => {
    const invoice = await anInvoice();
    const results = await Promise.all([1, 2, 3].map(() => credit(invoice, { amountOre: 20_000 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.json).toMatchObject({ remainingOre: 8_750 });
  });

  it('answers a credit sent again with its creditKey, at once or after, with the first credit note, taking no number', async () => {
    const invoice = await anInvoice();
    const series = async () => (await api.env.allItems()).find((i) => i.entity === 'counter' && i.sk === 'DOCUMENT')?.value;
    const before = await documentCount();
    // A double click: both requests at once, one credit note between them.
    const clicks = await Promise.all([1, 2].map(() => credit(invoice, { lines: [{ line: 2, quantity: 1 }], creditKey: 'click-1' })));
    expect(clicks.map((c) => c.status)).toEqual([201, 201]);
    expect(clicks[1]?.json.documentNumber).toBe(clicks[0]?.json.documentNumber);
    const numberAfter = await series();
    // A retry after the answer was lost: the same credit note again, no number taken.
    const retry = await credit(invoice, { lines: [{ line: 2, quantity: 1 }], creditKey: 'click-1' });
    expect(retry.json).toEqual(clicks[0]?.json);
    expect(await series()).toBe(numberAfter);
    expect(await documentCount()).toBe(before + 1);
    // The key once more for another credit: refused, naming the credit note it issued.
    const reused = await credit(invoice, { amountOre: 100, creditKey: 'click-1' });
    expect(reused.json).toMatchObject({ status: 409, creditedBy: clicks[0]?.json.documentNumber });
    // A new key is a new credit.
    expect((await credit(invoice, { lines: [{ line: 2, quantity: 1 }], creditKey: 'click-2' })).status).toBe(201);
    expect(await documentCount()).toBe(before + 2);
  });

  it('answers a retry that lists the lines in another order, or pads the reason, as the same credit', async () => {
    const invoice = await anInvoice();
    const first = await credit(invoice, { lines: [{ line: 1 }, { line: 2, quantity: 1 }], creditKey: 'retry-order' });
    expect(first.status).toBe(201);
    const before = await documentCount();
    const retry = await credit(invoice, { lines: [{ line: 2, quantity: 1 }, { line: 1 }], reason: '  Flekk etter rens ', creditKey: 'retry-order' });
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await documentCount()).toBe(before);
    // What it asks for still counts: another quantity is another credit
    expect((await credit(invoice, { lines: [{ line: 2, quantity: 2 }, { line: 1 }], creditKey: 'retry-order' })).json).toMatchObject({ status: 409, creditedBy: first.json.documentNumber });
  });

  it('is refused past a hundred credit notes on one invoice, naming the limit and writing nothing, so its claim stays within an item', async () => {
    // Given an invoice whose claim already lists a hundred credit notes
    const invoice = await anInvoice();
    expect((await credit(invoice, { amountOre: 100, creditKey: 'first' })).status).toBe(201);
    const claimKey = keys.creditClaim(invoice.documentNumber);
    const { Item: claim } = await api.env.doc.send(new GetCommand({ TableName: api.env.tableName, Key: claimKey }));
    const notes = claim!.creditNotes as number[];
    const hundred = [...Array.from({ length: 99 }, (_, i) => notes[0]! - 1000 - i), ...notes];
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: claimKey, UpdateExpression: 'SET creditNotes = :notes', ExpressionAttributeValues: { ':notes': hundred } }));
    const before = await api.env.allItems();
    // When one more is asked for, with a key or without
    for (const body of [{ amountOre: 100 }, { amountOre: 100, creditKey: 'one-more' }]) {
      const refused = await credit(invoice, body);
      expect(refused.json).toMatchObject({ status: 409, limit: 100, detail: `Invoice ${invoice.documentNumber} has 100 credit notes, the most one invoice may have (100)` });
    }
    expect(await api.env.allItems()).toEqual(before);
    // A retry of a credit it has is still answered
    expect((await credit(invoice, { amountOre: 100, creditKey: 'first' })).status).toBe(201);
  });

  it('is listed in the sales journal beside its invoice', async () => {
    const invoice = await anInvoice();
    const credited = await credit(invoice, { lines: [{ line: 1 }] });
    // The shop's day may be the next one in UTC terms (Oslo): a day either side holds it.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const journal = await call('GET', `/admin/exports/sales?from=${day(-1)}&to=${day(1)}`, { token: api.staff, headers: { accept: 'text/csv' } });
    expect(journal.status).toBe(200);
    const rows = journal.bytes.toString().split('\n');
    expect(rows.some((row) => row.includes(String(credited.json.documentNumber)) && row.includes('-249,00'))).toBe(true);
  });
});
