import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { counter } from '#shared/composition';
import { issueDueCollectiveInvoices } from '#shared/domain/invoices/invoice-use-cases';
import { logger } from '#shared/observability/logger';
import { STALE_COLLECTIVE_CLAIMS_METRIC as STALE_METRIC } from '#shared/observability/metrics';

/** On the first day of each month (EventBridge Scheduler, Europe/Oslo): the collective invoices of the period just ended. */
export type CollectiveInvoiceJobInput = { asOf?: string; dryRun?: boolean };

export const handler = middy(async (input: CollectiveInvoiceJobInput = {}) => {
  const asOf = input.asOf ? new Date(input.asOf) : counter().clock();
  if (Number.isNaN(asOf.getTime())) throw new Error('asOf must be an ISO date');
  // A dry run (npm run job -- collective-invoices --dry-run) counts the businesses that would be invoiced, and issues nothing.
  const run = await issueDueCollectiveInvoices(counter(), asOf, { dryRun: input.dryRun === true });
  const { errors, ...counts } = run;
  logger.info('collective invoices run', { ...counts });
  // Each error by its name and kind only (never whose: the customer id is personal data).
  for (const { outcome, name, kind } of errors) {
    const fields = { error: name, ...(kind ? { kind } : {}) };
    if (outcome === 'failed') logger.error('collective invoice failed', fields);
    else logger.warn('collective invoice refused', fields);
  }
  // Embedded-format metric (one JSON line on stdout), alarmed: a number taken a day ago without its invoice stored.
  process.stdout.write(
    `${JSON.stringify({
      _aws: { Timestamp: asOf.getTime(), CloudWatchMetrics: [{ Namespace: STALE_METRIC.namespace, Dimensions: [Object.keys(STALE_METRIC.dimensions)], Metrics: [{ Name: STALE_METRIC.name, Unit: 'Count' }] }] },
      ...STALE_METRIC.dimensions,
      [STALE_METRIC.name]: run.staleClaims,
    })}\n`,
  );
  if (run.staleClaims > 0) logger.error('collective-invoice claims left unfinished for more than a day (completed by this run unless it failed)', { staleClaims: run.staleClaims });
  // A refusal (off account with pickups waiting, erased meanwhile) is for staff: a retry would
  // only refuse again. A failure fails the run so the alarm and the scheduler's retry see it, and
  // the retry completes what was claimed and skips what is issued.
  if (run.failed > 0) throw new Error(`${run.failed} of ${run.businesses} collective invoices failed`);
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
