import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { mayAccess, principalFromContext, type Principal } from '../auth/principal';
import { corsOrigins } from '../config/runtime-config';
import { issueLocations } from '../schemas/common.schema';
import { describeError, logger } from '../observability/logger';
import { CORS, corsHeaderList } from './cors';
import { MAX_BODY_BYTES } from './limits';
import { problemResponse, problems, toHttpProblem, type ProblemIssue } from './problem';
import { problemInLanguage, requestedLanguage } from './problem-language';
import type { RequestOf, RouteDefinition } from './route-definition';
import { routes, type RouteId } from './routes';
import { trackNegotiation, withVary } from './vary';
import type { Language } from '../domain/customers/customers';

/**
 * The one middleware stack every HTTP handler runs in, in a fixed order:
 *   Powertools context → header normalisation → CORS → problem details on error → the handler, which
 *   authorises, parses and validates the request, calls the use case and validates the response.
 * Handlers stay thin: they receive a typed, validated request and return a status and a body.
 */

export type ParsedRequest<R extends RouteDefinition> = RequestOf<R> & {
  principal: Principal | undefined;
  /** Request headers, names in lower case. */
  headers: Record<string, string | undefined>;
  /** The caller's address as API Gateway saw it (never a header a client can set); the sign-in limits count by it. */
  sourceIp: string | undefined;
  /** The version from If-Match, on conditional routes; always there where it is required (428 otherwise). */
  expectedVersion: R['conditional'] extends 'required' ? number : number | undefined;
};

/** `body` is JSON, validated against the route's schema; `text` is sent as it is (HTML, CSV); `bytes` base64-encoded (PDF). */
export type HttpResult = { status: number; body?: unknown; text?: string; bytes?: Uint8Array; headers?: Record<string, string> };

export type RouteHandler = middy.MiddyfiedHandler<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> & { routeId: string };

export function httpRoute<Id extends RouteId>(
  routeId: Id,
  run: (request: ParsedRequest<(typeof routes)[Id]>) => Promise<HttpResult>,
): RouteHandler {
  let built: BuiltRoute | undefined;
  const schemasOf = () => (built ??= buildSchemas(routes[routeId]));
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    // After- and error-hooks run in reverse order: problem details are shaped first, then CORS added.
    .use(corsHeaders())
    .use(requestLogAndProblems(routeId))
    .handler(async (event) => {
      const route = schemasOf();
      const principal = authorise(route, event);
      const headers = trackNegotiation(event.headers ?? {});
      const request = {
        principal,
        headers: headers.headers,
        sourceIp: event.requestContext?.identity?.sourceIp ?? undefined,
        body: parseBody(route, event),
        query: parseQuery(route, event),
        params: parseParams(route, event),
        expectedVersion: route.conditional ? parseIfMatch(event.headers['if-match'], route.conditional === 'required') : undefined,
      } as ParsedRequest<(typeof routes)[Id]>;
      return shapeResponse(route, await run(request), headers.consulted);
    });
  // The function that bundles several routes checks at start that each handler is the route it is filed under.
  return Object.assign(handler, { routeId });
}

type BuiltSchemas = { body?: z.ZodMiniType; query?: z.ZodMiniType; params?: z.ZodMiniType; responses: Record<number, z.ZodMiniType | undefined> };
type BuiltRoute = RouteDefinition & { schemas: BuiltSchemas };

/**
 * This route's schemas, and only this route's, built on its first request: a function serves
 * many routes (shared/http/api-functions.ts), and building all of their schemas at start would
 * cost every cold start ~0.2x of the baseline for routes the instance may never see.
 */
function buildSchemas(route: RouteDefinition): BuiltRoute {
  const responses = Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, response.schema?.()]));
  return { ...route, schemas: { body: route.request?.body?.(), query: route.request?.query?.(), params: route.request?.params?.(), responses } };
}

