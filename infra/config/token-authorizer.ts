/**
 * The API's TOKEN authorizer as API Gateway runs it, declared once: CDK configures API Gateway
 * with these values and the local twin behaves the same way.
 */
export const TOKEN_AUTHORIZER = {
  /** The identity source: without this header API Gateway answers 401 and calls nothing. */
  header: 'Authorization',
  /** API Gateway answers 401 without calling the authorizer when the header does not match. */
  validationRegex: '^Bearer [-0-9a-zA-Z._~+/]+=*$',
  /**
   * API Gateway reuses the authorizer's answer for the same header this long. A token expiring
   * inside that window would still pass, so the answer carries the token's expiry and the
   * handler refuses it after that (shared/auth/principal.ts).
   */
  cacheSeconds: 60,
} as const;
