import { counter } from '#shared/composition';
import { getMe } from '#shared/domain/customers/self-service';
import { httpRoute } from '#shared/http/http-route';
import { customerOf } from '#shared/http/principal-of';
import { toCustomerView } from '#shared/http/views';

export const handler = httpRoute('getMe', async ({ principal }) => ({ status: 200, body: toCustomerView(await getMe(counter(), customerOf(principal))) }));
