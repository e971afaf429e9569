import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single table, declared once. The CDK construct (infra/constructs/single-table.ts) and the
 * local twin / tests (createTableInput below) both build the table from this object, so a key or
 * index cannot exist in one and not the other. Access patterns: ./ACCESS-PATTERNS.md.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    // Orders by status, oldest status change first: the counter's work queues. Also messages and
    // requests needing attention, and the name search's entries by first letter (ACCESS-PATTERNS.md).
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    // Items by when their retention falls due, per rule and year: the retention sweep reads only
    // what is due, never the table. Keys only (plus the entity, for the sweep's counts): the
    // sweep acts through conditional writes on the table, so the index copies no personal data.
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: ['entity'] },
    // Received orders by the date they were promised for: the counter's "promised today" and
    // "late" (ACCESS-PATTERNS.md, patterns 36–37). Sparse: only a received order with a promised
    // date has these keys; every move out of received removes them.
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
  ],
  /** Epoch seconds; for ephemeral items only (messages, codes, sessions), never for legal deadlines. */
  timeToLiveAttribute: 'expiresAt',
  /** The transactional outbox is driven by the stream; new images carry the item to send. */
  streamView: 'NEW_IMAGE',
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = TABLE_DEFINITION;
  const keyAttributes = [d.partitionKey, d.sortKey, ...d.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: d.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: i.projection === 'ALL' ? { ProjectionType: 'ALL' } : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.projection] },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: d.streamView },
  };
}
