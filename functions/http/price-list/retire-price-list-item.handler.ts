import { priceList } from '#shared/composition';
import { retirePriceListItem } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toPriceListItemView } from '#shared/http/views';

export const handler = httpRoute('retirePriceListItem', async ({ params, expectedVersion }) => {
  return { status: 200, body: toPriceListItemView(await retirePriceListItem(priceList(), params.itemId, expectedVersion)) };
});
