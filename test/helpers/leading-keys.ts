import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EVERY_PARTITION, type TableGrant } from '#shared/adapters/dynamodb/partitions';
import { TABLE_DEFINITION } from '#shared/adapters/dynamodb/table-definition';
import { DATA_INVENTORY } from '#shared/domain/inventory/inventory';

/**
 * The partition key values a DynamoDB request names, as IAM's `dynamodb:LeadingKeys` sees them:
 * the table's `pk` for item reads and writes (each item of a batch or transaction), and the
 * index's partition key for a Query on an index.
 */
type Input = Record<string, unknown>;
const plain = (value: unknown): unknown => (value && typeof value === 'object' && 'S' in value ? (value as { S: unknown }).S : value);
const pkOf = (item: unknown) => plain((item as Input | undefined)?.[TABLE_DEFINITION.partitionKey]);

/** What a request does to one item (or index partition), as IAM authorizes it: by action. */
export type TableAction = 'read' | 'put' | 'update' | 'delete' | 'batchWrite';
export type KeyUse = { key: unknown; write: boolean; action: TableAction; attributes?: string[] };

const ACTION_OF: Record<string, TableAction> = { Put: 'put', Update: 'update', Delete: 'delete', ConditionCheck: 'read', Get: 'read' };
const commandAction = (commandName: string): TableAction =>
  /^Put/.test(commandName) ? 'put' : /^Update/.test(commandName) ? 'update' : /^Delete/.test(commandName) ? 'delete' : /^BatchWrite/.test(commandName) ? 'batchWrite' : 'read';
const use = (key: unknown, action: TableAction, item?: unknown): KeyUse => ({
  key,
  write: action !== 'read',
  action,
  ...(action === 'put' && item && typeof item === 'object' ? { attributes: Object.keys(item) } : {}),
});

export function leadingKeys(commandName: string, input: Input): KeyUse[] {
  if (Array.isArray(input.TransactItems)) {
    return (input.TransactItems as Record<string, Input>[]).flatMap((entry) =>
      Object.entries(entry).map(([kind, op]) => use(pkOf(op.Item ?? op.Key), ACTION_OF[kind] ?? 'read', op.Item)),
    );
  }
  const action = commandAction(commandName);
  if (input.RequestItems) {
    return Object.values(input.RequestItems as Record<string, unknown>).flatMap((requests) =>
      Array.isArray(requests)
        ? (requests as { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]).map((r) => use(pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key), action))
        : ((requests as { Keys: unknown[] }).Keys ?? []).map((key) => use(pkOf(key), action)),
    );
  }
  if (typeof input.KeyConditionExpression === 'string') {
    const index = TABLE_DEFINITION.globalSecondaryIndexes.find((i) => i.indexName === input.IndexName);
    const keyName = index?.partitionKey ?? TABLE_DEFINITION.partitionKey;
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const equalities = [...input.KeyConditionExpression.matchAll(/(#?\w+)\s*=\s*(:\w+)/g)];
    const match = equalities.find(([, name]) => (names[name as string] ?? name) === keyName);
    return [use(plain(match ? values[match[2] as string] : undefined), 'read')];
  }
  if (input.Key || input.Item) return [use(pkOf(input.Key ?? input.Item), action, input.Item)];
  return [use(undefined, action)]; // a Scan, or something this does not know: names no partition
}

/** Records the leading keys of every request `client` sends in a function, with the function `functionOf()` names (none: not recorded). */
export function recordLeadingKeys(client: DynamoDBDocumentClient, functionOf: () => string | undefined) {
  const seen: (KeyUse & { fn: string })[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = functionOf();
      if (fn !== undefined) seen.push(...leadingKeys(String(context.commandName ?? ''), args.input as Input).map((use) => ({ ...use, fn })));
      return next(args);
    },
    { step: 'initialize', name: 'recordLeadingKeys' },
  );
  return { seen: () => [...seen], clear: () => void seen.splice(0) };
}

/**
 * Whether IAM would allow this use under the function's declared grant, as
 * infra/constructs/table-access.ts turns it into statements: reads in any partition it reads,
 * writes or deletes; puts and updates where it writes; deletes (batches only if declared) where it
 * deletes; and puts of the created entity's attributes alone where it only creates.
 */
export function allowedBy(grant: TableGrant | undefined, { key, action, attributes }: KeyUse): boolean {
  if (!grant) return false;
  const within = (partitions: TableGrant['read'] | undefined) => partitions !== undefined && (partitions === EVERY_PARTITION || partitions.some((pattern) => stringLike(pattern, String(key))));
  if (action === 'read') return within(grant.read) || within(grant.write) || within(grant.delete);
  if (action === 'update') return within(grant.write);
  if (action === 'delete') return within(grant.delete);
  if (action === 'batchWrite') return grant.batchDeletes === true && within(grant.delete);
  if (within(grant.write)) return true;
  const creates = grant.creates;
  const entityAttributes = creates ? Object.keys(DATA_INVENTORY[creates.entity].attributes) : [];
  return creates !== undefined && within(creates.partitions) && (attributes ?? []).every((name) => entityAttributes.includes(name));
}

/** IAM's StringLike: `*` any run of characters, `?` one; everything else literal. */
export function stringLike(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${escaped}$`, 's').test(value);
}
