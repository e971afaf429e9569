import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../ports/repositories';
import { decodeCursor, encodeCursor, invalidCursor, withCursor } from './cursor';
import { TABLE_DEFINITION } from './table-definition';

const QUEUE_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[0];
type IndexDefinition = (typeof TABLE_DEFINITION.globalSecondaryIndexes)[number];

/** A sort-key range, inclusive (BETWEEN), or the sort keys that start with a prefix (begins_with). */
export type SortKeyRange = { from: string; to: string } | { prefix: string };

/**
 * One page of a gsi1 partition (the work queues: orders by status, messages by state, requests by
 * status; the name index), optionally within a sort-key range, resuming from a client's opaque
 * cursor. A cursor must lie in the range asked for: DynamoDB refuses one outside a BETWEEN, but
 * would quietly resume a begins_with from any key of the partition.
 */
export function queueIndexPage<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  page: PageRequest,
  map: (item: Record<string, unknown>) => T,
  range?: SortKeyRange,
): Promise<Page<T>> {
  return indexPage(QUEUE_INDEX, doc, tableName, partition, page, map, range);
}

/** The same, on any index whose projection is ALL (so the page is the items, with no second read). */
export async function indexPage<T>(
  index: IndexDefinition & { projection: 'ALL' },
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  page: PageRequest,
  map: (item: Record<string, unknown>) => T,
  range?: SortKeyRange,
): Promise<Page<T>> {
  const { partitionKey: pk, sortKey: sk } = index;
  const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk', pk, sk], fixed: { [pk]: partition } });
  if (startKey && range && 'prefix' in range && !startKey[sk]?.startsWith(range.prefix)) throw invalidCursor();
  const condition = !range ? `${pk} = :pk` : 'prefix' in range ? `${pk} = :pk AND begins_with(${sk}, :prefix)` : `${pk} = :pk AND ${sk} BETWEEN :from AND :to`;
  const values = !range ? {} : 'prefix' in range ? { ':prefix': range.prefix } : { ':from': range.from, ':to': range.to };
  const result = await withCursor(startKey, () =>
    doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: condition,
        ExpressionAttributeValues: { ':pk': partition, ...values },
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  const nextCursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map(map), ...(nextCursor ? { nextCursor } : {}) };
}
