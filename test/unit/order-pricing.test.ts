import { ValidationError } from '#shared/domain/kernel/errors';
import { kgTenths, priceOrderLines, proposePromisedDate, type OrderLineInput, type OrderPricingInput } from '#shared/domain/orders/order-pricing';
import type { ExpressOption, PriceListItem } from '#shared/domain/orders/price-list';
import { orderLineInput } from '#shared/schemas/price-list.schema';
import { aPriceListItem } from '../helpers/fixtures';

/**
 * Pricing at intake, table by table: the lines and totals, the rounding, the proposed promised
 * date, and every way a line is refused (by its pointer). 2027-01-11 is a Monday.
 */
const MONDAY = '2027-01-11';
const AT = '2027-01-04T08:00:00.000Z';
const item = (itemId: string, overrides: Partial<PriceListItem> = {}) => aPriceListItem(itemId, overrides, AT);
const DRESS = item('P1', {});
const SHIRT = item('P2', { name: 'Skjorte, vask og press', category: 'skjorter', priceOre: 6_900, turnaroundWorkingDays: 2 });
const BY_WEIGHT = item('P3', { name: 'Vask per kilo', category: 'vask_og_press', priceOre: 9_995, unit: 'per_kg', turnaroundWorkingDays: 2 });
const DUVET = item('P4', { name: 'Dyne, enkel', category: 'dyner_og_tepper', priceOre: 39_900, unit: 'per_piece', turnaroundWorkingDays: 5 });
const QUICK = item('P5', { name: 'Press, bukse', category: 'vask_og_press', priceOre: 8_900, turnaroundWorkingDays: 0 });
const RETIRED = item('P6', { name: 'Hatt', status: 'retired', retiredAt: AT, version: 2 });
const PRICE_LIST = [DRESS, SHIRT, BY_WEIGHT, DUVET, QUICK, RETIRED];

const HALF_PRICE_NEXT_DAY: ExpressOption = { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, version: 1, updatedAt: AT };
const FLAT_SAME_DAY: ExpressOption = { offered: true, surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0, version: 1, updatedAt: AT };
const NOT_OFFERED: ExpressOption = { offered: false, version: 3, updatedAt: AT };

const line = (priceListItemId: string, quantity = 1): OrderLineInput => ({ priceListItemId, quantity });
const freeText = (service: string, unitPriceOre: number, quantity = 1): OrderLineInput => ({ freeText: { service, unitPriceOre, quantity } });
const percentOff = (percent: number, reason = 'stamkunde'): OrderLineInput => ({ discount: { reason, percent } }) as OrderLineInput;
const amountOff = (amountOre: number, reason = 'kompensasjon'): OrderLineInput => ({ discount: { reason, amountOre } }) as OrderLineInput;

type Case = { input: OrderPricingInput; express?: ExpressOption; today?: string };
const price = ({ input, express, today = MONDAY }: Case) => priceOrderLines(input, PRICE_LIST, express, { today });

