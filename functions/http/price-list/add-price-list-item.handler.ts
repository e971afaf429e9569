import { priceList } from '#shared/composition';
import { addPriceListItem } from '#shared/domain/orders/price-list-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toPriceListItemView } from '#shared/http/views';

export const handler = httpRoute('addPriceListItem', async ({ body }) => {
  const item = await addPriceListItem(priceList(), body);
  return { status: 201, body: toPriceListItemView(item), headers: { location: `/admin/price-list/items/${item.itemId}` } };
});
