import { ValidationError } from '#shared/domain/kernel/errors';
import { kidFor } from '#shared/domain/invoices/sales-documents';
import { formatOcrGiro } from '#shared/domain/receivables/ocr-giro';
import { importOcrGiro, listOcrImports } from '#shared/domain/receivables/ocr-import';
import { paymentKey } from '#shared/domain/receivables/payments';
import { aCreditNoteFor, anInvoicedOrder } from '../contract/arrange';
import type { PortWorld } from '../contract/world';
import type { ReceivableDeps } from '#shared/domain/receivables/receivable-use-cases';
import { stageConfig } from '../../infra/config/stages';
import { inMemoryPorts } from '../helpers/in-memory';

const PAID_ON = '2026-03-20';
const IMPORTED_AT = new Date('2026-03-21T07:00:00.000Z');

/** The use case on in-memory ports, with the contracts' arrangers on the same store. */
function aShop() {
  const { store, ...ports } = inMemoryPorts();
  const deps: ReceivableDeps = { ...ports, clock: () => IMPORTED_AT, shop: stageConfig('local').shop };
  const world: PortWorld = { ...ports, snapshot: async () => store.snapshot() };
  return { deps, world };
}

const aFile = (transmissionNumber: string, payments: { kid: string; amountOre: number; transactionType?: string }[]) =>
  formatOcrGiro({ transmissionNumber, account: '12345678903', netsDate: PAID_ON, payments: payments.map((p) => ({ ...p, paymentDate: PAID_ON })) });

