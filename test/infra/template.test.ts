import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app-builder';
import { MESSAGE_SENDERS, SCHEDULED_JOBS, STREAM_CONSUMERS } from '#shared/events/stream-consumers';
import { API_FUNCTIONS, apiFunctionOf, type ApiFunctionId } from '#shared/http/api-functions';
import { routeList } from '#shared/http/routes';
import { CHANNEL_OF, MESSAGE_PURPOSES } from '#shared/domain/kernel/outbox-message';
import { REQUEST_TRANSITIONS } from '#shared/domain/rights/privacy-requests';
import { DATA_INVENTORY } from '#shared/domain/inventory/inventory';
import { EVERY_PARTITION, type TableGrant } from '#shared/adapters/dynamodb/partitions';
import { EMAIL_FEEDBACK_TABLE, RIGHTS_STEP_FUNCTION_ID, RIGHTS_STEP_TABLE } from '../../infra/config/functions';
import { stringLike } from '../helpers/leading-keys';
import { keys } from '#shared/adapters/dynamodb/keys';

/**
 * The synthesized CloudFormation, asserted: the table from the shared definition, the API from the
 * route table, least-privilege roles, access logs without IP addresses, and cdk-nag clean.
 * Bundling is skipped (the template does not depend on the bundle's bytes).
 */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'prod' } });
const { stateful, stateless } = buildApp(app, { nag: false });
const statefulTemplate = Template.fromStack(stateful);
const statelessTemplate = Template.fromStack(stateless);

describe('the table', () => {
  it('is the single table of the shared definition, on-demand, encrypted with the shop\'s key, protected', () => {
    statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }),
        // The due-date index copies keys and the entity only: no personal data in a second place.
        Match.objectLike({ IndexName: 'gsi2', KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }, { AttributeName: 'gsi2sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['entity'] } }),
        // Received orders by promised date: the counter's "promised today" and "late".
        Match.objectLike({ IndexName: 'gsi3', KeySchema: [{ AttributeName: 'gsi3pk', KeyType: 'HASH' }, { AttributeName: 'gsi3sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }),
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
    });
    statefulTemplate.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    statefulTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('staff sign-in', () => {
  it('is a Cognito user pool with a staff group, no self sign-up and MFA required', () => {
    statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'staff' });
  });

  it('issues access and ID tokens of at most an hour, renewed by a revocable refresh token of one shift', () => {
    // A clerk locked out (AdminDisableUser + AdminUserGlobalSignOut) keeps an issued access token
    // until it expires, since the authorizer verifies it offline: at most this hour.
    const clients = Object.values(statefulTemplate.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const client = clients[0]!.Properties as Record<string, unknown>;
    const inMinutes = (value: unknown, unit: unknown) => Number(value) * ({ minutes: 1, hours: 60, days: 1440 } as Record<string, number>)[String(unit)]!;
    const units = client.TokenValidityUnits as Record<string, string>;
    expect(inMinutes(client.AccessTokenValidity, units.AccessToken)).toBeLessThanOrEqual(60);
    expect(inMinutes(client.IdTokenValidity, units.IdToken)).toBeLessThanOrEqual(60);
    expect(inMinutes(client.RefreshTokenValidity, units.RefreshToken)).toBe(12 * 60);
    expect(client.EnableTokenRevocation).toBe(true);
  });
});

describe('the functions', () => {
  const functions = statelessTemplate.findResources('AWS::Lambda::Function');

  it('are one per audience of the API, the authorizer, one per stream consumer and job, the e-mail feedback handler, all Node.js 24 on arm64 with JSON logs', () => {
    const ours = Object.values(functions).filter((f) => f.Properties.Handler === 'index.handler');
    // + the e-mail feedback handler and the rights workflow's steps
    expect(ours).toHaveLength(Object.keys(API_FUNCTIONS).length + 1 + STREAM_CONSUMERS.length + SCHEDULED_JOBS.length + 2);
    for (const fn of ours) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], LoggingConfig: { LogFormat: 'JSON' } });
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'SHOP_CONFIG', 'STAFF_TOKEN_ISSUER']));
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('DYNAMODB_ENDPOINT');
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('STAFF_JWKS');
    }
  });

  it('integrate each route with the function of its audience, and no function serves two audiences', () => {
    const methods = statelessTemplate.findResources('AWS::ApiGateway::Method');
    const functionOfMethod = new Map<string, string>();
    for (const method of Object.values(methods)) {
      const uri = JSON.stringify(method.Properties.Integration?.Uri ?? '');
      const fn = /"(ApiFunction[A-Za-z]+?)Function[0-9A-F]{8}"/.exec(uri)?.[1];
      if (fn) functionOfMethod.set(String(method.Properties.OperationName), fn);
    }
    for (const route of routeList) expect([route.id, functionOfMethod.get(route.id)]).toEqual([route.id, `ApiFunction${apiFunctionOf(route)}`]);
  });

  it('may each do only what their routes declare with the table, and nothing with a wildcard', () => {
    const policies = statelessTemplate.findResources('AWS::IAM::Policy');
    const roles = statelessTemplate.findResources('AWS::IAM::Role');
    const actionsOfFunction = (functionId: string) => {
      const roleId = Object.keys(roles).find((id) => id.startsWith(`ApiFunction${functionId}Role`));
      const policy = Object.values(policies).find((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId));
      return (policy?.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action);
    };
    for (const functionId of Object.keys(API_FUNCTIONS) as ApiFunctionId[]) {
      const served = routeList.filter((route) => apiFunctionOf(route) === functionId);
      const data = served.some((r) => r.data === 'write') ? 'write' : served.some((r) => r.data === 'read') ? 'read' : 'none';
      const actions = actionsOfFunction(functionId);
      expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
      const dynamo = actions.filter((a) => a.startsWith('dynamodb:'));
      if (data === 'none') expect(dynamo).toEqual([]);
      if (data === 'read') expect(dynamo.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      if (data === 'write') expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
      expect(dynamo).not.toContain('dynamodb:Scan');
      expect(dynamo.filter((a) => a.startsWith('dynamodb:PartiQL'))).toEqual([]); // a PartiQL SELECT can scan too
      for (const action of actions) expect(action).not.toMatch(/\*/);
      // Only the functions whose routes use a sign-in secret may read it; the staff function never does.
      const needs = [...(served.some((r) => r.usesCustomerTokenKey === true) ? ['CustomerTokenKey'] : []), ...(served.some((r) => r.usesSignInCodeKey === true) ? ['SignInCodeKey'] : [])];
      expect([functionId, secretsReadBy(roleOf(API_FUNCTIONS[functionId].description))]).toEqual([functionId, needs]);
      if (!needs.length) expect(actions).not.toContain('secretsmanager:GetSecretValue');
    }
  });
});

