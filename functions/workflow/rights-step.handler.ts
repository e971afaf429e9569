import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { rights } from '#shared/composition';
import {
  assembleExport,
  blockErasure,
  checkErasable,
  closeRequest,
  eraseCustomer,
  markRequestFailed,
  notifyRequestDone,
  recordRequestStart,
  type RightsDeps,
  type StepInput,
  type StepOutput,
} from '#shared/domain/rights/rights-use-cases';
import { logger } from '#shared/observability/logger';

/**
 * The data-subject workflow's tasks, one function for all of them: each state passes its name as
 * `step`. Inputs and outputs are ids and codes only (Step Functions keeps 90 days of history).
 */
export const RIGHTS_STEPS = {
  record: recordRequestStart,
  assembleExport,
  checkErasable,
  erase: eraseCustomer,
  block: blockErasure,
  notify: notifyRequestDone,
  close: closeRequest,
  fail: markRequestFailed,
} satisfies Record<string, (deps: RightsDeps, input: StepInput & { failedStep?: string }) => Promise<StepOutput>>;
export type RightsStep = keyof typeof RIGHTS_STEPS;

export type RightsStepEvent = { step: RightsStep; requestId: string; failedStep?: string };

export async function runRightsStep(event: RightsStepEvent): Promise<StepOutput> {
  const step = RIGHTS_STEPS[event.step];
  if (!step || typeof event.requestId !== 'string') throw new Error('Unknown step or missing requestId');
  const output = await step(rights(), { requestId: event.requestId, ...(event.failedStep ? { failedStep: event.failedStep } : {}) });
  logger.info('rights step', { step: event.step, requestId: event.requestId });
  return output;
}

export const handler = middy(runRightsStep).use(injectLambdaContext(logger, { resetKeys: true }));
