import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('health', async () => ({ status: 200, body: { status: 'ok' } }));
