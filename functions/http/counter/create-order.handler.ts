import { counter } from '#shared/composition';
import { createOrder } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('createOrder', async ({ body }) => {
  const order = await createOrder(counter(), body);
  return { status: 201, body: order, headers: { location: `/admin/orders/${order.orderId}` } };
});
