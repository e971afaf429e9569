import { rights } from '#shared/composition';
import { listRequests } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('listRequests', async ({ query }) => {
  const page = await listRequests(rights(), query.status, pageRequest(query));
  return { status: 200, body: { requests: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
