/** Who is calling, as established by the authorizer and handed to handlers in the request context. */
export type Principal = { kind: 'staff'; subject: string } | { kind: 'customer'; customerId: string };

export const ACCESS_LEVELS = ['public', 'staff', 'customer'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/**
 * Context keys the authorizer returns; API Gateway may pass them to the handler as strings.
 * API Gateway caches the authorizer's answer per token (resultsCacheTtl), so a token that expires
 * inside that window would still be let through: the context carries the token's expiry, and the
 * handler treats a request after it as unauthenticated.
 */
export type AuthorizerContext = { principalKind: Principal['kind']; principalId: string; expiresAt: number };

export function principalToContext(principal: Principal, expiresAt: number): AuthorizerContext {
  return principal.kind === 'staff'
    ? { principalKind: 'staff', principalId: principal.subject, expiresAt }
    : { principalKind: 'customer', principalId: principal.customerId, expiresAt };
}

/**
 * The caller named by the authorizer, unless its token has expired by `nowSeconds`. An answer
 * without an expiry was cached by the authorizer of the previous deploy (for at most the cache's
 * minute): it is honoured as it was then, rather than signing everyone out at each deploy.
 */
export function principalFromContext(context: Record<string, unknown> | null | undefined, nowSeconds: number): Principal | undefined {
  const kind = context?.principalKind;
  const id = context?.principalId;
  if (typeof id !== 'string' || id === '') return undefined;
  if (context?.expiresAt !== undefined && context.expiresAt !== null) {
    const expiresAt = Number(context.expiresAt);
    if (!Number.isFinite(expiresAt) || nowSeconds >= expiresAt) return undefined;
  }
  if (kind === 'staff') return { kind: 'staff', subject: id };
  if (kind === 'customer') return { kind: 'customer', customerId: id };
  return undefined;
}

export function mayAccess(access: Access, principal: Principal | undefined): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'allowed';
  if (!principal) return 'unauthenticated';
  return principal.kind === access ? 'allowed' : 'forbidden';
}
