import type { AddressInfo } from 'node:net';
import { createApiGatewayTwin } from './api-gateway-twin';
import { assertJavaAvailable, ensureTable, JavaMissingError, startDynamoDbLocal } from './dynamodb-local';
import { stopWithOwner } from './lifetime';
import { join } from 'node:path';
import { STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import { REPOSITORY_ROOT } from '../config/bundling';
import { buildHandlerBundles } from './handler-bundles';
import { clearOutbox, createLocalRoutes, readOutbox } from './local-routes';
import { createLocalStepFunctions, LOCAL_STATE_MACHINE_ARN, synthesizedRightsDefinition } from './local-step-functions';
import { createStreamPoller } from './stream-poller';
import { FUNCTION_ENTRIES } from '../config/functions';
import { startHttpServer } from './http-server';
import { localRuntimeEnvironment } from './local-environment';
import { localIssuer } from './local-issuer';
import { loadSamplePriceList } from './sample-price-list';
import { DynamoPriceListRepository } from '../../shared/adapters/dynamodb/price-list-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';

/** The price-list repository on the twin's table (the handlers build their own from the environment). */
const localPriceList = (endpoint: string, tableName: string) => new DynamoPriceListRepository(createDocumentClient({ tableName, endpoint, region: 'eu-north-1' }), tableName);

/**
 * `npm start`: the whole backend on one machine. DynamoDB Local in memory (or in a folder with
 * --persist [dir] / RENSERI_PERSIST_DIR), the table from the shared definition, the same handlers
 * behind the same routes on http://localhost:3000 (PORT to change it).
 */
const TABLE_NAME = 'renseri-local';
const DEFAULT_PERSIST_DIR = '.local/dynamodb';

function parseArguments(argv: string[]) {
  let persistDir = process.env.RENSERI_PERSIST_DIR || undefined;
  let port = Number(process.env.PORT ?? 3000);
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--persist') {
      const next = argv[i + 1];
      persistDir = next && !next.startsWith('--') ? (i++, next) : DEFAULT_PERSIST_DIR;
    } else if (argument === '--port') {
      port = Number(argv[++i]);
    } else {
      throw new Error(`Unknown argument ${argument}; use --persist [dir] and --port N`);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('The port must be a number from 0 to 65535');
  return { persistDir, port };
}

/** Progress on the console while the twin starts, with the time since `npm start` was run. */
const started = performance.now();
const progress = (line: string) => console.log(`  [${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);

async function main() {
  const { persistDir, port } = parseArguments(process.argv.slice(2));
  console.log('Starting the Renseri backend (local twin)…');
  assertJavaAvailable(); // before anything starts, so a missing Java is one clear line
  // DynamoDB Local (a JVM), the bundles (esbuild) and the workflow definition (CDK) do not depend
  // on each other: started together, the slowest of them sets the start time, not their sum.
  const dynamodbStarting = startDynamoDbLocal({ persistDir }).then((running) => {
    progress(`DynamoDB Local up on ${running.endpoint} (${persistDir ? `data kept in ${persistDir}` : 'in memory'})`);
    return running;
  });
  dynamodbStarting.catch(() => undefined); // a failed start is reported where it is awaited below
  stopWithOwner(async (reason) => {
    console.log(`Stopping (${reason})…`);
    await (await dynamodbStarting.catch(() => undefined))?.stop();
  });
  progress(persistDir ? 'Starting DynamoDB Local…' : 'Starting DynamoDB Local in memory…');
  // esbuild works in a process of its own, so the synth (JavaScript, on this thread) runs beside it.
  const bundlesBuilt = buildHandlerBundles(
FUNCTION_ENTRIES, undefined, progress  );
  bundlesBuilt.catch(() => undefined); // a failed build is reported where it is awaited below
  const definition = await synthesizedRightsDefinition(progress);
  const loadHandler = await bundlesBuilt;
  const stepFunctions = await createLocalStepFunctions({ loadHandler, definition });
  const dynamodb = await dynamodbStarting;

  await ensureTable(dynamodb.endpoint, TABLE_NAME);
  // DynamoDB Local starts empty: the counter gets a price list to take orders from. Through the
  // use cases on the twin's table, beside the issuer's key generation.
  const priceListLoaded = loadSamplePriceList({ priceList: localPriceList(dynamodb.endpoint, TABLE_NAME), clock: () => new Date() });
  priceListLoaded.catch(() => undefined); // a failed load is reported once the twin listens (below)
  const issuer = await localIssuer();
  const outboxFile = persistDir ? join(persistDir, 'outbox.jsonl') : join(REPOSITORY_ROOT, '.local', 'outbox.jsonl');
  if (!persistDir) clearOutbox(outboxFile);
  Object.assign(
    process.env,
    localRuntimeEnvironment({ tableName: TABLE_NAME, dynamodbEndpoint: dynamodb.endpoint, issuer, localOutboxFile: outboxFile }),
    { RIGHTS_STATE_MACHINE_ARN: LOCAL_STATE_MACHINE_ARN },
  );

  const twin = createApiGatewayTwin(loadHandler);
  // The local "phone": every SMS the sender delivers to the outbox is shown here as it arrives.
  let shown = readOutbox(outboxFile).length;
  const poller = createStreamPoller({
    endpoint: dynamodb.endpoint,
    tableName: TABLE_NAME,
    consumers: STREAM_CONSUMERS,
    loadHandler,
    onDeadLetter: (consumer, records) => console.error(`[dead letter] ${consumer.id}: ${records.length} record(s) gave up after ${consumer.retryAttempts} retries`),
    afterPoll: () => {
      const entries = readOutbox(outboxFile);
      for (const entry of entries.slice(shown)) {
        const summary = entry.channel === 'email' ? `${entry.subject} (${entry.attachments?.map((a) => a.url).join(', ')})` : entry.text;
        console.log(`[outbox] ${entry.channel} to ${entry.to}: ${summary}`);
      }
      shown = entries.length;
    },
  });
  poller.start();
  const server = await startHttpServer(twin, port, createLocalRoutes({ outboxFile, poller, loadHandler, stepFunctions }));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  // The request starter talks to the twin's Step Functions like it talks to AWS's.
  process.env.SFN_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/local/sfn`;
  progress('Ready');
  console.log(`Renseri backend (local twin) listening on ${url}`);
  // The sample is the shop's data, not the system: the twin answers while a cold DynamoDB Local
  // takes its first transaction (~3 s on a busy machine), and says when the list is there.
  void priceListLoaded.then(
    (loaded) => progress(loaded.added ? `Sample price list loaded (${loaded.added} items${loaded.expressSet ? ', express' : ''})` : 'Price list kept as it was'),
    (error: unknown) => console.error('The sample price list could not be loaded:', error instanceof Error ? error.message : error),
  );
  console.log(`  DynamoDB Local: ${dynamodb.endpoint} (${persistDir ? `data kept in ${persistDir}` : 'in memory'})`);
  console.log(`  ${twin.routes.length} routes; API description at ${url}/openapi.json`);
  console.log(`  Staff token: npm run staff-token · SMS outbox: GET /local/outbox · jobs: PORT=${(server.address() as AddressInfo).port} npm run job -- reminders | sweep [--dry-run]`);
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) console.error(error.message);
  else console.error('The local twin could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
