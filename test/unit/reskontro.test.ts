import { agingBucket, daysOverdue, groupReskontro, receivableAsOf, receivableNow, reskontroCsv, reskontroItem, type ReskontroItem } from '#shared/domain/receivables/reskontro';
import type { Receivable } from '#shared/domain/receivables/receivables';
import { addDays } from '#shared/domain/kernel/calendar';

const DUE = '2027-01-30';

const aReceivable = (over: Partial<Receivable> = {}): Receivable => ({
  documentNumber: 10001,
  customerId: 'c-kari',
  kid: '000100016',
  issueDate: '2027-01-16',
  dueDate: DUE,
  amountOre: 48_600,
  creditedOre: 0,
  creditNotes: [],
  paidOre: 0,
  balanceOre: 48_600,
  status: 'open',
  version: 1,
  updatedAt: '2027-01-16T10:00:00.000Z',
  retainUntil: '2032-12-31',
  ...over,
});

const itemOf = (r: Receivable, asOf: string) => reskontroItem(r, asOf, receivableNow(r)) as ReskontroItem;

describe('aging an open item', () => {
  it.each([
    [-1, 0, 'not_due'],
    [0, 0, 'not_due'], // due today: a payment today is in time
    [1, 1, 'days_0_30'],
    [30, 30, 'days_0_30'],
    [31, 31, 'days_31_60'],
    [60, 60, 'days_31_60'],
    [61, 61, 'days_61_90'],
    [90, 90, 'days_61_90'],
    [91, 91, 'days_over_90'],
    [400, 400, 'days_over_90'],
  ])('%i days after the due date: %i days overdue, in %s', (after, days, bucket) => {
    const asOf = addDays(DUE, after);
    expect(daysOverdue(DUE, asOf)).toBe(days);
    expect(agingBucket(DUE, asOf, 1)).toBe(bucket);
    expect(itemOf(aReceivable(), asOf)).toMatchObject({ daysOverdue: days, bucket, outstandingOre: 48_600 });
  });

  it('puts a credit in the customer\'s favour in a column of its own, never overdue, however old', () => {
    const overpaid = aReceivable({ paidOre: 50_000, balanceOre: -1_400, status: 'paid' });
    expect(itemOf(overpaid, addDays(DUE, 200))).toMatchObject({ outstandingOre: -1_400, daysOverdue: 0, bucket: 'credit' });
  });

  it('leaves out an item with nothing owing either way', () => {
    expect(reskontroItem(aReceivable(), DUE, { paidOre: 48_600, creditedOre: 0, feesOre: 0, outstandingOre: 0 })).toBeUndefined();
  });
});

