import { notices } from '#shared/composition';
import { listOrderMessages } from '#shared/domain/notices/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { toMessageView } from '#shared/http/views';

export const handler = httpRoute('listOrderMessages', async ({ params }) => {
  const messages = await listOrderMessages(notices(), params.orderId);
  return { status: 200, body: { messages: messages.map(toMessageView) } };
});
