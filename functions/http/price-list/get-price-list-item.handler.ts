import { priceList } from '#shared/composition';
import { getPriceListItem } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toPriceListItemView } from '#shared/http/views';

export const handler = httpRoute('getPriceListItem', async ({ params }) => {
  return { status: 200, body: toPriceListItemView(await getPriceListItem(priceList(), params.itemId)) };
});
