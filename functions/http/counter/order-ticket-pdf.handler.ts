import { counter } from '#shared/composition';
import { orderTicketPdf } from '#shared/domain/orders/ticket-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('orderTicketPdf', async ({ params }) => ({
  status: 200,
  bytes: await orderTicketPdf(counter(), params.orderId),
  headers: { 'content-disposition': `inline; filename="hentelapp-${params.orderId}.pdf"` },
}));
