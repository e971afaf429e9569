import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/**
 * Makes the key pair sign-in codes are sealed with (shared/adapters/crypto/sealed-code.ts): AWS
 * cannot generate an RSA pair into a secret, so this does it once per stage, on the operator's
 * machine. The public key goes into the stage's `smsCodePublicKey` (infra/config/stages.ts); the
 * private key into the SmsCodePrivateKey secret, which only the SMS sender may read:
 *   npx tsx infra/tools/sms-code-keys.ts sms-code-private.pem
 *   aws secretsmanager put-secret-value --secret-id <SmsCodePrivateKey ARN> --secret-string file://sms-code-private.pem && rm sms-code-private.pem
 */
const privateFile = process.argv[2];
if (!privateFile) {
  console.error('Usage: tsx infra/tools/sms-code-keys.ts <file for the private key>');
  process.exit(2);
}
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
writeFileSync(privateFile, privateKey, { mode: 0o600 });
console.log(`The private key is in ${privateFile} (put it into the SmsCodePrivateKey secret, then delete the file).`);
console.log('The public key, for the stage\'s smsCodePublicKey:');
console.log(publicKey);
