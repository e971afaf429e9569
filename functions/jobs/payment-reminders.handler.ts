import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { reminders } from '#shared/composition';
import { sendDueReminders } from '#shared/domain/receivables/reminder-use-cases';
import { logger } from '#shared/observability/logger';

/** Daily (EventBridge Scheduler, Europe/Oslo): payment reminders for overdue invoices whose next one is due. */
export type PaymentReminderJobInput = { asOf?: string };

export const handler = middy(async (input: PaymentReminderJobInput = {}) => {
  const asOf = input.asOf ? new Date(input.asOf) : reminders().clock();
  if (Number.isNaN(asOf.getTime())) throw new Error('asOf must be an ISO date');
  const run = await sendDueReminders(reminders(), asOf);
  logger.info('payment reminders run', { ...run });
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
