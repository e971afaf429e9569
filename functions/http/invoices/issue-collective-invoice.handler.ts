import { counter } from '#shared/composition';
import { issueCollectiveInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('issueCollectiveInvoice', async ({ params, body }) => {
  const { period, ...outcome } = await issueCollectiveInvoice(counter(), params.customerId, body.period);
  const answer = { outcome: outcome.outcome, period, ...('document' in outcome ? { document: outcome.document } : {}) };
  if (outcome.outcome !== 'issued') return { status: 200, body: answer };
  return { status: 201, body: answer, headers: { location: `/admin/invoices/${outcome.document.documentNumber}` } };
});
