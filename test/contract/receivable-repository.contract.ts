import { aCreditNoteFor, anInvoicedOrder, aStoredCustomer } from './arrange';
import type { WorldFactory } from './world';

const DAY_ONE = '2026-03-02T10:00:00.000Z';
const DAY_TWO = '2026-03-09T10:00:00.000Z';
const DAY_THREE = '2026-03-16T10:00:00.000Z';

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
}
