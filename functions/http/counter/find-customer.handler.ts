import { counter } from '#shared/composition';
import { findCustomerByOrganisationNumber, findCustomerByPhone, findCustomersByName } from '#shared/domain/customers/customer-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest, toCustomerMatch, toCustomerView } from '#shared/http/views';

/** One route for the lookups (API Gateway has one GET on /admin/customers); the query's schema lets exactly one of them through. */
export const handler = httpRoute('findCustomers', async ({ query }) => {
  if (query.phone !== undefined) return { status: 200, body: toCustomerView(await findCustomerByPhone(counter(), query.phone)) };
  if (query.organisationNumber !== undefined) return { status: 200, body: toCustomerView(await findCustomerByOrganisationNumber(counter(), query.organisationNumber)) };
  const page = await findCustomersByName(counter(), query.name ?? '', pageRequest(query));
  return { status: 200, body: { customers: page.items.map(toCustomerMatch), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
