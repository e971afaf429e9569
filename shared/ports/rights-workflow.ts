/**
 * Starting the data-subject workflow for a request (Step Functions in AWS, aws-local-stepfunctions
 * in the twin). Starting is idempotent by the request id: a replayed stream record or a retried
 * batch finds the run already there and starts nothing.
 */
export type RightsWorkflowStarter = {
  /** `runName` names a later run of the same request (a blocked erasure resumed); the request id otherwise. */
  start(requestId: string, runName?: string): Promise<'started' | 'already-started'>;
};