type Statement = { Action: string | string[]; Effect: string; Resource: unknown; Condition?: Record<string, Record<string, string[]>> };

describe('the partitions a function may touch', () => {
  /** Each function with a grant, and its role in the template (by the function's description). */
  const granted: [string, TableGrant, string][] = [
    ...(Object.entries(API_FUNCTIONS) as [ApiFunctionId, (typeof API_FUNCTIONS)[ApiFunctionId]][]).flatMap(([id, fn]) => ('table' in fn ? [[id, fn.table as TableGrant, fn.description] as [string, TableGrant, string]] : [])),
    ...STREAM_CONSUMERS.flatMap((c) => (c.table ? [[c.id, c.table, c.description] as [string, TableGrant, string]] : [])),
    ...SCHEDULED_JOBS.map((j) => [j.id, j.table, j.description] as [string, TableGrant, string]),
    [RIGHTS_STEP_FUNCTION_ID, RIGHTS_STEP_TABLE, 'The tasks of the data-subject workflow'],
    ['emailFeedback', EMAIL_FEEDBACK_TABLE, 'Marks invoice e-mails that bounced'],
  ];
  // What a role may do with the table's items (a stream consumer's event source adds the stream's own read actions).
  const ITEM_ACTIONS = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'Scan'].map((a) => `dynamodb:${a}`);
  const every = (list: TableGrant['read'] | undefined) => list === EVERY_PARTITION;
  const patterns = (...lists: (TableGrant['read'] | undefined)[]) => (lists.some(every) ? 'every' : [...new Set(lists.flatMap((l) => (l && l !== EVERY_PARTITION ? l : [])))].sort());

  it('are declared for every function that touches the table, and the API functions that do not touch it have none', () => {
    const touching = Object.values(statelessTemplate.findResources('AWS::Lambda::Function'))
      .filter((f) => f.Properties.Handler === 'index.handler')
      .filter((f) => statementsOf(f.Properties.Role['Fn::GetAtt'][0] as string).some((st) => [st.Action].flat().some((a) => ITEM_ACTIONS.includes(a))))
      .map((f) => String(f.Properties.Description));
    expect(touching.sort()).toEqual(granted.map(([, , description]) => touching.find((d) => d.startsWith(description))).sort());
    expect(touching).toHaveLength(granted.length);
    expect('table' in API_FUNCTIONS.docs).toBe(false);
  });

  it.each(granted.map(([id, grant, description]) => [id, grant, description] as const))('bound each action of %s by LeadingKeys to the partitions its grant names', (_id, grant, description) => {
    const role = roleOf(description);
    const keysFor = (action: string) => {
      const statements = statementsOf(role).filter((st) => [st.Action].flat().includes(action) && !st.Condition?.['ForAllValues:StringEquals']);
      if (!statements.length) return undefined;
      if (statements.some((st) => !st.Condition?.['ForAllValues:StringLike'])) return 'every';
      return [...new Set(statements.flatMap((st) => st.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']!))].sort();
    };
    for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']) expect([action, keysFor(action)]).toEqual([action, patterns(grant.read, grant.write, grant.delete)]);
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) expect([action, keysFor(action)]).toEqual([action, grant.write ? patterns(grant.write) : undefined]);
    expect(keysFor('dynamodb:DeleteItem')).toEqual(grant.delete ? patterns(grant.delete) : undefined);
    expect(keysFor('dynamodb:BatchWriteItem')).toEqual(grant.delete && grant.batchDeletes ? patterns(grant.delete) : undefined);
    // Every statement on the table names its resources: the table and its indexes, no wildcard.
    for (const st of statementsOf(role).filter((s) => [s.Action].flat().some((a) => ITEM_ACTIONS.includes(a)))) expect(JSON.stringify(st.Resource)).not.toContain('*');
  });

  it('keep the public sign-in routes to sign-in items: a number\'s, a caller\'s, and a new message in a customer\'s partition, nothing else of theirs', () => {
    const role = roleOf(API_FUNCTIONS.signIn.description);
    const message = Object.keys(DATA_INVENTORY.message.attributes);
    const may = (action: string, key: string, attributes?: string[]) => allows(statementsOf(role), action, key, attributes);
    for (const action of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem']) expect([action, may(`dynamodb:${action}`, 'PHONE#+4791234567')]).toEqual([action, true]);
    expect(may('dynamodb:UpdateItem', 'CLIENT#3f2a')).toBe(true);
    // The code's SMS, queued in the customer's partition: a message, and only a message.
    expect(may('dynamodb:PutItem', 'CUSTOMER#c-1', message)).toBe(true);
    expect(may('dynamodb:PutItem', 'CUSTOMER#c-1', ['pk', 'sk', 'name', 'phone'])).toBe(false);
    for (const action of ['GetItem', 'Query', 'BatchGetItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) expect([action, may(`dynamodb:${action}`, 'CUSTOMER#c-1', message)]).toEqual([action, false]);
    const put = statementsOf(role).find((st) => st.Condition?.['ForAllValues:StringEquals']);
    expect(put?.Condition?.StringEqualsIfExists).toEqual({ 'dynamodb:ReturnValues': ['NONE'] }); // nothing of an item it would replace comes back
    for (const key of ['ORDER#1', 'DOCUMENT#0000000001', 'REQUEST#r-1', 'TAG#123', 'COUNTER#ticket', 'PRICELIST', 'SWEEP', 'NAMES#k', 'DUE#expiry#2026']) {
      for (const action of ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']) expect([action, key, may(`dynamodb:${action}`, key, message)]).toEqual([action, key, false]);
    }
  });

  it('keep the customer function out of sign-in items and the shop\'s own, and the counter from deleting orders, documents or requests', () => {
    const customer = statementsOf(roleOf(API_FUNCTIONS.customer.description));
    for (const key of ['PHONE#+4791234567', 'CLIENT#3f2a', 'ORDER#1', 'TAG#123', 'COUNTER#ticket', 'PRICELIST']) expect([key, allows(customer, 'dynamodb:GetItem', key)]).toEqual([key, false]);
    expect(allows(customer, 'dynamodb:GetItem', 'DOCUMENT#0000000001')).toBe(true);
    expect(allows(customer, 'dynamodb:PutItem', 'DOCUMENT#0000000001')).toBe(false);
    const staff = statementsOf(roleOf(API_FUNCTIONS.staff.description));
    expect(allows(staff, 'dynamodb:DeleteItem', 'TAG#123')).toBe(true);
    for (const key of ['ORDER#1', 'DOCUMENT#0000000001', 'REQUEST#r-1', 'COUNTER#ticket']) expect([key, allows(staff, 'dynamodb:DeleteItem', key)]).toEqual([key, false]);
    // The deadline job reads the request queue, and a blocked erasure's customer to see whether its
    // holds are over; it writes requests only (a resumed erasure's deadline), and deletes only a
    // sweep's claim hold whose invoices are closed.
    const deadlines = statementsOf(roleOf(SCHEDULED_JOBS.find((j) => j.id === 'request-deadlines')!.description));
    expect(allows(deadlines, 'dynamodb:Query', 'REQUESTS#received')).toBe(true);
    expect(allows(deadlines, 'dynamodb:Query', 'CUSTOMER#c-1')).toBe(true);
    expect(allows(deadlines, 'dynamodb:UpdateItem', 'REQUEST#r-1')).toBe(true);
    for (const key of ['CUSTOMER#c-1', 'ORDER#1', 'DOCUMENT#0000000001', 'PHONE#+4791234567']) expect([key, allows(deadlines, 'dynamodb:UpdateItem', key)]).toEqual([key, false]);
    expect(allows(deadlines, 'dynamodb:Query', 'CLAIMHOLDS#held')).toBe(true);
    expect(allows(deadlines, 'dynamodb:DeleteItem', 'CLAIMHOLD#erased-1')).toBe(true);
    for (const key of ['CUSTOMER#c-1', 'REQUEST#r-1', 'DOCUMENT#0000000001', 'PHONE#+4791234567']) expect([key, allows(deadlines, 'dynamodb:DeleteItem', key)]).toEqual([key, false]);
  });
});

/**
 * Whether some statement allows the action on an item of that partition key (with those attribute
 * names), as IAM evaluates the conditions these roles use: LeadingKeys (StringLike), Attributes
 * (every name one of the listed), ReturnValues IfExists (none asked for here).
 */
function allows(statements: Statement[], action: string, key: string, attributes: string[] = ['pk', 'sk']): boolean {
  return statements.some((st) => {
    if (st.Effect !== 'Allow' || ![st.Action].flat().includes(action)) return false;
    const conditions = st.Condition ?? {};
    const known = new Set(['ForAllValues:StringLike', 'ForAllValues:StringEquals', 'StringEqualsIfExists']);
    if (Object.keys(conditions).some((operator) => !known.has(operator))) return false;
    const leading = conditions['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    if (leading && !leading.some((pattern) => stringLike(pattern, key))) return false;
    const named = conditions['ForAllValues:StringEquals']?.['dynamodb:Attributes'];
    return !named || attributes.every((name) => named.includes(name));
  });
}

/** The logical id of the role of the function whose description starts so. */
function roleOf(description: string): string {
  const [fn] = Object.values(statelessTemplate.findResources('AWS::Lambda::Function')).filter((f) => String(f.Properties.Description ?? '').startsWith(description));
  const role = fn?.Properties.Role?.['Fn::GetAtt']?.[0] as string | undefined;
  if (!role) throw new Error(`No function described as ${description}`);
  return role;
}

/** The stateful stack's secrets a role may read (by the logical id in the reference to each). */
const SECRETS = ['CustomerTokenKey', 'SignInCodeKey', 'SmsCodePrivateKey'] as const;
function secretsReadBy(role: string): string[] {
  const reads = statementsOf(role).filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
  return SECRETS.filter((secret) => reads.some((s) => JSON.stringify(s.Resource).includes(secret)));
}

describe('the sign-in secrets', () => {
  it('are three, each read only by the functions that need it: tokens, code hashes, and the key that opens sealed codes', () => {
    const roles = Object.values(statelessTemplate.findResources('AWS::Lambda::Function')).map((f) => ({
      description: String(f.Properties.Description ?? ''),
      reads: secretsReadBy(f.Properties.Role?.['Fn::GetAtt']?.[0] as string),
    }));
    const reading = roles.filter((r) => r.reads.length > 0).sort((a, b) => a.description.localeCompare(b.description));
    expect(reading).toEqual([
      { description: API_FUNCTIONS.signIn.description, reads: ['CustomerTokenKey', 'SignInCodeKey'] },
      { description: 'Sends outbox SMS (pickup notices, codes, answers) when they are written', reads: ['SmsCodePrivateKey'] },
      { description: 'Verifies staff (Cognito) and customer bearer tokens', reads: ['CustomerTokenKey'] },
    ].sort((a, b) => a.description.localeCompare(b.description)));
    // The public half is plain configuration of the functions; the private half never leaves its secret.
    const environments = Object.values(statelessTemplate.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Environment?.Variables ?? {});
    expect(environments.every((v) => String(v.SMS_CODE_PUBLIC_KEY).startsWith('-----BEGIN PUBLIC KEY-----'))).toBe(true);
    expect(JSON.stringify(environments)).not.toMatch(/SMS_CODE_PRIVATE_KEY"|SIGN_IN_CODE_KEY"/);
    expect(Object.keys(statefulTemplate.findResources('AWS::SecretsManager::Secret')).map((id) => SECRETS.find((s) => id.startsWith(s))).sort()).toEqual([...SECRETS].sort());
  });
});

function statementsOf(role: string): Statement[] {
  return Object.values(statelessTemplate.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

describe('the outbox senders', () => {
  const byChannel = { smsSender: 'sms', emailSender: 'email' } as const;

  it.each(Object.entries(byChannel))('%s reads new %s message items from the stream with partial batch responses, bisecting, retries and a dead-letter queue', (id, channel) => {
    const purposes = MESSAGE_PURPOSES.filter((purpose) => CHANNEL_OF[purpose] === channel);
    statelessTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['message'] }, purpose: { S: purposes } } } }) }] },
    });
    expect(STREAM_CONSUMERS.find((c) => c.id === id)).toMatchObject({ sendsSms: channel === 'sms', sendsEmail: channel === 'email' });
  });

  it('every message purpose reaches exactly one sender', () => {
    const reached = MESSAGE_SENDERS.flatMap((c) => (c.filter as { dynamodb: { NewImage: { purpose: { S: string[] } } } }).dynamodb.NewImage.purpose.S);
    expect([...reached].sort()).toEqual([...MESSAGE_PURPOSES].sort());
  });

  it('may publish SMS to phone numbers but not to any topic, the SMS sender alone', () => {
    const statements = statementsOf(roleOf('Sends outbox SMS'));
    const publish = statements.filter((s) => [s.Action].flat().includes('sns:Publish'));
    expect(publish).toEqual([
      expect.objectContaining({ Effect: 'Allow', Resource: '*' }),
      expect.objectContaining({ Effect: 'Deny', Resource: 'arn:aws:sns:*:*:*' }),
    ]);
    expect(statements.some((s) => [s.Action].flat().some((a) => a.startsWith('ses:')))).toBe(false);
    const everyPublish = Object.values(statelessTemplate.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => [s.Action].flat().includes('sns:Publish'));
    expect(everyPublish).toHaveLength(2); // no other function may publish
  });

  it('the e-mail sender may send e-mail and may not publish SMS', () => {
    const statements = statementsOf(roleOf('Sends outbox e-mails'));
    expect(statements.some((s) => [s.Action].flat().includes('ses:SendEmail'))).toBe(true);
    expect(statements.some((s) => [s.Action].flat().some((a) => a.startsWith('sns:')))).toBe(false);
  });

  it('has its dead letters alarmed', () => {
    const alarms = Object.values(statelessTemplate.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.some((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Properties.AlarmActions?.length === 1)).toBe(true);
  });
});

