import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { EVERY_PARTITION, type PartitionPattern, type TableGrant } from '../../shared/adapters/dynamodb/partitions';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';
import { DATA_INVENTORY } from '../../shared/domain/inventory/inventory';

/**
 * Exactly the table actions a function's declared grant (shared/adapters/dynamodb/partitions.ts)
 * needs, on the table and its named indexes, each bounded by `dynamodb:LeadingKeys` to the
 * partitions the grant names: every key of a batch or transaction must match (ForAllValues), and a
 * Query on an index is matched on the index's partition key. And the KMS actions DynamoDB performs
 * with the table's key on the caller's behalf. No wildcards, no Scan.
 */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
export const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
export const DELETE_ACTIONS = ['dynamodb:DeleteItem'];

export type TableAccess = 'none' | 'read' | 'write';

/** What the grant lets the function do at all: reads only, or writes too (the KMS key's use follows). */
export function accessOf(grant: TableGrant): Exclude<TableAccess, 'none'> {
  return grant.write || grant.delete || grant.creates ? 'write' : 'read';
}

export function grantTableAccess(scope: Construct, role: IRole, grant: TableGrant, table: ITableV2, key: IKey): void {
  const indexArns = TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  const resources = [table.tableArn, ...indexArns];
  const allow = (actions: string[], partitions: readonly PartitionPattern[] | typeof EVERY_PARTITION, extra: Record<string, Record<string, string[]>> = {}) =>
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions,
        resources,
        ...(partitions === EVERY_PARTITION && !Object.keys(extra).length
          ? {}
          : { conditions: { ...(partitions === EVERY_PARTITION ? {} : { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } }), ...extra } }),
      }),
    );
  // A conditional write or delete reads the item it is conditional on, so its partitions are readable too.
  allow(READ_ACTIONS, union(grant.read, grant.write, grant.delete));
  if (grant.write) allow(WRITE_ACTIONS, grant.write);
  if (grant.delete) allow(grant.batchDeletes ? [...DELETE_ACTIONS, 'dynamodb:BatchWriteItem'] : DELETE_ACTIONS, grant.delete);
  if (grant.creates) {
    // ForAllValues: every attribute the request names is one of the entity's (its keys included).
    const attributes = Object.keys(DATA_INVENTORY[grant.creates.entity].attributes);
    allow(['dynamodb:PutItem'], grant.creates.partitions, {
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': attributes },
      StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE'] },
    });
  }
  grantTableKeyUse(scope, role, accessOf(grant), key);
}

/**
 * A function declared with what it does (`data`) and where (`table`): a declaration that says it
 * reads or writes and not where fails the synth, naming the function, and so does one whose grant
 * lets it do less than it says.
 */
export function grantDeclaredTableAccess(
  scope: Construct,
  role: IRole,
  declared: { id: string; data: TableAccess; table?: TableGrant | undefined },
  table: ITableV2,
  key: IKey,
): void {
  if (declared.data === 'none') return;
  if (!declared.table) throw new Error(`${declared.id} says it ${declared.data}s the table but not where: declare its table grant (shared/adapters/dynamodb/partitions.ts)`);
  if (declared.data === 'write' && accessOf(declared.table) === 'read') throw new Error(`${declared.id} says it writes, but its table grant only reads`);
  grantTableAccess(scope, role, declared.table, table, key);
}

function union(...lists: (readonly PartitionPattern[] | typeof EVERY_PARTITION | undefined)[]): readonly PartitionPattern[] | typeof EVERY_PARTITION {
  if (lists.includes(EVERY_PARTITION)) return EVERY_PARTITION;
  return [...new Set(lists.flatMap((list) => (list === undefined || list === EVERY_PARTITION ? [] : list)))];
}

/**
 * The KMS actions DynamoDB performs with the table's key on the caller's behalf (reads decrypt;
 * writes also encrypt), and only through DynamoDB. For a role whose table actions are granted
 * elsewhere, such as the state machine's, whose DynamoDB tasks grant their own.
 */
export function grantTableKeyUse(scope: Construct, role: IRole, access: Exclude<TableAccess, 'none'>, key: IKey): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'read' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(scope).region}.amazonaws.com` } },
    }),
  );
}
