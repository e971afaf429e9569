import { rights } from '#shared/composition';
import { getOwnRequest } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';

export const handler = httpRoute('getMyRequest', async ({ principal, params }) => ({
  status: 200,
  body: await getOwnRequest(rights(), customerOf(principal), params.requestId),
}));
