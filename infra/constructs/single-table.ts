import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';

/**
 * The single table, built from the same definition the local twin and the tests create in
 * DynamoDB Local. On-demand, point-in-time recovery, the shop's own KMS key, deletion protection,
 * TTL for ephemeral items, and a stream for the transactional outbox.
 */
export class SingleTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: { encryptionKey: IKey }) {
    super(scope, id);
    const d = TABLE_DEFINITION;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: d.partitionKey, type: AttributeType.STRING },
      sortKey: { name: d.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: d.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projection === 'ALL'
          ? { projectionType: ProjectionType.ALL }
          : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(props.encryptionKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: d.timeToLiveAttribute,
      dynamoStream: StreamViewType[d.streamView],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
