import { counter } from '#shared/composition';
import { getCustomerWithOrders } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest, toCustomerView } from '#shared/http/views';

export const handler = httpRoute('getCustomer', async ({ params, query }) => {
  const { customer, orders } = await getCustomerWithOrders(counter(), params.customerId, pageRequest(query));
  return { status: 200, body: { customer: toCustomerView(customer), orders: orders.items, ...(orders.nextCursor ? { nextCursor: orders.nextCursor } : {}) } };
});
