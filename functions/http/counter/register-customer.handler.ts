import { counter } from '#shared/composition';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toCustomerView } from '#shared/http/views';

export const handler = httpRoute('registerCustomer', async ({ body }) => {
  const customer = await registerCustomer(counter(), body);
  return { status: 201, body: toCustomerView(customer), headers: { location: `/admin/customers/${customer.customerId}` } };
});
