import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiFunctionOf, type ApiFunctionId } from './api-functions';
import { gatewayProblemBody, GATEWAY_RESPONSES } from './gateway-responses';
import type { RouteHandler } from './http-route';
import { routes, type RouteId } from './routes';

/**
 * One Lambda function's entry: it serves the routes of its audience (api-functions.ts) by handing
 * each request to that route's own handler, chosen by the method and resource path API Gateway
 * sends (`httpMethod`, `resource`).
 *
 * Each route's handler is loaded by import() on the route's first request, not at the function's
 * start: the bundle splits there (infra/config/bundling.ts), so a cold start compiles the router
 * and the one route it serves instead of every route of the audience (issue #14). Wiring is still
 * checked: a route of another function fails the start; a handler filed under another route's
 * name fails its first load (and the test that loads every route, test/unit/api-functions.test.ts).
 */
export type RouteLoader = () => Promise<{ handler: RouteHandler }>;

export type FunctionRouter = ((event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>) & {
  functionId: ApiFunctionId;
  routeIds: RouteId[];
  /** The route's handler, loaded and checked once (what its first request does). */
  loadRoute: (routeId: RouteId) => Promise<RouteHandler>;
};

export function routeRouter(functionId: ApiFunctionId, loaders: Partial<Record<RouteId, RouteLoader>>): FunctionRouter {
  const routeIds = Object.keys(loaders) as RouteId[];
  const byRequest = new Map<string, RouteId>();
  for (const routeId of routeIds) {
    const route = routes[routeId];
    if (apiFunctionOf(route) !== functionId) throw new Error(`${routeId} belongs to the ${apiFunctionOf(route)} function, not ${functionId}`);
    byRequest.set(`${route.method} ${route.path}`, routeId);
  }
  const loaded = new Map<RouteId, Promise<RouteHandler>>();
  const loadRoute = (routeId: RouteId): Promise<RouteHandler> => {
    const known = loaded.get(routeId);
    if (known) return known;
    const loader = loaders[routeId];
    if (!loader) return Promise.reject(new Error(`${routeId} is not a route of the ${functionId} function`));
    const handler = loader().then((module) => {
      if (module.handler.routeId !== routeId) throw new Error(`The handler filed under ${routeId} serves ${module.handler.routeId}`);
      return module.handler;
    });
    // A load that failed (a module throwing at its start, a read error) is tried again on the next request, not kept.
    handler.catch(() => loaded.delete(routeId));
    loaded.set(routeId, handler);
    return handler;
  };
  const router = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const routeId = byRequest.get(`${event.httpMethod} ${event.resource}`);
    // API Gateway sends only the routes it integrates with this function; anything else is its own 404.
    if (!routeId) return { statusCode: GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN.status, headers: { 'content-type': 'application/problem+json' }, body: gatewayProblemBody('MISSING_AUTHENTICATION_TOKEN') };
    return (await loadRoute(routeId))(event, context);
  };
  return Object.assign(router, { functionId, routeIds, loadRoute });
}
