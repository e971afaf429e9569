import { reminders } from '#shared/composition';
import { listRemindersToPrint } from '#shared/domain/receivables/reminder-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest } from '#shared/http/views';

export const handler = httpRoute('listRemindersToPrint', async ({ query }) => {
  const page = await listRemindersToPrint(reminders(), pageRequest(query));
  return { status: 200, body: { reminders: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
