import { receivables } from '#shared/composition';
import { getDocumentWithBalance } from '#shared/domain/receivables/receivable-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('getSalesDocument', async ({ params }) => ({
  status: 200,
  body: await getDocumentWithBalance(receivables(), Number(params.invoiceId)),
}));
