import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';

/**
 * Exactly the table actions a function's declared access needs, on the table and its named
 * indexes, and the KMS actions DynamoDB performs with the table's key on the caller's behalf.
 * No wildcards, no Scan.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export type TableAccess = 'none' | 'read' | 'write';

export function grantTableAccess(scope: Construct, role: IRole, access: TableAccess, table: ITableV2, key: IKey): void {
  if (access === 'none') return;
  const indexArns = TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  role.addToPrincipalPolicy(new PolicyStatement({ actions: access === 'read' ? READ_ACTIONS : WRITE_ACTIONS, resources: [table.tableArn, ...indexArns] }));
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
