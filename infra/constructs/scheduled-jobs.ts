import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { OVERDUE_REQUESTS_METRIC, STALE_COLLECTIVE_CLAIMS_METRIC, SWEEP_ERRORS_METRIC } from '../../shared/observability/metrics';
import { SCHEDULED_JOBS } from '../../shared/events/stream-consumers';
import type { StageConfig } from '../config/stages';
import { AppFunction } from './app-function';
import type { OperationsAlarms } from './operations-alarms';
import { grantDeclaredTableAccess } from './table-access';

/** The scheduled jobs, run by EventBridge Scheduler in the shop's time zone, with retries and a DLQ. */
export class ScheduledJobs extends Construct {
  readonly functions = new Map<string, AppFunction>();

  constructor(
    scope: Construct,
    id: string,
    props: { stage: StageConfig; table: ITableV2; tableKey: IKey; environment: Record<string, string>; alarms: OperationsAlarms; rightsWorkflow: IStateMachine },
  ) {
    super(scope, id);
    for (const job of SCHEDULED_JOBS) {
      const fn = new AppFunction(this, job.id, {
        entry: job.entry,
        description: job.description,
        environment: props.environment,
        logRetentionDays: props.stage.logRetentionDays,
        timeout: Duration.minutes(job.timeoutMinutes ?? 5),
      });
      grantDeclaredTableAccess(this, fn.role, job, props.table, props.tableKey);
      if (job.startsRightsWorkflow) {
        props.rightsWorkflow.grantStartExecution(fn.role);
        fn.function.addEnvironment('RIGHTS_STATE_MACHINE_ARN', props.rightsWorkflow.stateMachineArn);
      }
      const schedulerRole = new Role(this, `${job.id}SchedulerRole`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
      const functionLogicalId = Stack.of(this).getLogicalId(fn.function.node.defaultChild as CfnFunction);
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on this one job function and its versions (ARN:*), as CDK grants it for the schedule target.',
      });
      new Schedule(this, `${job.id}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.expression(job.cron, TimeZone.of(props.stage.shop.timeZone)),
        target: new LambdaInvoke(fn.function, {
          role: schedulerRole,
          input: ScheduleTargetInput.fromObject({}),
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: props.alarms.deadLetterQueue(`${job.id}DeadLetters`, job.description),
        }),
      });
      props.alarms.alarmWhenPositive(`${job.id}Errors`, fn.function.metricErrors({ period: Duration.hours(1) }), `${job.description}: the job failed`);
      if (job.id === 'request-deadlines') {
        props.alarms.alarmWhenPositive(
          'OverdueRequests',
          new Metric({ namespace: OVERDUE_REQUESTS_METRIC.namespace, metricName: OVERDUE_REQUESTS_METRIC.name, dimensionsMap: { ...OVERDUE_REQUESTS_METRIC.dimensions }, statistic: 'Maximum', period: Duration.days(1) }),
          'A privacy request is past its legal deadline (GDPR art. 12(3)): see GET /admin/requests',
        );
      }
      if (job.id === 'collective-invoices') {
        props.alarms.alarmWhenPositive(
          'StaleCollectiveInvoiceClaims',
          new Metric({ namespace: STALE_COLLECTIVE_CLAIMS_METRIC.namespace, metricName: STALE_COLLECTIVE_CLAIMS_METRIC.name, dimensionsMap: { ...STALE_COLLECTIVE_CLAIMS_METRIC.dimensions }, statistic: 'Maximum', period: Duration.days(1) }),
          'A collective invoice\'s number was taken more than a day before its invoice was stored (a run stopped): see the collective-invoices job\'s log',
        );
      }
      if (job.id === 'sweep') {
        props.alarms.alarmWhenPositive(
          'SweepItemErrors',
          new Metric({ namespace: SWEEP_ERRORS_METRIC.namespace, metricName: SWEEP_ERRORS_METRIC.name, dimensionsMap: { ...SWEEP_ERRORS_METRIC.dimensions }, statistic: 'Maximum', period: Duration.days(1) }),
          'The retention sweep could not settle some items (they stay due): see the run report in the logs',
        );
      }
      this.functions.set(job.id, fn);
    }
  }
}
