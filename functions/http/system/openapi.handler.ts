import { httpRoute } from '#shared/http/http-route';
import { buildOpenApiDocument } from '#shared/http/openapi';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpRoute('openApi', async () => ({
  status: 200,
  body: (document ??= buildOpenApiDocument()),
  headers: { 'cache-control': 'public, max-age=300' },
}));
