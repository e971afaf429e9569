import { rights } from '#shared/composition';
import { openRequest } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('openCounterRequest', async ({ params, body }) => ({
  status: 202,
  body: await openRequest(rights(), { customerId: params.customerId, type: body.type, verifiedBy: body.verifiedBy }),
}));
