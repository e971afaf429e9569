import { counter } from '#shared/composition';
import { salesDocumentEhf } from '#shared/domain/invoices/invoice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('salesDocumentEhf', async ({ params }) => ({
  status: 200,
  text: await salesDocumentEhf(counter(), Number(params.invoiceId)),
  headers: { 'content-disposition': `attachment; filename="ehf-${params.invoiceId}.xml"` },
}));
