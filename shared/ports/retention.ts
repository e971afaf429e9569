import type { RetentionRule } from '../domain/retention/retention';

/** An item the due-date index says is due: which rule, what kind, its anchor, and a handle to act on it. */
export type DueItem = {
  rule: RetentionRule;
  entity: string;
  anchor: string;
  /** For the inactivity rule: the customer. */
  customerId?: string;
  /** The adapter's own key of the item; the domain only hands it back. */
  ref: unknown;
};

export type SweepRuleCounts = {
  /** Items the index gave as due. */
  found: number;
  /** Deleted or anonymised (in a dry run: would be). */
  done: number;
  /** Waiting for something open (garments in the shop, a privacy request being answered). */
  blocked: number;
  /** No longer due when acted on (gone meanwhile, renewed, or the customer came back). */
  skipped: number;
  errors: number;
  /** What was done, per kind of item. */
  byEntity: Record<string, number>;
};

export type SweepError = { rule: RetentionRule; entity: string; error: string; count: number };

/** Where a run stands: saved after every page, so an interrupted run resumes there. No personal data. */
export type SweepProgress = {
  runId: string;
  asOf: string;
  startedAt: string;
  ruleIndex: number;
  year?: number;
  /** Within that year's bucket, the anchor to resume from… */
  resumeAnchor?: string;
  /**
   * …after skipping this many items at that anchor: the ones already seen and left in the index
   * (blocked, failed). Should the index order ties differently, an item is at worst counted twice
   * or left for the next run; nothing is acted on wrongly, since every act re-checks its rule.
   */
  seenAtResumeAnchor?: number;
  counts: Record<RetentionRule, SweepRuleCounts>;
  /** Per rule, the oldest year whose bucket still holds an item after this run (blocked, failed, skipped). */
  remainingFromYear: Partial<Record<RetentionRule, number>>;
  errors: SweepError[];
  pages: number;
};

export type SweepState = {
  /** Per rule, the oldest bucket year that may hold due items. */
  fromYears: Partial<Record<RetentionRule, number>>;
  /** The unfinished run, if one was interrupted. */
  run?: SweepProgress;
};

export type SweepReport = {
  runId: string;
  /** completed; paused (time limit: the next run resumes); busy (another run holds the sweep). */
  status: 'completed' | 'paused' | 'busy';
  dryRun: boolean;
  resumed: boolean;
  asOf: string;
  startedAt: string;
  invokedAt: string;
  finishedAt: string;
  durationMs: number;
  pages: number;
  counts: Record<RetentionRule, SweepRuleCounts>;
  errors: SweepError[];
};

export interface RetentionRepository {
  /**
   * A page of one bucket's items whose anchor is at most `upTo`, oldest first: after `cursor`
   * (in-run paging), or from `fromAnchor` on (resuming a saved run, which stores only the anchor:
   * the index key of an item may hold a phone number). `next` is absent on the last page.
   */
  dueItems(
    rule: RetentionRule,
    year: number,
    upTo: string,
    page: { limit: number; cursor?: string; fromAnchor?: string },
  ): Promise<{ items: DueItem[]; next?: { cursor: string; anchor: string } }>;
  /** Deletes the item if its TTL has passed (checked in the write). */
  deleteIfExpired(item: DueItem, nowEpochSeconds: number): Promise<'deleted' | 'not_due' | 'gone'>;
  /** Deletes the item if its retention date is before `today` (checked in the write). */
  deleteIfRetentionEnded(item: DueItem, today: string): Promise<'deleted' | 'not_due' | 'gone'>;
  readState(): Promise<SweepState | undefined>;
  /**
   * Saves the state if no other run holds it (the lease), holding it for `leaseMs` more.
   * False when another run holds it.
   */
  saveState(state: SweepState, lease: { holder: string; now: Date; leaseMs: number }): Promise<boolean>;
  /** Keeps the run's report (counts only) for the accountability record. */
  recordReport(report: SweepReport, at: Date): Promise<void>;
}
