import { reminders } from '#shared/composition';
import { paymentReminderPdf } from '#shared/domain/receivables/reminder-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('paymentReminderPdf', async ({ params }) => ({
  status: 200,
  bytes: await paymentReminderPdf(reminders(), Number(params.invoiceId), Number(params.sequence)),
  headers: { 'content-disposition': `inline; filename="purring-${params.invoiceId}-${params.sequence}.pdf"` },
}));
