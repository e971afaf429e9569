import { DeleteTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '#shared/adapters/dynamodb/table-definition';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client';
import { ensureTable } from '../../infra/local/dynamodb-local';
import { localRuntimeEnvironment } from '../../infra/local/local-environment';
import { localIssuer, type LocalIssuer } from '../../infra/local/local-issuer';

/**
 * A fresh table in the run's DynamoDB Local for one test file, and the same environment the local
 * twin gives the handlers. Refuses to run against anything but a loopback endpoint, so a stray
 * AWS profile can never point the tests at a real table.
 */
export type TestEnvironment = {
  tableName: string;
  endpoint: string;
  issuer: LocalIssuer;
  doc: ReturnType<typeof createDocumentClient>;
  /** Every item in the table (tests only: the request paths never scan). */
  allItems: () => Promise<Record<string, unknown>[]>;
  /**
   * Another empty table from the same definition, TTL off, deleted with the environment: for a test
   * that needs a table of its own (a contract case, a sweep's state) beside the file's shared one.
   */
  freshTable: (prefix?: string) => Promise<string>;
  dispose: () => Promise<void>;
};

export function assertLocalEndpoint(endpoint: string | undefined): string {
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: the tests run against DynamoDB Local only');
  const host = new URL(endpoint).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`Refusing to test against a non-local endpoint (${host})`);
  return endpoint;
}

/** Every item of a table (tests only: the request paths never scan). */
export async function scanTable(doc: ReturnType<typeof createDocumentClient>, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Test clocks often run in the real clock's past, and DynamoDB Local's TTL deletes whatever the
 * real clock says has expired, whenever its background pass comes round: a test's messages could
 * vanish mid-test. Test tables run without it; only the code under test deletes (the retention
 * sweep's tests prove the sweep removes expired items, which is what it is for).
 */
export async function withoutTtl(doc: ReturnType<typeof createDocumentClient>, tableName: string): Promise<void> {
  await doc.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: false } }));
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const endpoint = assertLocalEndpoint(process.env.DYNAMODB_ENDPOINT);
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  const issuer = await localIssuer();
  Object.assign(process.env, localRuntimeEnvironment({ tableName, dynamodbEndpoint: endpoint, issuer }));

  const doc = createDocumentClient({ tableName, endpoint, region: 'eu-north-1' });
  await withoutTtl(doc, tableName);
  const extraTables: string[] = [];
  return {
    tableName,
    endpoint,
    issuer,
    doc,
    allItems: () => scanTable(doc, tableName),
    freshTable: async (prefix = 'test') => {
      const name = `${prefix}-${randomUUID()}`;
      extraTables.push(name);
      await ensureTable(endpoint, name);
      await withoutTtl(doc, name);
      return name;
    },
    dispose: async () => {
      await Promise.all([tableName, ...extraTables].map((name) => doc.send(new DeleteTableCommand({ TableName: name }))));
      doc.destroy();
    },
  };
}
