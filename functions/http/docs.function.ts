import { routeRouter } from '#shared/http/route-router';

/** The OpenAPI document, in a function of its own (shared/http/api-functions.ts). */
export const handler = routeRouter('docs', {
  openApi: () => import('./system/openapi.handler'),
});