describe('priced lines, totals and the promised date', () => {
  it.each<[string, Case, { totals: [gross: number, vat: number]; subtotal?: number; discount?: number; lineTotals: number[]; promised?: string }]>([
    ['one dress: three working days from Monday is Thursday', { input: { lines: [line('P1')] } }, { totals: [22_900, 4_580], lineTotals: [22_900], promised: '2027-01-14' }],
    ['a dress and three shirts: the longest turnaround sets the date', { input: { lines: [line('P1'), line('P2', 3)] } }, { totals: [43_600, 8_720], lineTotals: [22_900, 20_700], promised: '2027-01-14' }],
    ['2.5 kg by weight: 9 995 × 25 ÷ 10 = 24 987.5, half up', { input: { lines: [line('P3', 2.5)] } }, { totals: [24_988, 4_998], lineTotals: [24_988], promised: '2027-01-13' }],
    ['0.3 kg: 2 998.5 øre, half up', { input: { lines: [line('P3', 0.3)] } }, { totals: [2_999, 600], lineTotals: [2_999], promised: '2027-01-13' }],
    ['2.3 kg, which is 22.999… tenths in binary, still counts as 23 tenths', { input: { lines: [line('P3', 2.3)] } }, { totals: [22_989, 4_598], lineTotals: [22_989], promised: '2027-01-13' }],
    ['free text alone: no turnaround, so no proposed date', { input: { lines: [freeText('Bytte glidelås', 25_000)] } }, { totals: [25_000, 5_000], lineTotals: [25_000] }],
    ['free text beside a dress: the dress sets the date', { input: { lines: [freeText('Sy i knapp', 5_000, 2), line('P1')] } }, { totals: [32_900, 6_580], lineTotals: [10_000, 22_900], promised: '2027-01-14' }],
    ['10 % off a dress and three shirts', { input: { lines: [line('P1'), line('P2', 3), percentOff(10)] } }, { totals: [39_240, 7_848], subtotal: 43_600, discount: 4_360, lineTotals: [22_900, 20_700, -4_360], promised: '2027-01-14' }],
    ['10 % of 12 345 øre is 1 234.5: half up to 1 235', { input: { lines: [freeText('Rens av brudekjole', 12_345), percentOff(10, 'kampanje')] } }, { totals: [11_110, 2_222], discount: 1_235, lineTotals: [12_345, -1_235] }],
    ['two percentages each of what is charged, not of what the first left', { input: { lines: [line('P1'), line('P2', 3), percentOff(10), percentOff(20, 'kampanje')] } }, { totals: [30_520, 6_104], discount: 13_080, lineTotals: [22_900, 20_700, -4_360, -8_720], promised: '2027-01-14' }],
    ['a fixed amount off', { input: { lines: [line('P1'), line('P2', 3), amountOff(5_000)] } }, { totals: [38_600, 7_720], discount: 5_000, lineTotals: [22_900, 20_700, -5_000], promised: '2027-01-14' }],
    ['a complaint redone free: 100 % off, a total of 0 and no VAT', { input: { lines: [line('P1'), percentOff(100, 'reklamasjon')] } }, { totals: [0, 0], discount: 22_900, lineTotals: [22_900, -22_900], promised: '2027-01-14' }],
    ['a discount exactly as large as the order leaves 0', { input: { lines: [line('P2'), amountOff(6_900, 'personale')] } }, { totals: [0, 0], discount: 6_900, lineTotals: [6_900, -6_900], promised: '2027-01-13' }],
  ])('%s', (_name, input, expected) => {
    const priced = price(input);
    expect(priced.lines.map((l) => l.lineTotalOre)).toEqual(expected.lineTotals);
    expect([priced.totals.grossOre, priced.totals.vatOre]).toEqual(expected.totals);
    expect(priced.totals.netOre + priced.totals.vatOre).toBe(priced.totals.grossOre);
    expect(priced.lines.reduce((sum, l) => sum + l.lineTotalOre, 0)).toBe(priced.totals.grossOre);
    expect(priced.subtotalOre - priced.discountOre).toBe(priced.totals.grossOre);
    if (expected.subtotal !== undefined) expect(priced.subtotalOre).toBe(expected.subtotal);
    expect(priced.discountOre).toBe(expected.discount ?? 0);
    expect(priced.promisedReadyAt).toBe(expected.promised);
  });

  it.each<[string, Case, { lineTotals: number[]; gross: number; promised?: string }]>([
    ['express at 50 % on a dress: its own last line, and next working day', { input: { lines: [line('P1')], express: true }, express: HALF_PRICE_NEXT_DAY }, { lineTotals: [22_900, 11_450], gross: 34_350, promised: '2027-01-12' }],
    ['express is charged on free text too, and a discount is taken off both', { input: { lines: [line('P1'), freeText('Flekk', 3_000), percentOff(10)], express: true }, express: HALF_PRICE_NEXT_DAY }, { lineTotals: [22_900, 3_000, -3_885, 12_950], gross: 34_965, promised: '2027-01-12' }],
    ['a flat express surcharge, same day', { input: { lines: [line('P4', 2)], express: true }, express: FLAT_SAME_DAY }, { lineTotals: [79_800, 15_000], gross: 94_800, promised: MONDAY }],
    ['express on Friday, next working day: Monday', { input: { lines: [line('P1')], express: true }, express: HALF_PRICE_NEXT_DAY, today: '2027-01-15' }, { lineTotals: [22_900, 11_450], gross: 34_350, promised: '2027-01-18' }],
    ['express never makes an order later than its items would be', { input: { lines: [line('P5')], express: true }, express: HALF_PRICE_NEXT_DAY }, { lineTotals: [8_900, 4_450], gross: 13_350, promised: MONDAY }],
    ['express on free text alone gives the express date', { input: { lines: [freeText('Skift fôr', 40_000)], express: true }, express: FLAT_SAME_DAY }, { lineTotals: [40_000, 15_000], gross: 55_000, promised: MONDAY }],
    ['express: false adds nothing, whatever the shop offers', { input: { lines: [line('P1')], express: false }, express: HALF_PRICE_NEXT_DAY }, { lineTotals: [22_900], gross: 22_900, promised: '2027-01-14' }],
    ['a dress on Friday, three working days: Wednesday', { input: { lines: [line('P1')] }, today: '2027-01-15' }, { lineTotals: [22_900], gross: 22_900, promised: '2027-01-20' }],
    ['a dress handed in on Saturday counts from Monday: Thursday', { input: { lines: [line('P1')] }, today: '2027-01-16' }, { lineTotals: [22_900], gross: 22_900, promised: '2027-01-21' }],
  ])('%s', (_name, input, expected) => {
    const priced = price(input);
    expect(priced.lines.map((l) => l.lineTotalOre)).toEqual(expected.lineTotals);
    expect(priced.totals.grossOre).toBe(expected.gross);
    expect(priced.lines.reduce((sum, l) => sum + l.lineTotalOre, 0)).toBe(priced.totals.grossOre);
    expect(priced.promisedReadyAt).toBe(expected.promised);
  });

  it('keeps the item on the line as it was priced, marks free text, and numbers lines by their place with express last', () => {
    const priced = price({ input: { lines: [percentOff(10), line('P3', 1.5), freeText('  Bytte glidelås ', 25_000)], express: true }, express: HALF_PRICE_NEXT_DAY });
    expect(priced.lines).toEqual([
      { lineNo: 1, kind: 'discount', reason: 'stamkunde', percent: 10, lineTotalOre: -5_999 },
      { lineNo: 2, kind: 'price_list', priceListItemId: 'P3', name: 'Vask per kilo', category: 'vask_og_press', unit: 'per_kg', unitPriceOre: 9_995, quantity: 1.5, lineTotalOre: 14_993 },
      { lineNo: 3, kind: 'free_text', service: 'Bytte glidelås', unitPriceOre: 25_000, quantity: 1, lineTotalOre: 25_000 },
      { lineNo: 4, kind: 'express', surcharge: { percent: 50 }, lineTotalOre: 19_997 },
    ]);
    // 1.5 kg: 14 992.5 → 14 993; express, 50 % of 39 993: 19 996.5 → 19 997; the discount, 10 % of 59 990.
    expect(priced).toMatchObject({ subtotalOre: 59_990, discountOre: 5_999, totals: { grossOre: 53_991 }, promisedReadyAt: '2027-01-12' });
  });

  it('takes the price as given: the same order priced after a price change keeps each its own price', () => {
    const before = price({ input: { lines: [line('P1')] } });
    const after = priceOrderLines({ lines: [line('P1')] }, [{ ...DRESS, priceOre: 24_900, version: 2 }], undefined, { today: MONDAY });
    expect(before.lines[0]).toMatchObject({ unitPriceOre: 22_900, lineTotalOre: 22_900 });
    expect(after.lines[0]).toMatchObject({ unitPriceOre: 24_900, lineTotalOre: 24_900 });
  });
});

