import { receivables } from '#shared/composition';
import { importOcrGiro } from '#shared/domain/receivables/ocr-import';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('importOcrGiro', async ({ body }) => {
  const result = await importOcrGiro(receivables(), body);
  return { status: result.alreadyImported ? 200 : 201, body: result };
});
