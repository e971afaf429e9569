import { ValidationError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import { expiryAnchor, type RetentionRule } from '#shared/domain/retention/retention';
import type { DueItem, SweepProgress, SweepReport, SweepRuleCounts } from '#shared/ports/retention';
import { aMessageRecord, mobileOf, RECORD_TIME } from '../helpers/fixtures';
import { aCode, aCounterSale, aCreditNoteFor, aStoredCustomer, anInvoicedOrder, anOrderIn, CODE_NOW, FORGED_CURSOR, minutesAfter } from './arrange';
import type { PortWorld, WorldFactory } from './world';

const LATER = minutesAfter(RECORD_TIME, 120);
/** Sorts after every anchor: the whole bucket. */
const ALL = '9999';
const DAY_S = 86_400;

/** Every due item of one bucket up to `upTo`, following `next` page by page; checks each page is within the limit and ends as promised. */
async function allDue(world: PortWorld, rule: RetentionRule, year: number, upTo = ALL, limit = 100): Promise<DueItem[]> {
  const items: DueItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 100) throw new Error('The pages never end');
    const page = await world.retention.dueItems(rule, year, upTo, { limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.items.length < limit) expect(page.next).toBeUndefined();
    if (page.next) expect(page.next.anchor).toBe(page.items.at(-1)?.anchor);
    items.push(...page.items);
    if (!page.next) return items;
    cursor = page.next.cursor;
  }
}

/** What a bucket holds, as "<anchor> <entity>", in the order given (ties on an anchor sorted, since their order is not promised). */
async function bucket(world: PortWorld, rule: RetentionRule, year: number, upTo = ALL, limit = 100): Promise<string[]> {
  const items = await allDue(world, rule, year, upTo, limit);
  const anchors = items.map((i) => i.anchor);
  expect(anchors).toEqual([...anchors].sort()); // oldest first
  for (const item of items) expect(item.rule).toBe(rule);
  return items.map((i) => `${i.anchor} ${i.entity}`).sort();
}

/** A message sent at `at` and kept 14 days: its expiry is `at` plus 14 days, to the second. */
async function aMessageSentAt(world: PortWorld, at: string) {
  const message = aMessageRecord({ customerId: (await aStoredCustomer(world)).customerId, at });
  await world.messages.create(message);
  return message;
}

function aRun(overrides: Partial<SweepProgress> = {}): SweepProgress {
  const counts = (done: number): SweepRuleCounts => ({ found: done, done, blocked: 0, skipped: 0, errors: 0, byEntity: done ? { message: done } : {} });
  return { runId: 'run-1', asOf: RECORD_TIME, startedAt: RECORD_TIME, ruleIndex: 1, year: 2026, resumeAnchor: '2026-03-16T09:00:00.000Z', seenAtResumeAnchor: 1, counts: { expiry: counts(3), bookkeeping: counts(0), inactivity: counts(0) }, remainingFromYear: { inactivity: 2026 }, errors: [], pages: 3, ...overrides };
}

function aReport(run: SweepProgress, invokedAt: string): SweepReport {
  return { runId: run.runId, status: 'completed', dryRun: false, resumed: false, asOf: run.asOf, startedAt: run.startedAt, invokedAt, finishedAt: invokedAt, durationMs: 0, pages: run.pages, counts: run.counts, errors: [] };
}

/**
 * What every RetentionRepository promises: the due-date index, bucketed by rule and the year of
 * each item's anchor, read oldest first up to a bound, page by page; deletes whose condition (the
 * rule) is checked on what is stored when they run; one run at a time on the sweep's state.
 */
