import type { RunningDynamoDb } from '../../infra/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __dynamodb?: RunningDynamoDb }).__dynamodb?.stop();
}