function requestLogAndProblems(routeId: RouteId): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const started = new WeakMap<object, number>();
  // The customer's own routes and sign-in answer problems in the language the client asks for
  // (problem-language.ts), and say so in Vary. Sign-in answers someone not known yet, in the shop's
  // language (nb) unless asked otherwise; the customer's own routes default to English, as before.
  const path = routes[routeId].path;
  const forCustomer = path.startsWith('/me') || path.startsWith('/auth/');
  const defaultLanguage: Language | undefined = path.startsWith('/auth/') ? 'nb' : undefined;
  const log = (request: { event: APIGatewayProxyEvent }, status: number) =>
    logger.info('request', { route: routeId, status, durationMs: Math.round(performance.now() - (started.get(request) ?? 0)) });
  return {
    before: (request) => void started.set(request, performance.now()),
    after: (request) => log(request, request.response?.statusCode ?? 0),
    onError: (request) => {
      const asIs = toHttpProblem(request.error);
      const problem = forCustomer ? problemInLanguage(asIs, requestedLanguage(request.event.headers?.['accept-language']) ?? defaultLanguage) : asIs;
      if (problem.status >= 500) logger.error('request failed', { route: routeId, ...describeError(request.error) });
      const response = problemResponse(problem, `urn:request:${request.event.requestContext?.requestId ?? 'unknown'}`);
      const vary = forCustomer ? withVary(response.headers?.vary as string | undefined, ['Accept-Language']) : undefined;
      request.response = vary ? { ...response, headers: { ...response.headers, vary } } : response;
      log(request, problem.status);
    },
  };
}

/** CORS on the actual response, for the configured origins only (API Gateway answers the preflight). */
function corsHeaders(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const addHeaders = (request: { event: APIGatewayProxyEvent; response?: APIGatewayProxyResult | null }) => {
    const origin = request.event.headers?.origin;
    if (!request.response) return;
    // Whether the answer allows the caller's origin depends on the Origin header, allowed or not.
    const vary = withVary(request.response.headers?.vary as string | undefined, ['Origin']) as string;
    if (!origin || !corsOrigins().includes(origin)) {
      request.response.headers = { ...request.response.headers, vary };
      return;
    }
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': corsHeaderList(CORS.exposeHeaders),
      vary,
    };
  };
  return { after: addHeaders, onError: addHeaders };
}

function authorise(route: BuiltRoute, event: APIGatewayProxyEvent): Principal | undefined {
  const principal = principalFromContext(event.requestContext?.authorizer, Math.floor(Date.now() / 1000));
  const decision = mayAccess(route.access, principal);
  if (decision === 'unauthenticated') throw problems.unauthenticated();
  if (decision === 'forbidden') throw problems.forbidden();
  return principal;
}

function issuesOf(error: z.core.$ZodError, where: 'pointer' | 'parameter'): ProblemIssue[] {
  const locate = (path: string[], detail: string): ProblemIssue =>
    where === 'pointer'
      ? { pointer: `/${path.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`, detail }
      : { parameter: path.join('.'), detail };
  return issueLocations(error).map(({ path, message }) => locate(path, message));
}

function decodeBody(event: APIGatewayProxyEvent): string {
  if (event.body == null) return '';
  if (!event.isBase64Encoded) return event.body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(event.body, 'base64'));
  } catch {
    throw problems.invalidRequest('The body is not valid UTF-8');
  }
}

