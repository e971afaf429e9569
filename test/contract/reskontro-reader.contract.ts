import { applyPayment } from '#shared/domain/receivables/payments';
import { aCreditNoteFor, anInvoicedOrder, aStoredCustomer } from './arrange';
import type { WorldFactory } from './world';

const DAY_ONE = '2026-03-02T10:00:00.000Z';
const DAY_TWO = '2026-03-09T10:00:00.000Z';

/**
 * What every ReskontroReader promises: every receivable with a balance (open, partly paid, and a
 * credit in the customer's favour) from the sparse indexes, never one settled or written off, and
 * the customers' names by id.
 */
export function reskontroReaderContract(fresh: WorldFactory): void {
  it('lists the receivables with money owing, oldest due first, and none credited in full', async () => {
    const world = await fresh();
    const a = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const credited = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    await aCreditNoteFor(world, credited, DAY_TWO);
    const b = (await anInvoicedOrder(world, { at: DAY_TWO })).invoice;
    expect((await world.reskontro.listOutstanding()).map((r) => [r.documentNumber, r.status, r.balanceOre])).toEqual([
      [a.documentNumber, 'open', a.totals.grossOre],
      [b.documentNumber, 'open', b.totals.grossOre],
    ]);
  });

  it('lists a credit in the customer\'s favour after the open ones, and drops a receivable paid in full', async () => {
    const world = await fresh();
    const overpaid = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const paid = (await anInvoicedOrder(world, { at: DAY_ONE })).invoice;
    const open = (await anInvoicedOrder(world, { at: DAY_TWO })).invoice;
    const pay = (documentNumber: number, amountOre: number) =>
      world.receivables.recordPayment(documentNumber, `key:${documentNumber}`, (r) => applyPayment(r, { amountOre, paymentDate: '2026-03-09', method: 'bank', overpayment: true, clientKey: String(documentNumber) }, DAY_TWO, '2026-03-09'));
    await pay(overpaid.documentNumber, overpaid.totals.grossOre + 1_000);
    await pay(paid.documentNumber, paid.totals.grossOre);
    expect((await world.reskontro.listOutstanding()).map((r) => [r.documentNumber, r.status, r.balanceOre])).toEqual([
      [open.documentNumber, 'open', open.totals.grossOre],
      [overpaid.documentNumber, 'paid', -1_000],
    ]);
  });

  it('reads the names on the customers\' profiles by id, leaving out an id without one', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world, { name: 'Kari Nordmann' });
    const ola = await aStoredCustomer(world, { name: 'Ola Hansen' });
    const names = await world.reskontro.customerNames([kari.customerId, 'erased:nobody', ola.customerId, kari.customerId]);
    expect([...names.entries()].sort()).toEqual([[kari.customerId, 'Kari Nordmann'], [ola.customerId, 'Ola Hansen']].sort());
    expect((await world.reskontro.customerNames([])).size).toBe(0);
  });
}
