import { isOpenReceivable, type Receivable } from '#shared/domain/receivables/receivables';
import type { ReskontroReader } from '#shared/ports/reskontro';
import { copy, type InMemoryStore } from './store';

const byDue = (a: Receivable, b: Receivable) => a.dueDate.localeCompare(b.dueDate) || a.documentNumber - b.documentNumber;

/** ReskontroReader in memory: the adapter's two sparse partitions (open, credit balance), and names by id. */
export class InMemoryReskontroReader implements ReskontroReader {
  constructor(private readonly store: InMemoryStore) {}

  async listOutstanding(): Promise<Receivable[]> {
    const all = [...this.store.receivables.values()];
    const open = all.filter(isOpenReceivable).sort(byDue);
    const credit = all.filter((r) => !isOpenReceivable(r) && r.balanceOre < 0 && r.status !== 'written_off').sort(byDue);
    return copy([...open, ...credit]);
  }

  async customerNames(customerIds: readonly string[]): Promise<Map<string, string>> {
    return new Map(customerIds.flatMap((id) => {
      const customer = this.store.customers.get(id)?.customer;
      return customer ? [[id, customer.name] as const] : [];
    }));
  }
}
