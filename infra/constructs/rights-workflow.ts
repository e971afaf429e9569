import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Choice, Condition, DefinitionBody, Fail, JsonPath, LogLevel, Pass, StateMachine, StateMachineType, Succeed, TaskInput, Timeout, type IChainable, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';
import { DynamoAttributeValue, DynamoGetItem, DynamoProjectionExpression, DynamoUpdateItem, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { REQUEST_TRANSITIONS, type RequestTransition } from '../../shared/domain/rights/privacy-requests';
import type { RightsStep } from '../../functions/workflow/rights-step.handler';
import { RIGHTS_STEP_ENTRY } from '../config/functions';
import type { StageConfig } from '../config/stages';
import { AppFunction } from './app-function';
import { grantTableAccess, grantTableKeyUse } from './table-access';

/**
 * The data-subject workflow (Step Functions Standard: it may run for days, and its history is
 * kept 90 days, so every state's input and output is the request id and codes, never personal
 * data: not even the customer id, which the Lambda steps that need it read from the request).
 *
 * record → read the type → access: assemble the export → notify → close
 *                        | erasure: erase (which itself checks for garments in the shop) → close,
 *                                   or block while garments are in the shop (the customer is told
 *                                   why, and the erasure is run again when an order leaves the shop).
 * The plain reads and writes of the request (record, read its type, block, close, mark failed)
 * are direct DynamoDB integrations with the conditions of REQUEST_TRANSITIONS; a Lambda runs only
 * where logic lives. Every task retries with back-off and, if it still fails, marks the request
 * failed with the step's name, where staff see it; the steps are idempotent, so running the
 * request again resumes it. The local twin runs this very definition, taken from the synthesized
 * template (infra/local/local-step-functions.ts sends the DynamoDB calls to DynamoDB Local).
 */

/** The optimized DynamoDB integration names a failed condition so: not worth retrying, it is an answer. */
export const CONDITION_FAILED = 'DynamoDB.ConditionalCheckFailedException';

/** The request's key, its format taken from the one place keys are made. */
const requestKeyFormat = keys.privacyRequest('{}');
const requestKey = {
  pk: DynamoAttributeValue.fromString(JsonPath.format(requestKeyFormat.pk, JsonPath.stringAt('$.requestId'))),
  sk: DynamoAttributeValue.fromString(requestKeyFormat.sk),
};

export class RightsWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly steps: AppFunction;

  constructor(scope: Construct, id: string, props: { stage: StageConfig; table: ITableV2; tableKey: IKey; environment: Record<string, string> }) {
    super(scope, id);
    this.steps = new AppFunction(this, 'Steps', {
      entry: RIGHTS_STEP_ENTRY,
      description: 'The tasks of the data-subject workflow',
      environment: props.environment,
      logRetentionDays: props.stage.logRetentionDays,
      timeout: Duration.minutes(5),
    });
    grantTableAccess(this, this.steps.role, 'write', props.table, props.tableKey);

    /**
     * A status change, as one conditional write: the statuses it may come from and the one it goes
     * to are REQUEST_TRANSITIONS'. The queue key follows the status; its sort key (deadline#id)
     * does not change with it, so nothing needs reading first. `updatedAt` is when the state was
     * entered.
     */
    const transition = (name: string, change: RequestTransition, extra: { set?: string[]; remove?: string[]; values?: Record<string, DynamoAttributeValue> } = {}) => {
      const { from, to } = REQUEST_TRANSITIONS[change];
      const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, DynamoAttributeValue.fromString(status)]));
      const remove = extra.remove ?? [];
      return DynamoUpdateItem.jsonPath(this, name, {
        table: props.table,
        key: requestKey,
        updateExpression: `SET ${['#status = :status', 'updatedAt = :at', 'gsi1pk = :queue', ...(extra.set ?? [])].join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        conditionExpression: `#status IN (${Object.keys(fromValues).join(', ')})`,
        expressionAttributeNames: { '#status': 'status' },
        expressionAttributeValues: {
          ':status': DynamoAttributeValue.fromString(to),
          ':at': DynamoAttributeValue.fromString(JsonPath.stateEnteredTime),
          ':queue': DynamoAttributeValue.fromString(keys.requestsByStatus(to, '', '').gsi1pk),
          ...fromValues,
          ...extra.values,
        },
        resultPath: JsonPath.DISCARD,
        taskTimeout: Timeout.duration(Duration.minutes(1)),
      });
    };

    const requestFailed = new Fail(this, 'Request failed', { error: 'RequestFailed', cause: 'A step failed after its retries; see the request\'s failedStep' });
    const markFailed = transition('Mark the request failed', 'fail', { set: ['failedStep = :failedStep'], values: { ':failedStep': DynamoAttributeValue.fromString(JsonPath.stringAt('$.failed.step')) } })
      .addRetry({ errors: [CONDITION_FAILED], maxAttempts: 0 })
      .addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 5, backoffRate: 2 })
      // Not open any more (answered meanwhile, or gone): nothing to mark.
      .addCatch(requestFailed, { errors: [CONDITION_FAILED], resultPath: JsonPath.DISCARD })
      .next(requestFailed);

    /** Retries with back-off, then marks the request failed with the step's name (the error's Cause stays out of the state's data). */
    const guarded = <T extends TaskStateBase>(task: T, step: string, options: { dynamodb?: boolean; whenConditionFails?: IChainable } = {}): T => {
      if (options.dynamodb) task.addRetry({ errors: [CONDITION_FAILED], maxAttempts: 0 });
      task.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
      if (options.whenConditionFails) task.addCatch(options.whenConditionFails, { errors: [CONDITION_FAILED], resultPath: JsonPath.DISCARD });
      const failedAt = new Pass(this, `${task.stateId} failed`, { parameters: { 'requestId.$': '$.requestId', failed: { step } } });
      failedAt.next(markFailed);
      task.addCatch(failedAt, { errors: ['States.ALL'], resultPath: '$.error' });
      return task;
    };
    const lambdaStep = (name: string, step: RightsStep, resultPath: string) =>
      guarded(
        new LambdaInvoke(this, name, {
          lambdaFunction: this.steps.function,
          // The run's name (request id and occasion) lets the erasing step hold the erasure for this run alone.
          payload: TaskInput.fromObject({ step, 'requestId.$': '$.requestId', run: JsonPath.executionName }),
          payloadResponseOnly: true,
          resultPath,
          taskTimeout: Timeout.duration(Duration.minutes(5)),
        }),
        step,
      );

    // A request that is answered or not there has nothing to resume. A blocked erasure is run again
    // (resumeWaitingErasure, when an order of the customer leaves the shop): erasing checks again.
    const notOpen = new Fail(this, 'Request not open', { error: 'RequestNotOpen', cause: 'The request is answered or gone: nothing to resume' });
    const record = guarded(transition('Record the request', 'start', { remove: ['failedStep'] }), 'record', { dynamodb: true, whenConditionFails: notOpen });
    // Only the id and the type are read, so nothing else of the record reaches the execution history.
    const readType = guarded(
      DynamoGetItem.jsonPath(this, 'Read the request type', {
        table: props.table,
        key: requestKey,
        consistentRead: true,
        projectionExpression: [new DynamoProjectionExpression().withAttribute('requestId'), new DynamoProjectionExpression().withAttribute('#type')],
        expressionAttributeNames: { '#type': 'type' },
        resultSelector: { 'requestId.$': '$.Item.requestId.S', 'type.$': '$.Item.type.S' },
        taskTimeout: Timeout.duration(Duration.minutes(1)),
      }),
      'record',
    );

    const done = new Succeed(this, 'Done');
    const close = guarded(transition('Close the request', 'complete', { set: ['completedAt = :at'], remove: ['failedStep'] }), 'close', { dynamodb: true }).next(done);
    // An erasure's record then keeps only what proves it was honoured: the link to the person goes.
    const closeErasure = guarded(transition('Close the erasure', 'complete', { set: ['completedAt = :at'], remove: ['failedStep', 'customerId'] }), 'close', { dynamodb: true }).next(done);
    const block = guarded(
      transition('Block the erasure', 'block', {
        set: ['outcome = :outcome'],
        remove: ['failedStep'],
        values: { ':outcome': DynamoAttributeValue.fromMap({ blockedReason: DynamoAttributeValue.fromString(JsonPath.stringAt('$.erasure.reason')) }) },
      }),
      'block',
      { dynamodb: true },
    ).next(done);

    const access = lambdaStep('Assemble the export', 'assembleExport', JsonPath.DISCARD).next(lambdaStep('Notify the customer', 'notify', JsonPath.DISCARD)).next(close);
    // Erasing checks for garments in the shop itself, after marking the profile (so no order can be
    // taken in meanwhile): an order taken in at any moment before ends the request blocked, not failed.
    const erasure = lambdaStep('Erase the customer', 'erase', '$.erasure').next(
      new Choice(this, 'Erased or blocked?')
        .when(Condition.stringEquals('$.erasure.outcome', 'blocked'), block)
        // Another run of the request is erasing at this moment: it closes the request, this one leaves it.
        .when(Condition.stringEquals('$.erasure.outcome', 'busy'), new Succeed(this, 'Erased by another run'))
        .otherwise(closeErasure),
    );

    const definition = record.next(readType).next(new Choice(this, 'Access or erasure?').when(Condition.stringEquals('$.type', 'access'), access).otherwise(erasure));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.days(1),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: props.stage.logRetentionDays as RetentionDays }),
        level: LogLevel.ALL,
        includeExecutionData: false, // events, not data: nothing personal reaches CloudWatch
      },
    });
    // The DynamoDB tasks grant themselves their one action each (GetItem, UpdateItem) on the table
    // alone, no index; DynamoDB uses the table's key on the state machine's behalf.
    grantTableKeyUse(this, this.stateMachine.role, 'write', props.tableKey);
    const stepsLogicalId = Stack.of(this).getLogicalId(this.steps.function.node.defaultChild as CfnFunction);
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions writes its logs through CloudWatch Logs delivery and X-Ray, whose actions take no resource.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stepsLogicalId}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on the one steps function and its versions (ARN:*), as CDK grants it.',
    });
  }
}
