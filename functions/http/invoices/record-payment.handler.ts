import { receivables } from '#shared/composition';
import { recordPayment } from '#shared/domain/receivables/receivable-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('recordPayment', async ({ params, body }) => {
  const { payment, receivable, duplicate } = await recordPayment(receivables(), Number(params.invoiceId), { ...body, ...(body.paymentKey !== undefined ? { clientKey: body.paymentKey } : {}) });
  return { status: duplicate ? 200 : 201, body: { payment, receivable } };
});
