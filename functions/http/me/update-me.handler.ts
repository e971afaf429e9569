import { counter } from '#shared/composition';
import { updateCustomer } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';
import { toCustomerView } from '#shared/http/views';

export const handler = httpRoute('updateMe', async ({ principal, body, expectedVersion }) => ({
  status: 200,
  body: toCustomerView(await updateCustomer(counter(), customerOf(principal), body, expectedVersion)),
}));
