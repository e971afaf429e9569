import { counter } from '#shared/composition';
import { getOrder } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('getOrder', async ({ params }) => {
  return { status: 200, body: await getOrder(counter(), params.orderId) };
});
