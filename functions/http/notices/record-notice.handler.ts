import { notices } from '#shared/composition';
import { recordStatutoryNotice } from '#shared/domain/notices/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';
import { staffOf } from '#shared/http/principal-of';

export const handler = httpRoute('recordStatutoryNotice', async ({ params, body, principal }) => {
  return { status: 201, body: await recordStatutoryNotice(notices(), params.orderId, body, staffOf(principal)) };
});
