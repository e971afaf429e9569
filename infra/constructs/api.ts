import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  TokenAuthorizer,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import { CORS } from '../../shared/http/cors';
import { GATEWAY_RESPONSES, gatewayProblemBody, type GatewayResponseType } from '../../shared/http/gateway-responses';
import type { RouteDefinition } from '../../shared/http/route-definition';
import { API_FUNCTIONS, apiFunctionOf, type ApiFunctionId } from '../../shared/http/api-functions';
import { AUTHORIZER_ENTRY, routeList } from '../../shared/http/routes';
import { accessLogFormat } from '../config/access-log';
import type { StageConfig } from '../config/stages';
import { TOKEN_AUTHORIZER } from '../config/token-authorizer';
import { ApiFirewall } from './api-firewall';
import { AppFunction } from './app-function';
import { grantDeclaredTableAccess, type TableAccess } from './table-access';

/**
 * The REST API, built from the route table: one resource path per route, one Lambda per audience
 * (shared/http/api-functions.ts) behind them, the TOKEN
 * authorizer on every non-public route, gateway answers as problem details, throttling, and access
 * logs that leave out the caller's IP address and user agent.
 */
/** The public sign-in routes: throttled apart and limited per client IP. */
export const SIGN_IN_PATH_PREFIX = '/auth/';

export type ApiProps = {
  stage: StageConfig;
  table: ITableV2;
  tableKey: IKey;
  environment: Record<string, string>;
  customerTokenKey: ISecret;
  signInCodeKey: ISecret;
};

