import { createHash, randomUUID } from 'node:crypto';
import type { DueItem, RetentionRepository, SweepProgress, SweepReport, SweepRuleCounts } from '../../ports/retention';
import { eraseCustomerData, waitingHolds, type ErasureDeps } from '../rights/erasure';
import { shopDate } from '../kernel/calendar';
import { isOpenRequest } from '../rights/privacy-requests';
import { bucketYears, dueBound, FIRST_INDEXED_YEAR, RETENTION_RULES, type RetentionRule } from './retention';

export type SweepDeps = ErasureDeps & { retention: RetentionRepository };

export type SweepOptions = {
  /** The day (and time) the rules are applied as of; now by default. */
  asOf?: Date;
  /** Reports what would happen and changes no data (no checkpoint either); only its report is kept. */
  dryRun?: boolean;
  /** Stop after the page that ends past this instant, keeping the checkpoint (Lambda's time limit). */
  stopAfter?: Date;
  /** Items per index page, and so per checkpoint. */
  pageSize?: number;
  /** Called after every page with the counts so far (no personal data), for a progress line. */
  onProgress?: (progress: SweepProgress) => void;
};

/** A run holds the state item for this long after its last checkpoint; then another may resume it. */
const LEASE_MS = 16 * 60_000; // longer than the function's 15-minute limit
/** Error kinds kept per report; the counts hold the rest. */
const MAX_REPORTED_ERRORS = 20;

const emptyCounts = (): SweepRuleCounts => ({ found: 0, done: 0, blocked: 0, skipped: 0, errors: 0, byEntity: {} });

/** The same pseudonym on every run for one customer, so a rerun finds its own earlier work. */
export const inactivityPseudonym = (customerId: string) => `inactive:${createHash('sha256').update(customerId).digest('hex').slice(0, 20)}`;

/**
 * The daily retention sweep. Walks each rule's due buckets (oldest year still holding items up to
 * the rule's cut-off), acts on each due item with a conditional write that re-checks the rule, and
 * checkpoints after every page, so a crash or a time-out resumes where it stopped and a second
 * run finds nothing to do. An item that fails is counted and reported; the others go on.
 */
export async function runRetentionSweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const started = deps.clock();
  const holder = randomUUID();
  const state = (await deps.retention.readState()) ?? { fromYears: {} };
  const resumed = !options.dryRun && state.run !== undefined;
  const progress: SweepProgress =
    resumed && state.run
      ? state.run
      : {
          runId: randomUUID(),
          asOf: (options.asOf ?? started).toISOString(),
          startedAt: started.toISOString(),
          ruleIndex: 0,
          counts: Object.fromEntries(RETENTION_RULES.map((rule) => [rule, emptyCounts()])) as Record<RetentionRule, SweepRuleCounts>,
          remainingFromYear: {},
          errors: [],
          pages: 0,
        };
  if (!options.dryRun) {
    const claimed = await deps.retention.saveState({ ...state, run: progress }, { holder, now: started, leaseMs: LEASE_MS });
    if (!claimed) return report(deps, progress, { started, status: 'busy', dryRun: false, resumed });
  }

  const asOf = new Date(progress.asOf);
  const policy = { inactivityMonths: deps.shop.inactivityMonths, timeZone: deps.shop.timeZone };
  try {
    while (progress.ruleIndex < RETENTION_RULES.length) {
      const rule = RETENTION_RULES[progress.ruleIndex] as RetentionRule;
      const bound = dueBound(rule, asOf, policy);
      const years = bucketYears(state.fromYears[rule] ?? FIRST_INDEXED_YEAR, bound);
      progress.year ??= years[0];
      let cursor: string | undefined; // in memory only; the saved checkpoint holds an anchor
      while (progress.year !== undefined && years.includes(progress.year)) {
        const resuming = !cursor && progress.resumeAnchor !== undefined;
        const page = await deps.retention.dueItems(rule, progress.year, bound, {
          limit: options.pageSize ?? 100,
          ...(cursor ? { cursor } : progress.resumeAnchor ? { fromAnchor: progress.resumeAnchor } : {}),
        });
        let toSkip = resuming ? (progress.seenAtResumeAnchor ?? 0) : 0;
        let keptAtLast = progress.resumeAnchor === page.next?.anchor ? (progress.seenAtResumeAnchor ?? 0) : 0;
        for (const item of page.items) {
          if (toSkip > 0 && item.anchor === progress.resumeAnchor) {
            toSkip -= 1;
            continue;
          }
          const kept = await settle(deps, progress, item, { asOf, inactiveSince: bound, dryRun: options.dryRun === true });
          if (kept && item.anchor === page.next?.anchor) keptAtLast += 1;
        }
        progress.pages += 1;
        cursor = page.next?.cursor;
        if (page.next) {
          progress.resumeAnchor = page.next.anchor;
          progress.seenAtResumeAnchor = keptAtLast;
        } else {
          delete progress.resumeAnchor;
          delete progress.seenAtResumeAnchor;
          progress.year = years[years.indexOf(progress.year) + 1];
        }
        if (!options.dryRun) await deps.retention.saveState({ ...state, run: progress }, { holder, now: deps.clock(), leaseMs: LEASE_MS });
        options.onProgress?.(progress);
        const moreToDo = progress.year !== undefined || progress.ruleIndex < RETENTION_RULES.length - 1;
        if (options.stopAfter && deps.clock() > options.stopAfter && moreToDo) {
          if (progress.year === undefined) nextRule(progress); // this rule is done: resume at the next
          if (!options.dryRun) await deps.retention.saveState({ ...state, run: progress }, { holder, now: deps.clock(), leaseMs: 0 });
          return await report(deps, progress, { started, status: 'paused', dryRun: options.dryRun === true, resumed });
        }
      }
      nextRule(progress);
    }
  } catch (error) {
    // The checkpoint stays; only the lease is given up, so the next run resumes at once.
    if (!options.dryRun) await deps.retention.saveState({ ...state, run: progress }, { holder, now: deps.clock(), leaseMs: 0 }).catch(() => undefined);
    throw error;
  }

  if (!options.dryRun) {
    // Next time each rule starts at the oldest bucket that still holds something (blocked, failed).
    const fromYears = { ...state.fromYears };
    for (const rule of RETENTION_RULES) {
      fromYears[rule] = progress.remainingFromYear[rule] ?? Number(dueBound(rule, asOf, policy).slice(0, 4));
    }
    await deps.retention.saveState({ fromYears }, { holder, now: deps.clock(), leaseMs: 0 });
  }
  return report(deps, progress, { started, status: 'completed', dryRun: options.dryRun === true, resumed });
}

