/** Who is calling, as established by the authorizer and handed to handlers in the request context. */
export type Principal = { kind: 'staff'; subject: string } | { kind: 'customer'; customerId: string };

export const ACCESS_LEVELS = ['public', 'staff', 'customer'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** Context keys the authorizer returns; API Gateway passes them to the handler as strings. */
export type AuthorizerContext = { principalKind: Principal['kind']; principalId: string };

export function principalToContext(principal: Principal): AuthorizerContext {
  return principal.kind === 'staff'
    ? { principalKind: 'staff', principalId: principal.subject }
    : { principalKind: 'customer', principalId: principal.customerId };
}

export function principalFromContext(context: Record<string, unknown> | null | undefined): Principal | undefined {
  const kind = context?.principalKind;
  const id = context?.principalId;
  if (typeof id !== 'string' || id === '') return undefined;
  if (kind === 'staff') return { kind: 'staff', subject: id };
  if (kind === 'customer') return { kind: 'customer', customerId: id };
  return undefined;
}

export function mayAccess(access: Access, principal: Principal | undefined): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'allowed';
  if (!principal) return 'unauthenticated';
  return principal.kind === access ? 'allowed' : 'forbidden';
}
