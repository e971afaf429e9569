import type { ExpressOption, PriceListItem } from '../domain/orders/price-list';

/**
 * Storage of the shop's price list and its express option. Adapters throw domain errors:
 * ConflictError when the list is full, PreconditionFailedError when a write finds another
 * version than the one the caller read.
 */
export interface PriceListRepository {
  /** Draws the next item number (1, 2, …), or ConflictError once `max` numbers are handed out. */
  nextItemNumber(max: number): Promise<number>;
  /** Stores a new item; ConflictError if its id is taken. */
  create(item: PriceListItem): Promise<void>;
  get(itemId: string): Promise<PriceListItem | undefined>;
  /** The items among `itemIds` that exist (intake's lines), in no particular order. */
  getMany(itemIds: readonly string[]): Promise<PriceListItem[]>;
  /** Every item, retired ones included, and the express option if one was ever set: one read. */
  list(): Promise<{ items: PriceListItem[]; express?: ExpressOption }>;
  /** Replaces `before` with `after` only if the stored item is still at `before.version`. */
  replace(before: PriceListItem, after: PriceListItem): Promise<void>;
  getExpress(): Promise<ExpressOption | undefined>;
  /** Stores the express option if the stored one is at `expectedVersion` (0: none stored yet). */
  putExpress(option: ExpressOption, expectedVersion: number): Promise<void>;
}
