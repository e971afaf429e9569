import { receivables, rights } from '#shared/composition';
import { getDocumentForStaff } from '#shared/domain/rights/rights-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('getSalesDocument', async ({ params }) => ({
  status: 200,
  body: await getDocumentForStaff({ ...receivables(), customerData: rights().customerData }, Number(params.invoiceId)),
}));
