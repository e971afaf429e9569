import { receivables } from '#shared/composition';
import { writeOffInvoice } from '#shared/domain/receivables/receivable-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('writeOffInvoice', async ({ params, body }) => ({
  status: 200,
  body: await writeOffInvoice(receivables(), Number(params.invoiceId), body.reason),
}));
