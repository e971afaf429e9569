import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { counter } from '#shared/composition';
import { issueDueCollectiveInvoices } from '#shared/domain/invoices/invoice-use-cases';
import { logger } from '#shared/observability/logger';

/** On the first day of each month (EventBridge Scheduler, Europe/Oslo): the collective invoices of the period just ended. */
export type CollectiveInvoiceJobInput = { asOf?: string; dryRun?: boolean };

export const handler = middy(async (input: CollectiveInvoiceJobInput = {}) => {
  const asOf = input.asOf ? new Date(input.asOf) : counter().clock();
  if (Number.isNaN(asOf.getTime())) throw new Error('asOf must be an ISO date');
  // A dry run (npm run job -- collective-invoices --dry-run) counts the businesses that would be invoiced, and issues nothing.
  const run = await issueDueCollectiveInvoices(counter(), asOf, { dryRun: input.dryRun === true });
  logger.info('collective invoices run', { ...run });
  // Every other business was invoiced; the run fails so the alarm and the scheduler's retry see it,
  // and the retry completes what was claimed and skips what is issued.
  if (run.failed > 0) throw new Error(`${run.failed} of ${run.businesses} collective invoices failed`);
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
