import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { rights } from '#shared/composition';
import { assembleExport, eraseCustomer, notifyAccessAnswered, type ErasureStepResult, type RightsDeps, type StepInput } from '#shared/domain/rights/rights-use-cases';
import { logger } from '#shared/observability/logger';

/**
 * The data-subject workflow's Lambda tasks, one function for all of them: each state passes its
 * name as `step`. The plain reads and writes of the request are the state machine's own DynamoDB
 * calls; these are the steps with logic. Inputs and outputs are ids and codes only (Step
 * Functions keeps 90 days of history).
 */
export const RIGHTS_STEPS = {
  assembleExport,
  erase: eraseCustomer,
  notify: notifyAccessAnswered,
} satisfies Record<string, (deps: RightsDeps, input: StepInput) => Promise<void | ErasureStepResult>>;
export type RightsStep = keyof typeof RIGHTS_STEPS;

export type RightsStepEvent = { step: RightsStep; requestId: string; run?: string };

export async function runRightsStep(event: RightsStepEvent): Promise<ErasureStepResult | Record<string, never>> {
  const step = Object.hasOwn(RIGHTS_STEPS, event.step) ? RIGHTS_STEPS[event.step] : undefined;
  if (!step || typeof event.requestId !== 'string') throw new Error('Unknown step or missing requestId');
  const output = await step(rights(), { requestId: event.requestId, ...(typeof event.run === 'string' ? { run: event.run } : {}) });
  logger.info('rights step', { step: event.step, requestId: event.requestId, ...(output ? { outcome: output.outcome } : {}) });
  return output ?? {};
}

export const handler = middy(runRightsStep).use(injectLambdaContext(logger, { resetKeys: true }));
