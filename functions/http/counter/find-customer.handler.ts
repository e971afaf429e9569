import { counter } from '#shared/composition';
import { findCustomerByPhone } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toCustomerView } from '#shared/http/views';

export const handler = httpRoute('findCustomerByPhone', async ({ query }) => {
  return { status: 200, body: toCustomerView(await findCustomerByPhone(counter(), query.phone)) };
});
