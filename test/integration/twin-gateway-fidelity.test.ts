import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiGatewayTwin, requestTimeOf, type ApiGatewayTwinOptions } from '../../infra/local/api-gateway-twin';
import { sourceLoader, type HandlerLoader } from '../../infra/local/handler-bundles';
import { GATEWAY_MAX_BODY_BYTES, startHttpServer } from '../../infra/local/http-server';
import { createLocalRoutes } from '../../infra/local/local-routes';
import { createStreamPoller } from '../../infra/local/stream-poller';
import { ACCESS_LOG_FIELDS } from '../../infra/config/access-log';
import { gatewayProblemBody } from '#shared/http/gateway-responses';
import { apiHarness } from '../helpers/harness';

/**
 * The twin answers as API Gateway (REST, Lambda proxy) would where a client can tell: CORS
 * preflights, a body over the 10 MB limit, the access-log line, and the twin-only /local routes
 * refused to any Host but this machine's. test/infra/twin-gateway-fidelity.test.ts holds the same
 * answers against the synthesized template.
 */
const api = apiHarness();

const COUNTER_APP = 'http://localhost:5173'; // the local stage's one allowed origin

/** A twin whose access-log lines the test reads, and which counts what it loads (a loaded handler ran, or was about to). */
function recordingTwin(options: ApiGatewayTwinOptions = {}) {
  const lines: string[] = [];
  const loaded: string[] = [];
  const seenRequestIds: string[] = [];
  const loadHandler: HandlerLoader = async (entry) => {
    loaded.push(entry);
    const module = (await sourceLoader(entry)) as unknown as { handler: (event: { requestContext?: { requestId?: string } }, context: unknown) => Promise<unknown> };
    return {
      handler: (async (event: { requestContext?: { requestId?: string } }, context: unknown) => {
        if (event.requestContext?.requestId) seenRequestIds.push(event.requestContext.requestId);
        return module.handler(event, context);
      }) as unknown as (...args: never[]) => Promise<unknown>,
    };
  };
  const twin = createApiGatewayTwin(loadHandler, { accessLog: (line) => lines.push(line), ...options });
  return { twin, lines, loaded, seenRequestIds, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

type Answer = { status: number; headers: IncomingHttpHeaders; text: string; continued: boolean };

/**
 * One request over loopback with node:http. The server may answer while the client is still
 * sending; an upload error after the answer arrived (EPIPE, ECONNRESET) is the server closing up
 * and does not fail the request; one before it does.
 */
function send(port: number, options: { method: string; path: string; headers?: Record<string, string | number>; body?: Buffer; waitForContinue?: boolean }): Promise<Answer> {
  return new Promise((done, fail) => {
    let continued = false;
    let answered = false;
    // A GET's body goes without chunked encoding unless its length is declared.
    const headers = { ...(options.body ? { 'content-length': options.body.length } : {}), ...options.headers };
    const request = httpRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, headers, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8'), continued }));
      response.on('error', fail);
    });
    request.on('error', (error) => {
      if (!answered) fail(error);
    });
    if (options.waitForContinue) {
      request.on('continue', () => {
        continued = true;
        request.end(options.body);
      });
      request.flushHeaders();
    } else {
      request.end(options.body);
    }
  });
}

