import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '#shared/adapters/dynamodb/table-definition';

/**
 * The partition key values a DynamoDB request names, as IAM's `dynamodb:LeadingKeys` sees them:
 * the table's `pk` for item reads and writes (each item of a batch or transaction), and the
 * index's partition key for a Query on an index.
 */
type Input = Record<string, unknown>;
const plain = (value: unknown): unknown => (value && typeof value === 'object' && 'S' in value ? (value as { S: unknown }).S : value);
const pkOf = (item: unknown) => plain((item as Input | undefined)?.[TABLE_DEFINITION.partitionKey]);

export type KeyUse = { key: unknown; write: boolean };

const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

export function leadingKeys(commandName: string, input: Input): KeyUse[] {
  if (Array.isArray(input.TransactItems)) {
    return (input.TransactItems as Record<string, Input>[]).flatMap((entry) =>
      Object.entries(entry).map(([kind, op]) => ({ key: pkOf(op.Item ?? op.Key), write: kind !== 'ConditionCheck' && kind !== 'Get' })),
    );
  }
  const write = WRITES.test(commandName);
  if (input.RequestItems) {
    return Object.values(input.RequestItems as Record<string, unknown>).flatMap((requests) =>
      Array.isArray(requests)
        ? (requests as { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]).map((r) => ({ key: pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key), write }))
        : ((requests as { Keys: unknown[] }).Keys ?? []).map((key) => ({ key: pkOf(key), write })),
    );
  }
  if (typeof input.KeyConditionExpression === 'string') {
    const index = TABLE_DEFINITION.globalSecondaryIndexes.find((i) => i.indexName === input.IndexName);
    const keyName = index?.partitionKey ?? TABLE_DEFINITION.partitionKey;
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const equalities = [...input.KeyConditionExpression.matchAll(/(#?\w+)\s*=\s*(:\w+)/g)];
    const match = equalities.find(([, name]) => (names[name as string] ?? name) === keyName);
    return [{ key: plain(match ? values[match[2] as string] : undefined), write: false }];
  }
  if (input.Key || input.Item) return [{ key: pkOf(input.Key ?? input.Item), write }];
  return [{ key: undefined, write }]; // a Scan, or something this does not know: names no partition
}

/** Records the leading keys of every request `client` sends while `inScope()` says so. */
export function recordLeadingKeys(client: DynamoDBDocumentClient, inScope: () => boolean) {
  const seen: KeyUse[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (inScope()) seen.push(...leadingKeys(String(context.commandName ?? ''), args.input as Input));
      return next(args);
    },
    { step: 'initialize', name: 'recordLeadingKeys' },
  );
  return { seen: () => [...seen], clear: () => void seen.splice(0) };
}

/** IAM's StringLike: `*` any run of characters, `?` one; everything else literal. */
export function stringLike(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${escaped}$`, 's').test(value);
}
