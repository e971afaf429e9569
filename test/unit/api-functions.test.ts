import { resolve } from 'node:path';
import { API_FUNCTIONS, apiFunctionOf, type ApiFunctionId } from '#shared/http/api-functions';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { FunctionRouter, RouteLoader } from '#shared/http/route-router';
import { routeList, routes } from '#shared/http/routes';

/**
 * The route table and the functions agree: every route's handler file serves that route and no
 * other, and every API function serves exactly the routes of its audience.
 */
const root = resolve(__dirname, '..', '..');

describe.each(routeList.map((route) => [route.id, route] as const))('route %s', (id, route) => {
  it('is served by the handler its entry names', async () => {
    const module = (await import(resolve(root, route.entry))) as { handler: { routeId?: string } };
    expect(module.handler.routeId).toBe(id);
  });
});

describe.each(Object.keys(API_FUNCTIONS) as ApiFunctionId[])('the %s function', (functionId) => {
  it('serves exactly the routes of its audience', async () => {
    const module = (await import(resolve(root, API_FUNCTIONS[functionId].entry))) as { handler: FunctionRouter };
    expect(module.handler.functionId).toBe(functionId);
    expect([...module.handler.routeIds].sort()).toEqual(routeList.filter((route) => apiFunctionOf(route) === functionId).map((route) => route.id).sort());
  });

  // Handlers load on each route's first request, so a handler filed under another route's name
  // would fail there, not at the start: loading every route here is what catches it.
  it('loads, for every route it serves, the handler of that route', async () => {
    const router = ((await import(resolve(root, API_FUNCTIONS[functionId].entry))) as { handler: FunctionRouter }).handler;
    const loaded = await Promise.all(router.routeIds.map(async (id) => [id, (await router.loadRoute(id)).routeId]));
    expect(loaded).toEqual(router.routeIds.map((id) => [id, id]));
  });
});

it('keeps the public sign-in routes in a function of their own, out of the staff and customer functions', () => {
  const signIn = routeList.filter((route) => route.tag === 'sign-in');
  expect(signIn.map((route) => [route.path, apiFunctionOf(route)])).toEqual([
    ['/auth/code', 'signIn'],
    ['/auth/token', 'signIn'],
  ]);
});

describe('a function wired wrongly', () => {
  const handlerOf = (file: string) => async () => (await import(resolve(root, file))) as Awaited<ReturnType<RouteLoader>>;

  it('fails at start for a route of another audience, naming it', async () => {
    const { routeRouter } = await import('#shared/http/route-router');
    expect(() => routeRouter('staff', { health: handlerOf('functions/http/system/health.handler.ts') })).toThrow('health belongs to the customer function, not staff');
  });

  it('fails the first request, and every one after, for a handler filed under another route, naming both', async () => {
    const { routeRouter } = await import('#shared/http/route-router');
    const router = routeRouter('staff', { markOrderReady: handlerOf('functions/http/counter/get-order.handler.ts') });
    const request = { httpMethod: routes.markOrderReady.method, resource: routes.markOrderReady.path } as APIGatewayProxyEvent;
    await expect(router(request, {} as Context)).rejects.toThrow('The handler filed under markOrderReady serves getOrder');
    await expect(router.loadRoute('markOrderReady')).rejects.toThrow('The handler filed under markOrderReady serves getOrder');
  });

  it('loads a route again after a load that failed, rather than keeping the failure', async () => {
    const { routeRouter } = await import('#shared/http/route-router');
    const health = handlerOf('functions/http/system/health.handler.ts');
    let attempts = 0;
    const router = routeRouter('customer', {
      health: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('EMFILE: too many open files');
        return health();
      },
    });
    await expect(router.loadRoute('health')).rejects.toThrow('EMFILE');
    await expect(router.loadRoute('health')).resolves.toHaveProperty('routeId', 'health');
    // and a loaded route is loaded once.
    await router.loadRoute('health');
    expect(attempts).toBe(2);
  });
});

it('serves staff routes only from the staff function, and nothing else from it', () => {
  expect(routeList.filter((route) => (route.access === 'staff') !== (apiFunctionOf(route) === 'staff')).map((route) => route.id)).toEqual([]);
});
