import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';

/** One DynamoDB Local for the whole jest run; each test file makes its own table in it. */
export default async function globalSetup(): Promise<void> {
  const dynamodb = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = dynamodb.endpoint; // inherited by the workers jest starts next
  (globalThis as { __dynamodb?: typeof dynamodb }).__dynamodb = dynamodb;
}
