import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { gatewayProblemBody, GATEWAY_RESPONSES, type GatewayResponseType } from '../../shared/http/gateway-responses';
import type { RouteDefinition } from '../../shared/http/route-definition';
import { AUTHORIZER_ENTRY, routeList } from '../../shared/http/routes';
import { TOKEN_AUTHORIZER } from '../config/token-authorizer';
import type { HandlerLoader } from './handler-bundles';

/**
 * API Gateway (REST, Lambda proxy integration) on one machine: it reads the same route table CDK
 * deploys, runs the same TOKEN authorizer for non-public routes, and invokes the same handlers
 * in-process with the events API Gateway would send. What API Gateway answers by itself (no such
 * route, no token, denied) comes from the same gateway-response declarations, and the
 * authorizer's answers are cached per header as API Gateway caches them.
 */
export type TwinRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body?: Buffer };
export type TwinResponse = { status: number; headers: Record<string, string>; body: string | Buffer };

type LambdaModule<E, R> = { handler: (event: E, context: Context) => Promise<R> };

export const STAGE_NAME = 'local';

type CompiledRoute = { route: RouteDefinition & { id: string }; pattern: RegExp; names: string[]; specificity: number };

function compile(route: RouteDefinition & { id: string }): CompiledRoute {
  const names: string[] = [];
  const segments = route.path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      return '([^/]+)';
    })
    .join('/');
  // API Gateway prefers literal segments over path parameters.
  return { route, pattern: new RegExp(`^/${source}/?$`), names, specificity: segments.length * 10 - names.length };
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

function gatewayResponse(type: GatewayResponseType): TwinResponse {
  return {
    status: GATEWAY_RESPONSES[type].status,
    headers: { 'content-type': 'application/problem+json', ...(type === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {}) },
    body: gatewayProblemBody(type),
  };
}

/** Every function the API needs: one per route, and the authorizer. */
export const API_FUNCTION_ENTRIES = [AUTHORIZER_ENTRY, ...routeList.map((route) => route.entry)];

export function createApiGatewayTwin(loadHandler: HandlerLoader) {
  const compiled = routeList.map(compile).sort((a, b) => b.specificity - a.specificity);
  const load = <E, R>(entry: string) => loadHandler(entry) as unknown as Promise<LambdaModule<E, R>>;

  const validToken = new RegExp(TOKEN_AUTHORIZER.validationRegex);
  const cachedAnswers = new Map<string, { result: APIGatewayAuthorizerResult; until: number }>();

  async function authorize(headerValue: string | undefined, methodArn: string): Promise<TwinResponse | Record<string, unknown>> {
    // API Gateway does not call a TOKEN authorizer when the identity source header is missing or fails the regex.
    if (!headerValue || !validToken.test(headerValue)) return gatewayResponse('UNAUTHORIZED');
    const cached = cachedAnswers.get(headerValue);
    let result = cached && cached.until > Date.now() ? cached.result : undefined;
    if (!result) {
      const authorizer = await load<APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult>(AUTHORIZER_ENTRY);
      try {
        result = await authorizer.handler({ type: 'TOKEN', authorizationToken: headerValue, methodArn }, lambdaContext('authorizer'));
      } catch (error) {
        return error instanceof Error && error.message === 'Unauthorized' ? gatewayResponse('UNAUTHORIZED') : gatewayResponse('DEFAULT_5XX');
      }
      // A twin runs for days on a laptop: answers past their time go when a new one is kept.
      for (const [header, answer] of cachedAnswers) if (answer.until <= Date.now()) cachedAnswers.delete(header);
      cachedAnswers.set(headerValue, { result, until: Date.now() + TOKEN_AUTHORIZER.cacheSeconds * 1000 });
    }
    const allowed = result.policyDocument.Statement.some((s) => s.Effect === 'Allow');
    if (!allowed) return gatewayResponse('ACCESS_DENIED');
    return { ...(result.context ?? {}), principalId: result.principalId };
  }

  async function handle(request: TwinRequest): Promise<TwinResponse> {
    const url = new URL(request.url, 'http://localhost');
    const method = request.method.toUpperCase();
    let match: { compiled: CompiledRoute; values: string[] } | undefined;
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(url.pathname);
      if (found && candidate.route.method === method) {
        match = { compiled: candidate, values: found.slice(1) };
        break;
      }
    }
    if (!match) return gatewayResponse('MISSING_AUTHENTICATION_TOKEN');
    const { route, names } = match.compiled;

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
      return gatewayResponse('DEFAULT_4XX');
    }

    const methodArn = `arn:aws:execute-api:local:000000000000:local/${STAGE_NAME}/${method}${url.pathname}`;
    let authorizer: Record<string, unknown> | undefined;
    if (route.access !== 'public') {
      const headerValue = Object.entries(headers).find(([n]) => n.toLowerCase() === 'authorization')?.[1];
      const outcome = await authorize(headerValue, methodArn);
      if ('status' in outcome && typeof outcome.status === 'number') return outcome as TwinResponse;
      authorizer = outcome as Record<string, unknown>;
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
        requestId: randomUUID(),
        requestTimeEpoch: Date.now(),
        resourceId: route.id,
        resourcePath: route.path,
        stage: STAGE_NAME,
        // API Gateway fills these in; the twin, like our access logs, has no use for the caller's address.
        identity: {
          accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
          cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
          cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '127.0.0.1', user: null, userAgent: null, userArn: null,
        },
      },
    };

    const lambda = await load<APIGatewayProxyEvent, APIGatewayProxyResult>(route.entry);
    let result: APIGatewayProxyResult;
    try {
      result = await lambda.handler(event, lambdaContext(route.id));
    } catch {
      return gatewayResponse('DEFAULT_5XX'); // what API Gateway answers when the integration fails
    }
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders[name.toLowerCase()] = String(value);
    // API Gateway turns a base64 body back into bytes for a binary media type (application/pdf).
    return { status: result.statusCode, headers: responseHeaders, body: result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body };
  }

  return { handle, routes: compiled.map((c) => c.route) };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
