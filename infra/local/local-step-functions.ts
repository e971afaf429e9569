import { join } from 'node:path';
import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RIGHTS_STEP_ENTRY } from '../config/functions';
import { CACHE_DIR, filesUnder, hashFiles, readJson, writeFileAtomically } from './build-cache';
import { localClient } from './dynamodb-local';
import type { TwinRequest, TwinResponse } from './api-gateway-twin';
import type { HandlerLoader } from './handler-bundles';

/**
 * Step Functions on one machine: the data-subject workflow's definition is taken from the
 * template CDK synthesizes (not a copy), its intrinsics resolved, and run by aws-local-stepfunctions.
 * Each Task runs what its Resource names: the Lambda tasks the same handler the Lambda runs, and
 * the direct DynamoDB integrations the same request, sent to DynamoDB Local. A minimal Step
 * Functions API (StartExecution) lets the unchanged request-starter function start it.
 */
type TaskState = { Type: 'Task'; Resource: string; Retry?: unknown[] };
type Definition = { States: Record<string, { Type: string; Resource?: string; Retry?: unknown[] }> } & Record<string, unknown>;

export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:eu-north-1:000000000000:stateMachine:rights';

/** CloudFormation's pseudo parameters, as the twin's one region and account have them. */
const PSEUDO_PARAMETERS: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-north-1', 'AWS::AccountId': '000000000000', 'AWS::URLSuffix': 'amazonaws.com' };
/** What an import from the stateful stack (the table's name) resolves to; the twin has one table. */
const IMPORTED = 'imported:';

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
    if ('Fn::ImportValue' in object) return `${IMPORTED}${String(object['Fn::ImportValue'])}`;
    if ('Ref' in object) return PSEUDO_PARAMETERS[String(object.Ref)] ?? String(object.Ref);
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolveIntrinsics(v)]));
  }
  return value;
}

/**
 * The optimized DynamoDB integrations the definition uses, run against DynamoDB Local: the state's
 * resolved Parameters are the API request, sent as they are but for the table's name (in the
 * template an import from the stateful stack; here the twin's one table, TABLE_NAME, read when
 * the task runs because the tests give each file its own table). The answer is the API's, and a
 * failure is named as Step Functions names it (`DynamoDB.ConditionalCheckFailedException`), so
 * the definition's Retry and Catch match as they do in AWS.
 */
const DYNAMODB_INTEGRATIONS: Record<string, (client: DynamoDBClient, parameters: never) => Promise<{ $metadata: unknown }>> = {
  'arn:aws:states:::dynamodb:getItem': (client, parameters) => client.send(new GetItemCommand(parameters)),
  'arn:aws:states:::dynamodb:updateItem': (client, parameters) => client.send(new UpdateItemCommand(parameters)),
};

function dynamoDbIntegration(resource: string) {
  const call = DYNAMODB_INTEGRATIONS[resource];
  if (!call) throw new Error(`The twin has no local handler for the Task resource ${resource}`);
  let client: { endpoint: string; client: DynamoDBClient } | undefined;
  return async (parameters: unknown) => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const tableName = process.env.TABLE_NAME;
    if (!endpoint || !tableName) throw new Error('The local DynamoDB integration needs DYNAMODB_ENDPOINT and TABLE_NAME');
    // One attempt per call, as in AWS: retrying is the state's Retry, not the SDK's.
    if (client?.endpoint !== endpoint) client = { endpoint, client: localClient(endpoint, 1) };
    const request = parameters as { TableName?: string };
    if (!request.TableName?.startsWith(IMPORTED)) throw new Error(`Unexpected table ${request.TableName} in a DynamoDB task`);
    try {
      const { $metadata: _metadata, ...output } = await call(client.client, { ...request, TableName: tableName } as never);
      return JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { name: `DynamoDB.${name}` });
    }
  };
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
  const tasks = Object.entries(definition.States).filter((entry): entry is [string, TaskState] => entry[1].Type === 'Task');
  const executions = new Map<string, LocalExecution>();

  async function invokeStep(input: unknown) {
    const module = (await options.loadHandler(RIGHTS_STEP_ENTRY)) as unknown as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    return module.handler(input, { functionName: 'rights-steps', awsRequestId: 'local', getRemainingTimeInMillis: () => 300_000 });
  }
  // Bound once, by resource: a resource the twin cannot run fails here, at start, not mid-request.
  const taskHandlers = Object.fromEntries(
    tasks.map(([stateName, state]) => [stateName, state.Resource.startsWith('arn:aws:lambda:') ? invokeStep : dynamoDbIntegration(state.Resource)]),
  );

  function startExecution(name: string, input: unknown): LocalExecution {
    if (executions.has(name)) throw Object.assign(new Error(`Execution ${name} already exists`), { name: 'ExecutionAlreadyExists' });
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: taskHandlers as never,
        // Back-off pauses are seconds in AWS; locally they would only slow the twin and the tests down.
        retryIntervalOverrides: Object.fromEntries(tasks.map(([stateName]) => [stateName, options.retryIntervalMs ?? 0])),
      },
      noThrowOnAbort: true,
      // The library fills in $$.Execution's input and start only (the name is the run's, as in AWS);
      // the DynamoDB tasks stamp their writes with $$.State.EnteredTime, which here is the moment
      // the state's Parameters are resolved.
      context: { Execution: { Name: name }, State: { get EnteredTime() { return new Date().toISOString(); } } } as never,
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
    let input: unknown;
    try {
      input = JSON.parse(body.input ?? '{}');
    } catch {
      return json(400, { __type: 'InvalidExecutionInput', message: 'The input is not JSON' });
    }
    try {
      const execution = startExecution(body.name ?? crypto.randomUUID(), input);
      return json(200, { executionArn: execution.executionArn, startDate: Date.now() / 1000 });
    } catch (error) {
      // Only a name in use is a duplicate; anything else must not pass for "already started".
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return json(400, { __type: 'ExecutionAlreadyExists', message: error.message });
      return json(500, { __type: 'InternalFailure', message: 'The local state machine could not start' });
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
