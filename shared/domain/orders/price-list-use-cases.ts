import { NotFoundError, ValidationError } from '../kernel/errors';
import type { Clock } from '../../ports/repositories';
import type { PriceListRepository } from '../../ports/price-list';
import {
  assertPriceListItemFields,
  assertVersion,
  changePriceListItem as changeItem,
  EXPRESS_NOT_SET,
  newExpressOption,
  newPriceListItem,
  PRICE_LIST_LIMITS,
  priceItemId,
  retirePriceListItem as retireItem,
  sortPriceList,
  type ExpressOption,
  type ExpressOptionInput,
  type PriceItemStatus,
  type PriceListItem,
  type PriceListItemChange,
  type PriceListItemFields,
} from './price-list';

/** What the price list's use cases are given: its repository and a clock (tests set the time). */
export type PriceListDeps = { priceList: PriceListRepository; clock: Clock };

/**
 * The whole list, not pages: a shop has fewer than 200 items and at most 500 ids are ever handed
 * out (PRICE_LIST_LIMITS), so it is one read and one answer, sorted as the price board is, with
 * the express option beside it (the counter screen needs both). `status` keeps only active or
 * only retired items.
 */
export async function listPriceList(deps: PriceListDeps, filter: { status?: PriceItemStatus } = {}): Promise<{ items: PriceListItem[]; express: ExpressOption }> {
  const { items, express } = await deps.priceList.list();
  const kept = filter.status ? items.filter((item) => item.status === filter.status) : items;
  return { items: sortPriceList(kept), express: express ?? EXPRESS_NOT_SET };
}

/** One item, retired or not: an old order's line can always be traced to it. */
export async function getPriceListItem(deps: PriceListDeps, itemId: string): Promise<PriceListItem> {
  const item = await deps.priceList.get(itemId);
  if (!item) throw new NotFoundError(`Price-list item ${itemId} does not exist`);
  return item;
}

/**
 * Adds an item to the list.
 * 1. Check the fields (before anything is drawn or written).
 * 2. Draw the next item number; refused once the list has handed out its maximum.
 * 3. Store the item, active, at version 1.
 */
export async function addPriceListItem(deps: PriceListDeps, fields: PriceListItemFields): Promise<PriceListItem> {
  const at = deps.clock().toISOString();
  assertPriceListItemFields(fields);
  const item = newPriceListItem(priceItemId(await deps.priceList.nextItemNumber(PRICE_LIST_LIMITS.maxItems)), fields, at);
  await deps.priceList.create(item);
  return item;
}

/** Items added together (a price list loaded whole) go in one transaction of at most this many. */
export const MAX_ITEMS_AT_ONCE = 100;

/**
 * Adds several items at once, all or none, numbered in the order given.
 * 1. Check every item's fields (pointers `/<index>/<field>`) and that they fit one write.
 * 2. Draw a block of consecutive numbers in one counter update.
 * 3. Store them all in one transaction: two round trips however many items.
 */
export async function addPriceListItems(deps: PriceListDeps, list: readonly PriceListItemFields[]): Promise<PriceListItem[]> {
  if (list.length === 0) return [];
  if (list.length > MAX_ITEMS_AT_ONCE) throw new ValidationError(`At most ${MAX_ITEMS_AT_ONCE} items at once`, [{ pointer: '', detail: `Give 1 to ${MAX_ITEMS_AT_ONCE} items` }]);
  const issues = list.flatMap((fields, index) => {
    try {
      assertPriceListItemFields(fields);
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.issues.map((issue) => ({ ...issue, pointer: `/${index}${issue.pointer}` }));
    }
  });
  if (issues.length) throw new ValidationError('The price-list items are not valid', issues);
  const at = deps.clock().toISOString();
  const first = await deps.priceList.nextItemNumber(PRICE_LIST_LIMITS.maxItems, list.length);
  const items = list.map((fields, index) => newPriceListItem(priceItemId(first + index), fields, at));
  await deps.priceList.createMany(items);
  return items;
}

/**
 * Changes name, price, category, unit or turnaround of an active item.
 * 1. Read it (404 if there is none) and check it is at the version the clerk read (412).
 * 2. Apply the change (409 on a retired item), next version.
 * 3. Write it conditional on the version read, so a colleague's change in between is a 412.
 * Orders already taken in keep the price they were taken in at: their lines hold their own copy.
 */
export async function changePriceListItem(deps: PriceListDeps, itemId: string, change: PriceListItemChange, expectedVersion: number): Promise<PriceListItem> {
  const before = await getPriceListItem(deps, itemId);
  assertVersion(`Price-list item ${itemId}`, before.version, expectedVersion);
  const after = changeItem(before, change, deps.clock().toISOString());
  await deps.priceList.replace(before, after);
  return after;
}

/** Takes an item off the board: it stays readable, and intake refuses it from now on. Steps as a change. */
export async function retirePriceListItem(deps: PriceListDeps, itemId: string, expectedVersion: number): Promise<PriceListItem> {
  const before = await getPriceListItem(deps, itemId);
  assertVersion(`Price-list item ${itemId}`, before.version, expectedVersion);
  const after = retireItem(before, deps.clock().toISOString());
  await deps.priceList.replace(before, after);
  return after;
}

/** The express option; not offered, at version 0, until the shop sets it. */
export async function getExpressOption(deps: PriceListDeps): Promise<ExpressOption> {
  return (await deps.priceList.getExpress()) ?? EXPRESS_NOT_SET;
}

/**
 * Sets the express option (or stops offering it).
 * 1. Check the surcharge (percent or øre, one of the two) and the turnaround.
 * 2. Write it conditional on the version the clerk read (0 before it was ever set): one write,
 *    no read, a stale version is a 412.
 */
export async function setExpressOption(deps: PriceListDeps, input: ExpressOptionInput, expectedVersion: number): Promise<ExpressOption> {
  const option = newExpressOption(input, expectedVersion, deps.clock().toISOString());
  await deps.priceList.putExpress(option, expectedVersion);
  return option;
}
