import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readSecretString } from '#shared/adapters/secrets/secrets-manager';
import { readAuthConfig } from '#shared/config/runtime-config';

/** The customer key as it is read in AWS: from Secrets Manager, stubbed at its client, once per cold start. */
describe('the customer token key', () => {
  const saved = { ...process.env };
  let send: jest.SpyInstance;

  beforeEach(() => {
    process.env.STAFF_TOKEN_ISSUER = 'https://cognito-idp.eu-north-1.amazonaws.com/pool';
    process.env.STAFF_TOKEN_CLIENT_ID = 'client';
    process.env.CUSTOMER_TOKEN_ISSUER = 'renseri';
    process.env.CUSTOMER_TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:customer-token-key';
    delete process.env.CUSTOMER_TOKEN_KEY;
    send = jest.spyOn(SecretsManagerClient.prototype, 'send');
  });
  afterEach(() => {
    send.mockRestore();
    process.env = { ...saved };
  });

  it('is read from the secret named by its ARN, once however often it is used', async () => {
    send.mockImplementation(async () => ({ SecretString: 'a key of at least thirty-two bytes!' }));
    const customer = readAuthConfig(readSecretString).customer!;
    const [first, second] = await Promise.all([customer.key(), customer.key()]);
    expect(Buffer.from(first).toString('utf8')).toBe('a key of at least thirty-two bytes!');
    expect(second).toBe(first);
    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0]![0] as GetSecretValueCommand;
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    expect(command.input).toEqual({ SecretId: process.env.CUSTOMER_TOKEN_SECRET_ARN });
  });

  it('refuses an empty secret rather than sign with nothing', async () => {
    send.mockImplementation(async () => ({}));
    await expect(readAuthConfig(readSecretString).customer!.key()).rejects.toThrow('The secret is empty');
  });

  it('is read again after a failed read, instead of failing every request until the container is retired', async () => {
    send.mockImplementationOnce(async () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })));
    send.mockImplementation(async () => ({ SecretString: 'a key of at least thirty-two bytes!' }));
    const customer = readAuthConfig(readSecretString).customer!;
    await expect(customer.key()).rejects.toThrow('Rate exceeded');
    expect(Buffer.from(await customer.key()).toString('utf8')).toBe('a key of at least thirty-two bytes!');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('is taken from the environment locally, without asking Secrets Manager', async () => {
    process.env.CUSTOMER_TOKEN_KEY = Buffer.from('local key').toString('base64url');
    const key = await readAuthConfig(readSecretString).customer!.key();
    expect(Buffer.from(key).toString('utf8')).toBe('local key');
    expect(send).not.toHaveBeenCalled();
  });
});
