import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { salesJournal } from '#shared/domain/invoices/sales-journal';
import { ValidationError } from '#shared/domain/kernel/errors';
import { recordPickup } from '#shared/domain/orders/pickup';
import { getDocumentWithBalance, recordPayment, writeOffInvoice } from '#shared/domain/receivables/receivable-use-cases';
import { reskontroOn, type ReskontroDeps } from '#shared/domain/receivables/reskontro-use-cases';
import { fakeClock } from '../../helpers/fake-clock';
import { aReadyOrderThrough } from '../../helpers/fixtures';
import { inMemoryDeps } from '../../helpers/in-memory';
import { InMemoryReceivableRepository } from '../../helpers/in-memory/receivable-repository';
import { InMemoryReskontroReader } from '../../helpers/in-memory/reskontro-reader';

/** The reskontro on the in-memory ports, with a clock the test moves through a winter's postings. */
const given = () => {
  const clock = fakeClock('2027-01-04T09:00:00.000Z');
  const ports = inMemoryDeps({ clock: clock.now });
  const deps: ReskontroDeps = { ...ports, receivables: new InMemoryReceivableRepository(ports.store), reskontro: new InMemoryReskontroReader(ports.store) };
  return { clock, deps };
};
const buyerAddress = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };

async function anInvoice(deps: ReskontroDeps, name: string) {
  const { order } = await aReadyOrderThrough(deps, { name });
  const picked = await recordPickup(deps, order.orderId, { method: 'invoice', buyerAddress, customerId: order.customerId });
  const documentNumber = (picked.payment as { documentNumber: number }).documentNumber;
  return { documentNumber, grossOre: order.totals.grossOre, customerId: order.customerId };
}
const paid = (amountOre: number, paymentDate: string, overpayment = false) => ({ amountOre, paymentDate, method: 'bank' as const, ...(overpayment ? { overpayment } : {}) });

describe('late-payment interest (forsinkelsesrenteloven § 2)', () => {
  it('is shown on the invoice\'s read and on its line, accrued from the due date, and changes neither the balance nor the totals', async () => {
    const { clock, deps: plain } = given();
    const deps: ReskontroDeps = { ...plain, shop: { ...plain.shop, paymentReminders: { ...plain.shop.paymentReminders, lateInterest: { rateBasisPoints: 1_225, source: 'test' } } } };
    const a = await anInvoice(deps, 'Kari Rente');
    const read = await getDocumentWithBalance(deps, a.documentNumber);
    expect(read.receivable).not.toHaveProperty('lateInterest');
    // 30 days past the due date (issued 4 January, due the 18th)
    clock.set('2027-02-17T09:00:00.000Z');
    const late = await getDocumentWithBalance(deps, a.documentNumber);
    expect(late.receivable).toMatchObject({ balanceOre: a.grossOre, lateInterest: { fromDate: '2027-01-18', toDate: '2027-02-17', days: 30, interestOre: Math.round((a.grossOre * 1_225 * 30) / (10_000 * 365)) } });
    const list = await reskontroOn(deps);
    expect(list.customers.flatMap((c) => c.items)).toEqual([expect.objectContaining({ outstandingOre: a.grossOre, lateInterestOre: late.receivable?.lateInterest?.interestOre })]);
    expect(list.totals.outstandingOre).toBe(a.grossOre);
  });
});

