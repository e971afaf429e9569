import { SignJWT, decodeJwt } from 'jose';
import { principalFromContext, principalToContext } from '#shared/auth/principal';
import { bearerToken, createTokenVerifier, InvalidTokenError } from '#shared/auth/token-verifier';
import { LOCAL_CUSTOMER_ISSUER, LOCAL_STAFF_CLIENT_ID, LOCAL_STAFF_ISSUER, localIssuer, type LocalIssuer } from '../../infra/local/local-issuer';

let issuer: LocalIssuer;
let verify: ReturnType<typeof createTokenVerifier>;

beforeAll(async () => {
  issuer = await localIssuer();
  verify = createTokenVerifier({
    staff: { issuer: LOCAL_STAFF_ISSUER, clientId: LOCAL_STAFF_CLIENT_ID, group: 'staff', jwks: JSON.parse(issuer.staffJwks) },
    customer: { issuer: LOCAL_CUSTOMER_ISSUER, key: async () => Buffer.from(issuer.customerKeyBase64, 'base64url') },
  });
});

describe('token verification (the same code in the Lambda authorizer and the twin)', () => {
  it('knows a clerk by a Cognito-shaped access token in the staff group', async () => {
    const token = await issuer.staffToken({ subject: 'clerk-7' });
    await expect(verify(token)).resolves.toEqual({ principal: { kind: 'staff', subject: 'clerk-7' }, expiresAt: decodeJwt(token).exp });
  });

  it('knows a customer by a customer token', async () => {
    const token = await issuer.customerToken('c-1');
    await expect(verify(token)).resolves.toEqual({ principal: { kind: 'customer', customerId: 'c-1' }, expiresAt: decodeJwt(token).exp });
  });

  it('grants nothing to a genuine user outside the staff group', async () => {
    await expect(verify(await issuer.staffToken({ groups: [] }))).resolves.toBe('forbidden');
  });

  it('refuses an ID token where an access token is expected', async () => {
    const keys = JSON.parse(issuer.staffJwks);
    expect(keys.keys).toHaveLength(1);
    const customerKey = Buffer.from(issuer.customerKeyBase64, 'base64url');
    // A token claiming the staff issuer but signed with the wrong (symmetric) key and algorithm.
    const forged = await new SignJWT({ token_use: 'access', client_id: LOCAL_STAFF_CLIENT_ID, 'cognito:groups': ['staff'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_STAFF_ISSUER)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(customerKey);
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it.each([
    ['expired', () => issuer.staffToken({ expiresIn: '-5m' })],
    ['for another client', () => issuer.staffToken({ clientId: 'other' })],
    ['expired customer token', () => issuer.customerToken('c-1', { expiresIn: '-1m' })],
    ['garbage', async () => 'a.b.c'],
  ])('refuses a token that is %s', async (_name, token) => {
    await expect(verify(await token())).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe("the authorizer's context, as the handler reads it", () => {
  const now = 1_800_000_000;
  const customer = { kind: 'customer', customerId: 'c-1' } as const;

  it('names the caller until the token expires, and no one from then on', () => {
    const context = principalToContext(customer, now + 60);
    expect(principalFromContext(context, now)).toEqual(customer);
    expect(principalFromContext(context, now + 60)).toBeUndefined();
    // API Gateway may hand the values over as strings.
    expect(principalFromContext({ ...context, expiresAt: String(now + 60) }, now + 61)).toBeUndefined();
  });

  it('honours an answer cached by the previous deploy (no expiry in it), and refuses a garbled expiry', () => {
    expect(principalFromContext({ principalKind: 'staff', principalId: 'clerk-7' }, now)).toEqual({ kind: 'staff', subject: 'clerk-7' });
    expect(principalFromContext({ principalKind: 'staff', principalId: 'clerk-7', expiresAt: 'soon' }, now)).toBeUndefined();
  });
});
