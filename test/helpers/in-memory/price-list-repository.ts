import { ConflictError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { ExpressOption, PriceListItem } from '#shared/domain/orders/price-list';
import type { PriceListRepository } from '#shared/ports/price-list';
import { copy, type InMemoryStore } from './store';

/** PriceListRepository in memory, with DynamoPriceListRepository's conditions and errors. */
export class InMemoryPriceListRepository implements PriceListRepository {
  constructor(private readonly store: InMemoryStore) {}

  async nextItemNumber(max: number, count = 1): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count must be a whole number, 1 or more');
    const last = this.store.counters.priceListItem ?? 0;
    // The adapter's condition: the counter does not move if the draw would hand out more than `max` numbers.
    if (last + count > max) throw new ConflictError(`The price list has handed out its ${max} item numbers; retired items keep theirs`, { maxItems: max });
    this.store.counters.priceListItem = last + count;
    return last + 1;
  }

  async create(item: PriceListItem): Promise<void> {
    await this.createMany([item]);
  }

  async createMany(items: readonly PriceListItem[]): Promise<void> {
    if (items.length > 100) throw new RangeError('At most 100 items at once');
    const taken = items.find((item) => this.store.priceList.items.has(item.itemId));
    if (taken) throw new ConflictError(`Price-list item ${taken.itemId} exists already`, { itemId: taken.itemId });
    for (const item of items) this.store.priceList.items.set(item.itemId, copy(item));
  }

  async get(itemId: string): Promise<PriceListItem | undefined> {
    return copy(this.store.priceList.items.get(itemId));
  }

  async getMany(itemIds: readonly string[]): Promise<PriceListItem[]> {
    return [...new Set(itemIds)].flatMap((id) => {
      const item = this.store.priceList.items.get(id);
      return item ? [copy(item)] : [];
    });
  }

  async list(): Promise<{ items: PriceListItem[]; express?: ExpressOption }> {
    const { items, express } = this.store.priceList;
    return copy({ items: [...items.values()], ...(express ? { express } : {}) });
  }

  async replace(before: PriceListItem, after: PriceListItem): Promise<void> {
    const stored = this.store.priceList.items.get(before.itemId);
    if (!stored || stored.version !== before.version) throw new PreconditionFailedError(`Price-list item ${before.itemId} was changed by someone else; read it again`);
    this.store.priceList.items.set(after.itemId, copy(after));
  }

  async getExpress(): Promise<ExpressOption | undefined> {
    return copy(this.store.priceList.express);
  }

  async putExpress(option: ExpressOption, expectedVersion: number): Promise<void> {
    const stored = this.store.priceList.express;
    const held = expectedVersion === 0 ? stored === undefined : stored?.version === expectedVersion;
    if (!held) throw new PreconditionFailedError(`The express option is not at version ${expectedVersion}; read it again`);
    this.store.priceList.express = copy(option);
  }
}
