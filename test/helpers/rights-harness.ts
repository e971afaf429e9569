import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sourceLoader } from '../../infra/local/handler-bundles';
import { createLocalStepFunctions, LOCAL_STATE_MACHINE_ARN, type LocalStepFunctions } from '../../infra/local/local-step-functions';
import { drainEverything } from '../../infra/local/local-routes';
import { STREAM_CONSUMERS } from '#shared/events/stream-consumers';
import { outboxHarness } from './outbox-harness';
import type { TestEnvironment } from './test-environment';

/**
 * The data-subject workflow as it runs in AWS, on DynamoDB Local: the request item's stream record
 * starts it through the request starter and a (local) Step Functions API, and the definition is
 * the synthesized one, its tasks bound to the real step handler. SNS and SES are stubbed at their clients.
 */
export async function rightsHarness(env: TestEnvironment) {
  const stepFunctions: LocalStepFunctions = await createLocalStepFunctions({ loadHandler: sourceLoader });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const result = await stepFunctions.handleApi({ method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(result.status, result.headers).end(result.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  process.env.SFN_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.RIGHTS_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
  const outbox = outboxHarness(env, { consumers: STREAM_CONSUMERS });
  return {
    ...outbox,
    stepFunctions,
    /** Everything written so far is processed: stream, workflows, and what they write in turn. */
    settle: () => drainEverything(outbox.poller, stepFunctions),
    stop: async () => {
      outbox.stop();
      await new Promise((done) => server.close(done));
    },
  };
}
