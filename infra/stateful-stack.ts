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
  readonly signInCodeKey: Secret;
  readonly smsCodePrivateKey: Secret;

  constructor(scope: Construct, id: string, props: StackProps & { stage: StageConfig }) {
    super(scope, id, props);
    this.tableKey = new Key(this, 'TableKey', {
      description: `Encrypts the renseri-${props.stage.stage} table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new SingleTable(this, 'Data', { encryptionKey: this.tableKey }).table;
    this.staff = new StaffUserPool(this, 'Staff');
    // Three secrets, each read only by the functions that need it (infra/constructs/api.ts, notifications.ts):
    // a leak of one gives neither of the others' powers.
    this.customerTokenKey = new Secret(this, 'CustomerTokenKey', {
      description: 'Signs customer tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.customerTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key signs every customer out (tokens live 15 minutes); rotate it by hand (a new version) when needed rather than on a schedule.',
    });
    this.signInCodeKey = new Secret(this, 'SignInCodeKey', {
      description: 'Keys the hashes of sign-in codes and of the callers the sign-in limits count',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signInCodeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key voids live sign-in codes (10 minutes) and resets the callers\' counters (a day); rotate it by hand when needed rather than on a schedule.',
    });
    this.smsCodePrivateKey = new Secret(this, 'SmsCodePrivateKey', {
      description: 'The RSA key (PEM, the private half of the pair) that opens sign-in codes sealed for the SMS sender; put with infra/tools/sms-code-keys.ts',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.smsCodePrivateKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Its public half is in the stage configuration; rotating it is a new pair from infra/tools/sms-code-keys.ts and a deploy, by hand.',
    });
  }
}
