import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';

/**
 * A sign-in code on its way to the SMS sender, through the outbox item and the table's stream, is
 * sealed with RSA-OAEP (SHA-256) to the sender's public key: the function that mints codes holds
 * only that public key, so it can seal but never open, and the private key lives in a secret only
 * the SMS sender may read. Anyone who reads the table, its stream or a backup sees ciphertext.
 */
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

export function codeSealer(publicKeyPem: string): (code: string) => Promise<string> {
  const key = createPublicKey(publicKeyPem);
  return async (code) => publicEncrypt({ key, ...OAEP }, Buffer.from(code, 'utf8')).toString('base64');
}

/** Opens sealed codes with the private key, read once on first use (and read again if that read failed). */
export function codeOpener(loadPrivateKey: () => Promise<string>): (sealed: string) => Promise<string> {
  let key: Promise<KeyObject> | undefined;
  return async (sealed) => {
    key ??= loadPrivateKey().then(
      (pem) => createPrivateKey(pem),
      (error: unknown) => {
        // A throttled or timed-out read must not fail every later message this container sends.
        key = undefined;
        throw error;
      },
    );
    return privateDecrypt({ key: await key, ...OAEP }, Buffer.from(sealed, 'base64')).toString('utf8');
  };
}
