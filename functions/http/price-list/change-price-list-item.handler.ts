import { priceList } from '#shared/composition';
import { changePriceListItem } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toPriceListItemView } from '#shared/http/views';

export const handler = httpRoute('changePriceListItem', async ({ params, body, expectedVersion }) => {
  return { status: 200, body: toPriceListItemView(await changePriceListItem(priceList(), params.itemId, body, expectedVersion)) };
});
