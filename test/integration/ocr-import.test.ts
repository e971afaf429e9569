import { DynamoReceivableRepository } from '#shared/adapters/dynamodb/receivable-repository';
import { shopDate } from '#shared/domain/kernel/calendar';
import { kidFor } from '#shared/domain/invoices/sales-documents';
import { formatOcrGiro } from '#shared/domain/receivables/ocr-giro';
import { applyPayment, paymentKey, type PaymentInput } from '#shared/domain/receivables/payments';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/** The bank's OCR giro file imported through the staff API, on DynamoDB Local. */
const api = apiHarness();
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const today = () => shopDate(new Date(), 'Europe/Oslo');

async function anInvoice(): Promise<{ number: number; kid: string; grossOre: number }> {
  const { orderId, customerId } = await aReadyOrder(call, api.staff, {});
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  const number = (picked.json.payment as { documentNumber: number }).documentNumber;
  const invoice = (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json as { kid: string; totals: { grossOre: number } };
  return { number, kid: invoice.kid, grossOre: invoice.totals.grossOre };
}
const aFile = (transmissionNumber: string, payments: { kid: string; amountOre: number }[]) =>
  formatOcrGiro({ transmissionNumber, account: '12345678903', netsDate: today(), payments: payments.map((p) => ({ ...p, paymentDate: today() })) });
const send = (file: string) => call('POST', '/admin/payments/ocr', { token: api.staff, rawBody: file, headers: { 'content-type': 'text/plain; charset=utf-8' } });
const receivableOf = async (number: number) => (await call('GET', `/admin/invoices/${number}`, { token: api.staff })).json.receivable as Record<string, unknown>;
const paymentsOf = async (number: number) => (await api.env.allItems()).filter((i) => i.entity === 'payment' && i.documentNumber === number);

describe('importing the bank\'s OCR giro file', () => {
  it('records each payment of a transmission with two assignments whose transaction numbers repeat, once each', async () => {
    const invoice = await anInvoice();
    // Each assignment numbers its transactions from 1: the invoice is paid twice as transaction 1, and two unknown KIDs are both transaction 2.
    const file = formatOcrGiro({
      transmissionNumber: '2000010',
      account: '12345678903',
      netsDate: today(),
      assignments: [
        { assignmentNumber: '0000001', payments: [{ kid: invoice.kid, amountOre: 1_000, paymentDate: today() }, { kid: kidFor(99_999_981), amountOre: 4_400, paymentDate: today() }] },
        { assignmentNumber: '0000002', payments: [{ kid: invoice.kid, amountOre: 1_000, paymentDate: today() }, { kid: kidFor(99_999_982), amountOre: 5_500, paymentDate: today() }] },
      ],
    });

    const imported = await send(file);

    expect(imported.json).toMatchObject({ report: { payments: 4, matched: 2, unmatched: 2, alreadyRecorded: 0 } });
    expect((await paymentsOf(invoice.number)).map((p) => p.paymentId).sort()).toEqual(['ocr:2000010:0000001:1', 'ocr:2000010:0000002:1']);
    expect(await receivableOf(invoice.number)).toMatchObject({ status: 'partly_paid', balanceOre: invoice.grossOre - 2_000 });
    const listed = (await call('GET', '/admin/payments/unmatched?limit=100', { token: api.staff })).json.payments as Record<string, unknown>[];
    expect(listed.filter((p) => String(p.paymentId).startsWith('ocr:2000010:')).map((p) => p.amountOre).sort()).toEqual([4_400, 5_500]);
  });

  it('pays two invoices (one fully, one partly), lists an unknown KID and an overpayment; the same file again changes nothing and says so', async () => {
    const full = await anInvoice();
    const part = await anInvoice();
    const over = await anInvoice();
    const file = aFile('2000001', [
      { kid: full.kid, amountOre: full.grossOre },
      { kid: part.kid, amountOre: 1_000 },
      { kid: kidFor(99_999_991), amountOre: 7_700 },
      { kid: over.kid, amountOre: over.grossOre + 500 },
    ]);

    const imported = await send(file);

    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({
      transmissionNumber: '2000001',
      alreadyImported: false,
      report: { payments: 4, matched: 3, paid: 1, partlyPaid: 1, overpaid: 1, unmatched: 1, reversals: 0, alreadyRecorded: 0, totalOre: full.grossOre + 1_000 + 7_700 + over.grossOre + 500 },
    });
    expect(await receivableOf(full.number)).toMatchObject({ status: 'paid', balanceOre: 0 });
    expect(await receivableOf(part.number)).toMatchObject({ status: 'partly_paid', balanceOre: part.grossOre - 1_000 });
    expect(await receivableOf(over.number)).toMatchObject({ status: 'paid', balanceOre: -500 });
    const listed = (await call('GET', '/admin/payments/unmatched?limit=100', { token: api.staff })).json.payments as Record<string, unknown>[];
    expect(listed).toContainEqual(expect.objectContaining({ reason: 'unknown_kid', amountOre: 7_700, paymentId: 'ocr:2000001:0000001:3' }));
    expect(listed).toContainEqual(expect.objectContaining({ reason: 'overpaid', documentNumber: over.number, overpaidOre: 500 }));
    const before = await api.env.allItems();

    const again = await send(file);

    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...imported.json, alreadyImported: true });
    expect(await api.env.allItems()).toEqual(before);
    const imports = await call('GET', '/admin/payments/imports', { token: api.staff });
    expect(imports.status).toBe(200);
    expect(imports.json.imports).toContainEqual(expect.objectContaining({ transmissionNumber: '2000001', report: imported.json.report }));
    // Counts only: the stored claim holds no KID, no invoice number, no payer.
    const claim = before.find((i) => i.entity === 'ocrImport' && i.transmissionNumber === '2000001');
    expect(JSON.stringify(claim)).not.toContain(full.kid);
  });

  it('refuses a truncated file with a 400 naming the line, writing nothing', async () => {
    const { kid } = await anInvoice();
    const truncated = aFile('2000002', [{ kid, amountOre: 1_000 }]).split('\n').slice(0, -2).join('\n');
    const before = await api.env.allItems();

    const refused = await send(truncated);

    expect(refused.status).toBe(400);
    expect((refused.json.errors as { pointer: string }[])[0]?.pointer).toMatch(/^\/line\/\d+$/);
    expect((await api.env.allItems()).length).toBe(before.length);
    expect(await api.env.allItems()).toEqual(before);
    expect((await call('POST', '/admin/payments/ocr', { token: api.staff, body: { file: truncated } })).status).toBe(415);
  });

  it('completes a file re-sent after a crash mid-way without doubling the payment recorded before', async () => {
    const a = await anInvoice();
    const b = await anInvoice();
    const file = aFile('2000003', [
      { kid: a.kid, amountOre: 1_000 },
      { kid: b.kid, amountOre: 2_000 },
    ]);
    // The first run got as far as its first payment: the claim, without completion, and that payment under its bank reference.
    const repository = new DynamoReceivableRepository(api.env.doc, api.env.tableName);
    await repository.claimImport({ transmissionNumber: '2000003', startedAt: new Date().toISOString(), retainUntil: '2031-12-31' });
    const input: PaymentInput = { amountOre: 1_000, paymentDate: today(), method: 'bank', overpayment: true, bank: { transmissionNumber: '2000003', assignmentNumber: '0000001', archiveReference: '000000001', transactionNumber: '1' } };
    await repository.recordPayment(a.number, paymentKey(input), (r) => applyPayment(r, input, new Date().toISOString(), today()));

    const resumed = await send(file);

    expect(resumed.status).toBe(201);
    expect(resumed.json).toMatchObject({ alreadyImported: false, report: { payments: 2, matched: 2, alreadyRecorded: 1, partlyPaid: 2 } });
    expect(await paymentsOf(a.number)).toHaveLength(1);
    expect(await receivableOf(a.number)).toMatchObject({ paidOre: 1_000 });
    expect(await receivableOf(b.number)).toMatchObject({ paidOre: 2_000 });
  });
});
