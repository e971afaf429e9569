import type { RightsWorkflowStarter } from '#shared/ports/rights-workflow';

/** The rights workflow's starter: idempotent by request id, as Step Functions is by execution name. */
export class RecordingRightsWorkflow implements RightsWorkflowStarter {
  readonly started: string[] = [];

  async start(requestId: string): Promise<'started' | 'already-started'> {
    if (this.started.includes(requestId)) return 'already-started';
    this.started.push(requestId);
    return 'started';
  }
}
