import { parseShopConfig, type ShopConfig } from '../../shared/config/shop-config';
import { templatesOverOneSegment } from '../../shared/domain/notices/sms-templates';
import type { StageConfig } from './stages';

/**
 * The environment every function gets, built in one place for both ways of running: CDK passes
 * it to each Lambda, the local twin to the same handlers in-process. The variable names are the
 * ones shared/config/runtime-config.ts reads.
 */
export type RuntimeEnvironmentInput = {
  stage: StageConfig;
  tableName: string;
  staffTokenIssuer: string;
  staffTokenClientId: string;
  /** Local only: the twin's issuer hands over its public keys instead of a JWKS URL. */
  staffJwks?: string;
  customerTokenIssuer?: string;
  /** Local only: the key customer tokens are signed with (in AWS it is read from Secrets Manager). */
  customerTokenKey?: string;
  /** AWS only: the secret holding that key. */
  customerTokenSecretArn?: string;
  /** Local only: the key sign-in codes are hashed with (in AWS, a secret of its own). */
  signInCodeKey?: string;
  /** AWS only: the secret holding that key. */
  signInCodeSecretArn?: string;
  /** The SMS sender's public key (PEM) codes are sealed to: public, so plain configuration. */
  smsCodePublicKey?: string;
  /** Local only: the private key that opens them (in AWS, a secret only the SMS sender reads). */
  smsCodePrivateKey?: string;
  /** AWS only: the secret holding that private key. */
  smsCodePrivateKeySecretArn?: string;
  /** Local only: DynamoDB Local's address. */
  dynamodbEndpoint?: string;
  /** Local only: SMS and e-mail go to this JSON-lines file instead of SNS and SES. */
  localOutboxFile?: string;
  /** AWS only: the SES configuration set that reports bounces and complaints. */
  sesConfigurationSet?: string;
};

/** The schema, and what only the whole configuration can tell: that every SMS fits one GSM-7 segment. */
function checkedShopConfig(value: unknown, source: string): ShopConfig {
  const shop = parseShopConfig(value, source);
  const over = templatesOverOneSegment({ shopName: shop.name, shopPhone: shop.phone });
  if (over.length) throw new Error(`${source}: with this name and phone, these SMS would not fit one GSM-7 segment: ${over.join(', ')}`);
  return shop;
}

export function runtimeEnvironment(input: RuntimeEnvironmentInput): Record<string, string> {
  return {
    TABLE_NAME: input.tableName,
    // Validated here, so a typo in stages.ts fails `cdk synth` (and the twin's start), not a request.
    SHOP_CONFIG: JSON.stringify(checkedShopConfig(input.stage.shop, `The shop config of stage ${input.stage.stage} (infra/config/stages.ts)`)),
    STAFF_TOKEN_ISSUER: input.staffTokenIssuer,
    STAFF_TOKEN_CLIENT_ID: input.staffTokenClientId,
    POWERTOOLS_SERVICE_NAME: 'renseri',
    CORS_ORIGINS: input.stage.api.corsOrigins.join(','),
    ...(input.staffJwks ? { STAFF_JWKS: input.staffJwks } : {}),
    ...(input.customerTokenIssuer ? { CUSTOMER_TOKEN_ISSUER: input.customerTokenIssuer } : {}),
    ...(input.customerTokenKey ? { CUSTOMER_TOKEN_KEY: input.customerTokenKey } : {}),
    ...(input.customerTokenSecretArn ? { CUSTOMER_TOKEN_SECRET_ARN: input.customerTokenSecretArn } : {}),
    ...(input.signInCodeKey ? { SIGN_IN_CODE_KEY: input.signInCodeKey } : {}),
    ...(input.signInCodeSecretArn ? { SIGN_IN_CODE_SECRET_ARN: input.signInCodeSecretArn } : {}),
    ...(input.smsCodePublicKey ? { SMS_CODE_PUBLIC_KEY: input.smsCodePublicKey } : {}),
    ...(input.smsCodePrivateKey ? { SMS_CODE_PRIVATE_KEY: input.smsCodePrivateKey } : {}),
    ...(input.smsCodePrivateKeySecretArn ? { SMS_CODE_PRIVATE_KEY_SECRET_ARN: input.smsCodePrivateKeySecretArn } : {}),
    ...(input.dynamodbEndpoint ? { DYNAMODB_ENDPOINT: input.dynamodbEndpoint } : {}),
    ...(input.localOutboxFile ? { SMS_TRANSPORT: 'local-outbox', EMAIL_TRANSPORT: 'local-outbox', LOCAL_OUTBOX_FILE: input.localOutboxFile } : {}),
    ...(input.sesConfigurationSet ? { SES_CONFIGURATION_SET: input.sesConfigurationSet } : {}),
  };
}
