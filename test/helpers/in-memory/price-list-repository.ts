import { ConflictError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { ExpressOption, PriceListItem } from '#shared/domain/orders/price-list';
import type { PriceListRepository } from '#shared/ports/price-list';
import { copy, type InMemoryStore } from './store';

/** PriceListRepository in memory, with DynamoPriceListRepository's conditions and errors. */
export class InMemoryPriceListRepository implements PriceListRepository {
  constructor(private readonly store: InMemoryStore) {}

  async nextItemNumber(max: number): Promise<number> {
    const last = this.store.counters.priceListItem ?? 0;
    // The adapter's condition: the counter does not move once it has handed out `max` numbers.
    if (last >= max) throw new ConflictError(`The price list has handed out its ${max} item numbers; retired items keep theirs`, { maxItems: max });
    this.store.counters.priceListItem = last + 1;
    return last + 1;
  }

  async create(item: PriceListItem): Promise<void> {
    if (this.store.priceList.items.has(item.itemId)) throw new ConflictError(`Price-list item ${item.itemId} exists already`, { itemId: item.itemId });
    this.store.priceList.items.set(item.itemId, copy(item));
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
