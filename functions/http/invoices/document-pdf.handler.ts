import { counter } from '#shared/composition';
import { salesDocumentPdf } from '#shared/domain/invoices/invoice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('salesDocumentPdf', async ({ params }) => ({
  status: 200,
  bytes: await salesDocumentPdf(counter(), Number(params.invoiceId)),
  headers: { 'content-disposition': `inline; filename="dokument-${params.invoiceId}.pdf"` },
}));
