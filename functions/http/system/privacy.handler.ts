import { shopConfig } from '#shared/config/runtime-config';
import { LANGUAGES } from '#shared/domain/customers/customers';
import { privacyPageHtml, privacyStatement } from '#shared/domain/inventory/privacy-statement';
import { httpRoute, type HttpResult } from '#shared/http/http-route';
import { preferredLanguage, prefersHtml } from '#shared/http/negotiation';

export const handler = httpRoute('privacy', async ({ headers }): Promise<HttpResult> => {
  const shop = shopConfig();
  const language = preferredLanguage(headers['accept-language'], LANGUAGES, shop.defaultLanguage);
  // Cached publicly, and chosen by two headers: a cache must key on both, or a browser gets JSON or the wrong language.
  const common = { 'cache-control': 'public, max-age=300', 'content-language': language, vary: 'Accept, Accept-Language' };
  return prefersHtml(headers.accept)
    ? { status: 200, text: privacyPageHtml(shop, language), headers: { ...common, 'content-type': 'text/html; charset=utf-8' } }
    : { status: 200, body: privacyStatement(shop, language), headers: common };
});