async function listening(server: Promise<Server>) {
  const started = await server;
  return { port: (started.address() as AddressInfo).port, address: (started.address() as AddressInfo).address, close: () => closeServer(started) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

describe('CORS preflight (OPTIONS), as the mock integration CDK puts on every resource', () => {
  const { twin } = recordingTwin({ accessLog: false });
  const preflight = (url: string, origin?: string) =>
    twin.handle({ method: 'OPTIONS', url, headers: { ...(origin ? { origin } : {}), 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,if-match' } });
  const expectedHeaders = (allowOrigin: string) => ({
    'content-type': 'application/json',
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-headers': 'authorization,content-type,if-match',
    'access-control-allow-methods': 'GET,POST,PATCH,PUT',
    'access-control-expose-headers': 'etag,location',
    'access-control-max-age': '3600',
    vary: 'Origin',
  });

  it.each([
    ['a route', '/admin/customers'],
    ['a route with a path parameter', '/admin/customers/c-123'],
    ['a resource that is only a prefix of routes', '/admin'],
    ['the root', '/'],
    ['a route with a trailing slash', '/health/'],
  ])('answers 204 with the declared headers on %s (%s), without asking for a token', async (_name, url) => {
    const response = await preflight(url, COUNTER_APP);
    expect(response.status).toBe(204);
    expect(response.headers).toEqual(expectedHeaders(COUNTER_APP));
    expect(response.body).toBe('');
  });

  it("gives a disallowed origin the same 204, naming the allowed origin instead of the caller's", async () => {
    for (const origin of ['https://evil.example', undefined]) {
      const response = await preflight('/admin/orders/1001/ready', origin);
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(COUNTER_APP);
    }
  });

  it('answers a path that is no resource as API Gateway does: 404 problem details', async () => {
    const response = await preflight('/no/such/thing', COUNTER_APP);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toEqual(JSON.parse(gatewayProblemBody('MISSING_AUTHENTICATION_TOKEN')));
  });

  it('exposes to scripts on the actual response exactly the headers the preflight declares', async () => {
    const actual = await twin.handle({ method: 'GET', url: '/health', headers: { origin: COUNTER_APP } });
    const declared = await preflight('/health', COUNTER_APP);
    expect(actual.status).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(COUNTER_APP);
    expect(actual.headers['access-control-expose-headers']).toBe(declared.headers['access-control-expose-headers']);
  });
});

describe('the access log', () => {
  const fieldNames = ACCESS_LOG_FIELDS.map((field) => field.name);
  const requestTime = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
  // What a caller says about itself, which must never reach the log.
  const caller = { 'user-agent': 'RenseriProbe/9.9 (caller-agent)', 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '198.51.100.23', origin: COUNTER_APP };

  it('is one JSON line per request, with exactly the keys of the CDK format, every value a string as API Gateway writes them', async () => {
    const { twin, lines, entries, seenRequestIds } = recordingTwin();
    const staff = await api.env.issuer.staffToken();
    const answers = [
      await twin.handle({ method: 'GET', url: '/health', headers: caller }),
      await twin.handle({ method: 'GET', url: '/admin/customers/c-404', headers: { ...caller, authorization: `Bearer ${staff}` } }),
      await twin.handle({ method: 'GET', url: '/admin/customers/c-404', headers: caller }),
      await twin.handle({ method: 'DELETE', url: '/admin/customers', headers: caller }),
      await twin.handle({ method: 'OPTIONS', url: '/admin/customers/c-404', headers: caller }),
    ];
    expect(lines).toHaveLength(answers.length);
    expect(entries().map((entry) => Object.keys(entry))).toEqual(answers.map(() => fieldNames));
    for (const entry of entries()) {
      expect(Object.values(entry).every((value) => typeof value === 'string')).toBe(true);
      expect(entry.requestTime).toMatch(requestTime);
      expect(entry.responseLatency).toMatch(/^\d+$/);
    }

    expect(entries().map(({ httpMethod, resourcePath, status, errorType }) => ({ httpMethod, resourcePath, status, errorType }))).toEqual([
      { httpMethod: 'GET', resourcePath: '/health', status: '200', errorType: '-' },
      // The handler's own 404 is the integration's answer, not the gateway's.
      { httpMethod: 'GET', resourcePath: '/admin/customers/{customerId}', status: '404', errorType: '-' },
      { httpMethod: 'GET', resourcePath: '/admin/customers/{customerId}', status: '401', errorType: 'UNAUTHORIZED' },
      { httpMethod: 'DELETE', resourcePath: '-', status: '404', errorType: 'MISSING_AUTHENTICATION_TOKEN' },
      { httpMethod: 'OPTIONS', resourcePath: '/admin/customers/{customerId}', status: '204', errorType: '-' },
    ]);
    // A Lambda ran for the first two only; the gateway answered the others by itself.
    expect(entries().map((entry) => entry.integrationLatency === '-')).toEqual([false, false, true, true, true]);
    expect(entries().map((entry) => Number(entry.responseLength))).toEqual(answers.map((answer) => Buffer.byteLength(answer.body)));
    // The id API Gateway logs is the one the Lambda sees in its event.
    expect(entries().slice(0, 2).map((entry) => entry.requestId)).toEqual(seenRequestIds.slice(-2));
  });

  it('never holds an IP address, the user agent, the path with its ids or the token', async () => {
    const { twin, lines } = recordingTwin();
    const staff = await api.env.issuer.staffToken();
    await twin.handle({ method: 'GET', url: '/admin/customers/c-secret-id', headers: { ...caller, authorization: `Bearer ${staff}` } });
    await twin.handle({ method: 'GET', url: '/admin/customers/c-secret-id', headers: { ...caller, authorization: 'Bearer not-a-token' } });
    const text = lines.join('\n');
    for (const leak of ['203.0.113.77', '198.51.100.23', '127.0.0.1', 'RenseriProbe', 'caller-agent', 'c-secret-id', staff, 'not-a-token']) expect(text).not.toContain(leak);
    expect(text).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(text).not.toMatch(/sourceIp|userAgent|user-agent|\bip\b/i);
  });

  it("writes requestTime in API Gateway's format, in UTC", () => {
    expect(requestTimeOf(new Date('2027-03-05T09:04:03.999Z'))).toBe('05/Mar/2027:09:04:03 +0000');
    expect(requestTimeOf(new Date('2026-12-31T23:59:59+01:00'))).toBe('31/Dec/2026:22:59:59 +0000');
  });

  it('goes to stdout unless the twin is told otherwise, and nowhere when turned off', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      await createApiGatewayTwin(sourceLoader).handle({ method: 'GET', url: '/no-such-route', headers: {} });
      await createApiGatewayTwin(sourceLoader, { accessLog: false }).handle({ method: 'GET', url: '/no-such-route', headers: {} });
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\n$/);
    expect(Object.keys(JSON.parse(written[0] as string))).toEqual(fieldNames);
  });
});

describe('a body over API Gateway’s 10 MB limit, over HTTP on loopback', () => {
  const tooLarge = Buffer.alloc(GATEWAY_MAX_BODY_BYTES + 512 * 1024, 0x61); // ~10.5 MB
  let server: Awaited<ReturnType<typeof listening>>;
  let recorded: ReturnType<typeof recordingTwin>;
  beforeAll(async () => {
    recorded = recordingTwin();
    server = await listening(startHttpServer(recorded.twin, 0));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    recorded.lines.length = 0;
    recorded.loaded.length = 0;
  });

  const expectTheGateways413 = (answer: Answer) => {
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.text)).toEqual(JSON.parse(gatewayProblemBody('REQUEST_TOO_LARGE')));
    expect(recorded.loaded).toEqual([]); // no authorizer, no Lambda
    expect(recorded.entries()).toEqual([expect.objectContaining({ httpMethod: 'POST', status: '413', errorType: 'REQUEST_TOO_LARGE', integrationLatency: '-' })]);
  };

  it('is answered 413 with the gateway problem body, the connection closed after it, and reaches no Lambda', async () => {
    const answer = await send(server.port, { method: 'POST', path: '/admin/customers', headers: { 'content-type': 'application/json', 'content-length': tooLarge.length }, body: tooLarge });
    expectTheGateways413(answer);
  });

  it('is answered 413 through fetch too, sent without a declared length', async () => {
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < tooLarge.length; offset += 1024 * 1024) controller.enqueue(tooLarge.subarray(offset, offset + 1024 * 1024));
        controller.close();
      },
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/admin/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    // forEach rather than Object.fromEntries: slimdom's types (the EHF tests' XML DOM) bring in lib.dom's Headers, which is not iterable there.
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    expectTheGateways413({ status: response.status, headers, text: await response.text(), continued: false });
  });

  it('is refused before the body is sent when the client asks first (Expect: 100-continue, as curl does)', async () => {
    const answer = await send(server.port, {
      method: 'POST',
      path: '/admin/customers',
      headers: { 'content-type': 'application/json', 'content-length': tooLarge.length, expect: '100-continue' },
      body: tooLarge,
      waitForContinue: true,
    });
    expect(answer.continued).toBe(false);
    expectTheGateways413(answer);
  });

  it('lets a body of exactly the limit through to the Lambda, which applies its own limit', async () => {
    const atLimit = Buffer.alloc(GATEWAY_MAX_BODY_BYTES, 0x20);
    const answer = await send(server.port, {
      method: 'POST',
      path: '/admin/customers',
      headers: { 'content-type': 'application/json', 'content-length': atLimit.length, authorization: `Bearer ${await api.env.issuer.staffToken()}` },
      body: atLimit,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'urn:renseri:problem:payload-too-large', detail: expect.stringMatching(/^At most \d+ bytes$/) });
    expect(recorded.entries()).toEqual([expect.objectContaining({ status: '413', errorType: '-', resourcePath: '/admin/customers' })]);
  });
});

