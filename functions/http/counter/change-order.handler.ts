import { counter } from '#shared/composition';
import { changeOrder } from '#shared/domain/orders/order-changes';
import { httpRoute } from '#shared/http/http-route';
import { staffOf } from '#shared/http/principal-of';

export const handler = httpRoute('changeOrder', async ({ params, body, expectedVersion, principal }) => {
  return { status: 200, body: await changeOrder(counter(), params.orderId, body, expectedVersion, staffOf(principal)) };
});
