import { counter } from '#shared/composition';
import { updateCustomer } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toCustomerView } from '#shared/http/views';

export const handler = httpRoute('updateCustomer', async ({ params, body, expectedVersion }) => {
  return { status: 200, body: toCustomerView(await updateCustomer(counter(), params.customerId, body, expectedVersion)) };
});
