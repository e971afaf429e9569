import { notices } from '#shared/composition';
import { listOrders } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('listOrders', async ({ query }) => {
  const page = await listOrders(notices(), query.status, pageRequest(query));
  return { status: 200, body: { orders: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
