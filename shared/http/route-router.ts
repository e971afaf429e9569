import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiFunctionOf, type ApiFunctionId } from './api-functions';
import { gatewayProblemBody, GATEWAY_RESPONSES } from './gateway-responses';
import type { RouteHandler } from './http-route';
import { routes, type RouteId } from './routes';

/**
 * One Lambda function's entry: it serves the routes of its audience (api-functions.ts) by handing
 * each request to that route's own handler, chosen by the method and resource path API Gateway
 * sends (`httpMethod`, `resource`). Wiring is checked when the function starts: a handler filed
 * under another route's name, or a route of another function, fails the start, not a request.
 */
export type FunctionRouter = ((event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>) & {
  functionId: ApiFunctionId;
  routeIds: RouteId[];
};

export function routeRouter(functionId: ApiFunctionId, handlers: Partial<Record<RouteId, RouteHandler>>): FunctionRouter {
  const byRequest = new Map<string, RouteHandler>();
  for (const [routeId, handler] of Object.entries(handlers) as [RouteId, RouteHandler][]) {
    const route = routes[routeId];
    if (handler.routeId !== routeId) throw new Error(`The handler filed under ${routeId} serves ${handler.routeId}`);
    if (apiFunctionOf(route) !== functionId) throw new Error(`${routeId} belongs to the ${apiFunctionOf(route)} function, not ${functionId}`);
    byRequest.set(`${route.method} ${route.path}`, handler);
  }
  const router = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const handler = byRequest.get(`${event.httpMethod} ${event.resource}`);
    // API Gateway sends only the routes it integrates with this function; anything else is its own 404.
    if (!handler) return { statusCode: GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN.status, headers: { 'content-type': 'application/problem+json' }, body: gatewayProblemBody('MISSING_AUTHENTICATION_TOKEN') };
    return handler(event, context);
  };
  return Object.assign(router, { functionId, routeIds: Object.keys(handlers) as RouteId[] });
}
