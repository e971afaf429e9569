import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
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
  readonly customerTokenKey: Secret;

  constructor(scope: Construct, id: string, props: StackProps & { stage: StageConfig }) {
    super(scope, id, props);
    this.tableKey = new Key(this, 'TableKey', {
      description: `Encrypts the renseri-${props.stage.stage} table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new SingleTable(this, 'Data', { encryptionKey: this.tableKey }).table;
    this.staff = new StaffUserPool(this, 'Staff');
    this.customerTokenKey = new Secret(this, 'CustomerTokenKey', {
      description: 'Signs customer tokens and keys the hashes of sign-in codes',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.customerTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key signs every customer out and voids live sign-in codes, which live 15 and 10 minutes; rotate it by hand (a new version) when needed rather than on a schedule.',
    });
  }
}
