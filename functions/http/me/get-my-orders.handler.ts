import { counter } from '#shared/composition';
import { getCustomerWithOrders } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('getMyOrders', async ({ principal, query }) => {
  const { orders } = await getCustomerWithOrders(counter(), customerOf(principal), pageRequest(query));
  return { status: 200, body: { orders: orders.items, ...(orders.nextCursor ? { nextCursor: orders.nextCursor } : {}) } };
});
