import { counter } from '#shared/composition';
import { markOrderReady } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('markOrderReady', async ({ params, expectedVersion }) => {
  return { status: 200, body: await markOrderReady(counter(), params.orderId, expectedVersion) };
});