export function retentionRepositoryContract(fresh: WorldFactory): void {
  describe('the due-date index', () => {
    it('holds customers by their last activity, moving with it, with the customer\'s id', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      const ola = await aStoredCustomer(world);
      expect(await bucket(world, 'inactivity', 2026)).toEqual([`${RECORD_TIME} customer`, `${RECORD_TIME} customer`]);
      await anOrderIn(world, { customer: kari, at: LATER });
      await anOrderIn(world, { customer: ola, at: '2027-01-01T00:00:00.000Z' });
      const [due] = await allDue(world, 'inactivity', 2026);
      expect(due).toMatchObject({ rule: 'inactivity', entity: 'customer', anchor: LATER, customerId: kari.customerId });
      expect((await allDue(world, 'inactivity', 2026)).map((i) => i.customerId)).toEqual([kari.customerId]);
      expect((await allDue(world, 'inactivity', 2027)).map((i) => i.customerId)).toEqual([ola.customerId]);
      // Up to the bound, inclusive.
      expect(await bucket(world, 'inactivity', 2026, LATER)).toEqual([`${LATER} customer`]);
      expect(await bucket(world, 'inactivity', 2026, minutesAfter(LATER, -1))).toEqual([]);
    });

    it('holds invoices, credit notes, credit claims, receivables and kept sales by their retention date', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world);
      const creditNote = await aCreditNoteFor(world, invoice);
      expect([invoice.retainUntil, creditNote.retainUntil]).toEqual(['2031-12-31', '2031-12-31']);
      const sale = await aCounterSale(world);
      await world.customerData.archiveSales([{ ...sale, customerId: 'inactive:contract', retainUntil: '2031-06-30' }]);
      // Only an order with a retention date of its own is indexed: not the sale itself, nor the open order.
      expect(await bucket(world, 'bookkeeping', 2031)).toEqual(['2031-06-30 order', '2031-12-31 creditClaim', '2031-12-31 receivable', '2031-12-31 salesDocument', '2031-12-31 salesDocument']);
      expect(await bucket(world, 'bookkeeping', 2031, '2031-12-30')).toEqual(['2031-06-30 order']);
      expect(await bucket(world, 'bookkeeping', 2026)).toEqual([]);
    });

    it('holds messages, sign-in codes and their counters, and run reports by their expiry, in the bucket of its year', async () => {
      const world = await fresh();
      const lastOfYear = await aMessageSentAt(world, '2026-12-17T23:59:59.000Z'); // expires 2026-12-31T23:59:59Z
      const firstOfYear = await aMessageSentAt(world, '2026-12-18T00:00:00.000Z'); // expires 2027-01-01T00:00:00Z
      const kari = await aStoredCustomer(world);
      const code = aCode(mobileOf(kari), kari.customerId);
      await world.signIn.issueCode(code);
      await world.retention.recordReport(aReport(aRun(), RECORD_TIME), new Date(RECORD_TIME));

      expect(await bucket(world, 'expiry', 2026)).toEqual(
        [
          `${expiryAnchor(code.message.expiresAt)} message`,
          `${expiryAnchor(CODE_NOW + 600)} signInCode`,
          `${expiryAnchor(CODE_NOW + 600 + 3600)} signInRate`, // the hour's count
          `${expiryAnchor(CODE_NOW + 600 + DAY_S)} signInRate`, // the day's
          `${expiryAnchor(lastOfYear.expiresAt)} message`,
        ].sort(),
      );
      expect(expiryAnchor(lastOfYear.expiresAt)).toBe('2026-12-31T23:59:59.000Z');
      // A run's report is kept for a year and a month.
      expect(await bucket(world, 'expiry', 2027)).toEqual([`${expiryAnchor(firstOfYear.expiresAt)} message`, `${expiryAnchor(CODE_NOW + 400 * DAY_S)} sweepReport`].sort());
      expect(await bucket(world, 'expiry', 2025)).toEqual([]);
      expect(await bucket(world, 'expiry', 2026, minutesAfter(RECORD_TIME, 10))).toEqual([`${expiryAnchor(CODE_NOW + 600)} signInCode`]);
    });

    it('pages a bucket oldest first, each item once, ties on an anchor included, and resumes from an anchor with the items at it', async () => {
      const world = await fresh();
      const sentAt = [0, 1, 1, 1, 2, 3].map((minutes) => minutesAfter(RECORD_TIME, minutes));
      for (const at of sentAt) await aMessageSentAt(world, at);
      const whole = await bucket(world, 'expiry', 2026);
      expect(whole).toHaveLength(6);
      for (const limit of [1, 2, 3, 6]) expect(await bucket(world, 'expiry', 2026, ALL, limit)).toEqual(whole);

      const tied = expiryAnchor(Math.floor(Date.parse(sentAt[1] as string) / 1000) + 14 * DAY_S);
      const resumed = await world.retention.dueItems('expiry', 2026, ALL, { limit: 10, fromAnchor: tied });
      expect(resumed.items.map((i) => i.anchor)).toEqual([tied, tied, tied, whole[4]?.split(' ')[0], whole[5]?.split(' ')[0]]);
      expect(resumed.next).toBeUndefined();
    });

    it('refuses a cursor it did not hand out, or one from another bucket', async () => {
      const world = await fresh();
      for (const at of ['2026-12-18T00:00:00.000Z', '2026-12-19T00:00:00.000Z']) await aMessageSentAt(world, at); // both expire in 2027
      await aMessageSentAt(world, RECORD_TIME);
      const nextYears = await world.retention.dueItems('expiry', 2027, ALL, { limit: 1 });
      expect(nextYears.next?.cursor).toEqual(expect.any(String));
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, nextYears.next?.cursor as string]) {
        await expect(world.retention.dueItems('expiry', 2026, ALL, { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });

  describe('deletes', () => {
    it('delete an expired item once its expiry has come, not a second before, and then find it gone', async () => {
      const world = await fresh();
      const message = await aMessageSentAt(world, RECORD_TIME);
      const [item] = await allDue(world, 'expiry', 2026);
      expect(await world.retention.deleteIfExpired(item as DueItem, message.expiresAt - 1)).toBe('not_due');
      expect(await world.messages.get(message.customerId, message.messageKey)).toEqual(message);
      expect(await world.retention.deleteIfExpired(item as DueItem, message.expiresAt)).toBe('deleted');
      expect(await world.messages.get(message.customerId, message.messageKey)).toBeUndefined();
      expect(await world.retention.deleteIfExpired(item as DueItem, message.expiresAt)).toBe('gone');
      expect(await allDue(world, 'expiry', 2026)).toEqual([]);
    });

    it('check the rule on the item stored now: a renewed code stays, and a counter deleted lets the hour start again', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      const first = aCode(mobileOf(kari), kari.customerId, { maxPerHour: 1 });
      await world.signIn.issueCode(first);
      const due = await allDue(world, 'expiry', 2026);
      const codeItem = due.find((i) => i.entity === 'signInCode') as DueItem;
      const hourItem = due.find((i) => i.entity === 'signInRate' && i.anchor === expiryAnchor(first.expiresAt + 3600)) as DueItem;
      expect(await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId, { maxPerHour: 1 }))).toBe('rate_limited');

      expect(await world.retention.deleteIfExpired(hourItem, first.expiresAt + 3600)).toBe('deleted');
      // The next hour's limit: a new code, live later than the first.
      const renewed = aCode(mobileOf(kari), kari.customerId, { maxPerHour: 1, codeHash: 'hash-2', now: first.expiresAt + 3600, expiresAt: first.expiresAt + 3600 + 600, message: aMessageRecord({ customerId: kari.customerId, purpose: 'verification_code' }) });
      expect(await world.signIn.issueCode(renewed)).toBe('issued');
      expect(await world.retention.deleteIfExpired(codeItem, first.expiresAt + 3600)).toBe('not_due');
      expect(await world.signIn.countAttempt(mobileOf(kari), 5, first.expiresAt + 3600)).toMatchObject({ codeHash: 'hash-2' });
    });

    it('delete a document, credit claim, receivable or kept sale the day after its retention date, not on it', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world);
      const creditNote = await aCreditNoteFor(world, invoice);
      const sale = await aCounterSale(world);
      const kept: Order = { ...sale, customerId: 'inactive:contract', retainUntil: '2031-12-31' };
      await world.customerData.archiveSales([kept]);
      const due = await allDue(world, 'bookkeeping', 2031);
      expect(due.map((i) => i.entity).sort()).toEqual(['creditClaim', 'order', 'receivable', 'salesDocument', 'salesDocument']);

      const pickedUp = async () => (await world.orders.listByStatus('picked_up', { limit: 10 })).items;
      for (const item of due) expect(await world.retention.deleteIfRetentionEnded(item, '2031-12-31')).toBe('not_due');
      expect(await world.documents.get(invoice.documentNumber)).toEqual(invoice);
      expect(await pickedUp()).toContainEqual(kept);
      for (const item of due) expect(await world.retention.deleteIfRetentionEnded(item, '2032-01-01')).toBe('deleted');
      expect(await world.documents.get(invoice.documentNumber)).toBeUndefined();
      expect(await world.documents.get(creditNote.documentNumber)).toBeUndefined();
      expect(await world.receivables.get(invoice.documentNumber)).toBeUndefined();
      expect(await pickedUp()).not.toContainEqual(kept);
      expect(await pickedUp()).toContainEqual(sale); // the customer's own order is no sale kept for the books
      for (const item of due) expect(await world.retention.deleteIfRetentionEnded(item, '2032-01-01')).toBe('gone');
      expect(await allDue(world, 'bookkeeping', 2031)).toEqual([]);
    });

    it('leave an item alone under the other rule\'s condition', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      const message = await aMessageSentAt(world, RECORD_TIME);
      const [customer] = await allDue(world, 'inactivity', 2026);
      const [expiring] = await allDue(world, 'expiry', 2026);
      const before = await world.snapshot();
      expect(await world.retention.deleteIfExpired(customer as DueItem, message.expiresAt + 365 * DAY_S)).toBe('not_due');
      expect(await world.retention.deleteIfRetentionEnded(customer as DueItem, '2099-01-01')).toBe('not_due');
      expect(await world.retention.deleteIfRetentionEnded(expiring as DueItem, '2099-01-01')).toBe('not_due');
      expect(await world.snapshot()).toEqual(before);
      expect(await world.customers.get(kari.customerId)).toEqual(kari);
    });
  });

  describe('the sweep\'s state', () => {
    const at = (seconds: number) => new Date(Date.parse(RECORD_TIME) + seconds * 1000);
    const LEASE = 60_000;

    it('is absent at first, then as saved', async () => {
      const world = await fresh();
      expect(await world.retention.readState()).toBeUndefined();
      const state = { fromYears: { expiry: 2026, bookkeeping: 2025 }, run: aRun() };
      expect(await world.retention.saveState(state, { holder: 'run-1', now: at(0), leaseMs: LEASE })).toBe(true);
      expect(await world.retention.readState()).toEqual(state);
      expect(await world.retention.saveState({ fromYears: { expiry: 2027 } }, { holder: 'run-1', now: at(1), leaseMs: 0 })).toBe(true);
      expect(await world.retention.readState()).toEqual({ fromYears: { expiry: 2027 } });
    });

    it('is held by one run at a time: another may save it once the holder\'s lease has run out or been given up', async () => {
      const world = await fresh();
      const mine = { fromYears: { expiry: 2026 }, run: aRun() };
      await world.retention.saveState(mine, { holder: 'run-1', now: at(0), leaseMs: LEASE });
      expect(await world.retention.saveState({ fromYears: {} }, { holder: 'run-2', now: at(59), leaseMs: LEASE })).toBe(false);
      expect(await world.retention.readState()).toEqual(mine);
      // The holder renews its lease with every checkpoint.
      const further = { ...mine, run: aRun({ pages: 4 }) };
      expect(await world.retention.saveState(further, { holder: 'run-1', now: at(59), leaseMs: LEASE })).toBe(true);
      expect(await world.retention.saveState({ fromYears: {} }, { holder: 'run-2', now: at(118), leaseMs: LEASE })).toBe(false);
      expect(await world.retention.readState()).toEqual(further);
      // Run out: at the very instant the lease ends.
      expect(await world.retention.saveState({ fromYears: { inactivity: 2026 } }, { holder: 'run-2', now: at(119), leaseMs: 0 })).toBe(true);
      // Given up (a lease of nothing): free at once.
      expect(await world.retention.saveState({ fromYears: { inactivity: 2027 } }, { holder: 'run-3', now: at(119), leaseMs: LEASE })).toBe(true);
      expect(await world.retention.readState()).toEqual({ fromYears: { inactivity: 2027 } });
    });
  });

  it('keeps a run\'s report until it expires a year and a month on, when a delete of it goes through', async () => {
    const world = await fresh();
    const report = aReport(aRun(), RECORD_TIME);
    await world.retention.recordReport(report, new Date(RECORD_TIME));
    const [item] = await allDue(world, 'expiry', 2027);
    expect(item).toMatchObject({ rule: 'expiry', entity: 'sweepReport', anchor: expiryAnchor(CODE_NOW + 400 * DAY_S) });
    expect(await world.retention.deleteIfExpired(item as DueItem, CODE_NOW + 400 * DAY_S - 1)).toBe('not_due');
    expect(await world.retention.deleteIfExpired(item as DueItem, CODE_NOW + 400 * DAY_S)).toBe('deleted');
    expect(await allDue(world, 'expiry', 2027)).toEqual([]);
  });
}
