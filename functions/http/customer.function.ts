import { routeRouter } from '#shared/http/route-router';

/** Everything a customer or anyone else calls, in one function and role apart from the staff's (shared/http/api-functions.ts). */
export const handler = routeRouter('customer', {
  health: () => import('./system/health.handler'),
  privacy: () => import('./system/privacy.handler'),
  getMe: () => import('./me/get-me.handler'),
  updateMe: () => import('./me/update-me.handler'),
  getMyOrders: () => import('./me/get-my-orders.handler'),
  openMyRequest: () => import('./rights/open-my-request.handler'),
  getMyRequest: () => import('./rights/get-my-request.handler'),
  getMyExport: () => import('./rights/get-my-export.handler'),
});
