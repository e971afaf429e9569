import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CUSTOMER_TOKEN_AUDIENCE } from '../../shared/auth/token-verifier';

/**
 * The local stand-in for Cognito (and for the customer-token key that lives in Secrets Manager in
 * AWS). It mints staff tokens with exactly the claims of a Cognito access token, so the verifier
 * that runs in the Lambda authorizer accepts them unchanged. Keys live in .local/ (git-ignored) so
 * `npm run staff-token` and a running twin agree on them.
 */
export const LOCAL_STAFF_ISSUER = 'urn:renseri:local-issuer';
export const LOCAL_STAFF_CLIENT_ID = 'local-counter';
export const LOCAL_CUSTOMER_ISSUER = 'urn:renseri:local-customer-issuer';

/**
 * The sign-in secrets are apart from the customer key, as in AWS: one keys the code hashes, and an
 * RSA pair seals codes for the SMS sender (older key files get them on first read).
 */
type SignInKeys = { signInCodeKey: string; smsCodePublicKey: string; smsCodePrivateKey: string };
type StoredKeys = { staffPrivateJwk: JWK; staffPublicJwk: JWK; customerKey: string } & SignInKeys;

function newSignInKeys(): SignInKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return { signInCodeKey: randomBytes(32).toString('base64url'), smsCodePublicKey: publicKey, smsCodePrivateKey: privateKey };
}

function writeKeys(file: string, keys: StoredKeys): StoredKeys {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(keys), { mode: 0o600 });
  renameSync(temporary, file);
  // Two processes may race to create the file; whichever rename came last is the truth.
  return JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
}

export const DEFAULT_KEY_FILE = join(__dirname, '..', '..', '.local', 'issuer-keys.json');

async function loadOrCreateKeys(file: string): Promise<StoredKeys> {
  let stored: Partial<StoredKeys> | undefined;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredKeys>;
  } catch {
    stored = undefined;
  }
  if (stored?.staffPrivateJwk && stored.staffPublicJwk && stored.customerKey) {
    const complete = stored.signInCodeKey && stored.smsCodePublicKey && stored.smsCodePrivateKey;
    return complete ? (stored as StoredKeys) : writeKeys(file, { ...(stored as StoredKeys), ...newSignInKeys() });
  }
  {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    const keys: StoredKeys = {
      staffPrivateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
      staffPublicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
      customerKey: randomBytes(32).toString('base64url'),
      ...newSignInKeys(),
    };
    return writeKeys(file, keys);
  }
}

export type LocalIssuer = Awaited<ReturnType<typeof localIssuer>>;

export async function localIssuer(file = DEFAULT_KEY_FILE) {
  const keys = await loadOrCreateKeys(file);
  const staffSigningKey = await importJWK(keys.staffPrivateJwk, 'ES256');
  const customerKey = Buffer.from(keys.customerKey, 'base64url');

  return {
    staffJwks: JSON.stringify({ keys: [keys.staffPublicJwk] }),
    customerKeyBase64: keys.customerKey,
    signInCodeKeyBase64: keys.signInCodeKey,
    smsCodePublicKey: keys.smsCodePublicKey,
    smsCodePrivateKey: keys.smsCodePrivateKey,

    /** A Cognito-shaped access token. */
    async staffToken(options: { subject?: string; groups?: string[]; expiresIn?: string; clientId?: string } = {}) {
      return new SignJWT({
        token_use: 'access',
        client_id: options.clientId ?? LOCAL_STAFF_CLIENT_ID,
        'cognito:groups': options.groups ?? ['staff'],
        scope: 'aws.cognito.signin.user.admin',
        username: options.subject ?? 'local-clerk',
      })
        .setProtectedHeader({ alg: 'ES256', kid: keys.staffPublicJwk.kid })
        .setIssuer(LOCAL_STAFF_ISSUER)
        .setSubject(options.subject ?? 'local-clerk')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '8h')
        .sign(staffSigningKey);
    },

    async customerToken(customerId: string, options: { expiresIn?: string } = {}) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(LOCAL_CUSTOMER_ISSUER)
        .setAudience(CUSTOMER_TOKEN_AUDIENCE)
        .setSubject(customerId)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign(customerKey);
    },
  };
}
