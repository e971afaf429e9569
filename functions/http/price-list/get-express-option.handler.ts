import { priceList } from '#shared/composition';
import { getExpressOption } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('getExpressOption', async () => {
  return { status: 200, body: await getExpressOption(priceList()) };
});
