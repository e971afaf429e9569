import { priceList } from '#shared/composition';
import { setExpressOption } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('setExpressOption', async ({ body, expectedVersion }) => {
  return { status: 200, body: await setExpressOption(priceList(), body, expectedVersion) };
});
