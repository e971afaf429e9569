import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { priceOrderLines } from '#shared/domain/orders/order-pricing';
import { PRICE_LIST_LIMITS, type PriceListItemFields } from '#shared/domain/orders/price-list';
import {
  addPriceListItem,
  addPriceListItems,
  changePriceListItem,
  getExpressOption,
  getPriceListItem,
  listPriceList,
  retirePriceListItem,
  setExpressOption,
} from '#shared/domain/orders/price-list-use-cases';
import { fakeClock, DAY_MS } from '../../helpers/fake-clock';
import { inMemoryDeps } from '../../helpers/in-memory';

/** The price list's use cases on the in-memory ports, with a clock the test sets. */
const START = '2027-01-11T08:00:00.000Z';
const given = () => {
  const clock = fakeClock(START);
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};
const DRESS: PriceListItemFields = { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 };
const SHIRT: PriceListItemFields = { name: 'Skjorte, vask og press', category: 'skjorter', priceOre: 6_900, unit: 'per_garment', turnaroundWorkingDays: 2 };

describe('adding to the price list', () => {
  it('numbers items P1, P2, … and stores them active at version 1', async () => {
    // Given an empty list
    const { deps } = given();
    // When a clerk adds a dress and a shirt
    const dress = await addPriceListItem(deps, DRESS);
    const shirt = await addPriceListItem(deps, SHIRT);
    // Then they are P1 and P2, stamped with the clock, and the list shows them by section
    expect(dress).toEqual({ itemId: 'P1', ...DRESS, status: 'active', version: 1, createdAt: START, updatedAt: START });
    expect(shirt.itemId).toBe('P2');
    expect(await listPriceList(deps)).toEqual({ items: [dress, shirt], express: { offered: false, version: 0 } });
  });

  it('refuses an item out of bounds before it draws a number, and stores nothing', async () => {
    const { deps } = given();
    const before = deps.store.snapshot();
    await expect(addPriceListItem(deps, { ...DRESS, priceOre: -100 })).rejects.toMatchObject({ issues: [{ pointer: '/priceOre' }] });
    expect(deps.store.snapshot()).toEqual(before);
  });

  it('refuses an item once the list has handed out its numbers, and stores nothing', async () => {
    const { deps } = given();
    deps.store.counters.priceListItem = PRICE_LIST_LIMITS.maxItems;
    const before = deps.store.snapshot();
    await expect(addPriceListItem(deps, DRESS)).rejects.toBeInstanceOf(ConflictError);
    expect(deps.store.snapshot()).toEqual(before);
  });
});

describe('adding several items at once', () => {
  it('numbers them in the order given, after what the list has handed out', async () => {
    const { deps } = given();
    await addPriceListItem(deps, DRESS);
    const added = await addPriceListItems(deps, [SHIRT, { ...DRESS, name: 'Kjole', priceOre: 19_900 }]);
    expect(added.map((item) => [item.itemId, item.name])).toEqual([
      ['P2', 'Skjorte, vask og press'],
      ['P3', 'Kjole'],
    ]);
    expect((await listPriceList(deps)).items).toHaveLength(3);
  });

  it('refuses them all, naming each bad field by its place, and draws and stores nothing', async () => {
    const { deps } = given();
    const before = deps.store.snapshot();
    const refused = addPriceListItems(deps, [DRESS, { ...SHIRT, priceOre: 0 }, { ...DRESS, name: '', turnaroundWorkingDays: 50 }]);
    await expect(refused).rejects.toMatchObject({ issues: [{ pointer: '/1/priceOre' }, { pointer: '/2/name' }, { pointer: '/2/turnaroundWorkingDays' }] });
    await expect(addPriceListItems(deps, Array.from({ length: 101 }, () => DRESS))).rejects.toBeInstanceOf(ValidationError);
    expect(deps.store.snapshot()).toEqual(before);
  });
});

