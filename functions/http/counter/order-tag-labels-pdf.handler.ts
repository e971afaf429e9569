import { counter } from '#shared/composition';
import { orderTagLabelsPdf } from '#shared/domain/orders/ticket-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('orderTagLabelsPdf', async ({ params }) => ({
  status: 200,
  bytes: await orderTagLabelsPdf(counter(), params.orderId),
  headers: { 'content-disposition': `inline; filename="merkelapper-${params.orderId}.pdf"` },
}));