export class Api extends Construct {
  readonly restApi: RestApi;
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { stage } = props;
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: stage.logRetentionDays as RetentionDays });

    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: `renseri-${stage.stage}`,
      description: `Renseri backend (${stage.shop.name})`,
      endpointTypes: [EndpointType.REGIONAL],
      // PDFs leave the Lambda base64-encoded; API Gateway sends them as bytes to clients that accept them.
      binaryMediaTypes: ['application/pdf'],
      cloudWatchRole: true,
      deployOptions: {
        stageName: stage.stage,
        throttlingRateLimit: stage.api.throttleRatePerSecond,
        throttlingBurstLimit: stage.api.throttleBurst,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // What happened, never who (infra/config/access-log.ts); the local twin prints the same line.
        accessLogFormat: AccessLogFormat.custom(accessLogFormat()),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Data traces would write request and response bodies, names and numbers included, to CloudWatch.
        dataTraceEnabled: false,
        metricsEnabled: true,
        // The stage's limits are one bucket for every caller; the sign-in routes get a smaller one
        // of their own, so that anyone hammering them is throttled there and the counter is not.
        methodOptions: Object.fromEntries(
          routeList
            .filter((route) => route.path.startsWith(SIGN_IN_PATH_PREFIX))
            .map((route) => [`${route.path}/${route.method}`, { throttlingRateLimit: stage.api.signIn.throttleRatePerSecond, throttlingBurstLimit: stage.api.signIn.throttleBurst }]),
        ),
      },
      // A mock OPTIONS method on every resource; the local twin answers preflights from the same declaration.
      defaultCorsPreflightOptions: {
        allowOrigins: stage.api.corsOrigins,
        allowHeaders: [...CORS.allowHeaders],
        allowMethods: [...CORS.allowMethods],
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level role API Gateway uses to write its logs carries the AWS managed AmazonAPIGatewayPushToCloudWatchLogs policy, which is the documented way to grant it.',
    });
    new ApiFirewall(this, 'Firewall', {
      stage: this.restApi.deploymentStage,
      stageName: stage.stage,
      signInPathPrefix: SIGN_IN_PATH_PREFIX,
      signInRequestsPerIpPerFiveMinutes: stage.api.signIn.requestsPerIpPerFiveMinutes,
    });

    for (const [type, response] of Object.entries(GATEWAY_RESPONSES) as [GatewayResponseType, (typeof GATEWAY_RESPONSES)[GatewayResponseType]][]) {
      this.restApi.addGatewayResponse(`Gateway${type}`, {
        type: ResponseType.of(type),
        ...(response.keepsStatus ? {} : { statusCode: String(response.status) }),
        responseHeaders: {
          'Content-Type': "'application/problem+json'",
          ...(type === 'UNAUTHORIZED' ? { 'WWW-Authenticate': "'Bearer'" } : {}),
        },
        templates: { 'application/json': gatewayProblemBody(type) },
      });
    }

    const authorizerFunction = new AppFunction(this, 'Authorizer', {
      entry: AUTHORIZER_ENTRY,
      description: 'Verifies staff (Cognito) and customer bearer tokens',
      environment: props.environment,
      logRetentionDays: stage.logRetentionDays,
    });
    this.functions.set('authorizer', authorizerFunction);
    props.customerTokenKey.grantRead(authorizerFunction.role);
    const authorizer = new TokenAuthorizer(this, 'TokenAuthorizer', {
      handler: authorizerFunction.function,
      identitySource: IdentitySource.header(TOKEN_AUTHORIZER.header),
      validationRegex: TOKEN_AUTHORIZER.validationRegex,
      resultsCacheTtl: Duration.seconds(TOKEN_AUTHORIZER.cacheSeconds),
    });

    // Parameters are checked here; bodies are validated by the handler against the route's zod schema
    // (API Gateway models speak JSON Schema draft 4 only), so a body without a model passes this validator.
    const validator = this.restApi.addRequestValidator('Requests', { validateRequestParameters: true, validateRequestBody: true });

    // One function per audience (shared/http/api-functions.ts), each with the union of what its
    // routes need: the most table access any of them declares, the customer key if one uses it.
    const integrations = new Map<ApiFunctionId, LambdaIntegration>();
    for (const [functionId, declared] of Object.entries(API_FUNCTIONS) as [ApiFunctionId, (typeof API_FUNCTIONS)[ApiFunctionId]][]) {
      const served = routeList.filter((route) => apiFunctionOf(route) === functionId);
      const fn = new AppFunction(this, `Function-${functionId}`, {
        entry: declared.entry,
        description: declared.description,
        environment: props.environment,
        logRetentionDays: stage.logRetentionDays,
      });
      grantDeclaredTableAccess(this, fn.role, { id: `The ${functionId} function`, data: widestAccess(served.map((route) => route.data)), table: 'table' in declared ? declared.table : undefined }, props.table, props.tableKey);
      if (served.some((route) => route.usesCustomerTokenKey)) props.customerTokenKey.grantRead(fn.role);
      if (served.some((route) => route.usesSignInCodeKey)) props.signInCodeKey.grantRead(fn.role);
      this.functions.set(functionId, fn);
      integrations.set(functionId, new LambdaIntegration(fn.function, { allowTestInvoke: false }));
    }

    for (const route of routeList) {
      const method = this.restApi.root.resourceForPath(route.path).addMethod(route.method, integrations.get(apiFunctionOf(route)) as LambdaIntegration, {
        operationName: route.id,
        requestValidator: validator,
        requestParameters: requiredParameters(route),
        ...(route.access === 'public'
          ? { authorizationType: AuthorizationType.NONE }
          : { authorizer, authorizationType: AuthorizationType.CUSTOM }),
      });
      if (route.access === 'public') {
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${route.path} is public by design (${route.summary}).` });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: `${route.path} is public by design.` });
      } else {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: 'A Lambda TOKEN authorizer verifies the Cognito access token (issuer, app client, staff group) with the same code the local twin runs, and also accepts customer tokens, which a Cognito authorizer cannot.',
        });
      }
    }
    // CORS preflight (OPTIONS) methods carry no authorization by the CORS specification.
    for (const child of this.restApi.root.node.findAll()) {
      if (child.node.id === 'OPTIONS') {
        Validations.of(child).acknowledge({ id: 'AwsSolutions-APIG4', reason: 'CORS preflight requests carry no credentials by specification.' });
        Validations.of(child).acknowledge({ id: 'AwsSolutions-COG4', reason: 'CORS preflight requests carry no credentials by specification.' });
      }
    }
  }
}

function widestAccess(accesses: TableAccess[]): TableAccess {
  return accesses.includes('write') ? 'write' : accesses.includes('read') ? 'read' : 'none';
}

/** Required query parameters, from the route's query schema: API Gateway rejects a request without them. */
function requiredParameters(route: RouteDefinition): Record<string, boolean> | undefined {
  if (!route.request?.query) return undefined;
  const schema = z.toJSONSchema(route.request.query(), { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  const required = new Set(schema.required ?? []);
  const entries = Object.keys(schema.properties ?? {}).map((name) => [`method.request.querystring.${name}`, required.has(name)] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}
