import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from './config/stages';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Composes the app; shared by `cdk synth` (infra/app.ts) and the template tests. */
export function buildApp(app: App, options: { nag?: boolean } = {}) {
  // Cross-stack references stay strong: the stateful stack must not drop an export the API still uses.
  if (app.node.tryGetContext('@aws-cdk/core:defaultCrossStackReferences') === undefined) {
    app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  }
  const stage = stageConfig(String(app.node.tryGetContext('stage') ?? 'prod'));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: stage.shop.dataProcessing.region }; // the region the privacy notice names, never the caller's default
  const stateful = new StatefulStack(app, `Renseri-${stage.stage}-Stateful`, { env, stage, terminationProtection: true });
  const stateless = new StatelessStack(app, `Renseri-${stage.stage}-Stateless`, {
    env,
    stage,
    table: stateful.table,
    tableKey: stateful.tableKey,
    staff: stateful.staff,
    customerTokenKey: stateful.customerTokenKey,
    signInCodeKey: stateful.signInCodeKey,
    smsCodePrivateKey: stateful.smsCodePrivateKey,
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stage, stateful, stateless };
}
