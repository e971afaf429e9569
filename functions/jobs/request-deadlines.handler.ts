import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { rights, rightsWorkflowStarter } from '#shared/composition';
import { overdueRequests, resumeStrandedErasures } from '#shared/domain/rights/rights-use-cases';
import { logger } from '#shared/observability/logger';
import { OVERDUE_REQUESTS_METRIC as OVERDUE_METRIC } from '#shared/observability/metrics';

/**
 * Daily: blocked erasures whose holds have all ended are run again, and the sweep's legal-claim
 * holds whose invoices are closed are released (resumeStrandedErasures, the safety net under the
 * stream's resume and release), then how many privacy requests are past their legal deadline. The count goes to CloudWatch as
 * an embedded-format metric (one JSON line on stdout, no client needed), which an alarm watches;
 * the ids are logged for the operator, never who asked.
 */

export const handler = middy(async (input: { asOf?: string } = {}) => {
  const asOf = input.asOf ? new Date(input.asOf) : rights().clock();
  const { resumed, holdsReleased, holdsFailed } = await resumeStrandedErasures(rights(), rightsWorkflowStarter(), asOf);
  if (resumed.length > 0) logger.warn('blocked erasures resumed by the daily safety net', { requestIds: resumed });
  if (holdsReleased > 0) logger.warn('legal-claim holds released by the daily safety net', { holdsReleased });
  if (holdsFailed > 0) logger.error('legal-claim holds the daily safety net could not release; tried again tomorrow', { holdsFailed });
  const result = await overdueRequests(rights(), asOf);
  process.stdout.write(
    `${JSON.stringify({
      _aws: { Timestamp: asOf.getTime(), CloudWatchMetrics: [{ Namespace: OVERDUE_METRIC.namespace, Dimensions: [Object.keys(OVERDUE_METRIC.dimensions)], Metrics: [{ Name: OVERDUE_METRIC.name, Unit: 'Count' }] }] },
      ...OVERDUE_METRIC.dimensions,
      [OVERDUE_METRIC.name]: result.overdue,
    })}\n`,
  );
  if (result.overdue > 0) logger.warn('privacy requests past their deadline', { ...result });
  return { ...result, resumed, holdsReleased, holdsFailed };
}).use(injectLambdaContext(logger, { resetKeys: true }));
