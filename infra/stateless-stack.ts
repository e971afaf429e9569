import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { runtimeEnvironment } from './config/runtime-environment';
import type { StageConfig } from './config/stages';
import { Api } from './constructs/api';
import { InvoiceEmail } from './constructs/email';
import { Notifications } from './constructs/notifications';
import { OperationsAlarms } from './constructs/operations-alarms';
import { RightsWorkflow } from './constructs/rights-workflow';
import { ScheduledJobs } from './constructs/scheduled-jobs';
import { STAFF_GROUP, type StaffUserPool } from './constructs/staff-user-pool';

export type StatelessStackProps = StackProps & {
  stage: StageConfig;
  table: ITableV2;
  tableKey: IKey;
  staff: StaffUserPool;
  customerTokenKey: ISecret;
  signInCodeKey: ISecret;
  smsCodePrivateKey: ISecret;
};

/** Functions, the API, the stream consumers and the jobs: safe to redeploy at any time, holds no data. */
export class StatelessStack extends Stack {
  readonly api: Api;
  readonly notifications: Notifications;
  readonly jobs: ScheduledJobs;
  readonly rights: RightsWorkflow;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // The configuration set's name is fixed here so the functions' environment can carry it.
    const sesConfigurationSet = `renseri-${props.stage.stage}-invoices`;
    const environment = {
      ...runtimeEnvironment({
        sesConfigurationSet,
        stage: props.stage,
        tableName: props.table.tableName,
        staffTokenIssuer: props.staff.userPool.userPoolProviderUrl,
        staffTokenClientId: props.staff.client.userPoolClientId,
        customerTokenIssuer: `urn:renseri:${props.stage.stage}:customer`,
        customerTokenSecretArn: props.customerTokenKey.secretArn,
        signInCodeSecretArn: props.signInCodeKey.secretArn,
        smsCodePrivateKeySecretArn: props.smsCodePrivateKey.secretArn,
        smsCodePublicKey: smsCodePublicKeyOf(props.stage),
      }),
      STAFF_GROUP,
    };
    const shared = { stage: props.stage, table: props.table, tableKey: props.tableKey, environment };
    const alarms = new OperationsAlarms(this, 'Operations', props.stage.alarmEmail ? { alarmEmail: props.stage.alarmEmail } : {});
    this.api = new Api(this, 'Api', { ...shared, customerTokenKey: props.customerTokenKey, signInCodeKey: props.signInCodeKey });
    const email = new InvoiceEmail(this, 'InvoiceEmail', { ...shared, alarms, configurationSetName: sesConfigurationSet });
    this.rights = new RightsWorkflow(this, 'Rights', shared);
    this.notifications = new Notifications(this, 'Notifications', { ...shared, alarms, email, rightsWorkflow: this.rights.stateMachine, smsCodePrivateKey: props.smsCodePrivateKey });
    this.jobs = new ScheduledJobs(this, 'Jobs', { ...shared, alarms, rightsWorkflow: this.rights.stateMachine });
    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url });
    new CfnOutput(this, 'StaffUserPoolId', { value: props.staff.userPool.userPoolId });
    new CfnOutput(this, 'StaffAppClientId', { value: props.staff.client.userPoolClientId });
  }
}

/**
 * Sign-in codes cannot be sent without it: fail the synth, naming the tool that makes one. The
 * twin synthesizes the local stage only for its state machine, and makes its own pair
 * (infra/local/local-issuer.ts), so the local stage needs none.
 */
function smsCodePublicKeyOf(stage: StageConfig): string | undefined {
  if (stage.smsCodePublicKey || stage.stage === 'local') return stage.smsCodePublicKey;
  throw new Error(`Stage ${stage.stage} has no smsCodePublicKey (infra/config/stages.ts): make a pair with infra/tools/sms-code-keys.ts`);
}
