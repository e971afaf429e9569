import { counter } from '#shared/composition';
import { returnGarments } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('returnGarments', async ({ params, expectedVersion }) => {
  return { status: 200, body: await returnGarments(counter(), params.orderId, expectedVersion) };
});