function nextRule(progress: SweepProgress) {
  progress.ruleIndex += 1;
  delete progress.year;
  delete progress.resumeAnchor;
  delete progress.seenAtResumeAnchor;
}

type Settled = 'done' | 'blocked' | 'skipped';

type ActOn = { asOf: Date; inactiveSince: string; dryRun: boolean };

/** Acts on one item and counts the outcome; true when the item stays in the index. */
async function settle(deps: SweepDeps, progress: SweepProgress, item: DueItem, on: ActOn): Promise<boolean> {
  const counts = progress.counts[item.rule];
  counts.found += 1;
  let settled: Settled;
  try {
    settled = await act(deps, item, on);
  } catch (error) {
    counts.errors += 1;
    const name = error instanceof Error ? error.name : 'Error'; // the name only: messages may quote data
    const known = progress.errors.find((e) => e.rule === item.rule && e.entity === item.entity && e.error === name);
    if (known) known.count += 1;
    else if (progress.errors.length < MAX_REPORTED_ERRORS) progress.errors.push({ rule: item.rule, entity: item.entity, error: name, count: 1 });
    keepYear(progress, item);
    return true;
  }
  counts[settled] += 1;
  if (settled === 'done') counts.byEntity[item.entity] = (counts.byEntity[item.entity] ?? 0) + 1;
  else keepYear(progress, item);
  // In a dry run nothing leaves the index.
  return on.dryRun || settled !== 'done';
}

/** The bucket still holds the item: the next run must start no later than its year. */
function keepYear(progress: SweepProgress, item: DueItem) {
  const year = Number(item.anchor.slice(0, 4));
  progress.remainingFromYear[item.rule] = Math.min(progress.remainingFromYear[item.rule] ?? year, year);
}

async function act(deps: SweepDeps, item: DueItem, { asOf, inactiveSince, dryRun }: ActOn): Promise<Settled> {
  switch (item.rule) {
    case 'expiry':
      if (dryRun) return 'done';
      return (await deps.retention.deleteIfExpired(item, Math.floor(asOf.getTime() / 1000))) === 'deleted' ? 'done' : 'skipped';
    case 'bookkeeping':
      if (dryRun) return 'done';
      return (await deps.retention.deleteIfRetentionEnded(item, shopDate(asOf, deps.shop.timeZone))) === 'deleted' ? 'done' : 'skipped';
    case 'inactivity': {
      const customerId = item.customerId as string;
      if (dryRun) {
        const data = await deps.customerData.readAll(customerId);
        if (!data) return 'skipped';
        // As the real run judges it: a hold that keeps the whole erasure waiting (garments in the
        // shop, pickups on account not invoiced yet), or a privacy request being answered.
        const open = waitingHolds(data).length > 0 || data.requests.some(isOpenRequest);
        return open ? 'blocked' : 'done';
      }
      const result = await eraseCustomerData(deps, {
        customerId,
        pseudonym: inactivityPseudonym(customerId),
        onlyIfInactiveSince: inactiveSince,
        waitForOpenRequests: true,
      });
      // Held: anonymised but for an open invoice's claim, which its last payment (or credit note, or write-off) releases.
      return result.outcome === 'erased' || result.outcome === 'held' ? 'done' : result.outcome === 'blocked' ? 'blocked' : 'skipped';
    }
  }
}

async function report(deps: SweepDeps, progress: SweepProgress, run: { started: Date; status: SweepReport['status']; dryRun: boolean; resumed: boolean }): Promise<SweepReport> {
  const finished = deps.clock();
  const summary: SweepReport = {
    runId: progress.runId,
    status: run.status,
    dryRun: run.dryRun,
    resumed: run.resumed,
    asOf: progress.asOf,
    startedAt: progress.startedAt,
    invokedAt: run.started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - run.started.getTime(),
    pages: progress.pages,
    counts: progress.counts,
    errors: progress.errors,
  };
  if (run.status !== 'busy') await deps.retention.recordReport(summary, finished);
  return summary;
}