describe('lines refused, each by its pointer', () => {
  const refusal = (input: Case): { pointer: string }[] => {
    try {
      price(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map(({ pointer }) => ({ pointer }));
    }
    throw new Error('The lines were priced');
  };

  it.each<[string, Case, string[]]>([
    ['an item not on the price list', { input: { lines: [line('P99')] } }, ['/lines/0/priceListItemId']],
    ['a retired item', { input: { lines: [line('P1'), line('P6')] } }, ['/lines/1/priceListItemId']],
    ['half a dress', { input: { lines: [line('P1', 1.5)] } }, ['/lines/0/quantity']],
    ['no dress', { input: { lines: [line('P1', 0)] } }, ['/lines/0/quantity']],
    ['a thousand duvets', { input: { lines: [line('P4', 1_000)] } }, ['/lines/0/quantity']],
    ['a weight with two decimals', { input: { lines: [line('P3', 2.55)] } }, ['/lines/0/quantity']],
    ['no weight', { input: { lines: [line('P3', 0)] } }, ['/lines/0/quantity']],
    ['a ton of washing', { input: { lines: [line('P3', 1_000)] } }, ['/lines/0/quantity']],
    ['free text without a service', { input: { lines: [freeText('   ', 5_000)] } }, ['/lines/0/freeText/service']],
    ['free text at a negative price, in no pieces', { input: { lines: [freeText('Sy', -1, 0)] } }, ['/lines/0/freeText/unitPriceOre', '/lines/0/freeText/quantity']],
    ['a discount for a reason not on the list', { input: { lines: [line('P1'), { discount: { reason: 'venn', percent: 10 } } as unknown as OrderLineInput] } }, ['/lines/1/discount/reason']],
    ['a discount in percent and øre at once', { input: { lines: [line('P1'), { discount: { reason: 'kampanje', percent: 10, amountOre: 500 } } as unknown as OrderLineInput] } }, ['/lines/1/discount']],
    ['a discount of 0 %', { input: { lines: [line('P1'), percentOff(0)] } }, ['/lines/1/discount/percent']],
    ['a discount of 101 %', { input: { lines: [line('P1'), percentOff(101)] } }, ['/lines/1/discount/percent']],
    ['a discount of 12.5 %', { input: { lines: [line('P1'), percentOff(12.5)] } }, ['/lines/1/discount/percent']],
    ['a discount of 0 øre', { input: { lines: [line('P1'), amountOff(0)] } }, ['/lines/1/discount/amountOre']],
    ['a discount larger than the order', { input: { lines: [line('P1'), amountOff(22_901)] } }, ['/lines/1/discount/amountOre']],
    ['discounts together larger than the order, named at the one that tips it', { input: { lines: [line('P1'), percentOff(60), percentOff(50), amountOff(1)] } }, ['/lines/2/discount/percent']],
    ['discounts with nothing to discount', { input: { lines: [percentOff(10)] } }, ['/lines']],
    ['no lines', { input: { lines: [] } }, ['/lines']],
    ['express when the shop never set it', { input: { lines: [line('P1')], express: true } }, ['/express']],
    ['express when the shop stopped offering it', { input: { lines: [line('P1')], express: true }, express: NOT_OFFERED }, ['/express']],
    ['a line that is two things at once', { input: { lines: [{ priceListItemId: 'P1', quantity: 1, freeText: { service: 'Sy', unitPriceOre: 100, quantity: 1 } } as unknown as OrderLineInput] } }, ['/lines/0']],
    ['a line that is nothing', { input: { lines: [{} as OrderLineInput] } }, ['/lines/0']],
    [
      'several bad lines at once, each named',
      { input: { lines: [line('P99'), line('P1'), line('P6'), line('P3', 0.25), freeText('', 100)], express: true } },
      ['/lines/0/priceListItemId', '/lines/2/priceListItemId', '/lines/3/quantity', '/lines/4/freeText/service', '/express'],
    ],
  ])('%s', (_name, input, pointers) => {
    expect(refusal(input)).toEqual(pointers.map((pointer) => ({ pointer })));
  });

  it('says in the detail which item and what it takes', () => {
    const issues = (input: Case) => {
      try {
        price(input);
        return [];
      } catch (error) {
        return (error as ValidationError).issues.map((issue) => issue.detail);
      }
    };
    expect(issues({ input: { lines: [line('P6')] } })).toEqual(['P6 (Hatt) is retired from the price list and is not taken in any more']);
    expect(issues({ input: { lines: [line('P3', 2.55)] } })).toEqual(['Vask per kilo is priced per kg: a weight from 0.1 to 999.9 kg, to one decimal']);
    expect(issues({ input: { lines: [line('P1'), amountOff(30_000)] } })).toEqual(['The discounts come to 30000 øre with this one; the order comes to 22900 øre']);
  });
});

describe('weights to one decimal', () => {
  it.each([
    [0.1, 1],
    [2.3, 23],
    [2.5, 25],
    [999.9, 9_999],
    [0.05, undefined],
    [2.55, undefined],
    [0, undefined],
    [1_000, undefined],
    [-1, undefined],
    [Number.NaN, undefined],
  ])('%p kg is %p tenths', (kg, tenths) => {
    expect(kgTenths(kg)).toBe(tenths);
  });
});

describe('the proposed promised date', () => {
  it.each<[string, number[], number | undefined, string, string | undefined]>([
    ['the longest turnaround', [1, 3, 2], undefined, MONDAY, '2027-01-14'],
    ['same day on a working day', [0], undefined, MONDAY, MONDAY],
    ['same day from Sunday is Monday', [0], undefined, '2027-01-10', MONDAY],
    ['across a weekend', [5], undefined, MONDAY, '2027-01-18'],
    ['express shortens it', [5], 1, MONDAY, '2027-01-12'],
    ['express does not lengthen it', [0], 2, MONDAY, MONDAY],
    ['nothing to go by', [], undefined, MONDAY, undefined],
    ['express alone', [], 0, '2027-01-16', '2027-01-18'],
  ])('%s', (_name, turnarounds, express, today, promised) => {
    expect(proposePromisedDate(turnarounds, express, today)).toBe(promised);
  });
});

describe('the line schema intake takes (shared/schemas/price-list.schema.ts)', () => {
  const schema = orderLineInput();
  it.each<[string, unknown]>([
    ['an item by pieces', { priceListItemId: 'P12', quantity: 3 }],
    ['an item by weight', { priceListItemId: 'P3', quantity: 2.5 }],
    ['free text', { freeText: { service: 'Bytte glidelås', unitPriceOre: 25_000, quantity: 1 } }],
    ['a discount in percent', { discount: { reason: 'honnor', percent: 15 } }],
    ['a discount in øre', { discount: { reason: 'reklamasjon', amountOre: 5_000 } }],
  ])('takes %s', (_name, line) => {
    expect(schema.safeParse(line).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an id that is not one', { priceListItemId: 'dress', quantity: 1 }],
    ['two kinds at once', { priceListItemId: 'P1', quantity: 1, discount: { reason: 'kampanje', percent: 10 } }],
    ['a discount in both', { discount: { reason: 'kampanje', percent: 10, amountOre: 100 } }],
    ['a reason not on the list', { discount: { reason: 'venn', percent: 10 } }],
    ['free text by weight', { freeText: { service: 'Vask', unitPriceOre: 100, quantity: 1.5 } }],
  ])('refuses %s', (_name, line) => {
    expect(schema.safeParse(line).success).toBe(false);
  });
});
