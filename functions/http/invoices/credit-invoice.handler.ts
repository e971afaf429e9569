import { counter } from '#shared/composition';
import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { creditSelectionOf } from '#shared/domain/invoices/sales-documents';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('creditInvoice', async ({ params, body }) => {
  const creditNote = await creditInvoice(counter(), Number(params.invoiceId), body.reason, creditSelectionOf(body), body.creditKey);
  return { status: 201, body: creditNote, headers: { location: `/admin/invoices/${creditNote.documentNumber}` } };
});
