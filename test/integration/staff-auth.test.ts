import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { AUTHORIZER_ENTRY, routeList } from '#shared/http/routes';
import { createApiGatewayTwin } from '../../infra/local/api-gateway-twin';
import { sourceLoader } from '../../infra/local/handler-bundles';
import { LOCAL_STAFF_ISSUER } from '../../infra/local/local-issuer';
import { apiHarness } from '../helpers/harness';

/** Who gets through to the staff routes: the authorizer (401/403) and the route's access level (403). */
const api = apiHarness();
const { call } = api;

const staffRoutes = routeList.filter((r) => r.access === 'staff');
const concretePath = (path: string) => path.replace('{customerId}', '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11').replace('{orderId}', '1001');

type TokenCase = [string, () => Promise<string | undefined>, number];
const tokenCases: TokenCase[] = [
  ['no token', async () => undefined, 401],
  ['a token that is not a JWT', async () => 'not-a-token', 401],
  ['an expired staff token', () => api.env.issuer.staffToken({ expiresIn: '-1m' }), 401],
  ['a staff token for another app client', () => api.env.issuer.staffToken({ clientId: 'someone-else' }), 401],
  [
    'a token signed by a stranger with our issuer name',
    async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ token_use: 'access', client_id: 'local-counter', 'cognito:groups': ['staff'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(LOCAL_STAFF_ISSUER)
        .setSubject('mallory')
        .setExpirationTime('1h')
        .sign(privateKey);
    },
    401,
  ],
  ['a signed-in user outside the staff group', () => api.env.issuer.staffToken({ groups: ['customers'] }), 403],
  ['a customer token', () => api.env.issuer.customerToken('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11'), 403],
];

describe.each(tokenCases)('with %s', (_name, token, expected) => {
  it.each(staffRoutes.map((r) => [r.method, r.path] as const))(`%s %s answers ${expected}`, async (method, path) => {
    const before = await api.env.allItems();
    const response = await call(method, concretePath(path), { token: await token(), ...(method === 'GET' ? {} : { body: {} }) });
    expect(response.status).toBe(expected);
    expect(response.headers['content-type']).toBe('application/problem+json');
    if (expected === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(await api.env.allItems()).toEqual(before);
  });
});

it('lets a staff token through to every staff route (no 401/403)', async () => {
  const token = await api.env.issuer.staffToken();
  for (const route of staffRoutes) {
    const response = await call(route.method, concretePath(route.path), { token, ...(route.method === 'GET' ? {} : { body: {} }) });
    expect([401, 403]).not.toContain(response.status);
  }
});

describe("the authorizer's cached answer (API Gateway reuses it for the same header)", () => {
  const twinCountingAuthorizerRuns = () => {
    let runs = 0;
    const twin = createApiGatewayTwin(async (entry) => {
      if (entry === AUTHORIZER_ENTRY) runs++;
      return sourceLoader(entry);
    }, { accessLog: false });
    return { get: (url: string, token: string) => twin.handle({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }), runs: () => runs };
  };
  afterEach(() => jest.restoreAllMocks());

  it('is reused while the token is valid', async () => {
    const twin = twinCountingAuthorizerRuns();
    const token = await api.env.issuer.staffToken();
    expect((await twin.get('/admin/messages?state=failed', token)).status).toBe(200);
    expect((await twin.get('/admin/messages?state=sending', token)).status).toBe(200);
    expect(twin.runs()).toBe(1);
  });

  it('does not let a token through after it expires, though the answer is still cached', async () => {
    const twin = twinCountingAuthorizerRuns();
    const token = await api.env.issuer.staffToken({ expiresIn: '20s' });
    expect((await twin.get('/admin/messages?state=failed', token)).status).toBe(200);
    // Past the token's expiry, inside the cache's minute: no clock waits, the clock is moved.
    jest.spyOn(Date, 'now').mockReturnValue(((decodeJwt(token).exp as number) + 1) * 1000);
    const late = await twin.get('/admin/messages?state=failed', token);
    expect(twin.runs()).toBe(1); // the cached answer was used: the handler refused it
    expect(late.status).toBe(401);
    expect(late.headers['content-type']).toBe('application/problem+json');
  });
});

describe('the customer routes', () => {
  const customerRoutes = routeList.filter((r) => r.access === 'customer');
  const someone = '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11';
  const matrix: [string, () => Promise<string | undefined>, number][] = [
    ['no token', async () => undefined, 401],
    ['garbage', async () => 'not-a-token', 401],
    ['an expired customer token', () => api.env.issuer.customerToken(someone, { expiresIn: '-1m' }), 401],
    ['a staff token', () => api.env.issuer.staffToken(), 403],
  ];
  it('are exactly the self-service routes', () => {
    expect(customerRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /me',
      'GET /me/orders',
      'GET /me/requests/{requestId}',
      'GET /me/requests/{requestId}/export',
      'PATCH /me',
      'POST /me/requests',
    ]);
  });
  describe.each(matrix)('with %s', (_name, token, expected) => {
    it.each(customerRoutes.map((r) => [r.method, r.path] as const))(`%s %s answers ${expected}`, async (method, path) => {
      const concrete = path.replace('{requestId}', '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11');
      const response = await call(method, concrete, { token: await token(), ...(method === 'GET' ? {} : { body: { name: 'X' } }) });
      expect(response.status).toBe(expected);
    });
  });
  it('lets a customer token through, to that customer only (unknown here: 404, not someone else)', async () => {
    const response = await call('GET', '/me', { token: await api.env.issuer.customerToken(someone) });
    expect(response.status).toBe(404);
  });
});
