import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { notices } from '#shared/composition';
import { sendReminders } from '#shared/domain/notices/notice-use-cases';
import { logger } from '#shared/observability/logger';

/** Daily (EventBridge Scheduler, Europe/Oslo): courtesy reminders for garments not collected. */
export type ReminderJobInput = { asOf?: string };

export const handler = middy(async (input: ReminderJobInput = {}) => {
  const asOf = input.asOf ? new Date(input.asOf) : notices().clock();
  if (Number.isNaN(asOf.getTime())) throw new Error('asOf must be an ISO date');
  const run = await sendReminders(notices(), asOf);
  logger.info('reminders run', { ...run });
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
