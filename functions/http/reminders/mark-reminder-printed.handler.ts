import { reminders } from '#shared/composition';
import { markReminderPrinted } from '#shared/domain/receivables/reminder-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('markReminderPrinted', async ({ params }) => ({
  status: 200,
  body: await markReminderPrinted(reminders(), Number(params.invoiceId), Number(params.sequence)),
}));
