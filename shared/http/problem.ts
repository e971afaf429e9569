import type { APIGatewayProxyResult } from 'aws-lambda';
import { DomainError, RateLimitedError } from '../domain/kernel/errors';

/**
 * RFC 9457 problem details: the body of every error response, built here and nowhere else.
 * `detail` is shown to the client only below 500; a 5xx says nothing about its cause.
 */
export type ProblemIssue = { pointer?: string; parameter?: string; header?: string; detail: string };

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const problems = {
  invalidRequest: (detail: string, errors: ProblemIssue[] = []) =>
    new HttpProblem(400, 'invalid-request', 'The request is not valid', detail, errors.length ? { errors } : {}),
  malformedJson: () => new HttpProblem(400, 'malformed-json', 'The body is not valid JSON', 'Send a JSON document'),
  unauthenticated: () =>
    new HttpProblem(401, 'unauthenticated', 'Sign-in required', 'Send a valid bearer token', {}, { 'www-authenticate': 'Bearer' }),
  forbidden: () => new HttpProblem(403, 'forbidden', 'Not allowed', 'This token does not grant access to this route'),
  notFound: (detail = 'No such resource') => new HttpProblem(404, 'not-found', 'Not found', detail),
  preconditionRequired: () =>
    new HttpProblem(428, 'precondition-required', 'If-Match required', 'Send the ETag of the version you read in If-Match', { errors: [{ header: 'if-match', detail: 'Required on this route, for example "3"' }] }),
  payloadTooLarge: (limit: number) => new HttpProblem(413, 'payload-too-large', 'The body is too large', `At most ${limit} bytes`),
  unsupportedMediaType: (mediaType = 'application/json') =>
    new HttpProblem(415, 'unsupported-media-type', 'Unsupported content type', `Send the body as ${mediaType}`),
  internal: () => new HttpProblem(500, 'internal', 'Something went wrong on our side'),
  unavailable: () => new HttpProblem(503, 'unavailable', 'Busy: try again in a moment', undefined, {}, { 'retry-after': '1' }),
};

/**
 * DynamoDB's (and any AWS service's) "too many requests", after the SDK's own retries, and
 * DynamoDB's refusal of a plain write to an item a transaction is writing at that moment (two
 * tries at one sign-in code, a clerk's click during an invoice), which the SDK does not retry.
 */
const TRY_AGAIN = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException', 'TransactionConflictException']);

/**
 * Throttling and a transaction conflict say nothing went wrong with the request and nothing was
 * written (a transaction is all or nothing; a single write either happened or did not): the
 * client may simply try again, so it is a 503 with Retry-After rather than a 500.
 */
export function isCapacityError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { $retryable?: { throttling?: boolean }; CancellationReasons?: { Code?: string }[] };
  if (TRY_AGAIN.has(e.name) || e.$retryable?.throttling === true) return true;
  // A transaction still cancelled by conflicts after transactWrite's retries wrote nothing either.
  return e.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded' || r.Code === 'TransactionConflict');
}

const DOMAIN_STATUS = { validation: 400, 'not-found': 404, conflict: 409, precondition: 412, authentication: 401, 'rate-limited': 429 } as const;
const DOMAIN_TITLE = {
  validation: 'The request is not valid',
  'not-found': 'Not found',
  conflict: 'Conflict with the current state',
  precondition: 'Changed by someone else',
  authentication: 'Sign-in failed',
  'rate-limited': 'Too many requests',
} as const;

export function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  // The same slug and title as API Gateway's own throttling answer (gateway-responses.ts), which the API documents as its 429.
  // RFC 9110 § 10.2.3: a 429 says when to try again, in seconds.
  if (error instanceof RateLimitedError) {
    return new HttpProblem(429, 'throttled', DOMAIN_TITLE['rate-limited'], error.message, error.extensions, { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) });
  }
  if (error instanceof DomainError) {
    const slug = error.kind === 'validation' ? 'invalid-request' : error.kind === 'precondition' ? 'precondition-failed' : error.kind;
    return new HttpProblem(DOMAIN_STATUS[error.kind], slug, DOMAIN_TITLE[error.kind], error.message, error.extensions);
  }
  if (isCapacityError(error)) return problems.unavailable();
  return problems.internal();
}

export function problemType(slug: string): string {
  return `urn:renseri:problem:${slug}`;
}

/**
 * RFC 9457 § 3.2: an extension member never redefines a standard one. A domain error's `status`
 * (a request's state, say) must not replace the HTTP status a client reads from the body.
 */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);
const extensionMembers = (extensions: Record<string, unknown>) => Object.fromEntries(Object.entries(extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)));

export function problemResponse(problem: HttpProblem, instance?: string): APIGatewayProxyResult {
  const body = {
    type: problemType(problem.slug),
    title: problem.title,
    status: problem.status,
    ...(problem.status < 500 && problem.detail ? { detail: problem.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(problem.status < 500 ? extensionMembers(problem.extensions) : {}),
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...problem.headers },
    body: JSON.stringify(body),
  };
}
