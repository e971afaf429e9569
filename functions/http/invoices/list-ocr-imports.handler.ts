import { receivables } from '#shared/composition';
import { listOcrImports } from '#shared/domain/receivables/ocr-import';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('listOcrImports', async ({ query }) => {
  const page = await listOcrImports(receivables(), pageRequest(query));
  return { status: 200, body: { imports: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
