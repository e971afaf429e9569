import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import { BUNDLING, REPOSITORY_ROOT } from '../config/bundling';

/**
 * Every function with the same defaults: Node.js 24 on arm64, JSON logs into its own log group
 * with a set retention, the shared bundling options, and a role of its own that starts with
 * nothing but writing to that log group (callers add exactly what the function uses).
 */
export type AppFunctionProps = {
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  memorySize?: number;
  timeout?: Duration;
};

export class AppFunction extends Construct {
  readonly function: NodejsFunction;
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
    this.function = new NodejsFunction(this, 'Function', {
      entry: resolve(REPOSITORY_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: resolve(REPOSITORY_ROOT, 'package-lock.json'),
      bundling: {
        target: BUNDLING.target,
        format: OutputFormat.CJS,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        tsconfig: BUNDLING.tsconfig,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [],
      },
    });
  }
}
