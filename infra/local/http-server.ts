import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gatewayProblemBody, GATEWAY_RESPONSES } from '../../shared/http/gateway-responses';
import type { createApiGatewayTwin, TwinRequest, TwinResponse } from './api-gateway-twin';

/** API Gateway's own limit on a request body (10 MB); larger requests never reach a Lambda. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY_BYTES) {
        fail(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', fail);
  });
}

/** Serves the twin over HTTP on loopback. */
export function startHttpServer(
  twin: ReturnType<typeof createApiGatewayTwin>,
  port: number,
  localRoutes: (request: TwinRequest) => Promise<TwinResponse | undefined> = async () => undefined,
): Promise<Server> {
  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const twinRequest = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body };
      const result = (await localRoutes(twinRequest)) ?? (await twin.handle(twinRequest));
      response.writeHead(result.status, result.headers).end(result.body);
    } catch (error) {
      const type = error instanceof BodyTooLarge ? 'REQUEST_TOO_LARGE' : 'DEFAULT_5XX';
      if (!response.headersSent) {
        response.writeHead(GATEWAY_RESPONSES[type].status, { 'content-type': 'application/problem+json', connection: 'close' });
      }
      response.end(gatewayProblemBody(type));
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });
}
