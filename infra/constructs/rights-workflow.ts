import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Choice, Condition, DefinitionBody, Fail, LogLevel, Pass, StateMachine, StateMachineType, Succeed, TaskInput, Timeout, type IChainable, type INextable } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RIGHTS_STEP_ENTRY } from '../config/functions';
import type { StageConfig } from '../config/stages';
import { AppFunction } from './app-function';
import { grantTableAccess } from './table-access';

/**
 * The data-subject workflow (Step Functions Standard: it may run for days, and its history is
 * kept 90 days, so every state's input and output is the request id and codes, never personal
 * data). record → access: assemble the export | erasure: check, then erase or block → notify → close.
 * Every task retries with back-off and, if it still fails, marks the request failed with the step's
 * name, where staff see it; the steps are idempotent, so running the request again resumes it.
 * The local twin runs this very definition, taken from the synthesized template.
 */

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

    const markFailed = new LambdaInvoke(this, 'Mark the request failed', {
      lambdaFunction: this.steps.function,
      payload: TaskInput.fromObject({ step: 'fail', 'requestId.$': '$.requestId', 'failedStep.$': '$.failed.step' }),
      payloadResponseOnly: true,
      taskTimeout: Timeout.duration(Duration.minutes(1)),
    })
      .addRetry({ interval: Duration.seconds(2), maxAttempts: 5, backoffRate: 2 })
      .next(new Fail(this, 'Request failed', { error: 'RequestFailed', cause: 'A step failed after its retries; see the request\'s failedStep' }));

    const task = (name: string, step: string) => {
      const invoke = new LambdaInvoke(this, name, {
        lambdaFunction: this.steps.function,
        payload: TaskInput.fromObject({ step, 'requestId.$': '$.requestId' }),
        payloadResponseOnly: true,
        taskTimeout: Timeout.duration(Duration.minutes(5)),
      });
      invoke.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
      // Keep only the id (the error's Cause stays out of the state's data) and name the failed step.
      const failedAt = new Pass(this, `${name} failed`, { parameters: { 'requestId.$': '$.requestId', failed: { step } } });
      failedAt.next(markFailed);
      invoke.addCatch(failedAt, { errors: ['States.ALL'], resultPath: '$.error' });
      return invoke;
    };

    const notify = task('Notify the customer', 'notify');
    notify.next(task('Close the request', 'close')).next(new Succeed(this, 'Done'));
    const then = (state: INextable & IChainable) => (state.next(notify), state);

    const definition = task('Record the request', 'record').next(
      new Choice(this, 'Access or erasure?')
        .when(Condition.stringEquals('$.type', 'access'), then(task('Assemble the export', 'assembleExport')))
        .otherwise(
          task('Check nothing blocks erasure', 'checkErasable').next(
            new Choice(this, 'Can it be erased?')
              .when(Condition.booleanEquals('$.erasable', true), then(task('Erase the customer', 'erase')))
              .otherwise(then(task('Block the erasure', 'block'))),
          ),
        ),
    );

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
