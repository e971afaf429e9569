import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './batch-delete';

/**
 * Reads up to 100 items by key in one BatchGetItem, strongly consistent, sending again whatever
 * DynamoDB left unprocessed (a busy table), a little later each time as AWS advises. The items
 * come back in no particular order; keys must be distinct (DynamoDB refuses duplicates). With
 * `attributes`, only those are read (a list that needs a customer's name reads nothing else of the profile).
 */
export async function getItems(doc: DynamoDBDocumentClient, tableName: string, keyList: readonly ItemKey[], attributes?: readonly string[]): Promise<Record<string, unknown>[]> {
  if (keyList.length > 100) throw new Error('BatchGetItem takes at most 100 keys');
  const items: Record<string, unknown>[] = [];
  let pending: ItemKey[] = [...keyList];
  const projection = attributes?.length
    ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])) }
    : {};
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 20 * 2 ** Math.min(attempt, 6)));
    const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...projection } } }));
    items.push(...(result.Responses?.[tableName] ?? []));
    pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
  }
  return items;
}
