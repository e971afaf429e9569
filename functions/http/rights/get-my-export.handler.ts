import { rights } from '#shared/composition';
import { exportForRequest } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';

export const handler = httpRoute('getMyExport', async ({ principal, params }) => ({
  status: 200,
  body: await exportForRequest(rights(), customerOf(principal), params.requestId),
  headers: { 'content-disposition': `attachment; filename="mine-data-${params.requestId}.json"` },
}));
