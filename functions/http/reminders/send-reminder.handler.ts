import { reminders } from '#shared/composition';
import { sendPaymentReminder } from '#shared/domain/receivables/reminder-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('sendPaymentReminder', async ({ params }) => {
  const { reminder, duplicate } = await sendPaymentReminder(reminders(), Number(params.invoiceId));
  return { status: duplicate ? 200 : 201, body: reminder };
});
