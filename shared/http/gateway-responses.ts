import { problemType } from './problem';

/**
 * Answers API Gateway gives by itself, before any Lambda runs, shaped as problem details like
 * every other error. CDK installs them as gateway responses; the local twin answers with the same.
 */
export type GatewayResponseType = 'UNAUTHORIZED' | 'ACCESS_DENIED' | 'MISSING_AUTHENTICATION_TOKEN' | 'THROTTLED' | 'REQUEST_TOO_LARGE' | 'DEFAULT_4XX' | 'DEFAULT_5XX';

/** `keepsStatus`: the default responses cover many codes, so they keep API Gateway's code and leave it out of the body. */
export const GATEWAY_RESPONSES: Record<GatewayResponseType, { status: number; slug: string; title: string; detail?: string; keepsStatus?: boolean }> = {
  UNAUTHORIZED: { status: 401, slug: 'unauthenticated', title: 'Sign-in required', detail: 'Send a valid bearer token' },
  ACCESS_DENIED: { status: 403, slug: 'forbidden', title: 'Not allowed', detail: 'This token does not grant access to this route' },
  // API Gateway's answer for a path or method it does not know.
  MISSING_AUTHENTICATION_TOKEN: { status: 404, slug: 'no-such-route', title: 'No such route', detail: 'See /openapi.json' },
  THROTTLED: { status: 429, slug: 'throttled', title: 'Too many requests', detail: 'Slow down and try again' },
  REQUEST_TOO_LARGE: { status: 413, slug: 'payload-too-large', title: 'The body is too large' },
  DEFAULT_4XX: { status: 400, slug: 'invalid-request', title: 'The request is not valid', keepsStatus: true },
  DEFAULT_5XX: { status: 500, slug: 'internal', title: 'Something went wrong on our side', keepsStatus: true },
};

export function gatewayProblemBody(type: GatewayResponseType): string {
  const r = GATEWAY_RESPONSES[type];
  return JSON.stringify({ type: problemType(r.slug), title: r.title, ...(r.keepsStatus ? {} : { status: r.status }), ...(r.detail ? { detail: r.detail } : {}) });
}
