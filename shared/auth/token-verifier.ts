import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/runtime-config';
import type { Principal } from './principal';

/**
 * Verifies the bearer tokens the API accepts. The same code runs in the Lambda authorizer in AWS
 * and in the local twin; only the issuer differs (Cognito there, the twin's own issuer here).
 *
 * Staff: Cognito access tokens (token_use "access", our app client, the staff group). The local
 *        issuer mints tokens with exactly these claims.
 * Customers: short-lived tokens this backend signs itself after a one-time code (HS256).
 *
 * Returns the principal with the token's expiry, or 'forbidden' for a genuine token that grants
 * nothing here; throws InvalidTokenError for anything else (malformed, expired, wrong issuer or
 * signature).
 */
export class InvalidTokenError extends Error {
  constructor() {
    super('Invalid token');
    this.name = 'InvalidTokenError';
  }
}

export const CUSTOMER_TOKEN_AUDIENCE = 'renseri-customer';

/** expiresAt: the token's exp (seconds since the epoch), which outlives the authorizer's cached answer. */
export type VerifiedToken = { principal: Principal; expiresAt: number };
export type TokenVerifier = (token: string) => Promise<VerifiedToken | 'forbidden'>;

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const staffKeys: JWTVerifyGetKey = config.staff.jwks
    ? createLocalJWKSet(config.staff.jwks as Parameters<typeof createLocalJWKSet>[0])
    : createRemoteJWKSet(new URL(`${config.staff.issuer}/.well-known/jwks.json`));

  async function verifyStaff(token: string): Promise<VerifiedToken | 'forbidden'> {
    const { payload } = await jwtVerify(token, staffKeys, { issuer: config.staff.issuer, algorithms: ['RS256', 'ES256'], requiredClaims: ['exp'] });
    if (payload.token_use !== 'access' || payload.client_id !== config.staff.clientId || !payload.sub) {
      throw new InvalidTokenError();
    }
    const groups = payload['cognito:groups'];
    if (!Array.isArray(groups) || !groups.includes(config.staff.group)) return 'forbidden';
    return { principal: { kind: 'staff', subject: payload.sub }, expiresAt: payload.exp as number };
  }

  async function verifyCustomer(token: string, customer: NonNullable<AuthConfig['customer']>): Promise<VerifiedToken> {
    const { payload } = await jwtVerify(token, await customer.key(), {
      issuer: customer.issuer,
      audience: CUSTOMER_TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    return { principal: { kind: 'customer', customerId: payload.sub as string }, expiresAt: payload.exp as number };
  }

  return async (token) => {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new InvalidTokenError();
    }
    try {
      if (claims.iss === config.staff.issuer) return await verifyStaff(token);
      if (config.customer && claims.iss === config.customer.issuer) return await verifyCustomer(token, config.customer);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      // jose's own errors are about the token (the caller only learns "invalid"); anything else (the
      // JWKS or the key could not be fetched) is an outage and must not pass for a bad token.
      const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : '';
      if (code.startsWith('ERR_J') && code !== 'ERR_JWKS_TIMEOUT') throw new InvalidTokenError();
      throw error;
    }
    throw new InvalidTokenError();
  };
}

/** Signs a short-lived customer token after a one-time code (or, later, other proof of identity). */
export const CUSTOMER_TOKEN_SECONDS = 15 * 60;

export async function signCustomerToken(customer: NonNullable<AuthConfig['customer']>, customerId: string, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(customer.issuer)
    .setAudience(CUSTOMER_TOKEN_AUDIENCE)
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + CUSTOMER_TOKEN_SECONDS)
    .sign(await customer.key());
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header?.trim() ?? '');
  return match?.[1];
}
