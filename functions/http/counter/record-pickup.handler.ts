import { counter } from '#shared/composition';
import { recordPickup } from '#shared/domain/orders/pickup';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('recordPickup', async ({ params, body, expectedVersion }) => {
  const { payment: method, ...details } = body;
  return { status: 200, body: await recordPickup(counter(), params.orderId, { method, ...details }, expectedVersion) };
});
