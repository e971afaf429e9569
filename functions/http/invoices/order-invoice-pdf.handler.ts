import { counter } from '#shared/composition';
import { orderInvoicePdf } from '#shared/domain/invoices/invoice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('orderInvoicePdf', async ({ params }) => ({
  status: 200,
  bytes: await orderInvoicePdf(counter(), params.orderId),
  headers: { 'content-disposition': `inline; filename="faktura-lapp-${params.orderId}.pdf"` },
}));
