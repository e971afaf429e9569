import { isOpenReceivable, type Receivable } from '#shared/domain/receivables/receivables';
import type { ReceivableRepository } from '#shared/ports/receivables';
import type { Page, PageRequest } from '#shared/ports/repositories';
import { pageOf } from './paging';
import { copy, type InMemoryStore } from './store';

const padNumber = (n: number) => String(n).padStart(10, '0');

/** ReceivableRepository in memory: the adapter's reads, in its indexes' orders. */
export class InMemoryReceivableRepository implements ReceivableRepository {
  constructor(private readonly store: InMemoryStore) {}

  async get(documentNumber: number): Promise<Receivable | undefined> {
    return copy(this.store.receivables.get(documentNumber));
  }

  async getMany(documentNumbers: readonly number[]): Promise<Receivable[]> {
    return copy([...new Set(documentNumbers)].flatMap((n) => this.store.receivables.get(n) ?? []));
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Receivable>> {
    // The adapter's gsi1 partition RECEIVABLES#<customerId>, by "<issueDate>#<number>".
    const sorted = [...this.store.receivables.values()]
      .filter((r) => r.customerId === customerId)
      .map((r) => [`${r.issueDate}#${padNumber(r.documentNumber)}`, r] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf(`RECEIVABLES#${customerId}`, sorted, page));
  }

  async listOpen(page: PageRequest, options: { dueBefore?: string } = {}): Promise<Page<Receivable>> {
    // The adapter's sparse gsi3 partition, by "<dueDate>#<number>"; BETWEEN '0' AND the date is "due before it".
    const sorted = [...this.store.receivables.values()]
      .filter(isOpenReceivable)
      .map((r) => [`${r.dueDate}#${padNumber(r.documentNumber)}`, r] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf('RECEIVABLES#open', sorted, page, options.dueBefore ? { range: { from: '0', to: options.dueBefore } } : {}));
  }
}
