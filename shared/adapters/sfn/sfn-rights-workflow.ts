import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { RightsWorkflowStarter } from '../../ports/rights-workflow';

/**
 * The rights workflow's Step Functions state machine. The execution is named after the request,
 * so the same request can never run twice at once (ExecutionAlreadyExists, which is not an error
 * here); its input is the request id and nothing else, since execution history is kept 90 days.
 */
export class SfnRightsWorkflow implements RightsWorkflowStarter {
  private client: SFNClient | undefined;

  constructor(private readonly config: { stateMachineArn: string; endpoint?: string }) {}

  async start(requestId: string, runName: string = requestId): Promise<'started' | 'already-started'> {
    // The twin's Step Functions API needs no real credentials; in AWS the role's are used.
    this.client ??= new SFNClient(this.config.endpoint ? { endpoint: this.config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.config.stateMachineArn, name: runName, input: JSON.stringify({ requestId }) }));
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'already-started';
      throw error;
    }
  }
}
