import type { AccountItem } from '#shared/domain/invoices/account-items';
import { collectiveInvoiceContent, periodEndedBefore, periodOf } from '#shared/domain/invoices/collective-invoice';
import { vatFromGross } from '#shared/domain/kernel/money';

const item = (orderId: string, n: number, date: string, grossOre: number, reference?: string): AccountItem => ({
  customerId: 'C1',
  orderId,
  n,
  at: `${date}T10:00:00.000Z`,
  date,
  lines: [{ line: 1, name: 'Duker', quantity: 1, amountOre: grossOre }],
  totals: vatFromGross(grossOre, 25),
  ...(reference !== undefined ? { reference } : {}),
});

describe('the collective invoice\'s period', () => {
  it.each([
    ['2027-01-01', 'month', { key: '2027-01', from: '2027-01-01', to: '2027-01-31' }],
    ['2027-02-28', 'month', { key: '2027-02', from: '2027-02-01', to: '2027-02-28' }],
    ['2028-02-29', 'month', { key: '2028-02', from: '2028-02-01', to: '2028-02-29' }],
    ['2027-12-31', 'month', { key: '2027-12', from: '2027-12-01', to: '2027-12-31' }],
    ['2027-05-15', 'quarter', { key: '2027-Q2', from: '2027-04-01', to: '2027-06-30' }],
    ['2027-12-31', 'quarter', { key: '2027-Q4', from: '2027-10-01', to: '2027-12-31' }],
  ] as const)('holds %s in its %s', (date, period, expected) => {
    expect(periodOf(date, period)).toEqual(expected);
  });

  it.each([
    ['2027-02-01', 'month', '2027-01'],
    ['2027-01-01', 'month', '2026-12'],
    ['2027-03-01', 'month', '2027-02'],
    // Run late, it still invoices the period just ended, never the one running.
    ['2027-03-05', 'month', '2027-02'],
    ['2027-01-01', 'quarter', '2026-Q4'],
    ['2027-04-02', 'quarter', '2027-Q1'],
  ] as const)('on %s (%s) invoices %s', (today, period, key) => {
    expect(periodEndedBefore(today, period).key).toBe(key);
  });
});

describe('what the collective invoice lists', () => {
  const january = periodOf('2027-01-15', 'month');

  it('lists each pickup of the period as its order, in the order picked up, and sums gross before taking out the VAT', () => {
    const content = collectiveInvoiceContent([item('12', 1, '2027-01-20', 101), item('9', 2, '2027-01-05', 101, 'Kjøkkenet'), item('9', 1, '2027-01-05', 101), item('30', 1, '2027-02-01', 50_000)], january);
    expect(content?.orders.map((o) => [o.orderId, o.n, o.date])).toEqual([['9', 1, '2027-01-05'], ['9', 2, '2027-01-05'], ['12', 1, '2027-01-20']]);
    expect(content?.orders[1]?.reference).toBe('Kjøkkenet');
    // 3 × 101 øre: each alone has 20 øre VAT (60), the invoice's 303 gross has 61.
    expect(content?.totals).toEqual([{ grossOre: 303, vatOre: 61, netOre: 242, vatRatePercent: 25 }]);
  });

  it('takes a pickup its own period\'s invoice missed (picked up after that was claimed) onto the next, with its own date', () => {
    const content = collectiveInvoiceContent([item('12', 1, '2027-01-20', 101), item('7', 1, '2026-12-31', 50_000)], january);
    expect(content?.orders.map((o) => [o.orderId, o.date])).toEqual([['7', '2026-12-31'], ['12', '2027-01-20']]);
    expect(content?.totals[0]?.grossOre).toBe(50_101);
  });

  it('is nothing when the business picked nothing up in the period, so no number is spent', () => {
    expect(collectiveInvoiceContent([item('30', 1, '2027-02-01', 50_000)], january)).toBeUndefined();
    expect(collectiveInvoiceContent([], january)).toBeUndefined();
  });
});
