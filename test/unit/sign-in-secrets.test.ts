import { generateKeyPairSync } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { codeOpener, codeSealer } from '#shared/adapters/crypto/sealed-code';
import { readSecretString } from '#shared/adapters/secrets/secrets-manager';
import { readSignInCodeConfig, readSmsCodeKey } from '#shared/config/runtime-config';
import { clientOf } from '#shared/domain/rights/sign-in';

const aPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('a sign-in code sealed for the SMS sender', () => {
  const pair = aPair();

  it('opens with the sender\'s private key to the code, and the sealed text does not hold it', async () => {
    const sealed = await codeSealer(pair.publicKey)('042917');
    expect(sealed).not.toContain('042917');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('042917');
    expect(await codeOpener(async () => pair.privateKey)(sealed)).toBe('042917');
  });

  it('seals the same code differently each time (OAEP is randomised: equal codes cannot be spotted)', async () => {
    const seal = codeSealer(pair.publicKey);
    expect(await seal('123456')).not.toBe(await seal('123456'));
  });

  it('does not open with another key', async () => {
    const sealed = await codeSealer(pair.publicKey)('123456');
    await expect(codeOpener(async () => aPair().privateKey)(sealed)).rejects.toThrow();
  });

  it('reads the private key again after a failed read', async () => {
    const sealed = await codeSealer(pair.publicKey)('123456');
    const load = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('Rate exceeded')).mockResolvedValue(pair.privateKey);
    const open = codeOpener(load);
    await expect(open(sealed)).rejects.toThrow('Rate exceeded');
    expect(await open(sealed)).toBe('123456');
    expect(await open(sealed)).toBe('123456');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

/** Each secret from its own ARN: the code key is never the customer-token key, and the private key is read only by what asks for it. */
describe('the sign-in secrets in AWS', () => {
  const saved = { ...process.env };
  let send: jest.SpyInstance;

  beforeEach(() => {
    for (const name of ['SIGN_IN_CODE_KEY', 'SMS_CODE_PRIVATE_KEY', 'CUSTOMER_TOKEN_KEY']) delete process.env[name];
    process.env.CUSTOMER_TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:customer-token-key';
    process.env.SIGN_IN_CODE_SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:sign-in-code-key';
    process.env.SMS_CODE_PRIVATE_KEY_SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:sms-code-private-key';
    process.env.SMS_CODE_PUBLIC_KEY = aPair().publicKey;
    send = jest.spyOn(SecretsManagerClient.prototype, 'send').mockImplementation(async (command) => ({ SecretString: `value of ${(command as GetSecretValueCommand).input.SecretId}` }));
  });
  afterEach(() => {
    send.mockRestore();
    process.env = { ...saved };
  });

  it('keys code hashes with the sign-in code secret, once however often it is used', async () => {
    const codes = readSignInCodeConfig(readSecretString);
    const [first, second] = await Promise.all([codes.key(), codes.key()]);
    expect(Buffer.from(first).toString('utf8')).toBe(`value of ${process.env.SIGN_IN_CODE_SECRET_ARN}`);
    expect(second).toBe(first);
    expect(send.mock.calls.map(([command]) => (command as GetSecretValueCommand).input.SecretId)).toEqual([process.env.SIGN_IN_CODE_SECRET_ARN]);
    expect(codes.sealingKey).toBe(process.env.SMS_CODE_PUBLIC_KEY);
  });

  it('reads the SMS sender\'s private key from its own secret, only when a code is to be opened', async () => {
    const key = readSmsCodeKey(readSecretString);
    expect(send).not.toHaveBeenCalled();
    expect(await key()).toBe(`value of ${process.env.SMS_CODE_PRIVATE_KEY_SECRET_ARN}`);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('fails with the variables\' names when neither the key nor its secret is configured', async () => {
    delete process.env.SMS_CODE_PRIVATE_KEY_SECRET_ARN;
    await expect(readSmsCodeKey(readSecretString)()).rejects.toThrow('Missing configuration: SMS_CODE_PRIVATE_KEY or SMS_CODE_PRIVATE_KEY_SECRET_ARN');
  });
});

describe('the caller the sign-in limits count', () => {
  it.each([
    ['an IPv4 address, as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv6 address, by its /64 (one subscriber gets a whole /64)', '2001:db8:85a3:0042:1000:8a2e:0370:7334', '2001:db8:85a3:42::/64'],
    ['a short IPv6 address, expanded first', '2001:db8::1', '2001:db8:0:0::/64'],
    ['the same /64 written another way', '2001:DB8:0:0:ffff::2', '2001:db8:0:0::/64'],
    ['no address at all, as one shared caller', undefined, 'unknown'],
  ])('counts %s', (_case, sourceIp, client) => {
    expect(clientOf(sourceIp)).toBe(client);
  });
});
