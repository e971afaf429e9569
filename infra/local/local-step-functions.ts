import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../app-builder';
import { RIGHTS_STEP_ENTRY } from '../constructs/rights-workflow';
import type { TwinRequest, TwinResponse } from './api-gateway-twin';
import type { HandlerLoader } from './handler-bundles';

/**
 * Step Functions on one machine: the data-subject workflow's definition is taken from the
 * template CDK synthesizes (not a copy), its intrinsics resolved, and run by aws-local-stepfunctions
 * with every Task bound to the same handler the Lambda runs. A minimal Step Functions API
 * (StartExecution) lets the unchanged request-starter function start it.
 */
type Definition = { States: Record<string, { Type: string; Retry?: unknown[] }> } & Record<string, unknown>;

// aws-local-stepfunctions 3 uses Promise.withResolvers (Node 22+); this machine may run Node 20.
const promiseWithResolvers = Promise as unknown as { withResolvers?: () => unknown };
promiseWithResolvers.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:eu-north-1:000000000000:stateMachine:rights';

function resolveIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveIntrinsics);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => resolveIntrinsics(part)).join(separator);
    }
    if ('Fn::GetAtt' in object) {
      const [logicalId] = object['Fn::GetAtt'] as [string, string];
      return `arn:aws:lambda:eu-north-1:000000000000:function:${logicalId}`;
    }
    if ('Ref' in object) return String(object.Ref);
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolveIntrinsics(v)]));
  }
  return value;
}

/** The rights workflow as CDK synthesizes it (bundling skipped: the definition does not depend on code). */
export function synthesizedRightsDefinition(): Definition {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'local' } });
  const { stateless } = buildApp(app, { nag: false });
  const machines = Template.fromStack(stateless).findResources('AWS::StepFunctions::StateMachine');
  const [machine] = Object.values(machines);
  if (!machine) throw new Error('No state machine in the template');
  return JSON.parse(resolveIntrinsics(machine.Properties.DefinitionString) as string) as Definition;
}

export type LocalExecution = {
  executionArn: string;
  name: string;
  input: unknown;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  /** Every state's name, input and output, for checking what passed through. */
  states: { name: string; input: unknown; output?: unknown }[];
  done: Promise<void>;
};

export async function createLocalStepFunctions(options: { loadHandler: HandlerLoader; definition?: Definition; retryIntervalMs?: number }) {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = options.definition ?? synthesizedRightsDefinition();
  const machine = new StateMachine(definition as never, { validationOptions: { checkPaths: false } });
  const tasks = Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');
  const executions = new Map<string, LocalExecution>();

  async function invokeStep(input: unknown) {
    const module = (await options.loadHandler(RIGHTS_STEP_ENTRY)) as unknown as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    return module.handler(input, { functionName: 'rights-steps', awsRequestId: 'local', getRemainingTimeInMillis: () => 300_000 });
  }

  function startExecution(name: string, input: unknown): LocalExecution {
    if (executions.has(name)) throw Object.assign(new Error(`Execution ${name} already exists`), { name: 'ExecutionAlreadyExists' });
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: Object.fromEntries(tasks.map(([stateName]) => [stateName, invokeStep])) as never,
        // Back-off pauses are seconds in AWS; locally they would only slow the twin and the tests down.
        retryIntervalOverrides: Object.fromEntries(tasks.map(([stateName]) => [stateName, options.retryIntervalMs ?? 0])),
      },
      noThrowOnAbort: true,
    });
    const execution: LocalExecution = { executionArn: `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`, name, input, status: 'RUNNING', states: [], done: Promise.resolve() };
    execution.done = (async () => {
      const collect = (async () => {
        for await (const event of run.eventLogs) {
          const e = event as { type: string; state?: { name: string; input: unknown; output?: unknown } };
          if (e.type === 'StateExited' && e.state) execution.states.push({ name: e.state.name, input: e.state.input, output: e.state.output });
        }
      })();
      try {
        await run.result;
        execution.status = 'SUCCEEDED';
      } catch {
        execution.status = 'FAILED';
      }
      await collect.catch(() => undefined);
    })();
    executions.set(name, execution);
    return execution;
  }

  /** The Step Functions API as far as the request starter uses it (AWS JSON 1.0 protocol). */
  async function handleApi(request: TwinRequest): Promise<TwinResponse> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const body = JSON.parse(request.body?.toString('utf8') || '{}') as { name?: string; input?: string; stateMachineArn?: string };
    const json = (status: number, payload: unknown): TwinResponse => ({ status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(payload) });
    if (target !== 'AWSStepFunctions.StartExecution') return json(400, { __type: 'UnknownOperationException', message: target });
    try {
      const execution = startExecution(body.name ?? crypto.randomUUID(), JSON.parse(body.input ?? '{}'));
      return json(200, { executionArn: execution.executionArn, startDate: Date.now() / 1000 });
    } catch (error) {
      return json(400, { __type: 'ExecutionAlreadyExists', message: error instanceof Error ? error.message : 'exists' });
    }
  }

  return {
    definition,
    startExecution,
    handleApi,
    executions,
    /** Waits until no execution is running. */
    async idle(): Promise<boolean> {
      const running = [...executions.values()].filter((e) => e.status === 'RUNNING');
      await Promise.all(running.map((e) => e.done));
      return running.length > 0;
    },
  };
}

export type LocalStepFunctions = Awaited<ReturnType<typeof createLocalStepFunctions>>;
