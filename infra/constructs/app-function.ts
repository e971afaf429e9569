import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_ENTRIES } from '../config/functions';
import { buildHandlerBundlesSync, type BundleLoader } from '../local/handler-bundles';

/**
 * Every function with the same defaults: Node.js 24 on arm64, JSON logs into its own log group
 * with a set retention, and a role of its own that starts with nothing but writing to that log
 * group (callers add exactly what the function uses).
 *
 * The code is the function's folder from the one build of every function that the twin runs too
 * (infra/local/handler-bundles.ts, reused while its inputs are unchanged), not a NodejsFunction
 * bundling each entry on its own: a few esbuild runs instead of 42, no bundler output on the synth's
 * console, and identical bundles staged once, since CDK names an asset by its content's hash.
 * Stacks synthesized without bundling (template tests: `aws:cdk:bundling-stacks: []`) get a
 * placeholder, as NodejsFunction gave them.
 */
let bundles: BundleLoader | undefined;
function functionCode(scope: Construct, entry: string): Code {
  if (!Stack.of(scope).bundlingRequired) return Code.fromInline('// bundled at synth (infra/local/handler-bundles.ts)');
  if (!FUNCTION_ENTRIES.includes(entry)) throw new Error(`${entry} is not in FUNCTION_ENTRIES (infra/config/functions.ts)`);
  bundles ??= buildHandlerBundlesSync(FUNCTION_ENTRIES);
  return Code.fromAsset(bundles.bundleDir(entry));
}

export type AppFunctionProps = {
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  memorySize?: number;
  timeout?: Duration;
};

export class AppFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5',
      reason: 'Lambda writes to log streams it names at run time inside this function\'s own log group (the ARN ends in :*).',
    });
    this.function = new LambdaFunction(this, 'Function', {
      code: functionCode(this, props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });
  }
}
