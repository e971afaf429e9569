import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { CORS, corsHeaderList } from '../../shared/http/cors';
import { gatewayProblemBody, GATEWAY_RESPONSES, type GatewayResponseType } from '../../shared/http/gateway-responses';
import type { RouteDefinition } from '../../shared/http/route-definition';
import { API_FUNCTIONS, apiFunctionOf } from '../../shared/http/api-functions';
import { AUTHORIZER_ENTRY, routeList } from '../../shared/http/routes';
import { ACCESS_LOG_FIELDS, type AccessLogContextVariable } from '../config/access-log';
import { stageConfig } from '../config/stages';
import { TOKEN_AUTHORIZER } from '../config/token-authorizer';
import type { HandlerLoader } from './handler-bundles';
import { invokedFunction } from './invocation-scope';

/**
 * API Gateway (REST, Lambda proxy integration) on one machine: it reads the same route table CDK
 * deploys, runs the same TOKEN authorizer for non-public routes, and invokes the same handlers
 * in-process with the events API Gateway would send. What API Gateway answers by itself (no such
 * route, no token, denied, a body over its limit) comes from the same gateway-response
 * declarations, the authorizer's answers are cached per header as API Gateway caches them, CORS
 * preflights get what CDK's mock OPTIONS methods return, and every request gets an access-log line
 * in the format CDK gives the stage.
 */
/** `sourceIp`: the caller's address, as API Gateway's identity.sourceIp (the socket's peer; the loopback address if not given). */
export type TwinRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body?: Buffer; sourceIp?: string };
export type TwinResponse = { status: number; headers: Record<string, string>; body: string | Buffer };

type LambdaModule<E, R> = { handler: (event: E, context: Context) => Promise<R> };

export const STAGE_NAME = 'local';

type CompiledPath = { path: string; pattern: RegExp; names: string[]; specificity: number };
type CompiledRoute = CompiledPath & { route: RouteDefinition & { id: string } };

function compile(path: string): CompiledPath {
  const names: string[] = [];
  const segments = path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      return '([^/]+)';
    })
    .join('/');
  // API Gateway prefers literal segments over path parameters.
  return { path, pattern: new RegExp(`^/${source}/?$`), names, specificity: segments.length * 10 - names.length };
}

const bySpecificity = (a: CompiledPath, b: CompiledPath) => b.specificity - a.specificity;

/** Every resource CDK creates for the route table: each route's path and every prefix of it, and the root. */
function resourcePaths(paths: string[]): string[] {
  const resources = new Set(['/']);
  for (const path of paths) {
    const segments = path.split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) resources.add(`/${segments.slice(0, i).join('/')}`);
  }
  return [...resources];
}

