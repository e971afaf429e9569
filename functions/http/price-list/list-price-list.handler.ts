import { priceList } from '#shared/composition';
import { listPriceList } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toPriceListView } from '#shared/http/views';

export const handler = httpRoute('listPriceList', async ({ query }) => {
  return { status: 200, body: toPriceListView(await listPriceList(priceList(), query)) };
});
