import { counter } from '#shared/composition';
import { getSalesDocument } from '#shared/domain/invoices/invoice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('getSalesDocument', async ({ params }) => ({
  status: 200,
  body: await getSalesDocument(counter(), Number(params.invoiceId)),
}));
