import { shopConfig } from '#shared/config/runtime-config';
import { privacyPageHtml, privacyStatement } from '#shared/domain/inventory/privacy-statement';
import { httpRoute, type HttpResult } from '#shared/http/http-route';

export const handler = httpRoute('privacy', async ({ headers }): Promise<HttpResult> => {
  const wantsHtml = /text\/html/.test(headers.accept ?? '');
  return wantsHtml
    ? { status: 200, text: privacyPageHtml(shopConfig()), headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' } }
    : { status: 200, body: privacyStatement(shopConfig()), headers: { 'cache-control': 'public, max-age=300' } };
});
