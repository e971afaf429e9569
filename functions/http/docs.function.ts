import { routeRouter } from '#shared/http/route-router';
import { handler as openApi } from './system/openapi.handler';

/** The OpenAPI document, in a function of its own (shared/http/api-functions.ts). */
export const handler = routeRouter('docs', { openApi });
