import { notices } from '#shared/composition';
import { recordStatutoryNotice } from '#shared/domain/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('recordStatutoryNotice', async ({ params, body, principal }) => {
  const recordedBy = principal?.kind === 'staff' ? principal.subject : 'unknown';
  return { status: 201, body: await recordStatutoryNotice(notices(), params.orderId, body, recordedBy) };
});
