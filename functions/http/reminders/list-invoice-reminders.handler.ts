import { reminders } from '#shared/composition';
import { listInvoiceReminders } from '#shared/domain/receivables/reminder-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('listInvoiceReminders', async ({ params }) => ({
  status: 200,
  body: { reminders: await listInvoiceReminders(reminders(), Number(params.invoiceId)) },
}));
