import { notices } from '#shared/composition';
import { uncollectedNoticePage } from '#shared/domain/notices/notice-use-cases';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('uncollectedNotice', async () => ({ status: 200, text: await uncollectedNoticePage(notices()) }));
