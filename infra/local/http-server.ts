import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gatewayProblemBody, GATEWAY_RESPONSES } from '../../shared/http/gateway-responses';
import type { createApiGatewayTwin, TwinRequest, TwinResponse } from './api-gateway-twin';

/** API Gateway's own limit on a request body (10 MB); larger requests never reach a Lambda. */
export const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

type Twin = ReturnType<typeof createApiGatewayTwin>;
type Body = { bytes: Buffer } | { tooLarge: true };

/**
 * The body, or word that it is over the limit. Past the limit the rest is read and dropped instead
 * of resetting the connection: a socket closed while the client is still sending makes the kernel
 * answer its next bytes with a reset, and the client sees ECONNRESET or EPIPE rather than the 413.
 * Memory stays at the limit; the server's requestTimeout bounds how long a client may keep sending.
 */
function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((done, fail) => {
    let chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY_BYTES) chunks = [];
      else chunks.push(chunk);
    });
    request.on('end', () => done(size > GATEWAY_MAX_BODY_BYTES ? { tooLarge: true } : { bytes: Buffer.concat(chunks) }));
    request.on('error', fail);
  });
}

const declaredTooLarge = (request: IncomingMessage) => Number(request.headers['content-length'] ?? 0) > GATEWAY_MAX_BODY_BYTES;

/** API Gateway's 413, and the connection closed after it (the client learns so from `connection: close`). */
function answerTooLarge(twin: Twin, request: IncomingMessage, response: ServerResponse): void {
  const result = twin.refuse({ method: request.method ?? 'GET' }, 'REQUEST_TOO_LARGE');
  response.writeHead(result.status, { ...result.headers, connection: 'close' }).end(result.body);
}

/** Serves the twin over HTTP on loopback. */
export function startHttpServer(
  twin: Twin,
  port: number,
  localRoutes: (request: TwinRequest) => Promise<TwinResponse | undefined> = async () => undefined,
): Promise<Server> {
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const body = await readBody(request);
      if ('tooLarge' in body) return answerTooLarge(twin, request, response);
      // IPv4 peers arrive as IPv4-mapped IPv6 on a dual-stack socket; API Gateway reports them as plain IPv4.
      const peer = request.socket.remoteAddress?.replace(/^::ffff:/, '');
      const twinRequest = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: body.bytes, ...(peer ? { sourceIp: peer } : {}) };
      const result = (await localRoutes(twinRequest)) ?? (await twin.handle(twinRequest));
      response.writeHead(result.status, result.headers).end(result.body);
    } catch {
      if (!response.headersSent) {
        response.writeHead(GATEWAY_RESPONSES.DEFAULT_5XX.status, { 'content-type': 'application/problem+json', connection: 'close' });
      }
      response.end(gatewayProblemBody('DEFAULT_5XX'));
    }
  };
  const server = createServer(serve);
  // A client that asks before sending (curl does for bodies over 1 MB) and declares a body over the
  // limit gets the 413 at once and never sends it; the others are told to go on.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (declaredTooLarge(request)) return answerTooLarge(twin, request, response);
    response.writeContinue();
    void serve(request, response);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });
}
