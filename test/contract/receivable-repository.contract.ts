import { ConflictError, NotFoundError, ValidationError } from '#shared/domain/kernel/errors';
import { applyPayment, applyWriteOff, overpaymentNotice, paymentKey, type PaymentInput } from '#shared/domain/receivables/payments';
import type { Receivable } from '#shared/domain/receivables/receivables';
import { aCreditNoteFor, allPages, anInvoicedOrder, aStoredCustomer, refusedWithoutWriting } from './arrange';
import type { WorldFactory } from './world';

const DAY_ONE = '2026-03-02T10:00:00.000Z';
const DAY_TWO = '2026-03-09T10:00:00.000Z';
const DAY_THREE = '2026-03-16T10:00:00.000Z';
const PAID_AT = '2026-03-20T09:00:00.000Z';

/** A payment as the use case decides it, on the receivable as stored. */
const paying = (input: PaymentInput) => (receivable: Receivable) => {
  const posting = applyPayment(receivable, input, PAID_AT, '2026-03-20');
  const attention = overpaymentNotice(posting.payment);
  return attention ? { ...posting, attention } : posting;
};

/**
 * What every ReceivableRepository promises, with the SalesDocumentRepository that opens and
 * credits receivables: each invoice stored with its receivable (its whole gross amount owing by
 * its due date), a credit note reducing the balance in its own transaction, and the reads by
 * number, by customer and of the open ones, oldest due first.
 */
