import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import type { StageConfig } from '../config/stages';
import { AppFunction } from './app-function';
import type { InvoiceEmail } from './email';
import type { OperationsAlarms } from './operations-alarms';
import { grantDeclaredTableAccess } from './table-access';

/**
 * The table stream's consumers (the SMS and e-mail senders, the request starter), from the same
 * declarations the local twin's poller reads: event filter, batch size, bisect on error, partial
 * batch responses, retries and a dead-letter queue with an alarm. The SMS sender may publish SMS to
 * phone numbers and nothing else; the e-mail sender may send from the invoice address only.
 */
export class Notifications extends Construct {
  readonly functions = new Map<string, AppFunction>();

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: StageConfig;
      table: ITableV2;
      tableKey: IKey;
      environment: Record<string, string>;
      alarms: OperationsAlarms;
      email: InvoiceEmail;
      rightsWorkflow: IStateMachine;
      /** Opens sealed sign-in codes: the SMS sender's alone. */
      smsCodePrivateKey: ISecret;
    },
  ) {
    super(scope, id);
    for (const consumer of STREAM_CONSUMERS) {
      const fn = new AppFunction(this, consumer.id, {
        entry: consumer.entry,
        description: consumer.description,
        environment: props.environment,
        logRetentionDays: props.stage.logRetentionDays,
        timeout: Duration.seconds(30),
      });
      grantDeclaredTableAccess(this, fn.role, consumer, props.table, props.tableKey);
      if (consumer.sendsSms) {
        // SMS are published straight to a phone number, which has no ARN: the action needs "*".
        // The deny keeps the function from publishing to any topic.
        fn.role.addToPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
        fn.role.addToPolicy(new PolicyStatement({ effect: Effect.DENY, actions: ['sns:Publish'], resources: ['arn:aws:sns:*:*:*'] }));
        props.smsCodePrivateKey.grantRead(fn.role);
      }
      if (consumer.sendsEmail) props.email.grantSend(fn.role, props.stage.shop.invoiceEmailFrom);
      if (consumer.startsRightsWorkflow) {
        props.rightsWorkflow.grantStartExecution(fn.role);
        fn.function.addEnvironment('RIGHTS_STATE_MACHINE_ARN', props.rightsWorkflow.stateMachineArn);
      }
      const deadLetters = props.alarms.deadLetterQueue(`${consumer.id}DeadLetters`, consumer.description);
      fn.function.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: consumer.retryAttempts,
          maxRecordAge: Duration.seconds(consumer.maxRecordAgeSeconds),
          onFailure: new SqsDlq(deadLetters),
          filters: [FilterCriteria.filter(consumer.filter)],
        }),
      );
      props.alarms.alarmWhenPositive(`${consumer.id}Errors`, fn.function.metricErrors({ period: Duration.minutes(5) }), `${consumer.description}: the function failed`);
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'dynamodb:ListStreams (added by the event source) works on "*" only; so does sns:Publish to a phone number, which has no resource ARN (publishing to topics is denied).',
      });
      this.functions.set(consumer.id, fn);
    }
  }
}