describe('the /local routes, only for requests that name this machine', () => {
  let server: Awaited<ReturnType<typeof listening>>;
  const loaded: string[] = [];
  let drains: jest.SpiedFunction<ReturnType<typeof createStreamPoller>['drain']>;
  let poller: ReturnType<typeof createStreamPoller>;
  beforeAll(async () => {
    const loadHandler: HandlerLoader = async (entry) => (loaded.push(entry), sourceLoader(entry));
    poller = createStreamPoller({ endpoint: api.env.endpoint, tableName: api.env.tableName, consumers: [], loadHandler, backoffMs: 0 });
    drains = jest.spyOn(poller, 'drain');
    const outboxFile = join(tmpdir(), `twin-fidelity-${process.pid}-outbox.jsonl`);
    const localRoutes = createLocalRoutes({ outboxFile, poller, loadHandler });
    server = await listening(startHttpServer(createApiGatewayTwin(loadHandler, { accessLog: false }), 0, localRoutes));
  });
  afterAll(async () => {
    await server.close();
    poller.stop();
  });
  beforeEach(() => {
    loaded.length = 0;
    drains.mockClear();
  });

  it('are served on 127.0.0.1 only', () => {
    expect(server.address).toBe('127.0.0.1');
  });

  it.each(['localhost', 'localhost:3000', 'LocalHost:3000', '127.0.0.1', '127.0.0.1:3000', '[::1]', '[::1]:3000'])('answer Host %s', async (host) => {
    const answer = await send(server.port, { method: 'GET', path: '/local/outbox', headers: { host } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ messages: [] });
  });

  it.each(['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io:3000', 'localhost:3000@evil.example', '[::1]x', '0.0.0.0:3000'])(
    'refuse Host %s (DNS rebinding) with 421 problem details, and do nothing',
    async (host) => {
      for (const [method, path] of [['GET', '/local/outbox'], ['POST', '/local/streams/drain'], ['POST', '/local/jobs/reminders'], ['POST', '/local/sfn']] as const) {
        const answer = await send(server.port, { method, path, headers: { host, 'content-type': 'application/json' }, body: Buffer.from('{}') });
        expect(answer.status).toBe(421);
        expect(answer.headers['content-type']).toBe('application/problem+json');
        expect(JSON.parse(answer.text)).toMatchObject({ type: 'urn:renseri:problem:misdirected-request', status: 421 });
      }
      expect(drains).not.toHaveBeenCalled();
      expect(loaded).toEqual([]);
    },
  );

  it('do what they are asked for the same request naming this machine', async () => {
    const answer = await send(server.port, { method: 'POST', path: '/local/streams/drain', headers: { host: `127.0.0.1:${server.port}` } });
    expect(answer.status).toBe(200);
    expect(drains).toHaveBeenCalled();
  });
});
