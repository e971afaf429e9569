import { counter } from '#shared/composition';
import { findOrderByTag } from '#shared/domain/orders/order-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('findOrderByTag', async ({ params }) => {
  return { status: 200, body: await findOrderByTag(counter(), params.tag) };
});