describe('a receivable as it stood on a past day', () => {
  it('takes back what was paid and credited after the day, by the payments\' own dates', () => {
    const now = aReceivable({ paidOre: 30_000, creditedOre: 10_000, balanceOre: 8_600, status: 'partly_paid' });
    expect(receivableAsOf(now, '2027-02-28', { paidOre: 20_000, creditedOre: 10_000, feesOre: 0 })).toEqual({ paidOre: 10_000, creditedOre: 0, feesOre: 0, outstandingOre: 38_600 });
    expect(receivableAsOf(now, '2027-02-28', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toEqual({ paidOre: 30_000, creditedOre: 10_000, feesOre: 0, outstandingOre: 8_600 });
  });

  it('keeps the reminder fees charged by the day and takes back those charged after it; none once credited in full by then', () => {
    const reminded = aReceivable({ feesOre: 7_000, balanceOre: 55_600, reminders: { count: 2, feesCharged: 2, lastSentOn: '2027-03-20', lastPayBy: '2027-04-03' } });
    expect(receivableAsOf(reminded, '2027-03-10', { paidOre: 0, creditedOre: 0, feesOre: 3_500 })).toEqual({ paidOre: 0, creditedOre: 0, feesOre: 3_500, outstandingOre: 52_100 });
    expect(receivableAsOf(reminded, '2027-03-25', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toMatchObject({ feesOre: 7_000, outstandingOre: 55_600 });
    const credited = { ...reminded, creditedOre: 48_600, balanceOre: 0, status: 'credited' as const };
    expect(receivableAsOf(credited, '2027-03-25', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toMatchObject({ feesOre: 0, outstandingOre: 0 });
  });

  it('has nothing for an invoice not yet issued on the day, or written off by then; a write-off after the day leaves it owing', () => {
    expect(receivableAsOf(aReceivable(), '2027-01-15', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toBeUndefined();
    const writtenOff = aReceivable({ status: 'written_off', writeOff: { reason: 'uncollectable', at: '2027-06-01T10:00:00.000Z', date: '2027-06-01' } });
    expect(receivableAsOf(writtenOff, '2027-06-01', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toBeUndefined();
    expect(receivableAsOf(writtenOff, '2027-05-31', { paidOre: 0, creditedOre: 0, feesOre: 0 })).toEqual({ paidOre: 0, creditedOre: 0, feesOre: 0, outstandingOre: 48_600 });
  });
});

describe('the list per customer', () => {
  const asOf = '2027-03-15';
  const items = [
    itemOf(aReceivable({ documentNumber: 10007, customerId: 'c-ola', dueDate: '2027-03-20' }), asOf),
    itemOf(aReceivable({ documentNumber: 10003, dueDate: '2027-02-28', paidOre: 8_600, balanceOre: 40_000, status: 'partly_paid' }), asOf),
    itemOf(aReceivable({ documentNumber: 10001 }), asOf),
    itemOf(aReceivable({ documentNumber: 10005, customerId: 'c-ola', paidOre: 50_000, balanceOre: -1_400, status: 'paid' }), asOf),
    itemOf(aReceivable({ documentNumber: 10009, customerId: 'c-gone', dueDate: '2026-10-01' }), asOf),
  ];
  const list = groupReskontro(asOf, items, new Map([['c-kari', 'Kari Nordmann'], ['c-ola', 'Ola Hansen']]));

  it('groups by customer name (a customer without a profile first, unnamed), each customer\'s invoices by due date, with totals that are the sums of their lines', () => {
    expect(list.customers.map((c) => [c.name, c.items.map((i) => i.documentNumber)])).toEqual([
      ['', [10009]],
      ['Kari Nordmann', [10001, 10003]],
      ['Ola Hansen', [10005, 10007]],
    ]);
    expect(list.customers[1]?.totals).toEqual({ not_due: 0, days_0_30: 40_000, days_31_60: 48_600, days_61_90: 0, days_over_90: 0, credit: 0, outstandingOre: 88_600 });
    expect(list.customers[2]?.totals).toEqual({ not_due: 48_600, days_0_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 0, credit: -1_400, outstandingOre: 47_200 });
    expect(list.totals).toEqual({ not_due: 48_600, days_0_30: 40_000, days_31_60: 48_600, days_61_90: 0, days_over_90: 48_600, credit: -1_400, outstandingOre: 184_400 });
  });

  it('writes the CSV as the journal does: BOM, semicolons, decimal commas, a subtotal per customer and the totals last', () => {
    const csv = reskontroCsv(list);
    expect(csv.startsWith('\uFEFFKundenr;Kunde;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt;Kreditert;Gebyr;Utestående;Dager forfalt;Ikke forfalt;0–30 dager;31–60 dager;61–90 dager;Over 90 dager;Til gode kunde;Påløpt forsinkelsesrente (ikke bokført)\r\n')).toBe(true);
    const rows = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(';'));
    expect(rows.every((r) => r.length === 18)).toBe(true);
    expect(rows[4]).toEqual(['c-kari', 'Kari Nordmann', '10003', '2027-01-16', '2027-02-28', '486,00', '86,00', '0,00', '0,00', '400,00', '15', '', '400,00', '', '', '', '', '']);
    expect(rows[5]).toEqual(['c-kari', 'Kari Nordmann', 'Sum kunde (2 fakturaer)', '', '', '', '', '', '', '886,00', '', '0,00', '400,00', '486,00', '0,00', '0,00', '0,00', '']);
    expect(rows[6]).toEqual(['c-ola', 'Ola Hansen', '10005', '2027-01-16', DUE, '486,00', '500,00', '0,00', '0,00', '-14,00', '0', '', '', '', '', '', '-14,00', '']);
    expect(rows.at(-1)).toEqual(['Sum', '', '5 fakturaer', '', 'per 2027-03-15', '', '', '', '', '1844,00', '', '486,00', '400,00', '486,00', '0,00', '486,00', '-14,00', '']);
  });

  it('shows the late-payment interest accrued by the day beside a line when the shop charges it, in no total', () => {
    const charging = { lateInterest: { rateBasisPoints: 1_225, source: 'test' } };
    // 48 600 øre × 12,25 % × 30/365, from the due date.
    const line = reskontroItem(aReceivable(), addDays(DUE, 30), receivableNow(aReceivable()), charging) as ReskontroItem;
    expect(line).toMatchObject({ outstandingOre: 48_600, lateInterestOre: 489 });
    expect(reskontroItem(aReceivable(), DUE, receivableNow(aReceivable()), charging)).not.toHaveProperty('lateInterestOre');
    const list = groupReskontro(addDays(DUE, 30), [line], new Map());
    expect(list.totals.outstandingOre).toBe(48_600);
    // Written off 60 days after the due date: as of the 30th day it was still owed, with its interest; from the write-off, none
    const writeOffDay = addDays(DUE, 60);
    const writtenOff = aReceivable({ status: 'written_off', writeOff: { reason: 'uncollectable', at: `${writeOffDay}T10:00:00.000Z`, date: writeOffDay } });
    const before = receivableAsOf(writtenOff, addDays(DUE, 30), { paidOre: 0, creditedOre: 0, feesOre: 0 });
    expect(reskontroItem(writtenOff, addDays(DUE, 30), before!, charging)).toMatchObject({ outstandingOre: 48_600, lateInterestOre: 489 });
    expect(reskontroItem(writtenOff, writeOffDay, receivableNow(writtenOff), charging)).not.toHaveProperty('lateInterestOre');
    expect(reskontroCsv(list).split('\r\n')[1]?.split(';').at(-1)).toBe('4,89');
  });

  it('never lets a spreadsheet run a name as a formula, and quotes what needs quoting', () => {
    const named = groupReskontro(asOf, items.slice(0, 1), new Map([['c-ola', '=HYPERLINK("http://x"); Hansen']]));
    expect(reskontroCsv(named)).toContain(`;"'=HYPERLINK(""http://x""); Hansen";`);
  });
});