describe('invoice e-mail', () => {
  it('goes out through a verified domain and a configuration set that reports bounces and complaints', () => {
    statelessTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'eksempel-renseri.no', ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() } });
    statelessTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', { SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
    statelessTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint', 'reject'], SnsDestination: Match.anyValue() }),
    });
  });

  it('may be sent only from the invoice address, through that identity and configuration set, by the sender alone', () => {
    const statements = Object.values(statelessTemplate.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[])
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('ses:')));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Action: 'ses:SendEmail', Condition: { StringEquals: { 'ses:FromAddress': 'faktura@eksempel-renseri.no' } } });
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/identity\/eksempel-renseri\.no.*configuration-set\/renseri-prod-invoices/);
  });

  it('lets PDFs through the API as bytes', () => {
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['application/pdf'] });
  });
});

describe('the data-subject workflow', () => {
  const machine = Object.values(statelessTemplate.findResources('AWS::StepFunctions::StateMachine'))[0]!;

  it('is a Standard state machine that logs events without execution data, traced', () => {
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  type State = { Type: string; Resource?: string; Next?: string; Parameters?: Record<string, unknown>; Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[]; Catch?: { ErrorEquals: string[]; Next: string }[] };
  // The definition with every CloudFormation token (partition, table, function) as a placeholder.
  const definition = JSON.parse(
    (machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : '<token>')).join(''),
  ) as { StartAt: string; States: Record<string, State> };
  const states = definition.States;
  const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
  const resourceOf = (state: State) => (state.Resource?.startsWith('arn:<token>:states:::dynamodb:') ? state.Resource.replace('arn:<token>:states:::', '') : 'lambda');

  it('erases without a separate check, and makes the plain reads and writes of the request itself', () => {
    expect(definition.StartAt).toBe('Record the request');
    expect(Object.fromEntries(Object.entries(states).map(([name, state]) => [name, state.Type === 'Task' ? resourceOf(state) : state.Type]))).toEqual({
      'Record the request': 'dynamodb:updateItem',
      'Read the request type': 'dynamodb:getItem',
      'Access or erasure?': 'Choice',
      'Assemble the export': 'lambda',
      'Notify the customer': 'lambda',
      'Close the request': 'dynamodb:updateItem',
      'Erase the customer': 'lambda',
      'Erased or blocked?': 'Choice',
      'Block the erasure': 'dynamodb:updateItem',
      'Close the erasure': 'dynamodb:updateItem',
      'Erased by another run': 'Succeed',
      'Done': 'Succeed',
      'Request not open': 'Fail',
      'Mark the request failed': 'dynamodb:updateItem',
      'Request failed': 'Fail',
      ...Object.fromEntries(tasks.filter(([name]) => name !== 'Mark the request failed').map(([name]) => [`${name} failed`, 'Pass'])),
    });
  });

  it('hands each Lambda step its run\'s name, and a run that finds another erasing leaves the request to it', () => {
    for (const [name, state] of tasks.filter(([, t]) => resourceOf(t) === 'lambda')) {
      expect([name, state.Parameters]).toEqual([name, expect.objectContaining({ 'requestId.$': '$.requestId', 'run.$': '$$.Execution.Name' })]);
    }
    const choice = states['Erased or blocked?'] as unknown as { Choices: { StringEquals: string; Next: string }[] };
    expect(choice.Choices.map((c) => [c.StringEquals, c.Next])).toEqual([
      ['blocked', 'Block the erasure'],
      ['busy', 'Erased by another run'],
    ]);
  });

  it('moves a request only as REQUEST_TRANSITIONS allow, each write conditional on the statuses it may come from', () => {
    const writes = { 'Record the request': 'start', 'Block the erasure': 'block', 'Close the request': 'complete', 'Close the erasure': 'complete', 'Mark the request failed': 'fail' } as const;
    for (const [name, change] of Object.entries(writes)) {
      const parameters = states[name]?.Parameters as { ConditionExpression: string; ExpressionAttributeValues: Record<string, { S?: string }>; UpdateExpression: string };
      const values = parameters.ExpressionAttributeValues;
      const from = [...parameters.ConditionExpression.matchAll(/:from\d+/g)].map(([placeholder]) => values[placeholder]?.S);
      expect(`${name}: ${parameters.ConditionExpression.replace(/\(.*\)/, '(…)')} ${from.join(', ')} → ${values[':status']?.S}`).toBe(
        `${name}: #status IN (…) ${REQUEST_TRANSITIONS[change].from.join(', ')} → ${REQUEST_TRANSITIONS[change].to}`,
      );
      expect(parameters.UpdateExpression).toMatch(/^SET #status = :status, updatedAt = :at, gsi1pk = :queue/);
      expect(values[':queue']).toEqual({ S: `REQUESTS#${REQUEST_TRANSITIONS[change].to}` });
    }
    expect((states['Close the erasure']?.Parameters as { UpdateExpression: string }).UpdateExpression).toMatch(/REMOVE .*customerId/);
    expect((states['Close the request']?.Parameters as { UpdateExpression: string }).UpdateExpression).not.toMatch(/customerId/);
  });

  it('retries every task, does not retry a failed condition, and marks the request failed when a task still fails', () => {
    for (const [name, state] of tasks) {
      expect(state.Retry?.at(-1)?.ErrorEquals).toEqual(['States.ALL']);
      if (resourceOf(state) === 'dynamodb:updateItem') expect(state.Retry?.[0]).toEqual({ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], MaxAttempts: 0 });
      if (name === 'Mark the request failed') {
        expect(state.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Request failed' })]);
        expect(state.Next).toBe('Request failed');
        continue;
      }
      const failed = state.Catch?.at(-1);
      expect(failed).toMatchObject({ ErrorEquals: ['States.ALL'], Next: `${name} failed` });
      expect(states[`${name} failed`]?.Next).toBe('Mark the request failed');
    }
    // A request that is not open (answered, blocked, gone) is left as it is.
    expect(states['Record the request']?.Catch?.[0]).toMatchObject({ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Request not open' });
  });

  it('may get and update items of the table (no index, nothing else), use its key through DynamoDB, and invoke the steps function', () => {
    const role = machine.Properties.RoleArn['Fn::GetAtt'][0] as string;
    const statements = statementsOf(role);
    const dynamo = statements.filter((st) => st.Effect === 'Allow' && [st.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap((st) => [st.Action].flat()).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    // ...and only on the request's own item: denied wherever a key is not a request's.
    const denied = statements.filter((st) => st.Effect === 'Deny');
    expect(denied).toEqual([expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Condition: { 'ForAnyValue:StringNotLike': { 'dynamodb:LeadingKeys': ['REQUEST#*'] } } })]);
    expect(stringLike('REQUEST#*', keys.privacyRequest('r-1').pk)).toBe(true);
    for (const statement of dynamo) {
      expect(JSON.stringify(statement.Resource)).toMatch(/:table\/"/);
      expect(JSON.stringify(statement.Resource)).not.toMatch(/index/);
    }
    const kms = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('kms:')));
    expect(kms).toEqual([
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.eu-north-1.amazonaws.com' } } }),
    ]);
    expect(statements.flatMap((st) => [st.Action].flat()).filter((a) => !/^(dynamodb|kms|logs|xray):/.test(a))).toEqual(['lambda:InvokeFunction']);
  });

  it('is started only by what starts it: the request starter, the erasure resumer and the daily safety net (the request-deadlines job)', () => {
    const starters = Object.entries(statelessTemplate.findResources('AWS::IAM::Policy')).filter(([, p]) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).some((st) => [st.Action].flat().includes('states:StartExecution')),
    );
    const declared = [...STREAM_CONSUMERS, ...SCHEDULED_JOBS].filter((c) => c.startsRightsWorkflow).map((c) => c.id);
    expect(declared.sort()).toEqual(['erasureResumer', 'request-deadlines', 'requestStarter']);
    expect(starters).toHaveLength(declared.length);
    for (const id of declared) expect(starters.some(([logicalId]) => logicalId.includes(id.replace(/-/g, '')))).toBe(true);
    // The job is told which state machine to start
    const job = Object.values(statelessTemplate.findResources('AWS::Lambda::Function')).find((f) => String(f.Properties.Description).startsWith('Resumes blocked erasures'));
    expect(job?.Properties.Environment.Variables).toHaveProperty('RIGHTS_STATE_MACHINE_ARN');
  });

  it('has collective-invoice claims left unfinished over a day alarmed, from the monthly job\'s count', () => {
    statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Renseri', MetricName: 'StaleCollectiveInvoiceClaims', Threshold: 1, AlarmActions: [Match.anyValue()] });
  });

  it('has overdue requests alarmed, from the daily deadline count', () => {
    statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Renseri', MetricName: 'OverdueRequests', Threshold: 1, AlarmActions: [Match.anyValue()] });
  });
});

describe('the reminder job', () => {
  it('runs daily in the shop\'s time zone, with retries and a dead-letter queue', () => {
    statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 10 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Oslo',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }), DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
  });
});

describe('the payment-reminder job', () => {
  it('runs daily in the shop\'s time zone, with retries and a dead-letter queue', () => {
    statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Oslo',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }), DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
    statelessTemplate.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Payment reminders for overdue invoices') });
  });
});

describe('the retention sweep', () => {
  it('runs nightly in the shop\'s time zone, with retries, a dead-letter queue, 15 minutes to checkpoint in, and alarms', () => {
    statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Oslo',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }), DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
    statelessTemplate.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Retention sweep'), Timeout: 900 });
    statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Renseri', MetricName: 'RetentionSweepItemErrors', Threshold: 1, AlarmActions: [Match.anyValue()] });
    const sweepErrors = Object.values(statelessTemplate.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm).includes('Errors') && JSON.stringify(alarm.Properties.Dimensions ?? []).includes('sweep'),
    );
    expect(sweepErrors.length).toBeGreaterThanOrEqual(1); // a crashed run alarms too
  });
});

describe('the API', () => {
  it('has every route of the route table, behind the authorizer unless public', () => {
    const methods = Object.values(statelessTemplate.findResources('AWS::ApiGateway::Method')).filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
    expect(methods).toHaveLength(routeList.length);
    for (const route of routeList) {
      const method = methods.find((m) => m.Properties.OperationName === route.id);
      expect(method?.Properties.HttpMethod).toBe(route.method);
      expect(method?.Properties.AuthorizationType).toBe(route.access === 'public' ? 'NONE' : 'CUSTOM');
    }
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization' });
  });

  it('throttles, and writes access logs that never hold an IP address or user agent', () => {
    const stage = Object.values(statelessTemplate.findResources('AWS::ApiGateway::Stage'))[0];
    const settings = stage?.Properties.MethodSettings as { ResourcePath: string; HttpMethod: string; ThrottlingRateLimit: number; ThrottlingBurstLimit: number }[];
    expect(settings[0]).toEqual(expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40, DataTraceEnabled: false, LoggingLevel: 'ERROR' }));
    // Each sign-in route has a bucket of its own, smaller than the stage's, so a flood there leaves the counter's alone.
    const signIn = routeList.filter((route) => route.tag === 'sign-in');
    expect(signIn.length).toBeGreaterThan(0);
    expect(signIn.every((route) => route.path.startsWith('/auth/'))).toBe(true);
    expect(settings.slice(1).map((s) => [s.ResourcePath, s.HttpMethod, s.ThrottlingRateLimit, s.ThrottlingBurstLimit]).sort()).toEqual(
      // A method setting's resource path escapes the route's slashes as ~1, after a leading slash.
      signIn.map((route) => [`/${route.path.replaceAll('/', '~1')}`, route.method, 5, 10]).sort(),
    );
    const format = stage?.Properties.AccessLogSetting.Format as string;
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/sourceIp|userAgent|\$context\.path|identity/);
  });

  it('sits behind a regional web ACL on its stage: AWS common and known-bad-inputs rules, and a per-IP rate limit on /auth/', () => {
    const acls = Object.values(statelessTemplate.findResources('AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    type ByteMatch = { FieldToMatch: unknown; PositionalConstraint: string; SearchString: string; TextTransformations: { Priority: number; Type: string }[] };
    type WafStatement = {
      ManagedRuleGroupStatement?: { VendorName: string; Name: string; RuleActionOverrides?: unknown };
      RateBasedStatement?: { AggregateKeyType: string; Limit: number; ScopeDownStatement: { OrStatement: { Statements: { ByteMatchStatement: ByteMatch }[] } } };
    };
    const acl = acls[0]!.Properties as { Scope: string; DefaultAction: unknown; Rules: { Name: string; Statement: WafStatement; Action?: unknown }[] };
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const managed = acl.Rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement ?? []);
    expect(managed.map((group) => `${group.VendorName}/${group.Name}`).sort()).toEqual(['AWS/AWSManagedRulesCommonRuleSet', 'AWS/AWSManagedRulesKnownBadInputsRuleSet']);
    // Larger legitimate bodies (an order of many garments) are counted, not blocked.
    expect(managed.find((group) => group.Name === 'AWSManagedRulesCommonRuleSet')?.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);

    const rate = acl.Rules.filter((rule) => rule.Statement.RateBasedStatement);
    expect(rate).toHaveLength(1);
    expect(rate[0]!.Action).toEqual({ Block: {} });
    const statement = rate[0]!.Statement.RateBasedStatement!;
    expect(statement).toMatchObject({ AggregateKeyType: 'IP', EvaluationWindowSec: 300, Limit: 100 });
    const prefixes = statement.ScopeDownStatement.OrStatement.Statements.map((s) => s.ByteMatchStatement);
    for (const match of prefixes) expect(match).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH' });
    expect(prefixes.map((match) => match.SearchString).sort()).toEqual(['/auth/', '/prod/auth/']);
    // API Gateway routes the decoded path: `/auth%2Fcode` and `/%41uth/code` are counted as `/auth/code`.
    for (const match of prefixes) expect(match.TextTransformations).toEqual([{ Priority: 0, Type: 'URL_DECODE' }, { Priority: 1, Type: 'LOWERCASE' }]);

    const associations = Object.values(statelessTemplate.findResources('AWS::WAFv2::WebACLAssociation'));
    expect(associations).toHaveLength(1);
    const stageId = Object.keys(statelessTemplate.findResources('AWS::ApiGateway::Stage'))[0]!;
    const restApiId = Object.keys(statelessTemplate.findResources('AWS::ApiGateway::RestApi'))[0]!;
    const resourceArn = JSON.stringify(associations[0]!.Properties.ResourceArn);
    expect(resourceArn).toContain(`{"Ref":"${restApiId}"}`);
    expect(resourceArn).toContain(`"/stages/",{"Ref":"${stageId}"}`);
    expect(JSON.stringify(associations[0]!.Properties.WebACLArn)).toMatch(/"Fn::GetAtt":\["ApiFirewallWebAcl[0-9A-F]{8}","Arn"\]/);
  });

  it('answers its own errors as problem details', () => {
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'", 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
    });
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'MISSING_AUTHENTICATION_TOKEN', StatusCode: '404' });
  });

  it('allows cross-origin calls only from the configured origins', () => {
    const options = Object.values(statelessTemplate.findResources('AWS::ApiGateway::Method')).filter((m) => m.Properties.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThan(0);
    for (const method of options) {
      const headers = method.Properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe("'https://eksempel-renseri.no'");
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('does see a violation when there is one (the check below is not vacuous)', () => {
    const scratch = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(scratch, 'Scratch');
    new Bucket(stack, 'Unencrypted');
    expect(new AwsSolutionsChecks().validateScope(scratch).violations.length).toBeGreaterThan(0);
  });

  it('finds nothing that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`);
    expect(findings).toEqual([]);
  });
});

describe('no secret in the template', () => {
  it('holds no key material, token or password', () => {
    const text = JSON.stringify([statefulTemplate.toJSON(), statelessTemplate.toJSON()]);
    expect(text).not.toMatch(/"d":"|PRIVATE KEY|CUSTOMER_TOKEN_KEY|STAFF_JWKS|password"\s*:/i);
  });
});