function parseBody(route: BuiltRoute, event: APIGatewayProxyEvent): unknown {
  const raw = decodeBody(event);
  const limit = route.request?.maxBodyBytes ?? MAX_BODY_BYTES;
  if (Buffer.byteLength(raw, 'utf8') > limit) throw problems.payloadTooLarge(limit);
  const schema = route.schemas.body;
  if (!schema) {
    if (raw.trim() === '' || raw.trim() === '{}') return undefined;
    throw problems.invalidRequest('This endpoint takes no body');
  }
  // A body that may be left out is, with or without a content type: as if `{}` were sent.
  if (route.request?.bodyOptional && raw.trim() === '') return parseJsonBody(schema, '{}');
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (route.request?.bodyType === 'text/plain') {
    // A file sent as it is: its own parser names what is wrong in it (by line), the schema only bounds it.
    if (mediaType !== 'text/plain') throw problems.unsupportedMediaType('text/plain');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw problems.invalidRequest('The body does not match the schema', issuesOf(parsed.error, 'pointer'));
    return parsed.data;
  }
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) throw problems.unsupportedMediaType();
  if (raw.trim() === '') throw problems.invalidRequest('A JSON body is required');
  return parseJsonBody(schema, raw);
}

function parseJsonBody(schema: z.ZodMiniType, raw: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw problems.malformedJson();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw problems.invalidRequest('The body does not match the schema', issuesOf(parsed.error, 'pointer'));
  return parsed.data;
}

function parseQuery(route: BuiltRoute, event: APIGatewayProxyEvent): unknown {
  const query = event.queryStringParameters ?? {};
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {}).find(([, values]) => (values?.length ?? 0) > 1);
  if (repeated) throw problems.invalidRequest('A query parameter is repeated', [{ parameter: repeated[0], detail: 'Give it once' }]);
  const schema = route.schemas.query;
  if (!schema) {
    const names = Object.keys(query);
    if (names.length) throw problems.invalidRequest('This endpoint takes no query parameters', names.map((n) => ({ parameter: n, detail: 'Unknown parameter' })));
    return undefined;
  }
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw problems.invalidRequest('The query does not match the schema', issuesOf(parsed.error, 'parameter'));
  return parsed.data;
}

function parseParams(route: BuiltRoute, event: APIGatewayProxyEvent): unknown {
  const schema = route.schemas.params;
  if (!schema) return undefined;
  const parsed = schema.safeParse(event.pathParameters ?? {});
  // An id that cannot exist identifies nothing: not found, rather than a lecture on id formats.
  if (!parsed.success) throw problems.notFound();
  return parsed.data;
}

function parseIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined) {
    if (required) throw problems.preconditionRequired();
    return undefined;
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw problems.invalidRequest('If-Match must be an ETag this API returned', [{ header: 'if-match', detail: 'For example "3"' }]);
  return Number(match[1]);
}

/**
 * `consulted`: the negotiation headers the handler read; the answer names them in Vary. Bytes vary
 * by Accept too, since API Gateway turns them into binary only for a client that accepts the type.
 */
function shapeResponse(route: BuiltRoute, result: HttpResult, consulted: ReadonlySet<string>): APIGatewayProxyResult {
  const definition = route.responses[result.status];
  const schema = route.schemas.responses[result.status];
  let body = result.body;
  // The schema is the JSON answer's: a route that also answers in another form (the reskontro's CSV) sends that as text.
  if (schema && result.text === undefined && result.bytes === undefined) {
    const checked = schema.safeParse(result.body);
    // A response that breaks its own schema is our bug; failing loudly beats leaking an extra field.
    if (!checked.success) throw new Error(`Response for ${route.method} ${route.path} failed its schema`);
    body = checked.data; // also puts the fields in the schema's order
  }
  const version = (body as { version?: unknown } | undefined)?.version;
  const vary = withVary(result.headers?.vary, [...consulted, ...(result.bytes ? ['Accept'] : [])]);
  return {
    statusCode: result.status,
    headers: {
      'content-type': definition?.contentType ?? 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(typeof version === 'number' ? { etag: `"${version}"` } : {}),
      ...result.headers,
      ...(vary ? { vary } : {}),
    },
    body: result.bytes ? Buffer.from(result.bytes).toString('base64') : (result.text ?? (body === undefined ? '' : JSON.stringify(body))),
    ...(result.bytes ? { isBase64Encoded: true } : {}),
  };
}

