import type * as z from 'zod/mini';
import type { Access } from '../auth/principal';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The Lambda functions the API's routes are served by (shared/http/api-functions.ts says why these). */
export type ApiFunctionId = 'staff' | 'customer' | 'signIn' | 'docs';

/** A schema is referred to by the function that builds it (see `schema()` in common.schema.ts). */
export type SchemaRef = () => z.ZodMiniType;

export type ResponseDefinition = {
  description: string;
  schema?: SchemaRef;
  contentType?: string;
  /** Other media types the route answers this status with when the Accept header asks for one. */
  alternativeContentTypes?: readonly string[];
  /**
   * For a problem (4xx) the route declares: the shape of its body, with the extension members its
   * error sets (shared/schemas/problems.schema.ts). Several: the body is one of them. Documentation
   * and contract tests only; handlers never build these.
   */
  problem?: SchemaRef | readonly SchemaRef[];
};

/**
 * One route: everything API Gateway, the Lambda and the local twin need to know about it.
 * `entry` is the handler file, relative to the repository root; its export is always `handler`.
 */
export type RouteDefinition = {
  method: HttpMethod;
  path: string;
  access: Access;
  /** The function that serves the route, from its group. */
  function: ApiFunctionId;
  entry: string;
  summary: string;
  tag: string;
  /**
   * `bodyType` 'text/plain': the body is a file sent as it is (the bank's OCR giro file), its schema a
   * string schema, read up to `maxBodyBytes` (a file of a busy month is larger than any JSON request).
   */
  request?: { body?: SchemaRef; query?: SchemaRef; params?: SchemaRef; bodyType?: 'text/plain'; maxBodyBytes?: number; /** The JSON body may be left out (read as `{}`): every member of its schema is optional. */ bodyOptional?: boolean };
  /** What the route's function may do with the table; CDK turns it into that function's IAM policy. */
  data: 'none' | 'read' | 'write';
  /** Reads the secret that signs customer tokens. */
  usesCustomerTokenKey?: boolean;
  /** Reads the secret that keys the hashes of sign-in codes (and of the callers the sign-in limits count). */
  usesSignInCodeKey?: boolean;
  /**
   * Optimistic concurrency: the route reads If-Match and answers 412 when it is stale. 'required':
   * a request without If-Match is refused with 428 before anything is read or written (RFC 6585 § 3),
   * for changes that must never overwrite blind (the price list).
   */
  conditional?: boolean | 'required';
  responses: Record<number, ResponseDefinition>;
};

/** What a group of routes shares; each route in it gives `handler`, its file's name in `folder` without `.handler.ts`. */
export type RouteGroupDefaults = { access: Access; function: ApiFunctionId; folder: string; tag: string };
export type GroupedRoute = Omit<RouteDefinition, 'access' | 'function' | 'entry' | 'tag'> & { handler: string; tag?: string };

/** The group's routes with its defaults applied: each a whole RouteDefinition, its own fields kept as declared. */
export function routeGroup<const D extends RouteGroupDefaults, const R extends Record<string, GroupedRoute>>(
  defaults: D,
  group: R,
): { [K in keyof R]: Omit<R[K], 'handler'> & { access: D['access']; function: D['function']; tag: string; entry: string } } {
  return Object.fromEntries(
    Object.entries(group).map(([id, { handler, ...route }]) => [
      id,
      { ...route, access: defaults.access, function: defaults.function, tag: route.tag ?? defaults.tag, entry: `${defaults.folder}/${handler}.handler.ts` },
    ]),
  ) as never;
}

type Infer<S> = S extends SchemaRef ? z.infer<ReturnType<S>> : undefined;
export type RequestOf<R extends RouteDefinition> = {
  body: Infer<NonNullable<R['request']>['body']>;
  query: Infer<NonNullable<R['request']>['query']>;
  params: Infer<NonNullable<R['request']>['params']>;
};
