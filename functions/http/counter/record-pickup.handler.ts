import { counter } from '#shared/composition';
import { recordPickup } from '#shared/domain/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('recordPickup', async ({ params, body, expectedVersion }) => {
  const payment = { method: body.payment, ...(body.posReceiptRef ? { posReceiptRef: body.posReceiptRef } : {}) };
  return { status: 200, body: await recordPickup(counter(), params.orderId, payment, expectedVersion) };
});
