import { rights } from '#shared/composition';
import { openRequest } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';

export const handler = httpRoute('openMyRequest', async ({ principal, body }) => {
  const request = await openRequest(rights(), { customerId: customerOf(principal), type: body.type, verifiedBy: 'sms_code' });
  return { status: 202, body: request, headers: { location: `/me/requests/${request.requestId}` } };
});
