import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stages';
import { SingleTable } from './constructs/single-table';
import { StaffUserPool } from './constructs/staff-user-pool';

/** What holds data and identities: deployed rarely, retained on delete, handed to the stateless stack. */
export class StatefulStack extends Stack {
  readonly table: SingleTable['table'];
  readonly tableKey: Key;
  readonly staff: StaffUserPool;

  constructor(scope: Construct, id: string, props: StackProps & { stage: StageConfig }) {
    super(scope, id, props);
    this.tableKey = new Key(this, 'TableKey', {
      description: `Encrypts the renseri-${props.stage.stage} table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new SingleTable(this, 'Data', { encryptionKey: this.tableKey }).table;
    this.staff = new StaffUserPool(this, 'Staff');
  }
}
