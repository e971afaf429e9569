import { rights } from '#shared/composition';
import { extendRequest } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('extendRequest', async ({ params, body }) => ({
  status: 200,
  body: await extendRequest(rights(), params.requestId, body),
}));