describe('the reskontro from the postings', () => {
  it('is every invoice owing today, aged, with a credit from an overpayment in a column of its own; settled ones are gone', async () => {
    const { clock, deps } = given();
    const a = await anInvoice(deps, 'Kari Nordmann');
    const b = await anInvoice(deps, 'Ola Hansen');
    clock.set('2027-02-10T09:00:00.000Z');
    await recordPayment(deps, a.documentNumber, paid(a.grossOre, '2027-02-10'));
    await recordPayment(deps, b.documentNumber, paid(b.grossOre + 5_000, '2027-02-10', true));
    const c = await anInvoice(deps, 'Kari Nordmann');

    const list = await reskontroOn(deps);
    expect(list.asOf).toBe('2027-02-10');
    expect(list.customers.map((x) => [x.name, x.items.map((i) => [i.documentNumber, i.outstandingOre, i.bucket])])).toEqual([
      ['Kari Nordmann', [[c.documentNumber, c.grossOre, 'not_due']]],
      ['Ola Hansen', [[b.documentNumber, -5_000, 'credit']]],
    ]);
    expect(list.totals).toMatchObject({ not_due: c.grossOre, credit: -5_000, outstandingOre: c.grossOre - 5_000 });
  });

  it('as of a past day, takes back the payments dated, credit notes issued and write-offs made after it; and reconciles to the journal', async () => {
    const { clock, deps } = given();
    // Given invoices issued on 4 January, due on the 18th
    const a = await anInvoice(deps, 'Kari Nordmann');
    const b = await anInvoice(deps, 'Ola Hansen');
    const c = await anInvoice(deps, 'Kari Berg');
    const d = await anInvoice(deps, 'Per Berg');
    const f = await anInvoice(deps, 'Per Berg');
    // and on the 20th part of a paid
    clock.set('2027-01-20T09:00:00.000Z');
    await recordPayment(deps, a.documentNumber, paid(20_000, '2027-01-20'));
    // When, on 10 February, the rest of a is paid, b credited, c written off, d overpaid, f found on
    // the bank statement as paid on 31 January, and a new invoice e issued
    clock.set('2027-02-10T09:00:00.000Z');
    await recordPayment(deps, a.documentNumber, paid(a.grossOre - 20_000, '2027-02-10'));
    await creditInvoice(deps, b.documentNumber, 'Feil pris');
    await writeOffInvoice(deps, c.documentNumber, 'uncollectable');
    await recordPayment(deps, d.documentNumber, paid(d.grossOre + 5_000, '2027-02-10', true));
    await recordPayment(deps, f.documentNumber, paid(f.grossOre, '2027-01-31'));
    const e = await anInvoice(deps, 'Ola Hansen');

    // Then the list as of 31 January is what was owing that evening, aged on that day
    const yearEnd = await reskontroOn(deps, '2027-01-31');
    expect(yearEnd.customers.map((x) => [x.name, x.items.map((i) => [i.documentNumber, i.paidOre, i.creditedOre, i.outstandingOre, i.daysOverdue, i.bucket])])).toEqual([
      ['Kari Berg', [[c.documentNumber, 0, 0, c.grossOre, 13, 'days_0_30']]],
      ['Kari Nordmann', [[a.documentNumber, 20_000, 0, a.grossOre - 20_000, 13, 'days_0_30']]],
      ['Ola Hansen', [[b.documentNumber, 0, 0, b.grossOre, 13, 'days_0_30']]],
      ['Per Berg', [[d.documentNumber, 0, 0, d.grossOre, 13, 'days_0_30']]],
    ]);
    // Before anything was issued, nothing was owing.
    expect((await reskontroOn(deps, '2027-01-03')).totals.outstandingOre).toBe(0);

    // And the change of the outstanding total over 1–10 February is the journal's invoices less its
    // credit notes, less the payments dated in the period and the write-offs
    const today = await reskontroOn(deps);
    const journal = await salesJournal(deps, '2027-02-01', '2027-02-10');
    const invoiced = journal.filter((r) => r.type === 'Faktura').reduce((s, r) => s + r.grossOre, 0);
    const credited = -journal.filter((r) => r.type === 'Kreditnota').reduce((s, r) => s + r.grossOre, 0);
    const payments = (await Promise.all([a, b, c, d, e, f].map((x) => deps.receivables.listPayments(x.documentNumber)))).flat();
    const paidInPeriod = payments.filter((p) => p.paymentDate >= '2027-02-01' && p.paymentDate <= '2027-02-10').reduce((s, p) => s + p.amountOre, 0);
    const writtenOff = c.grossOre;
    expect(invoiced).toBe(e.grossOre);
    expect(today.totals.outstandingOre - yearEnd.totals.outstandingOre).toBe(invoiced - credited - paidInPeriod - writtenOff);
    expect(today.totals).toMatchObject({ not_due: e.grossOre, credit: -5_000, outstandingOre: e.grossOre - 5_000 });
  });

  it('refuses a day that has not come, at the parameter', async () => {
    const { deps } = given();
    await expect(reskontroOn(deps, '2027-01-05')).rejects.toThrow(ValidationError);
    await expect(reskontroOn(deps, '2027-01-05')).rejects.toMatchObject({ issues: [{ pointer: '#/query/asOf' }] });
  });
});
