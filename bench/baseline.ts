// The cold-start baseline: a function that only builds the DynamoDB document client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-north-1' }));
export const handler = async () => Boolean(client);
