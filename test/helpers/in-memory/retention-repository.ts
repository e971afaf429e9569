import { expiryAnchor, type RetentionRule } from '#shared/domain/retention/retention';
import type { DueItem, RetentionRepository, SweepReport, SweepState } from '#shared/ports/retention';
import { pageOf } from './paging';
import { copy, type InMemoryStore } from './store';

/** How long run reports are kept, as the adapter keeps them: a year and a month. */
const REPORT_RETENTION_DAYS = 400;

/** The attributes the sweep's conditional deletes read (absent: the condition fails, as in DynamoDB). */
type Conditions = { expiresAt?: number; retainUntil?: string };

/**
 * One kind of item the due-date index holds: where the store keeps it, the entity the table names
 * it by, its rule and anchor, and what its conditional delete reads.
 */
type Source = {
  entity: string;
  rule: RetentionRule;
  entries: (store: InMemoryStore) => Iterable<[id: string | number, anchor: string, customerId?: string]>;
  conditions: (store: InMemoryStore, id: string | number) => Conditions | undefined;
  remove: (store: InMemoryStore, id: string | number) => void;
};

function source<K extends string | number, V>(
  entity: string,
  rule: RetentionRule,
  map: (store: InMemoryStore) => Map<K, V>,
  anchor: (value: V) => string | undefined,
  conditions: (value: V) => Conditions,
  customerId?: (id: K) => string,
): Source {
  return {
    entity,
    rule,
    *entries(store) {
      for (const [id, value] of map(store)) {
        const at = anchor(value);
        if (at !== undefined) yield [id, at, customerId?.(id)];
      }
    },
    conditions: (store, id) => {
      const value = map(store).get(id as K);
      return value === undefined ? undefined : conditions(value);
    },
    remove: (store, id) => void map(store).delete(id as K),
  };
}

/** What the adapters index under gsi2 (see items.ts and ACCESS-PATTERNS.md), and nothing else. */
const SOURCES: Record<string, Source> = {
  customer: source('customer', 'inactivity', (s) => s.customers, (c) => c.customer.lastActivityAt, () => ({}), (id) => id),
  message: source('message', 'expiry', (s) => s.messages, (m) => expiryAnchor(m.expiresAt), (m) => ({ expiresAt: m.expiresAt })),
  signInCode: source('signInCode', 'expiry', (s) => s.signInCodes, (c) => expiryAnchor(c.expiresAt), (c) => ({ expiresAt: c.expiresAt })),
  signInRate: source('signInRate', 'expiry', (s) => s.signInRates, (r) => expiryAnchor(r.expiresAt), (r) => ({ expiresAt: r.expiresAt })),
  sweepReport: source('sweepReport', 'expiry', (s) => s.sweepReports, (r) => expiryAnchor(r.expiresAt), (r) => ({ expiresAt: r.expiresAt })),
  salesDocument: source('salesDocument', 'bookkeeping', (s) => s.documents, (d) => d.retainUntil, (d) => ({ retainUntil: d.retainUntil })),
  creditClaim: source('creditClaim', 'bookkeeping', (s) => s.creditClaims, (c) => c.retainUntil, (c) => ({ retainUntil: c.retainUntil })),
  // Only an order with a retention date of its own (a sale kept for the books) is indexed.
  order: source('order', 'bookkeeping', (s) => s.orders, (o) => o.retainUntil, (o) => (o.retainUntil === undefined ? {} : { retainUntil: o.retainUntil })),
  counterSale: source('counterSale', 'bookkeeping', (s) => s.counterSales, (c) => c.retainUntil, (c) => ({ retainUntil: c.retainUntil })),
  receivable: source('receivable', 'bookkeeping', (s) => s.receivables, (r) => r.retainUntil, (r) => ({ retainUntil: r.retainUntil })),
  payment: source('payment', 'bookkeeping', (s) => s.payments, (p) => p.retainUntil, (p) => ({ retainUntil: p.retainUntil })),
  paymentAttention: source('paymentAttention', 'bookkeeping', (s) => s.paymentAttention, (a) => a.retainUntil, (a) => ({ retainUntil: a.retainUntil })),
  keptSale: source('order', 'bookkeeping', (s) => s.keptSales, (o) => o.retainUntil, (o) => (o.retainUntil === undefined ? {} : { retainUntil: o.retainUntil })),
};

