/**
 * Cross-origin access to the API, declared once. CDK builds API Gateway's preflight (OPTIONS)
 * methods from it, the local twin answers preflights from it, and the handlers add its exposed
 * headers to every actual response. The allowed origins are per stage (`api.corsOrigins` in
 * infra/config/stages.ts; CORS_ORIGINS in the handlers' environment).
 */
export const CORS = {
  /** What the counter app sends: the bearer token, JSON bodies, If-Match on conditional writes. */
  allowHeaders: ['authorization', 'content-type', 'if-match'],
  /** PUT: the express option, which is set whole. */
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT'],
  /** What a script may read from a response: the version for If-Match, and where a created resource is. */
  exposeHeaders: ['etag', 'location'],
  /** How long a browser reuses a preflight answer. */
  maxAgeSeconds: 3600,
} as const;

/** A header list as API Gateway sends it: CDK joins the names with a bare comma. */
export const corsHeaderList = (names: readonly string[]): string => names.join(',');