function lambdaContext(functionName: string): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function headerOf(headers: TwinRequest['headers'], name: string): string | undefined {
  const value = Object.entries(headers).find(([n]) => n.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function gatewayResponse(type: GatewayResponseType): TwinResponse {
  return {
    status: GATEWAY_RESPONSES[type].status,
    headers: { 'content-type': 'application/problem+json', ...(type === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {}) },
    body: gatewayProblemBody(type),
  };
}

/**
 * What CDK's `addCorsPreflight` deploys on every resource (aws-apigateway/lib/resource.js): a mock
 * integration answering 204 with static headers, Access-Control-Allow-Origin being the first
 * allowed origin; with more origins, a response template puts the request's Origin there instead
 * when it is one of the others. So a disallowed origin still gets a 204, naming an origin that is
 * not its own, and the browser refuses the actual request.
 */
export function preflightResponse(allowedOrigins: readonly string[], origin: string | undefined): TwinResponse {
  const [first, ...others] = allowedOrigins;
  if (first === undefined) throw new Error('The stage allows no CORS origin; CDK refuses that at synth');
  const allowOrigin = origin !== undefined && others.includes(origin) ? origin : first;
  return {
    status: 204,
    headers: {
      // API Gateway's content type for a mock integration's empty body.
      'content-type': 'application/json',
      'access-control-allow-headers': corsHeaderList(CORS.allowHeaders),
      'access-control-allow-origin': allowOrigin,
      ...(first === '*' ? {} : { vary: 'Origin' }),
      'access-control-allow-methods': corsHeaderList(CORS.allowMethods),
      'access-control-max-age': String(CORS.maxAgeSeconds),
      'access-control-expose-headers': corsHeaderList(CORS.exposeHeaders),
    },
    body: '',
  };
}

/** One request through the gateway, as far as the access log needs it. */
type Exchange = {
  requestId: string;
  receivedAt: Date;
  startedMs: number;
  httpMethod: string;
  resourcePath?: string;
  integrationMs?: number;
  /** The gateway response type, when API Gateway answered by itself. */
  errorType?: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `$context.requestTime`: API Gateway's CLF-like "dd/MMM/yyyy:HH:mm:ss +0000", always UTC. */
export function requestTimeOf(at: Date): string {
  return `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

/**
 * The value of each `$context` variable the access-log format names. Keyed by the declared
 * variables, so a field added to infra/config/access-log.ts does not compile until the twin can
 * fill it in. API Gateway writes "-" for a variable without a value.
 */
const CONTEXT_VALUES: Record<AccessLogContextVariable, (exchange: Exchange, response: TwinResponse) => string> = {
  requestId: (e) => e.requestId,
  requestTime: (e) => requestTimeOf(e.receivedAt),
  httpMethod: (e) => e.httpMethod,
  resourcePath: (e) => e.resourcePath ?? '-',
  status: (_, r) => String(r.status),
  responseLength: (_, r) => String(Buffer.byteLength(r.body)),
  integrationLatency: (e) => (e.integrationMs === undefined ? '-' : String(e.integrationMs)),
  responseLatency: (e) => String(Math.round(performance.now() - e.startedMs)),
  'error.responseType': (e) => e.errorType ?? '-',
};

/** Where access-log lines go: one JSON line per request. */
export type AccessLogSink = (line: string) => void;

export type ApiGatewayTwinOptions = {
  /** Default: stdout, as API Gateway writes each line to the stage's log group; `false` for none (tests make many twins). */
  accessLog?: AccessLogSink | false;
};

const toStdout: AccessLogSink = (line) => void process.stdout.write(`${line}\n`);


export function createApiGatewayTwin(loadHandler: HandlerLoader, options: ApiGatewayTwinOptions = {}) {
  const compiled: CompiledRoute[] = routeList.map((route) => ({ route, ...compile(route.path) })).sort(bySpecificity);
  const resources = resourcePaths(routeList.map((route) => route.path)).map(compile).sort(bySpecificity);
  const allowedOrigins = stageConfig(STAGE_NAME).api.corsOrigins;
  const sink = options.accessLog === undefined ? toStdout : options.accessLog;
  const load = <E, R>(entry: string) => loadHandler(entry) as unknown as Promise<LambdaModule<E, R>>;

  function begin(method: string): Exchange {
    return { requestId: randomUUID(), receivedAt: new Date(Date.now()), startedMs: performance.now(), httpMethod: method.toUpperCase() };
  }

  function finish(exchange: Exchange, response: TwinResponse): TwinResponse {
    if (sink) sink(JSON.stringify(Object.fromEntries(ACCESS_LOG_FIELDS.map((f) => [f.name, CONTEXT_VALUES[f.contextVariable](exchange, response)]))));
    return response;
  }

  /** API Gateway answering by itself; `errorType` is what `$context.error.responseType` says when it differs from the response used. */
  function answerItself(exchange: Exchange, type: GatewayResponseType, errorType: string = type): TwinResponse {
    exchange.errorType = errorType;
    return gatewayResponse(type);
  }

  const validToken = new RegExp(TOKEN_AUTHORIZER.validationRegex);
  const cachedAnswers = new Map<string, { result: APIGatewayAuthorizerResult; until: number }>();

  type Refusal = { refused: GatewayResponseType; errorType?: string };

  async function authorize(headerValue: string | undefined, methodArn: string): Promise<Refusal | { context: Record<string, unknown> }> {
    // API Gateway does not call a TOKEN authorizer when the identity source header is missing or fails the regex.
    if (!headerValue || !validToken.test(headerValue)) return { refused: 'UNAUTHORIZED' };
    const cached = cachedAnswers.get(headerValue);
    let result = cached && cached.until > Date.now() ? cached.result : undefined;
    if (!result) {
      const authorizer = await load<APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult>(AUTHORIZER_ENTRY);
      try {
        result = await authorizer.handler({ type: 'TOKEN', authorizationToken: headerValue, methodArn }, lambdaContext('authorizer'));
      } catch (error) {
        // Any other failure is API Gateway's AUTHORIZER_FAILURE, which has no response of its own here: DEFAULT_5XX.
        return error instanceof Error && error.message === 'Unauthorized' ? { refused: 'UNAUTHORIZED' } : { refused: 'DEFAULT_5XX', errorType: 'AUTHORIZER_FAILURE' };
      }
      // A twin runs for days on a laptop: answers past their time go when a new one is kept.
      for (const [header, answer] of cachedAnswers) if (answer.until <= Date.now()) cachedAnswers.delete(header);
      cachedAnswers.set(headerValue, { result, until: Date.now() + TOKEN_AUTHORIZER.cacheSeconds * 1000 });
    }
    const allowed = result.policyDocument.Statement.some((s) => s.Effect === 'Allow');
    if (!allowed) return { refused: 'ACCESS_DENIED' };
    return { context: { ...(result.context ?? {}), principalId: result.principalId } };
  }

  /** A request API Gateway routes: the route's Lambda, behind the authorizer unless public; or a CORS preflight. */
  async function handle(request: TwinRequest): Promise<TwinResponse> {
    const exchange = begin(request.method);
    return finish(exchange, await routeRequest(request, exchange));
  }

  /** API Gateway's answer to a request it refuses before routing it (a body over its limit), logged like any other. */
  function refuse(request: Pick<TwinRequest, 'method'>, type: GatewayResponseType): TwinResponse {
    const exchange = begin(request.method);
    return finish(exchange, answerItself(exchange, type));
  }

  async function routeRequest(request: TwinRequest, exchange: Exchange): Promise<TwinResponse> {
    // Joined, not resolved: a path starting with // must not be read as a host.
    const url = new URL(`http://localhost${request.url.startsWith('/') ? '' : '/'}${request.url}`);
    const method = exchange.httpMethod;
    if (method === 'OPTIONS') {
      // CORS preflight: every resource has a mock OPTIONS method without authorization.
      const resource = resources.find((candidate) => candidate.pattern.test(url.pathname));
      if (!resource) return answerItself(exchange, 'MISSING_AUTHENTICATION_TOKEN');
      exchange.resourcePath = resource.path;
      return preflightResponse(allowedOrigins, headerOf(request.headers, 'origin'));
    }
    let match: { compiled: CompiledRoute; values: string[] } | undefined;
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(url.pathname);
      if (found && candidate.route.method === method) {
        match = { compiled: candidate, values: found.slice(1) };
        break;
      }
    }
    if (!match) return answerItself(exchange, 'MISSING_AUTHENTICATION_TOKEN');
    const { route, names } = match.compiled;
    exchange.resourcePath = route.path;

    // Prototype-free maps: a client may name a header or parameter "__proto__" or "valueOf".
    const headers: Record<string, string> = Object.create(null);
    const multiValueHeaders: Record<string, string[]> = Object.create(null);
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      multiValueHeaders[name] = values;
      headers[name] = values[values.length - 1] as string;
    }
    const query: Record<string, string> = Object.create(null);
    const multiQuery: Record<string, string[]> = Object.create(null);
    for (const [name, value] of url.searchParams) {
      query[name] = value;
      (multiQuery[name] ??= []).push(value);
    }
    let pathParameters: Record<string, string> | null = null;
    try {
      pathParameters = names.length ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match.values[i] as string)])) : null;
    } catch {
      return answerItself(exchange, 'DEFAULT_4XX');
    }

    const methodArn = `arn:aws:execute-api:local:000000000000:local/${STAGE_NAME}/${method}${url.pathname}`;
    let authorizer: Record<string, unknown> | undefined;
    if (route.access !== 'public') {
      const outcome = await authorize(headerOf(headers, TOKEN_AUTHORIZER.header.toLowerCase()), methodArn);
      if ('refused' in outcome) return answerItself(exchange, outcome.refused, outcome.errorType);
      authorizer = outcome.context;
    }

    const body = request.body && request.body.length > 0 ? request.body : undefined;
    const utf8 = body ? decodeUtf8(body) : undefined;
    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders,
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
      pathParameters,
      stageVariables: null,
      body: body ? (utf8 ?? body.toString('base64')) : null,
      isBase64Encoded: body !== undefined && utf8 === undefined,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer,
        httpMethod: method,
        path: `/${STAGE_NAME}${url.pathname}`,
        protocol: 'HTTP/1.1',
        requestId: exchange.requestId,
        requestTimeEpoch: Date.now(),
        resourceId: route.id,
        resourcePath: route.path,
        stage: STAGE_NAME,
        // API Gateway fills these in. The access logs leave the caller's address out; the sign-in
        // limits count by it, so the twin passes the peer it sees (on a laptop, the loopback client).
        identity: {
          accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
          cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
          cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: request.sourceIp ?? '127.0.0.1', user: null, userAgent: null, userArn: null,
        },
      },
    };

    // The integration's latency includes loading the function, as a Lambda's cold start is part of it.
    const integrationStarted = performance.now();
    const functionId = apiFunctionOf(route);
    const lambda = await load<APIGatewayProxyEvent, APIGatewayProxyResult>(API_FUNCTIONS[functionId].entry);
    let result: APIGatewayProxyResult;
    try {
      result = await invokedFunction.run(functionId, () => lambda.handler(event, lambdaContext(functionId)));
    } catch {
      return answerItself(exchange, 'DEFAULT_5XX'); // what API Gateway answers when the integration fails
    } finally {
      exchange.integrationMs = Math.round(performance.now() - integrationStarted);
    }
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders[name.toLowerCase()] = String(value);
    // API Gateway turns a base64 body back into bytes for a binary media type (application/pdf).
    return { status: result.statusCode, headers: responseHeaders, body: result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body };
  }

  return { handle, refuse, routes: compiled.map((c) => c.route) };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
