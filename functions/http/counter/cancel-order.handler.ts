import { counter } from '#shared/composition';
import { cancelOrder } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('cancelOrder', async ({ params, body, expectedVersion }) => {
  return { status: 200, body: await cancelOrder(counter(), params.orderId, body.reason, expectedVersion) };
});
