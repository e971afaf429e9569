import type { AccountItem } from '#shared/domain/invoices/account-items';
import { buildCollectiveInvoice, collectiveInvoiceContent, periodEndedBefore, periodNamed, periodOf } from '#shared/domain/invoices/collective-invoice';
import type { Customer } from '#shared/domain/customers/customers';
import { ValidationError } from '#shared/domain/kernel/errors';
import { stageConfig } from '../../infra/config/stages';
import { aCollectiveInvoice, aHotelOnAccount } from '../helpers/collective-invoice';
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

describe('the period staff name', () => {
  it.each([
    ['2026-11', 'month', { key: '2026-11', from: '2026-11-01', to: '2026-11-30' }],
    ['2026-Q4', 'quarter', { key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' }],
    ['2026-Q1', 'quarter', { key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' }],
    ['2026-Q4', 'month', undefined],
    ['2026-11', 'quarter', undefined],
    ['2026-13', 'month', undefined],
  ] as const)('%s of a shop invoicing by %s is %j', (key, period, expected) => {
    expect(periodNamed(key, period)).toEqual(expected);
  });
});

describe('the collective invoice as a document', () => {
  const shop = stageConfig('local').shop;
  const november = periodOf('2026-11-15', 'month');
  const build = (customer: Customer, items: AccountItem[]) => buildCollectiveInvoice({ documentNumber: 10042, customer, items, period: november, shop, issuedAt: new Date('2026-12-01T05:00:00Z'), issueDate: '2026-12-01' });

  it('lists each pickup\'s lines one after another, each pickup with its count of them, to the business\'s invoice address and fixed reference', () => {
    const { document, items } = aCollectiveInvoice(shop, 4);
    expect(document.collectiveOrders?.map((o) => [o.orderId, o.lineCount])).toEqual([['2001', 2], ['2002', 1], ['2003', 2], ['2004', 1]]);
    expect(document.lines).toHaveLength(6);
    // 4 cloths at 356,00 divide into a unit price; 3 napkins at 45,01 do not, and are one amount.
    expect(document.lines[0]).toMatchObject({ description: 'Duk, stor', quantity: 4, unitPriceOre: 8_900, lineTotalOre: 35_600 });
    expect(document.lines[1]).toMatchObject({ description: 'Serviett (3)', quantity: 1, unitPriceOre: 4_501, lineTotalOre: 4_501 });
    expect(document.lines.reduce((sum, line) => sum + line.lineTotalOre, 0)).toBe(document.totals.grossOre);
    expect(document.totals.grossOre).toBe(items.reduce((sum, item) => sum + item.totals.grossOre, 0));
    expect(document).toMatchObject({ orderId: '2026-11', collectivePeriod: november, deliveryDate: '2026-11-05', dueDate: '2026-12-15', kid: '000100420', delivery: 'email', buyer: { name: 'Hotell Mjøsa AS', organisationNumber: '923609016', reference: 'Resepsjonen', address: { street: 'Strandgata 1' } } });
  });

  it('takes a discount\'s share as a negative line with its VAT turned, and is nothing when nothing is due', () => {
    const discounted = item('9', 1, '2026-11-10', 9_000);
    discounted.lines = [{ line: 1, name: 'Duk', quantity: 1, amountOre: 10_000 }, { line: 2, name: 'Rabatt', quantity: 1, amountOre: -1_000 }];
    const document = build(aHotelOnAccount(), [discounted]);
    expect(document?.lines[1]).toMatchObject({ lineTotalOre: -1_000, vatOre: -200 });
    expect(build(aHotelOnAccount(), [item('9', 1, '2026-12-01', 9_000)])).toBeUndefined();
  });

  it('refuses a private customer (400) before anything is counted, and invoices a business taken off account for what it picked up on account', () => {
    const hotel = aHotelOnAccount();
    expect(() => build({ ...hotel, business: undefined }, [])).toThrow(ValidationError);
    const offAccount = { ...hotel, business: { ...(hotel.business as NonNullable<Customer['business']>), onAccount: false } };
    expect(build(offAccount, [item('9', 1, '2026-11-03', 9_000)])).toMatchObject({ kind: 'invoice', totals: { grossOre: 9_000 } });
  });
});
