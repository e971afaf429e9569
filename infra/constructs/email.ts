import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { AppFunction } from './app-function';
import type { OperationsAlarms } from './operations-alarms';
import { EMAIL_FEEDBACK_ENTRY, EMAIL_FEEDBACK_TABLE } from '../config/functions';
import { grantTableAccess } from './table-access';

/**
 * E-invoices by SES: the shop's sending domain as a verified identity (DKIM records to publish in
 * its DNS), a configuration set that keeps reputation metrics, suppresses addresses that bounced
 * or complained, and reports bounces, complaints and rejections to a function that marks the
 * message failed for staff to see.
 */
export class InvoiceEmail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  readonly domain: string;
  private readonly configurationSetName: string;

  constructor(
    scope: Construct,
    id: string,
    props: { stage: StageConfig; table: ITableV2; tableKey: IKey; environment: Record<string, string>; alarms: OperationsAlarms; configurationSetName: string },
  ) {
    super(scope, id);
    this.domain = props.stage.shop.invoiceEmailFrom.split('@')[1] as string;
    this.configurationSetName = props.configurationSetName;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(this.domain), configurationSet: this.configurationSet });

    // SES publishes to the topic with its own principal, so the topic's key must let SES use it.
    const topicKey = new Key(this, 'FeedbackKey', { enableKeyRotation: true, description: 'Encrypts SES feedback for invoice e-mails' });
    topicKey.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    const feedback = new Topic(this, 'Feedback', { masterKey: topicKey, enforceSSL: true });
    this.configurationSet.addEventDestination('ToTopic', {
      destination: EventDestination.snsTopic(feedback),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });

    const handler = new AppFunction(this, 'FeedbackHandler', {
      entry: EMAIL_FEEDBACK_ENTRY,
      description: 'Marks invoice e-mails that bounced or drew a complaint as failed',
      environment: props.environment,
      logRetentionDays: props.stage.logRetentionDays,
      timeout: Duration.seconds(30),
    });
    grantTableAccess(this, handler.role, EMAIL_FEEDBACK_TABLE, props.table, props.tableKey);
    feedback.addSubscription(
      new LambdaSubscription(handler.function, { deadLetterQueue: props.alarms.deadLetterQueue('FeedbackDeadLetters', 'SES feedback for invoice e-mails') }),
    );
  }

  /** Send e-mail from the invoice address only, through this identity and configuration set. */
  grantSend(role: IRole, fromAddress: string): void {
    const configurationSetName = this.configurationSetName;
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.domain }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': fromAddress } },
      }),
    );
  }
}

