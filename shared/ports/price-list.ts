import type { ExpressOption, PriceListItem } from '../domain/orders/price-list';

/**
 * Storage of the shop's price list and its express option. Adapters throw domain errors:
 * ConflictError when the list is full, PreconditionFailedError when a write finds another
 * version than the one the caller read.
 */
export interface PriceListRepository {
  /**
   * Draws the next item number (1, 2, …), or the first of `count` consecutive ones; ConflictError
   * (nothing drawn) when that would hand out more than `max` numbers.
   */
  nextItemNumber(max: number, count?: number): Promise<number>;
  /** Stores a new item; ConflictError if its id is taken. */
  create(item: PriceListItem): Promise<void>;
  /** Stores up to 100 new items, all or none; ConflictError naming an id that is taken. */
  createMany(items: readonly PriceListItem[]): Promise<void>;
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
