import * as z from 'zod/mini';
import { schema } from '../schemas/common.schema';
import { parseShopConfig, type ShopConfig } from './shop-config';

/**
 * Configuration read from the environment once per cold start, each part on first use so a
 * function only needs (and pays for) the settings it uses. Missing or malformed settings throw
 * at once with the variable's name, never with its value.
 */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing configuration: ${name}`);
  return value;
}

/** The PURE annotation on each use below lets the bundler drop the settings (and what they load) a function never reads. */
function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

export type TableConfig = { tableName: string; endpoint?: string; region: string };

export const tableConfig = /* @__PURE__ */ once(
  (): TableConfig => ({
    tableName: required('TABLE_NAME'),
    // Set only by the local twin and the tests (DynamoDB Local); in AWS the SDK finds the endpoint.
    endpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    region: process.env.AWS_REGION ?? 'eu-north-1',
  }),
);

export type RightsWorkflowConfig = { stateMachineArn: string; endpoint?: string };

export const rightsWorkflowConfig = /* @__PURE__ */ once(
  (): RightsWorkflowConfig => ({
    stateMachineArn: required('RIGHTS_STATE_MACHINE_ARN'),
    // Set only by the local twin, whose Step Functions API answers at /local/sfn.
    endpoint: process.env.SFN_ENDPOINT || undefined,
  }),
);

export const shopConfig = /* @__PURE__ */ once((): ShopConfig => parseShopConfig(JSON.parse(required('SHOP_CONFIG'))));

/** Locally only: the twin's issuer hands its public keys over inline. */
const JwksSchema = schema(() => z.object({ keys: z.array(z.record(z.string(), z.unknown())) }));

export type AuthConfig = {
  staff: { issuer: string; clientId: string; group: string; jwks?: z.infer<ReturnType<typeof JwksSchema>> };
  /** Customer tokens are signed by this backend; the key is read once, from the environment locally or Secrets Manager in AWS. */
  customer?: { issuer: string; key: () => Promise<Uint8Array> };
};

export type SecretReader = (arn: string) => Promise<string>;

/** Read on every call: each caller keeps what it reads, and says how it reads the customer key's secret. */
export function readAuthConfig(readSecret: SecretReader): AuthConfig {
  const inlineJwks = process.env.STAFF_JWKS;
  const customerKey = process.env.CUSTOMER_TOKEN_KEY;
  const customerSecretArn = process.env.CUSTOMER_TOKEN_SECRET_ARN;
  let customerKeyBytes: Promise<Uint8Array> | undefined;
  const loadCustomerKey = () =>
    (customerKeyBytes ??= customerKey
      ? Promise.resolve(Buffer.from(customerKey, 'base64url'))
      : readSecret(customerSecretArn as string).then(
          (secret) => Buffer.from(secret, 'utf8'),
          (error: unknown) => {
            // Forget a failed read (a throttled or timed-out call), or every request this
            // container serves would fail with it until Lambda retires the container.
            customerKeyBytes = undefined;
            throw error;
          },
        ));
  return {
    staff: {
      // In AWS the Cognito user pool's issuer; its keys are fetched from `${issuer}/.well-known/jwks.json`.
      issuer: required('STAFF_TOKEN_ISSUER'),
      clientId: required('STAFF_TOKEN_CLIENT_ID'),
      group: process.env.STAFF_GROUP ?? 'staff',
      // Locally the twin's issuer hands its public keys over inline instead.
      ...(inlineJwks ? { jwks: JwksSchema().parse(JSON.parse(inlineJwks)) } : {}),
    },
    ...(customerKey || customerSecretArn ? { customer: { issuer: required('CUSTOMER_TOKEN_ISSUER'), key: loadCustomerKey } } : {}),
  };
}

/** A secret given inline (the twin) or by its ARN (AWS), read once, and read again if that read failed. */
function secretFrom(inlineVariable: string, arnVariable: string, readSecret: SecretReader): () => Promise<string> {
  const inline = process.env[inlineVariable];
  const arn = process.env[arnVariable];
  let value: Promise<string> | undefined;
  return () =>
    (value ??= inline
      ? Promise.resolve(inline)
      : (arn ? readSecret(arn) : Promise.reject(new Error(`Missing configuration: ${inlineVariable} or ${arnVariable}`))).catch((error: unknown) => {
          value = undefined; // a throttled or timed-out read must not fail every later request of this container
          throw error;
        }));
}

export type SignInCodeConfig = {
  /** Keys the HMAC of each code (and of each client's address); a secret of its own, not the token key. */
  key: () => Promise<Uint8Array>;
  /** The SMS sender's public key (PEM), which codes are sealed to in their outbox message. */
  sealingKey: string;
};

/** What minting and checking sign-in codes needs: the code key (SIGN_IN_CODE_KEY or SIGN_IN_CODE_SECRET_ARN) and SMS_CODE_PUBLIC_KEY. */
export function readSignInCodeConfig(readSecret: SecretReader): SignInCodeConfig {
  const inlineKey = process.env.SIGN_IN_CODE_KEY;
  const secret = secretFrom('SIGN_IN_CODE_KEY', 'SIGN_IN_CODE_SECRET_ARN', readSecret);
  // Inline (the twin) it is base64url, as CUSTOMER_TOKEN_KEY is; a generated secret is its text.
  let bytes: Promise<Uint8Array> | undefined;
  const key = () =>
    (bytes ??= secret().then(
      (value) => (inlineKey ? Buffer.from(value, 'base64url') : Buffer.from(value, 'utf8')),
      (error: unknown) => {
        bytes = undefined; // read again next time (secretFrom forgets the failed read too)
        throw error;
      },
    ));
  return { key, sealingKey: required('SMS_CODE_PUBLIC_KEY') };
}

/** Only the SMS sender: the private key (PEM) that opens sealed sign-in codes (SMS_CODE_PRIVATE_KEY or SMS_CODE_PRIVATE_KEY_SECRET_ARN). */
export function readSmsCodeKey(readSecret: SecretReader): () => Promise<string> {
  return secretFrom('SMS_CODE_PRIVATE_KEY', 'SMS_CODE_PRIVATE_KEY_SECRET_ARN', readSecret);
}

/** Browser origins allowed to call the API (the counter app); the same list API Gateway's preflight answers. */
export const corsOrigins = /* @__PURE__ */ once((): string[] => (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean));

export type SmsConfig = { transport: 'sns' } | { transport: 'local-outbox'; outboxFile: string };

/** SNS unless the local twin says otherwise; the twin's outbox is never configured in AWS. */
export const smsConfig = /* @__PURE__ */ once((): SmsConfig =>
  process.env.SMS_TRANSPORT === 'local-outbox' ? { transport: 'local-outbox', outboxFile: required('LOCAL_OUTBOX_FILE') } : { transport: 'sns' },
);

export type EmailConfig = { transport: 'ses'; configurationSet?: string } | { transport: 'local-outbox'; outboxFile: string };

/** SES (with the shop's configuration set) unless the local twin says otherwise. */
export const emailConfig = /* @__PURE__ */ once((): EmailConfig =>
  process.env.EMAIL_TRANSPORT === 'local-outbox'
    ? { transport: 'local-outbox', outboxFile: required('LOCAL_OUTBOX_FILE') }
    : { transport: 'ses', ...(process.env.SES_CONFIGURATION_SET ? { configurationSet: process.env.SES_CONFIGURATION_SET } : {}) },
);

/**
 * How long the answer to a sign-in code request takes at least (see AnswerFloor in
 * shared/domain/rights/sign-in.ts): well above a registered number's read and transaction.
 */
export const signInAnswerFloorMs = /* @__PURE__ */ once((): number => {
  const value = Number(process.env.SIGN_IN_ANSWER_FLOOR_MS ?? 400);
  if (!Number.isInteger(value) || value < 0) throw new Error('Invalid configuration: SIGN_IN_ANSWER_FLOOR_MS');
  return value;
});
