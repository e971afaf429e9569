import { receivables } from '#shared/composition';
import { listPaymentsNeedingAttention } from '#shared/domain/receivables/receivable-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('listUnmatchedPayments', async ({ query }) => {
  const page = await listPaymentsNeedingAttention(receivables(), pageRequest(query));
  return { status: 200, body: { payments: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
