import { ConflictError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { ExpressOption, PriceListItem } from '#shared/domain/orders/price-list';
import { minutesAfter, refusedWithoutWriting } from './arrange';
import { aPriceListItem } from '../helpers/fixtures';
import type { PortWorld, WorldFactory } from './world';

const AT = '2027-01-11T08:00:00.000Z';

const anItem = (itemId: string, overrides: Partial<PriceListItem> = {}) => aPriceListItem(itemId, overrides, AT);

async function storedItem(world: PortWorld, overrides: Partial<PriceListItem> = {}): Promise<PriceListItem> {
  const item = anItem(`P${await world.priceList.nextItemNumber(500)}`, overrides);
  await world.priceList.create(item);
  return item;
}

const express = (version: number, overrides: Partial<ExpressOption> = {}): ExpressOption =>
  ({ offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, version, updatedAt: minutesAfter(AT, version), ...overrides }) as ExpressOption;

/** What every PriceListRepository promises: numbered items, changes only at the version read, one express option. */
export function priceListRepositoryContract(fresh: WorldFactory): void {
  it('numbers items from 1, one number per draw, also when clerks draw at once', async () => {
    const world = await fresh();
    expect(await world.priceList.nextItemNumber(500)).toBe(1);
    const drawn = await Promise.all(Array.from({ length: 8 }, () => world.priceList.nextItemNumber(500)));
    expect([...drawn].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a number beyond the maximum, and the counter stays where it was', async () => {
    const world = await fresh();
    expect(await world.priceList.nextItemNumber(2)).toBe(1);
    expect(await world.priceList.nextItemNumber(2)).toBe(2);
    await refusedWithoutWriting(world, () => world.priceList.nextItemNumber(2), ConflictError, { extensions: { maxItems: 2 } });
    expect(await world.priceList.nextItemNumber(3)).toBe(3);
  });

  it('draws a block of consecutive numbers at once, and refuses a block beyond the maximum without moving', async () => {
    const world = await fresh();
    expect(await world.priceList.nextItemNumber(10, 4)).toBe(1);
    expect(await world.priceList.nextItemNumber(10)).toBe(5);
    await refusedWithoutWriting(world, () => world.priceList.nextItemNumber(10, 6), ConflictError, { extensions: { maxItems: 10 } });
    expect(await world.priceList.nextItemNumber(10, 5)).toBe(6);
    await refusedWithoutWriting(world, () => world.priceList.nextItemNumber(10), ConflictError);
  });

  it('stores several new items at once, all or none', async () => {
    const world = await fresh();
    const first = await world.priceList.nextItemNumber(500, 3);
    const items = [0, 1, 2].map((i) => anItem(`P${first + i}`, { name: `Plagg ${i}` }));
    await world.priceList.createMany(items);
    expect(await world.priceList.getMany(items.map((item) => item.itemId))).toEqual(expect.arrayContaining(items));
    const more = [anItem('P4', { name: 'Ny' }), anItem(items[1]?.itemId as string, { name: 'Kopi' })];
    await refusedWithoutWriting(world, () => world.priceList.createMany(more), ConflictError, { extensions: { itemId: items[1]?.itemId } });
    expect(await world.priceList.get('P4')).toBeUndefined();
  });

  it('stores an item and reads it back as it was stored, alone, several at a time and in the list', async () => {
    const world = await fresh();
    const dress = await storedItem(world);
    const wash = await storedItem(world, { name: 'Vask per kilo', category: 'vask_og_press', unit: 'per_kg', priceOre: 9_900, turnaroundWorkingDays: 2 });
    expect(await world.priceList.get(dress.itemId)).toEqual(dress);
    expect(await world.priceList.get('P999')).toBeUndefined();
    const many = await world.priceList.getMany([wash.itemId, 'P999', dress.itemId, wash.itemId]);
    expect([...many].sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual([dress, wash]);
    expect(await world.priceList.getMany([])).toEqual([]);
    const { items, express } = await world.priceList.list();
    expect([...items].sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual([dress, wash]);
    expect(express).toBeUndefined();
  });

  it('reads more items by key than one batch call takes', async () => {
    const world = await fresh();
    const items = await Promise.all(Array.from({ length: 120 }, (_, i) => storedItem(world, { name: `Plagg ${i}` })));
    const read = await world.priceList.getMany(items.map((item) => item.itemId));
    expect(read).toHaveLength(120);
    expect(new Set(read.map((item) => item.itemId))).toEqual(new Set(items.map((item) => item.itemId)));
  });

  it('refuses an item under an id already taken, and writes nothing', async () => {
    const world = await fresh();
    const dress = await storedItem(world);
    await refusedWithoutWriting(world, () => world.priceList.create({ ...dress, name: 'Kjole' }), ConflictError);
    expect(await world.priceList.get(dress.itemId)).toEqual(dress);
  });

  it('replaces an item read at the current version, and lists the new one (retired items included)', async () => {
    const world = await fresh();
    const before = await storedItem(world);
    const after = { ...before, priceOre: 24_900, version: 2, updatedAt: minutesAfter(AT, 5) };
    await world.priceList.replace(before, after);
    const retired = { ...after, status: 'retired' as const, retiredAt: minutesAfter(AT, 9), version: 3, updatedAt: minutesAfter(AT, 9) };
    await world.priceList.replace(after, retired);
    expect(await world.priceList.get(before.itemId)).toEqual(retired);
    expect((await world.priceList.list()).items).toEqual([retired]);
  });

  it('refuses a replacement from a stale read, or of an item that is not there, and writes nothing', async () => {
    const world = await fresh();
    const before = await storedItem(world);
    await world.priceList.replace(before, { ...before, name: 'Dress, 2 deler', version: 2 });
    await refusedWithoutWriting(world, () => world.priceList.replace(before, { ...before, name: 'Lost update', version: 2 }), PreconditionFailedError);
    const ghost = anItem('P77');
    await refusedWithoutWriting(world, () => world.priceList.replace(ghost, { ...ghost, version: 2 }), PreconditionFailedError);
    expect(await world.priceList.get('P77')).toBeUndefined();
  });

  it('lets one of two clerks changing the same version win', async () => {
    const world = await fresh();
    const before = await storedItem(world);
    const outcomes = await Promise.allSettled([
      world.priceList.replace(before, { ...before, priceOre: 25_900, version: 2 }),
      world.priceList.replace(before, { ...before, priceOre: 26_900, version: 2 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(PreconditionFailedError);
    expect([25_900, 26_900]).toContain((await world.priceList.get(before.itemId))?.priceOre);
  });

  it('keeps one express option: first at version 0, then only at the version read; it is listed with the items', async () => {
    const world = await fresh();
    expect(await world.priceList.getExpress()).toBeUndefined();
    await world.priceList.putExpress(express(1), 0);
    expect(await world.priceList.getExpress()).toEqual(express(1));
    await refusedWithoutWriting(world, () => world.priceList.putExpress(express(1, { turnaroundWorkingDays: 0 }), 0), PreconditionFailedError);
    const off: ExpressOption = { offered: false, version: 2, updatedAt: minutesAfter(AT, 2) };
    await world.priceList.putExpress(off, 1);
    await refusedWithoutWriting(world, () => world.priceList.putExpress(express(2), 1), PreconditionFailedError);
    expect(await world.priceList.getExpress()).toEqual(off);
    const dress = await storedItem(world);
    expect(await world.priceList.list()).toEqual({ items: [dress], express: off });
  });

  it('refuses an express option at a version that was never stored, and writes nothing', async () => {
    const world = await fresh();
    await refusedWithoutWriting(world, () => world.priceList.putExpress(express(4), 3), PreconditionFailedError);
    expect(await world.priceList.getExpress()).toBeUndefined();
  });
}
