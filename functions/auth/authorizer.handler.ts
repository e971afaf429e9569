import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { principalToContext } from '#shared/auth/principal';
import { bearerToken, createTokenVerifier, InvalidTokenError, type TokenVerifier } from '#shared/auth/token-verifier';
import { readAuthConfig } from '#shared/config/runtime-config';
import { describeError, logger } from '#shared/observability/logger';

/**
 * API Gateway TOKEN authorizer, run in front of every non-public route (and by the local twin).
 * Throwing 'Unauthorized' makes API Gateway answer 401; a Deny policy answers 403. An Allow names
 * the caller in the context; which routes a kind of caller may use is checked in the handler's
 * middleware against the route table, so the cached policy can cover the whole API.
 */
let verify: TokenVerifier | undefined;

// The customer key is needed only when a customer's token comes, never for staff: the Secrets
// Manager client is loaded then, not at every cold start.
const readSecretOnFirstUse = async (arn: string) => (await import('#shared/adapters/secrets/secrets-manager')).readSecretString(arn);

export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  verify ??= createTokenVerifier(readAuthConfig(readSecretOnFirstUse));
  const token = bearerToken(event.authorizationToken);
  if (!token) throw new Error('Unauthorized');
  const wholeApi = event.methodArn.split('/').slice(0, 2).join('/') + '/*';
  try {
    const verified = await verify(token);
    if (verified === 'forbidden') return policy('anonymous', 'Deny', wholeApi);
    const context = principalToContext(verified.principal, verified.expiresAt);
    return { ...policy(context.principalId, 'Allow', wholeApi), context };
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) logger.error('authorizer failed', describeError(error));
    throw new Error('Unauthorized');
  }
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
  };
}
