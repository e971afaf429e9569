import { routeRouter } from '#shared/http/route-router';

/**
 * The public sign-in routes, in a function and role of their own (shared/http/api-functions.ts):
 * anyone on the internet calls them, so their role reaches only sign-in items, never a customer's data.
 */
export const handler = routeRouter('signIn', {
  requestSignInCode: () => import('./me/request-code.handler'),
  exchangeSignInCode: () => import('./me/exchange-code.handler'),
});
