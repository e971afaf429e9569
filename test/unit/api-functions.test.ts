import { resolve } from 'node:path';
import { API_FUNCTIONS, apiFunctionOf, type ApiFunctionId } from '#shared/http/api-functions';
import type { FunctionRouter } from '#shared/http/route-router';
import { routeList } from '#shared/http/routes';

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
});

it('keeps the public sign-in routes out of the staff function', () => {
  const signIn = routeList.filter((route) => route.tag === 'sign-in');
  expect(signIn.map((route) => [route.path, apiFunctionOf(route)])).toEqual([
    ['/auth/code', 'customer'],
    ['/auth/token', 'customer'],
  ]);
});

describe('a function wired wrongly', () => {
  it('fails at start, naming the route: a handler filed under another route, or a route of another audience', async () => {
    const { routeRouter } = await import('#shared/http/route-router');
    const getOrder = ((await import(resolve(root, 'functions/http/counter/get-order.handler.ts'))) as { handler: Parameters<typeof routeRouter>[1]['getOrder'] }).handler;
    const health = ((await import(resolve(root, 'functions/http/system/health.handler.ts'))) as { handler: Parameters<typeof routeRouter>[1]['health'] }).handler;
    expect(() => routeRouter('staff', { markOrderReady: getOrder })).toThrow('The handler filed under markOrderReady serves getOrder');
    expect(() => routeRouter('staff', { health })).toThrow('health belongs to the customer function, not staff');
  });
});

it('serves staff routes only from the staff function, and nothing else from it', () => {
  expect(routeList.filter((route) => (route.access === 'staff') !== (apiFunctionOf(route) === 'staff')).map((route) => route.id)).toEqual([]);
});
