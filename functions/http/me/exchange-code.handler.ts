import { signCustomerToken, CUSTOMER_TOKEN_SECONDS } from '#shared/auth/token-verifier';
import { signIn, signInAuthConfig } from '#shared/composition';
import { clientOf, knownDeviceToken, verifySignInCode } from '#shared/domain/rights/sign-in';
import { httpRoute } from '#shared/http/http-route';

export const handler = httpRoute('exchangeSignInCode', async ({ body, sourceIp }) => {
  const deps = signIn();
  const customerId = await verifySignInCode(deps, body.phone, body.code, clientOf(sourceIp));
  const accessToken = await signCustomerToken(signInAuthConfig().customer!, customerId, deps.clock());
  // Kept by the app: its next code request for this number is on the known devices' allowance.
  const deviceToken = await knownDeviceToken(deps, body.phone, customerId);
  return { status: 200, body: { accessToken, tokenType: 'Bearer', expiresIn: CUSTOMER_TOKEN_SECONDS, deviceToken } };
});