export function receivableRepositoryContract(fresh: WorldFactory): void {
  it('stores each invoice with its receivable: the gross amount owing, by the invoice\'s due date and KID, open', async () => {
    const world = await fresh();
    const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
    expect(await world.receivables.get(invoice.documentNumber)).toEqual({
      documentNumber: invoice.documentNumber,
      customerId: invoice.customerId,
      kid: invoice.kid,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      amountOre: invoice.totals.grossOre,
      creditedOre: 0,
      creditNotes: [],
      paidOre: 0,
      balanceOre: invoice.totals.grossOre,
      status: 'open',
      version: 1,
      updatedAt: invoice.issuedAt,
      retainUntil: invoice.retainUntil,
    });
  });

  it('credits the receivable in the credit note\'s transaction: reversed in full, nothing is owed and it leaves the open list', async () => {
    const world = await fresh();
    const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
    const creditNote = await aCreditNoteFor(world, invoice, DAY_TWO);
    expect(await world.receivables.get(invoice.documentNumber)).toMatchObject({
      creditedOre: invoice.totals.grossOre,
      creditNotes: [creditNote.documentNumber],
      balanceOre: 0,
      status: 'credited',
      version: 2,
      updatedAt: creditNote.issuedAt,
    });
    expect(await world.receivables.get(creditNote.documentNumber)).toBeUndefined();
    expect((await world.receivables.listOpen({ limit: 10 })).items).toEqual([]);
  });

  it('lists the open receivables oldest due first, in pages, and those due before a day', async () => {
    const world = await fresh();
    const a = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const b = (await anInvoicedOrder(world, { at: DAY_TWO })).invoice;
    const credited = (await anInvoicedOrder(world, { at: DAY_TWO })).invoice;
    await aCreditNoteFor(world, credited, DAY_TWO);
    const d = (await anInvoicedOrder(world, { at: DAY_THREE })).invoice;

    const firstPage = await world.receivables.listOpen({ limit: 2 });
    expect(firstPage.items.map((r) => [r.documentNumber, r.dueDate])).toEqual([
      [a.documentNumber, a.dueDate],
      [b.documentNumber, b.dueDate],
    ]);
    const secondPage = await world.receivables.listOpen({ limit: 2, cursor: firstPage.nextCursor as string });
    expect(secondPage.items.map((r) => r.documentNumber)).toEqual([d.documentNumber]);
    expect(secondPage.nextCursor).toBeUndefined();
    // Due before a day: the day itself is not included.
    expect((await world.receivables.listOpen({ limit: 10 }, { dueBefore: d.dueDate as string })).items.map((r) => r.documentNumber)).toEqual([a.documentNumber, b.documentNumber]);
    expect((await world.receivables.listOpen({ limit: 10 }, { dueBefore: b.dueDate as string })).items.map((r) => r.documentNumber)).toEqual([a.documentNumber]);
  });

  it('reads receivables by invoice number in the order asked, leaving out numbers without one', async () => {
    const world = await fresh();
    const a = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const b = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const creditNote = await aCreditNoteFor(world, a, DAY_TWO);
    const read = await world.receivables.getMany([b.documentNumber, creditNote.documentNumber, 99_999, a.documentNumber, b.documentNumber]);
    expect(read.map((r) => [r.documentNumber, r.status])).toEqual([
      [b.documentNumber, 'open'],
      [a.documentNumber, 'credited'],
    ]);
    expect(await world.receivables.getMany([])).toEqual([]);
  });

  it('lists one customer\'s receivables by issue date, and no one else\'s', async () => {
    const world = await fresh();
    const customer = await aStoredCustomer(world);
    const first = (await anInvoicedOrder(world, { customer, at: DAY_ONE })).invoice;
    await anInvoicedOrder(world, { at: DAY_ONE });
    const second = (await anInvoicedOrder(world, { customer, at: DAY_TWO })).invoice;
    const page = await world.receivables.listByCustomer(customer.customerId, { limit: 1 });
    expect(page.items.map((r) => r.documentNumber)).toEqual([first.documentNumber]);
    const next = await world.receivables.listByCustomer(customer.customerId, { limit: 5, cursor: page.nextCursor as string });
    expect(next.items.map((r) => r.documentNumber)).toEqual([second.documentNumber]);
    expect((await world.receivables.listByCustomer('nobody', { limit: 5 })).items).toEqual([]);
  });

  describe('payments', () => {
    it('records a payment with the receivable it changes, and answers a second recording under its key with the first, deciding nothing', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
      const half = { amountOre: 20_000, paymentDate: '2026-03-19', method: 'cash', posReceiptRef: 'K-12' } as const;
      const first = await world.receivables.recordPayment(invoice.documentNumber, paymentKey(half), paying(half));
      expect(first).toMatchObject({ duplicate: false, receivable: { paidOre: 20_000, balanceOre: invoice.totals.grossOre - 20_000, status: 'partly_paid', version: 2, retainUntil: '2031-12-31' } });
      expect(first.payment).toEqual({ documentNumber: invoice.documentNumber, paymentId: 'cash:K-12', amountOre: 20_000, paymentDate: '2026-03-19', method: 'cash', posReceiptRef: 'K-12', recordedAt: PAID_AT, retainUntil: '2031-12-31' });
      expect(await world.receivables.get(invoice.documentNumber)).toEqual(first.receivable);
      expect((await world.receivables.listOpen({ limit: 5 })).items).toEqual([first.receivable]);

      const decided: unknown[] = [];
      const again = await world.receivables.recordPayment(invoice.documentNumber, paymentKey(half), (r) => (decided.push(r), paying(half)(r)));
      expect(again).toEqual({ ...first, duplicate: true });
      expect(decided).toEqual([]);
      expect(await world.receivables.listPayments(invoice.documentNumber)).toEqual([first.payment]);
    });

    it('pays an invoice in full: it leaves the open list; a later payment year keeps the receivable a year longer', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
      const all = { amountOre: invoice.totals.grossOre, paymentDate: '2026-03-20', method: 'bank' } as const;
      const { receivable } = await world.receivables.recordPayment(invoice.documentNumber, paymentKey(all), paying(all));
      expect(receivable).toMatchObject({ balanceOre: 0, status: 'paid' });
      expect((await world.receivables.listOpen({ limit: 5 })).items).toEqual([]);
    });

    it('records an overpayment with the balance below zero, and lists it for staff', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
      const more = { amountOre: invoice.totals.grossOre + 500, paymentDate: '2026-03-20', method: 'bank', overpayment: true } as const;
      const { receivable, payment } = await world.receivables.recordPayment(invoice.documentNumber, paymentKey(more), paying(more));
      expect(receivable).toMatchObject({ balanceOre: -500, status: 'paid' });
      expect(payment.overpaidOre).toBe(500);
      expect((await world.receivables.listNeedingAttention({ limit: 5 })).items).toEqual([
        { reason: 'overpaid', paymentId: payment.paymentId, amountOre: more.amountOre, paymentDate: '2026-03-20', method: 'bank', documentNumber: invoice.documentNumber, overpaidOre: 500, recordedAt: PAID_AT, retainUntil: '2031-12-31' },
      ]);
    });

    it('writes nothing when the decision refuses, or the invoice has no receivable', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
      const tooMuch = { amountOre: invoice.totals.grossOre + 1, paymentDate: '2026-03-20', method: 'bank' } as const;
      await refusedWithoutWriting(world, () => world.receivables.recordPayment(invoice.documentNumber, paymentKey(tooMuch), paying(tooMuch)), ValidationError, { issues: [{ pointer: '/amountOre' }] });
      const creditNote = await aCreditNoteFor(world, invoice, DAY_TWO);
      const some = { amountOre: 100, paymentDate: '2026-03-20', method: 'bank' } as const;
      await refusedWithoutWriting(world, () => world.receivables.recordPayment(invoice.documentNumber, paymentKey(some), paying(some)), ConflictError);
      await refusedWithoutWriting(world, () => world.receivables.recordPayment(creditNote.documentNumber, paymentKey(some), paying(some)), NotFoundError);
    });

    it('changes a receivable at the version read (a write-off), and refuses one that is not there', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world, { at: DAY_ONE });
      const written = await world.receivables.change(invoice.documentNumber, (r) => applyWriteOff(r, 'small_amount', PAID_AT, '2026-03-20'));
      expect(written).toMatchObject({ status: 'written_off', balanceOre: invoice.totals.grossOre, writeOff: { reason: 'small_amount', at: PAID_AT, date: '2026-03-20' }, version: 2 });
      expect(await world.receivables.get(invoice.documentNumber)).toEqual(written);
      expect((await world.receivables.listOpen({ limit: 5 })).items).toEqual([]);
      await refusedWithoutWriting(world, () => world.receivables.change(99_999, (r) => r), NotFoundError);
    });

    it('notes a bank payment for staff once, and pages the list by payment date', async () => {
      const world = await fresh();
      const note = (paymentDate: string, transactionNumber: string) => ({
        reason: 'unknown_kid' as const,
        paymentId: `ocr:1000001:0000001:${transactionNumber}`,
        amountOre: 12_300,
        paymentDate,
        method: 'bank' as const,
        kid: '000999990',
        bank: { transmissionNumber: '1000001', assignmentNumber: '0000001', archiveReference: '123456789', transactionNumber },
        recordedAt: PAID_AT,
        retainUntil: '2031-12-31',
      });
      await world.receivables.noteForAttention(note('2026-03-19', '2'));
      await world.receivables.noteForAttention(note('2026-03-18', '1'));
      await world.receivables.noteForAttention(note('2026-03-18', '1'));
      const first = await world.receivables.listNeedingAttention({ limit: 1 });
      expect(first.items).toEqual([note('2026-03-18', '1')]);
      const rest = await world.receivables.listNeedingAttention({ limit: 5, cursor: first.nextCursor as string });
      expect(rest.items).toEqual([note('2026-03-19', '2')]);
    });
  });

  it('claims an OCR transmission once: a second claim gets the stored one; completed imports listed newest first', async () => {
    const world = await fresh();
    const first = { transmissionNumber: '0000201', startedAt: DAY_ONE, retainUntil: '2031-12-31' };
    expect(await world.receivables.claimImport(first)).toEqual({ claim: first, fresh: true });
    expect(await world.receivables.claimImport({ ...first, startedAt: DAY_TWO })).toEqual({ claim: first, fresh: false });
    const report = { payments: 1, matched: 1, partlyPaid: 0, paid: 1, overpaid: 0, unmatched: 0, reversals: 0, alreadyRecorded: 0, totalOre: 100 };
    await world.receivables.completeImport({ ...first, completedAt: DAY_TWO, report });
    await world.receivables.claimImport({ transmissionNumber: '0000202', startedAt: DAY_THREE, retainUntil: '2031-12-31' });
    expect((await world.receivables.claimImport(first)).claim).toEqual({ ...first, completedAt: DAY_TWO, report });
    const { items } = await allPages(1, (page) => world.receivables.listImports(page));
    expect(items.map((i) => i.transmissionNumber)).toEqual(['0000202', '0000201']);
  });
}
