import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A secret's text from Secrets Manager. Imported by name, so the bundle keeps this one command: a
 * dynamic import() of the client package would bundle every command it has.
 */
export async function readSecretString(arn: string): Promise<string> {
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error('The secret is empty');
  return SecretString;
}
