import { routeRouter } from '#shared/http/route-router';
import { handler as health } from './system/health.handler';
import { handler as privacy } from './system/privacy.handler';
import { handler as requestSignInCode } from './me/request-code.handler';
import { handler as exchangeSignInCode } from './me/exchange-code.handler';
import { handler as getMe } from './me/get-me.handler';
import { handler as updateMe } from './me/update-me.handler';
import { handler as getMyOrders } from './me/get-my-orders.handler';
import { handler as openMyRequest } from './rights/open-my-request.handler';
import { handler as getMyRequest } from './rights/get-my-request.handler';
import { handler as getMyExport } from './rights/get-my-export.handler';

/** Everything a customer or anyone else calls, in one function and role apart from the staff's (shared/http/api-functions.ts). */
export const handler = routeRouter('customer', { health, privacy, requestSignInCode, exchangeSignInCode, getMe, updateMe, getMyOrders, openMyRequest, getMyRequest, getMyExport });
