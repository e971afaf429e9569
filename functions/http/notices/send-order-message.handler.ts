import { notices } from '#shared/composition';
import { sendStaffMessage } from '#shared/domain/notices/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toMessageView } from '#shared/http/views';

export const handler = httpRoute('sendOrderMessage', async ({ params, body }) => {
  const { message, duplicate } = await sendStaffMessage(notices(), params.orderId, body);
  return { status: duplicate ? 200 : 202, body: toMessageView(message) };
});
