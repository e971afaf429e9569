import type { RightsWorkflowStarter } from '#shared/ports/rights-workflow';

/** The rights workflow's starter: idempotent by run name (the request id unless named), as Step Functions is by execution name. */
export class RecordingRightsWorkflow implements RightsWorkflowStarter {
  readonly started: string[] = [];

  async start(requestId: string, runName: string = requestId): Promise<'started' | 'already-started'> {
    if (this.started.includes(runName)) return 'already-started';
    this.started.push(runName);
    return 'started';
  }
}
