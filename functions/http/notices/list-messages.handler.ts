import { notices } from '#shared/composition';
import { listMessagesNeedingAttention } from '#shared/domain/notices/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { pageRequest, toMessageView } from '#shared/http/views';

export const handler = httpRoute('listMessages', async ({ query }) => {
  const page = await listMessagesNeedingAttention(notices(), query.state, pageRequest(query));
  return { status: 200, body: { messages: page.items.map(toMessageView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