describe('changing an item', () => {
  it('changes it at the version read, and an order priced before keeps the old price', async () => {
    // Given a dress at 229 kr, and an order priced with it
    const { clock, deps } = given();
    const dress = await addPriceListItem(deps, DRESS);
    const taken = priceOrderLines({ lines: [{ priceListItemId: dress.itemId, quantity: 1 }] }, [dress], undefined, { today: '2027-01-11' });
    // When the price goes up the next day
    clock.advance(DAY_MS);
    const changed = await changePriceListItem(deps, dress.itemId, { priceOre: 24_900 }, 1);
    // Then the item is at version 2 with the new price, and the order's line still says 229 kr
    expect(changed).toEqual({ ...dress, priceOre: 24_900, version: 2, updatedAt: clock.iso() });
    expect(await getPriceListItem(deps, dress.itemId)).toEqual(changed);
    expect(taken.lines[0]).toMatchObject({ unitPriceOre: 22_900, lineTotalOre: 22_900 });
  });

  it('refuses a stale version (412), a retired item (409), an unknown one (404) and bad fields (400), changing nothing', async () => {
    const { deps } = given();
    const dress = await addPriceListItem(deps, DRESS);
    await changePriceListItem(deps, dress.itemId, { name: 'Dress, 2 deler' }, 1);
    const before = deps.store.snapshot();
    await expect(changePriceListItem(deps, dress.itemId, { priceOre: 1_000 }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(changePriceListItem(deps, 'P404', { priceOre: 1_000 }, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(changePriceListItem(deps, dress.itemId, { turnaroundWorkingDays: 99 }, 2)).rejects.toBeInstanceOf(ValidationError);
    expect(deps.store.snapshot()).toEqual(before);
    await retirePriceListItem(deps, dress.itemId, 2);
    const retired = deps.store.snapshot();
    await expect(changePriceListItem(deps, dress.itemId, { priceOre: 1_000 }, 3)).rejects.toBeInstanceOf(ConflictError);
    expect(deps.store.snapshot()).toEqual(retired);
  });
});

describe('retiring an item', () => {
  it('keeps it readable and listed as retired, and intake refuses it from then on', async () => {
    const { clock, deps } = given();
    const dress = await addPriceListItem(deps, DRESS);
    const shirt = await addPriceListItem(deps, SHIRT);
    clock.advance(DAY_MS);
    const retired = await retirePriceListItem(deps, dress.itemId, 1);
    expect(retired).toEqual({ ...dress, status: 'retired', retiredAt: clock.iso(), updatedAt: clock.iso(), version: 2 });
    expect(await getPriceListItem(deps, dress.itemId)).toEqual(retired);
    expect((await listPriceList(deps, { status: 'active' })).items).toEqual([shirt]);
    expect((await listPriceList(deps, { status: 'retired' })).items).toEqual([retired]);
    expect((await listPriceList(deps)).items).toEqual([retired, shirt]);
    const { items } = await listPriceList(deps);
    expect(() => priceOrderLines({ lines: [{ priceListItemId: dress.itemId, quantity: 1 }] }, items, undefined, { today: '2027-01-12' })).toThrow(ValidationError);
  });

  it('refuses to retire it twice, or from a stale version', async () => {
    const { deps } = given();
    const dress = await addPriceListItem(deps, DRESS);
    await expect(retirePriceListItem(deps, dress.itemId, 2)).rejects.toBeInstanceOf(PreconditionFailedError);
    await retirePriceListItem(deps, dress.itemId, 1);
    await expect(retirePriceListItem(deps, dress.itemId, 2)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('the express option', () => {
  it('is not offered at version 0 until set, then changes only at the version read', async () => {
    const { clock, deps } = given();
    expect(await getExpressOption(deps)).toEqual({ offered: false, version: 0 });
    const set = await setExpressOption(deps, { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, 0);
    expect(set).toEqual({ offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, version: 1, updatedAt: START });
    expect(await getExpressOption(deps)).toEqual(set);
    expect((await listPriceList(deps)).express).toEqual(set);
    await expect(setExpressOption(deps, { offered: false }, 0)).rejects.toBeInstanceOf(PreconditionFailedError);
    clock.advance(DAY_MS);
    const flat = await setExpressOption(deps, { offered: true, surcharge: { amountOre: 15_000 }, turnaroundWorkingDays: 0 }, 1);
    expect(flat).toMatchObject({ surcharge: { amountOre: 15_000 }, version: 2, updatedAt: clock.iso() });
    const before = deps.store.snapshot();
    await expect(setExpressOption(deps, { offered: true, surcharge: { percent: 500 }, turnaroundWorkingDays: 0 }, 2)).rejects.toBeInstanceOf(ValidationError);
    expect(deps.store.snapshot()).toEqual(before);
    expect(await setExpressOption(deps, { offered: false }, 2)).toEqual({ offered: false, version: 3, updatedAt: clock.iso() });
  });
});