/** The in-memory "key" of an indexed item: which source, and its id there. */
type Ref = { source: string; id: string | number };

/**
 * RetentionRepository in memory: the due-date index computed from the store (so it follows every
 * write, as gsi2 follows the items), bucketed by rule and year and ordered by anchor; deletes
 * conditional on the rule, checked on what is stored now; the state item's lease.
 */
export class InMemoryRetentionRepository implements RetentionRepository {
  constructor(private readonly store: InMemoryStore) {}

  async dueItems(rule: RetentionRule, year: number, upTo: string, page: { limit: number; cursor?: string; fromAnchor?: string }) {
    const bucket = `DUE#${rule}#${year}`;
    const indexed = Object.entries(SOURCES)
      .filter(([, s]) => s.rule === rule)
      .flatMap(([name, s]) =>
        [...s.entries(this.store)]
          .filter(([, anchor]) => Number(anchor.slice(0, 4)) === year && anchor <= upTo && (page.fromAnchor === undefined || anchor >= page.fromAnchor))
          .map(([id, anchor, customerId]): [string, DueItem] => [
            // Ties on the anchor in a fixed order, so a cursor resumes after exactly the item it names.
            `${anchor}\u0000${name}\u0000${String(id)}`,
            { rule, entity: s.entity, anchor, ref: { source: name, id } satisfies Ref, ...(customerId === undefined ? {} : { customerId }) },
          ]),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const { items, nextCursor } = pageOf(bucket, indexed, { limit: page.limit, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
    const last = items.at(-1);
    return { items: copy(items), ...(nextCursor && last ? { next: { cursor: nextCursor, anchor: last.anchor } } : {}) };
  }

  async deleteIfExpired(item: DueItem, nowEpochSeconds: number) {
    return this.conditionalDelete(item, ({ expiresAt }) => expiresAt !== undefined && expiresAt <= nowEpochSeconds);
  }

  async deleteIfRetentionEnded(item: DueItem, today: string) {
    return this.conditionalDelete(item, ({ retainUntil }) => retainUntil !== undefined && retainUntil < today);
  }

  /** The condition is read from the item stored under the key now, which may be a newer one than the index gave. */
  private conditionalDelete(item: DueItem, due: (stored: Conditions) => boolean): 'deleted' | 'not_due' | 'gone' {
    const ref = item.ref as Ref;
    const found = SOURCES[ref.source];
    const stored = found?.conditions(this.store, ref.id);
    if (!found || !stored) return 'gone';
    if (!due(stored)) return 'not_due';
    found.remove(this.store, ref.id);
    return 'deleted';
  }

  async readState(): Promise<SweepState | undefined> {
    const stored = this.store.sweep.state;
    if (!stored) return undefined;
    return copy({ fromYears: stored.fromYears, ...(stored.run ? { run: stored.run } : {}) });
  }

  async saveState(state: SweepState, lease: { holder: string; now: Date; leaseMs: number }): Promise<boolean> {
    const current = this.store.sweep.state;
    // Free, ours, or the holder's lease has run out.
    if (current && current.leaseHolder !== lease.holder && !(current.leaseUntil <= lease.now.toISOString())) return false;
    this.store.sweep.state = copy({
      fromYears: state.fromYears,
      ...(state.run ? { run: state.run } : {}),
      leaseHolder: lease.holder,
      leaseUntil: new Date(lease.now.getTime() + lease.leaseMs).toISOString(),
    });
    return true;
  }

  async recordReport(report: SweepReport, at: Date): Promise<void> {
    const expiresAt = Math.floor(at.getTime() / 1000) + REPORT_RETENTION_DAYS * 86_400;
    this.store.sweepReports.set(`${report.invokedAt}#${report.runId}`, { report: copy(report), expiresAt });
  }
}
