import { counter } from '#shared/composition';
import { counterDay } from '#shared/domain/orders/counter-day';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('counterDay', async ({ query }) => {
  const { items, nextCursor, ...day } = await counterDay(counter(), query.list, pageRequest(query));
  return { status: 200, body: { ...day, orders: items, ...(nextCursor ? { nextCursor } : {}) } };
});
