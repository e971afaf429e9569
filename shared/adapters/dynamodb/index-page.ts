import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../ports/repositories';
import { decodeCursor, encodeCursor, withCursor } from './cursor';
import { TABLE_DEFINITION } from './table-definition';

const QUEUE_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[0];

/**
 * One page of a gsi1 partition (the work queues: orders by status, messages by state, requests by
 * status), optionally within a sort-key range, resuming from a client's opaque cursor.
 */
export async function queueIndexPage<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  page: PageRequest,
  map: (item: Record<string, unknown>) => T,
  range?: { from: string; to: string },
): Promise<Page<T>> {
  const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk', QUEUE_INDEX.partitionKey, QUEUE_INDEX.sortKey], fixed: { [QUEUE_INDEX.partitionKey]: partition } });
  const result = await withCursor(startKey, () =>
    doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: QUEUE_INDEX.indexName,
        KeyConditionExpression: range ? 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(range ? { ':from': range.from, ':to': range.to } : {}) },
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  const nextCursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map(map), ...(nextCursor ? { nextCursor } : {}) };
}
