import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SCHEDULED_JOBS } from '../../shared/events/stream-consumers';
import { problemType } from '../../shared/http/problem';
import type { TwinRequest, TwinResponse } from './api-gateway-twin';
import type { HandlerLoader } from './handler-bundles';
import { invokedFunction } from './invocation-scope';
import type { LocalStepFunctions } from './local-step-functions';
import type { StreamPoller } from './stream-poller';

/**
 * Routes only the local twin has, under /local (never deployed, served on loopback only, and only
 * to requests that name this machine in their Host header):
 *   GET  /local/outbox          the SMS and e-mails the twin "sent"
 *   GET  /local/outbox/{id}/{file}  an e-mail's attachment (the invoice PDF)
 *   POST /local/streams/drain   process everything on the stream, and the workflows it starts, now
 *   POST /local/sfn             the Step Functions API (StartExecution), for the request starter
 *   POST /local/jobs/{id}       run a scheduled job now, with an optional JSON input ({"asOf": "…"})
 */
export type OutboxEntry = { id: string; channel: string; at: string; to: string; from?: string; text: string; subject?: string; attachments?: { filename: string; url: string }[] };

export function readOutbox(file: string): OutboxEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxEntry);
}

export function clearOutbox(file: string): void {
  writeFileSync(file, '');
  rmSync(join(dirname(file), 'outbox-files'), { recursive: true, force: true });
}

const json = (status: number, body: unknown): TwinResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** localhost, 127.0.0.1 or [::1], with an optional port. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

function namesThisMachine(host: string | string[] | undefined): boolean {
  return typeof host === 'string' && LOOPBACK_HOST.test(host);
}

/**
 * The server listens on loopback only, but a web page can still reach it through DNS rebinding: its
 * own name, re-pointed at 127.0.0.1, lets the browser send it requests that then carry that name as
 * Host, and read the outbox's codes or drain the stream. Such requests get 421 Misdirected Request
 * rather than 403: nothing about the caller is refused, the request was sent to an authority this
 * server does not answer for (RFC 9110 § 15.5.20), which is what a rebound name is.
 */
const misdirected = (): TwinResponse => ({
  status: 421,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({
    type: problemType('misdirected-request'),
    title: 'Misdirected request',
    status: 421,
    detail: 'The local routes answer only requests to localhost, 127.0.0.1 or [::1]',
  }),
});

/** Until nothing moves: the stream starts workflows, and workflows write to the stream. */
export async function drainEverything(poller: StreamPoller, stepFunctions?: LocalStepFunctions): Promise<void> {
  for (;;) {
    await poller.drain();
    if (!(await stepFunctions?.idle())) break;
  }
  await poller.drain();
}

export function createLocalRoutes(options: { outboxFile: string; poller: StreamPoller; loadHandler: HandlerLoader; stepFunctions?: LocalStepFunctions }) {
  return async function handleLocal(request: TwinRequest): Promise<TwinResponse | undefined> {
    const url = new URL(request.url, 'http://localhost');
    if (!url.pathname.startsWith('/local/')) return undefined;
    if (!namesThisMachine(request.headers.host)) return misdirected();
    if (request.method === 'GET' && url.pathname === '/local/outbox') return json(200, { messages: readOutbox(options.outboxFile) });
    const attachment = /^\/local\/outbox\/([0-9a-f-]{36})\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && attachment) {
      const path = join(dirname(options.outboxFile), 'outbox-files', attachment[1] as string, basename(decodeURIComponent(attachment[2] as string)));
      if (!existsSync(path)) return json(404, { title: 'No such attachment' });
      return { status: 200, headers: { 'content-type': path.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream' }, body: readFileSync(path) };
    }
    if (request.method === 'POST' && url.pathname === '/local/streams/drain') {
      await drainEverything(options.poller, options.stepFunctions);
      return json(200, { drained: true });
    }
    if (request.method === 'POST' && /^\/local\/sfn\/?$/.test(url.pathname) && options.stepFunctions) return options.stepFunctions.handleApi(request);
    const job = /^\/local\/jobs\/([a-z-]+)$/.exec(url.pathname);
    if (request.method === 'POST' && job) {
      const declared = SCHEDULED_JOBS.find((j) => j.id === job[1]);
      if (!declared) return json(404, { title: `No job ${job[1]}`, jobs: SCHEDULED_JOBS.map((j) => j.id) });
      let input: unknown = {};
      try {
        input = request.body?.length ? JSON.parse(request.body.toString('utf8')) : {};
      } catch {
        return json(400, { title: 'The job input is not JSON' });
      }
      const module = (await options.loadHandler(declared.entry)) as unknown as { handler: (input: unknown, context: unknown) => Promise<unknown> };
      const result = await invokedFunction.run(declared.id, () => module.handler(input, { functionName: declared.id, awsRequestId: 'local', getRemainingTimeInMillis: () => 900_000 }));
      await drainEverything(options.poller, options.stepFunctions); // what the job queued is sent before the answer
      return json(200, { job: declared.id, result });
    }
    return json(404, { title: 'No such local route' });
  };
}