describe('importing an OCR giro file', () => {
  it('matches payments by KID: paid, partly paid and overpaid invoices; an unknown KID, a credit note\'s and a reversal listed for staff', async () => {
    const { deps, world } = aShop();
    const full = (await anInvoicedOrder(world)).invoice;
    const part = (await anInvoicedOrder(world)).invoice;
    const over = (await anInvoicedOrder(world)).invoice;
    const credited = (await anInvoicedOrder(world)).invoice;
    const creditNote = await aCreditNoteFor(world, credited);
    const file = aFile('0000101', [
      { kid: full.kid as string, amountOre: full.totals.grossOre },
      { kid: part.kid as string, amountOre: 1_000 },
      { kid: over.kid as string, amountOre: over.totals.grossOre + 500 },
      { kid: kidFor(99_999), amountOre: 7_700 },
      { kid: creditNote.kid ?? kidFor(creditNote.documentNumber), amountOre: 2_000 },
      { kid: credited.kid as string, amountOre: 3_000 },
      { kid: full.kid as string, amountOre: -4_000, transactionType: '18' },
    ]);

    const result = await importOcrGiro(deps, file);

    expect(result).toMatchObject({ transmissionNumber: '0000101', alreadyImported: false });
    expect(result.report).toEqual({ payments: 7, matched: 3, partlyPaid: 1, paid: 1, overpaid: 1, unmatched: 3, reversals: 1, alreadyRecorded: 0, totalOre: full.totals.grossOre + 1_000 + over.totals.grossOre + 500 + 7_700 + 2_000 + 3_000 - 4_000 });
    expect((await deps.receivables.get(full.documentNumber))?.status).toBe('paid');
    expect(await deps.receivables.get(part.documentNumber)).toMatchObject({ status: 'partly_paid', balanceOre: part.totals.grossOre - 1_000 });
    expect(await deps.receivables.get(over.documentNumber)).toMatchObject({ status: 'paid', balanceOre: -500 });
    expect((await deps.receivables.get(credited.documentNumber))?.paidOre).toBe(0);
    const [payment] = await deps.receivables.listPayments(full.documentNumber);
    expect(payment).toMatchObject({ method: 'bank', paymentId: 'ocr:0000101:0000001:1', bank: { transmissionNumber: '0000101', assignmentNumber: '0000001', transactionNumber: '1' } });
    const listed = (await deps.receivables.listNeedingAttention({ limit: 50 })).items;
    expect(listed.map((a) => a.reason).sort()).toEqual(['invoice_closed', 'not_an_invoice', 'overpaid', 'reversal', 'unknown_kid']);
    expect(listed.find((a) => a.reason === 'reversal')).toMatchObject({ amountOre: -4_000, kid: full.kid });
  });

  it('the same file again changes nothing and answers the first import\'s report', async () => {
    const { deps, world } = aShop();
    const { invoice } = await anInvoicedOrder(world);
    const file = aFile('0000102', [{ kid: invoice.kid as string, amountOre: 1_000 }]);
    const first = await importOcrGiro(deps, file);
    const before = await world.snapshot();

    const again = await importOcrGiro(deps, file);

    expect(again).toEqual({ ...first, alreadyImported: true });
    expect(await world.snapshot()).toEqual(before);
  });

  it('a malformed file is refused naming its line, and nothing is written', async () => {
    const { deps, world } = aShop();
    const { invoice } = await anInvoicedOrder(world);
    const truncated = aFile('0000103', [{ kid: invoice.kid as string, amountOre: 1_000 }]).split('\n').slice(0, -2).join('\n');
    const before = await world.snapshot();

    const refused = await importOcrGiro(deps, truncated).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues?.[0]?.pointer).toMatch(/^\/line\/\d+$/);
    expect(await world.snapshot()).toEqual(before);
  });

  it('a file that stopped half way goes on where it stopped, recording nothing twice', async () => {
    const { deps, world } = aShop();
    const a = (await anInvoicedOrder(world)).invoice;
    const b = (await anInvoicedOrder(world)).invoice;
    const file = aFile('0000104', [
      { kid: a.kid as string, amountOre: 1_000 },
      { kid: b.kid as string, amountOre: 2_000 },
    ]);
    // The first run claimed the transmission and recorded the first payment, then died.
    await deps.receivables.claimImport({ transmissionNumber: '0000104', startedAt: '2026-03-21T06:00:00.000Z', retainUntil: '2031-12-31' });
    const bank = { transmissionNumber: '0000104', assignmentNumber: '0000001', archiveReference: '000000001', transactionNumber: '1' };
    await deps.receivables.recordPayment(a.documentNumber, paymentKey({ amountOre: 1_000, paymentDate: PAID_ON, method: 'bank', bank }), (r) => {
      const receivable = { ...r, paidOre: 1_000, balanceOre: r.balanceOre - 1_000, status: 'partly_paid' as const, version: r.version + 1 };
      return { receivable, payment: { documentNumber: a.documentNumber, paymentId: 'ocr:0000104:0000001:1', amountOre: 1_000, paymentDate: PAID_ON, method: 'bank', bank, recordedAt: '2026-03-21T06:00:00.000Z', retainUntil: '2031-12-31' } };
    });

    const result = await importOcrGiro(deps, file);

    expect(result).toMatchObject({ alreadyImported: false, startedAt: '2026-03-21T06:00:00.000Z', report: { payments: 2, matched: 2, alreadyRecorded: 1, partlyPaid: 2 } });
    expect((await deps.receivables.get(a.documentNumber))?.paidOre).toBe(1_000);
    expect((await deps.receivables.get(b.documentNumber))?.paidOre).toBe(2_000);
    expect((await listOcrImports(deps, { limit: 10 })).items).toEqual([expect.objectContaining({ transmissionNumber: '0000104', completedAt: IMPORTED_AT.toISOString() })]);
  });

  it('lists imports newest first', async () => {
    const { deps } = aShop();
    let now = IMPORTED_AT;
    const later = { ...deps, clock: () => now };
    await importOcrGiro(later, aFile('0000105', [{ kid: kidFor(99_998), amountOre: 100 }]));
    now = new Date(IMPORTED_AT.getTime() + 60_000);
    await importOcrGiro(later, aFile('0000106', [{ kid: kidFor(99_998), amountOre: 100 }]));
    expect((await listOcrImports(deps, { limit: 10 })).items.map((i) => i.transmissionNumber)).toEqual(['0000106', '0000105']);
  });
});
