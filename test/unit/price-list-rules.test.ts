import { ConflictError, ValidationError } from '#shared/domain/kernel/errors';
import {
  changePriceListItem,
  newExpressOption,
  newPriceListItem,
  PRICE_CATEGORIES,
  PRICE_CATEGORY_LABELS,
  retirePriceListItem,
  sortPriceList,
  turnaroundLabel,
  type ExpressOptionInput,
  type PriceListItemFields,
} from '#shared/domain/orders/price-list';

/** The price list's own rules: what an item may be, how it changes and retires, the express option. */
const AT = '2027-01-11T08:00:00.000Z';
const LATER = '2027-01-12T09:30:00.000Z';
const DRESS: PriceListItemFields = { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 };

const pointersOf = (act: () => unknown): string[] => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.pointer);
  }
  throw new Error('It was accepted');
};

describe('a new price-list item', () => {
  it('is active at version 1, its name trimmed', () => {
    expect(newPriceListItem('P1', { ...DRESS, name: '  Dress ' }, AT)).toEqual({ itemId: 'P1', ...DRESS, status: 'active', version: 1, createdAt: AT, updatedAt: AT });
  });

  it.each<[string, Partial<PriceListItemFields>, string[]]>([
    ['an empty name', { name: '   ' }, ['/name']],
    ['a name longer than the board', { name: 'x'.repeat(81) }, ['/name']],
    ['a category not on the board', { category: 'hatter' as never }, ['/category']],
    ['a unit we do not price by', { unit: 'per_meter' as never }, ['/unit']],
    ['a price below 1 krone', { priceOre: 99 }, ['/priceOre']],
    ['a price in fractions of an øre', { priceOre: 22_900.5 }, ['/priceOre']],
    ['a price above 100 000 kroner', { priceOre: 10_000_001 }, ['/priceOre']],
    ['a negative turnaround', { turnaroundWorkingDays: -1 }, ['/turnaroundWorkingDays']],
    ['a turnaround of half a day', { turnaroundWorkingDays: 0.5 }, ['/turnaroundWorkingDays']],
    ['a turnaround over six weeks', { turnaroundWorkingDays: 31 }, ['/turnaroundWorkingDays']],
    ['a missing field', { priceOre: undefined }, ['/priceOre']],
    ['several at once', { name: '', priceOre: 0, turnaroundWorkingDays: 99 }, ['/name', '/priceOre', '/turnaroundWorkingDays']],
  ])('refuses %s, naming the field', (_name, fields, pointers) => {
    expect(pointersOf(() => newPriceListItem('P1', { ...DRESS, ...fields } as PriceListItemFields, AT))).toEqual(pointers);
  });

  it('accepts the bounds: 1 krone, 100 000 kroner, same day and 30 working days', () => {
    expect(newPriceListItem('P1', { ...DRESS, priceOre: 100, turnaroundWorkingDays: 0 }, AT).priceOre).toBe(100);
    expect(newPriceListItem('P1', { ...DRESS, priceOre: 10_000_000, turnaroundWorkingDays: 30 }, AT).turnaroundWorkingDays).toBe(30);
  });
});

describe('changing and retiring an item', () => {
  const dress = newPriceListItem('P1', DRESS, AT);

  it('changes only what is given, at the next version', () => {
    expect(changePriceListItem(dress, { priceOre: 24_900, name: ' Dress, 2 deler ' }, LATER)).toEqual({ ...dress, priceOre: 24_900, name: 'Dress, 2 deler', version: 2, updatedAt: LATER });
  });

  it('refuses a change to nothing, or out of bounds', () => {
    expect(pointersOf(() => changePriceListItem(dress, {}, LATER))).toEqual(['']);
    expect(pointersOf(() => changePriceListItem(dress, { priceOre: -5, unit: 'per_ton' as never }, LATER))).toEqual(['/unit', '/priceOre']);
  });

  it('retires an item, which keeps everything it was', () => {
    expect(retirePriceListItem(dress, LATER)).toEqual({ ...dress, status: 'retired', retiredAt: LATER, version: 2, updatedAt: LATER });
  });

  it('refuses to change or retire a retired item (409): it is history', () => {
    const retired = retirePriceListItem(dress, LATER);
    expect(() => changePriceListItem(retired, { priceOre: 1_000 }, LATER)).toThrow(ConflictError);
    expect(() => retirePriceListItem(retired, LATER)).toThrow(ConflictError);
  });
});

describe('the list as the board shows it', () => {
  it('sorts by section in the board\'s order, then by name as Norwegian sorts (Å after Z)', () => {
    const items = [
      newPriceListItem('P1', { ...DRESS, name: 'Åpning av søm', category: 'som_og_reparasjon' }, AT),
      newPriceListItem('P2', { ...DRESS, name: 'Skjorte', category: 'skjorter' }, AT),
      newPriceListItem('P3', { ...DRESS, name: 'Kjole' }, AT),
      newPriceListItem('P4', { ...DRESS, name: 'Zip, bytte', category: 'som_og_reparasjon' }, AT),
      newPriceListItem('P5', { ...DRESS, name: 'Dress' }, AT),
    ];
    expect(sortPriceList(items).map((item) => item.itemId)).toEqual(['P5', 'P3', 'P2', 'P4', 'P1']);
  });

  it('has a Norwegian label for every section', () => {
    expect(PRICE_CATEGORIES.map((category) => PRICE_CATEGORY_LABELS[category])).toEqual(['Rens', 'Vask og press', 'Skjorter', 'Dyner og tepper', 'Skinn og semsket', 'Søm og reparasjon']);
  });

  it.each([
    [0, 'Samme dag'],
    [1, 'Neste arbeidsdag'],
    [3, '3 arbeidsdager'],
  ])('says a turnaround of %i working days as "%s"', (days, label) => {
    expect(turnaroundLabel(days)).toBe(label);
  });
});

describe('the express option', () => {
  it.each<[string, ExpressOptionInput]>([
    ['a percentage, next working day', { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }],
    ['a fixed amount, same day', { offered: true, surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0 }],
  ])('is %s, at the version after the one it replaces', (_name, input) => {
    expect(newExpressOption(input, 0, AT)).toEqual({ ...input, version: 1, updatedAt: AT });
  });

  it('can stop being offered', () => {
    expect(newExpressOption({ offered: false }, 4, AT)).toEqual({ offered: false, version: 5, updatedAt: AT });
  });

  it.each<[string, unknown, string[]]>([
    ['both a percentage and an amount', { surcharge: { percent: 50, amountOre: 100 } }, ['/surcharge']],
    ['neither', { surcharge: {} }, ['/surcharge']],
    ['0 %', { surcharge: { percent: 0 } }, ['/surcharge/percent']],
    ['more than 200 %', { surcharge: { percent: 201 } }, ['/surcharge/percent']],
    ['0 øre', { surcharge: { amountOre: 0 } }, ['/surcharge/amountOre']],
    ['a turnaround of a week', { turnaroundWorkingDays: 6 }, ['/turnaroundWorkingDays']],
  ])('refuses %s, naming the field', (_name, change, pointers) => {
    const input = { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, ...(change as object) } as ExpressOptionInput;
    expect(pointersOf(() => newExpressOption(input, 0, AT))).toEqual(pointers);
  });
});
