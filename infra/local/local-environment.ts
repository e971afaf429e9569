import { runtimeEnvironment } from '../config/runtime-environment';
import { stageConfig } from '../config/stages';
import { LOCAL_CUSTOMER_ISSUER, LOCAL_STAFF_CLIENT_ID, LOCAL_STAFF_ISSUER, type LocalIssuer } from './local-issuer';

/** The functions' environment on this machine: the local stage, DynamoDB Local, the local issuer, the outbox. */
export function localRuntimeEnvironment(input: { tableName: string; dynamodbEndpoint: string; issuer: LocalIssuer; localOutboxFile?: string }): Record<string, string> {
  return {
    ...runtimeEnvironment({
      stage: stageConfig('local'),
      tableName: input.tableName,
      staffTokenIssuer: LOCAL_STAFF_ISSUER,
      staffTokenClientId: LOCAL_STAFF_CLIENT_ID,
      staffJwks: input.issuer.staffJwks,
      customerTokenIssuer: LOCAL_CUSTOMER_ISSUER,
      customerTokenKey: input.issuer.customerKeyBase64,
      signInCodeKey: input.issuer.signInCodeKeyBase64,
      smsCodePublicKey: input.issuer.smsCodePublicKey,
      smsCodePrivateKey: input.issuer.smsCodePrivateKey,
      dynamodbEndpoint: input.dynamodbEndpoint,
      ...(input.localOutboxFile ? { localOutboxFile: input.localOutboxFile } : {}),
    }),
    // Lambda always sets the region; the SDK clients the handlers build need it.
    AWS_REGION: process.env.AWS_REGION ?? 'eu-north-1',
  };
}
