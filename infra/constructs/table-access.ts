import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';
import type { TablePartitions } from '../../shared/http/api-functions';

/**
 * Exactly the table actions a function's declared access needs, on the table and its named
 * indexes, and the KMS actions DynamoDB performs with the table's key on the caller's behalf.
 * No wildcards, no Scan.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export type TableAccess = 'none' | 'read' | 'write';

/**
 * `partitions`: where the function's keys are fixed, the partition key patterns it may write (and
 * read) and only read, as `dynamodb:LeadingKeys` conditions (each key of a batch or transaction
 * must match; a Query on an index is matched on the index's partition key).
 */
export function grantTableAccess(scope: Construct, role: IRole, access: TableAccess, table: ITableV2, key: IKey, partitions?: TablePartitions): void {
  if (access === 'none') return;
  const indexArns = TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  const resources = [table.tableArn, ...indexArns];
  if (!partitions) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: access === 'read' ? READ_ACTIONS : WRITE_ACTIONS, resources }));
  } else {
    const within = (patterns: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } });
    const readable = [...partitions.write, ...partitions.read];
    role.addToPrincipalPolicy(new PolicyStatement({ actions: READ_ACTIONS, resources, conditions: within(readable) }));
    if (access === 'write') {
      role.addToPrincipalPolicy(new PolicyStatement({ actions: WRITE_ACTIONS.filter((a) => !READ_ACTIONS.includes(a)), resources, conditions: within(partitions.write) }));
    }
  }
  grantTableKeyUse(scope, role, access, key);
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
