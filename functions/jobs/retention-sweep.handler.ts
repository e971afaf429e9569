import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { retention } from '#shared/composition';
import { runRetentionSweep } from '#shared/domain/retention/retention-sweep';
import { logger } from '#shared/observability/logger';
import { SWEEP_ERRORS_METRIC } from '#shared/observability/metrics';

/** `{}` from the schedule; locally `npm run job -- sweep [--dry-run] [--as-of YYYY-MM-DD]`. */
export type SweepJobInput = { asOf?: string; dryRun?: boolean };

/** Time kept back from Lambda's limit to save the checkpoint and write the report. */
const SAFETY_MS = 60_000;

/**
 * Daily (EventBridge Scheduler, Europe/Oslo). The report (counts per rule, duration, error kinds;
 * never a key or a name) is logged, kept in the table, and returned. Item errors become a metric
 * an alarm watches; a crash fails the invocation (retried by the scheduler, then dead-lettered)
 * and the next run resumes from the checkpoint.
 */
export const handler = middy(async (input: SweepJobInput = {}, context: Context) => {
  const asOf = input.asOf ? new Date(input.asOf) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new Error('asOf must be an ISO date');
  const deps = retention();
  const report = await runRetentionSweep(deps, {
    ...(asOf ? { asOf } : {}),
    dryRun: input.dryRun === true,
    stopAfter: new Date(deps.clock().getTime() + Math.max(0, context.getRemainingTimeInMillis() - SAFETY_MS)),
    onProgress: (progress) => {
      if (progress.pages % 10 === 0) logger.info('sweep progress', { runId: progress.runId, pages: progress.pages, counts: progress.counts });
    },
  });
  const errors = Object.values(report.counts).reduce((sum, c) => sum + c.errors, 0);
  process.stdout.write(
    `${JSON.stringify({
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: SWEEP_ERRORS_METRIC.namespace, Dimensions: [Object.keys(SWEEP_ERRORS_METRIC.dimensions)], Metrics: [{ Name: SWEEP_ERRORS_METRIC.name, Unit: 'Count' }] }] },
      ...SWEEP_ERRORS_METRIC.dimensions,
      [SWEEP_ERRORS_METRIC.name]: errors,
    })}\n`,
  );
  (errors > 0 ? logger.warn : logger.info).call(logger, 'sweep run', { ...report });
  return report;
}).use(injectLambdaContext(logger, { resetKeys: true }));
