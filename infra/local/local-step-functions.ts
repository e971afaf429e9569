import { join } from 'node:path';
import { RIGHTS_STEP_ENTRY } from '../config/functions';
import { CACHE_DIR, filesUnder, hashFiles, readJson, writeFileAtomically } from './build-cache';
import type { TwinRequest, TwinResponse } from './api-gateway-twin';
import type { HandlerLoader } from './handler-bundles';

/**
 * Step Functions on one machine: the data-subject workflow's definition is taken from the
 * template CDK synthesizes (not a copy), its intrinsics resolved, and run by aws-local-stepfunctions
 * with every Task bound to the same handler the Lambda runs. A minimal Step Functions API
 * (StartExecution) lets the unchanged request-starter function start it.
 */
type Definition = { States: Record<string, { Type: string; Retry?: unknown[] }> } & Record<string, unknown>;

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

/**
 * The rights workflow as CDK synthesizes it (bundling skipped: the definition does not depend on
 * code). Running the CDK app takes ~5 s, so the result is kept in .local/cache and reused while
 * the CDK app, the shared declarations it reads and the installed packages are unchanged.
 */
export async function synthesizedRightsDefinition(onProgress: (line: string) => void = () => undefined): Promise<Definition> {
  const inputs = hashFiles([...filesUnder('infra', 'shared'), 'package-lock.json', 'cdk.json']);
  const cacheFile = join(CACHE_DIR, 'rights-definition.json');
  const cached = readJson<{ inputs: string; definition: Definition }>(cacheFile);
  if (inputs && cached?.inputs === inputs) {
    onProgress('Rights workflow definition unchanged since the last synth');
    return cached.definition;
  }
  onProgress('Synthesizing the rights workflow from the CDK app…');
  // Loaded here, not at the top: a start that finds the definition cached never loads CDK (~1 s).
  const [{ App }, { Template }, { buildApp }] = await Promise.all([import('aws-cdk-lib'), import('aws-cdk-lib/assertions'), import('../app-builder')]);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'local' } });
  const { stateless } = buildApp(app, { nag: false });
  const machines = Template.fromStack(stateless).findResources('AWS::StepFunctions::StateMachine');
  const [machine] = Object.values(machines);
  if (!machine) throw new Error('No state machine in the template');
  const definition = JSON.parse(resolveIntrinsics(machine.Properties.DefinitionString) as string) as Definition;
  if (inputs) writeFileAtomically(cacheFile, JSON.stringify({ inputs, definition }));
  return definition;
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

export async function createLocalStepFunctions(options: { loadHandler: HandlerLoader; definition?: Definition; retryIntervalMs?: number; onProgress?: (line: string) => void }) {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = options.definition ?? (await synthesizedRightsDefinition(options.onProgress));
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
