import { counter } from '#shared/composition';
import { markGarmentsReady } from '#shared/domain/orders/garment-ready';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('markGarmentsReady', async ({ params, body, expectedVersion }) => {
  return { status: 200, body: await markGarmentsReady(counter(), params.orderId, body, expectedVersion) };
});
