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

  it('reads the names on the customers\' profiles by id, leaving out an id without one', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world, { name: 'Kari Nordmann' });
    const ola = await aStoredCustomer(world, { name: 'Ola Hansen' });
    const names = await world.reskontro.customerNames([kari.customerId, 'erased:nobody', ola.customerId, kari.customerId]);
    expect([...names.entries()].sort()).toEqual([[kari.customerId, 'Kari Nordmann'], [ola.customerId, 'Ola Hansen']].sort());
    expect((await world.reskontro.customerNames([])).size).toBe(0);
  });
}
