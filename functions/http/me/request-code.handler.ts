import { signIn } from '#shared/composition';
import { clientOf, requestSignInCode } from '#shared/domain/rights/sign-in';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('requestSignInCode', async ({ body, sourceIp }) => {
  await requestSignInCode(signIn(), body.phone, clientOf(sourceIp), body.deviceToken);
  return { status: 202, body: { message: 'If the number is registered with us, a code is on its way by SMS.' } };
});
