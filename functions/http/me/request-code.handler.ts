import { signIn } from '#shared/composition';
import { requestSignInCode } from '#shared/domain/rights/sign-in';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('requestSignInCode', async ({ body }) => {
  await requestSignInCode(signIn(), body.phone);
  return { status: 202, body: { message: 'If the number is registered with us, a code is on its way by SMS.' } };
});
