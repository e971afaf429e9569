import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A counting proxy in front of DynamoDB Local: measures each call at the client boundary without
 * touching the code under test. It asks for ReturnConsumedCapacity on every operation that has it
 * and adds up round trips and capacity units per operation.
 *
 * `roundTrips` counts requests. `waits` counts the waves a call waits for in turn: a request that
 * arrives while another is still in flight was sent together with it (Promise.all) and adds no
 * wait of its own. ACCESS-PATTERNS.md counts round trips as waits ("sent together": one), so a
 * row of the bench and a row of the doc compare on `waits`; the requests are what DynamoDB bills.
 */
const WITH_CAPACITY = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems']);

export type Meter = {
  endpoint: string;
  reset: () => void;
  read: () => { roundTrips: number; waits: number; capacity: number; operations: Record<string, number>; capacityByOperation: Record<string, number> };
  close: () => Promise<void>;
};

export async function startDynamoMeter(target: string): Promise<Meter> {
  const upstream = new URL(target);
  let roundTrips = 0;
  let waits = 0;
  let inFlight = 0;
  let capacity = 0;
  let operations: Record<string, number> = {};
  let capacityByOperation: Record<string, number> = {};
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      let body = Buffer.concat(chunks);
      if (WITH_CAPACITY.has(operation)) {
        const json = JSON.parse(body.toString('utf8') || '{}');
        json.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(json));
      }
      roundTrips += 1;
      if (inFlight === 0) waits += 1;
      inFlight += 1;
      operations[operation] = (operations[operation] ?? 0) + 1;
      const headers = { ...incoming.headers, 'content-length': String(body.length), host: upstream.host };
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(parts);
          try {
            const consumed = JSON.parse(text.toString('utf8')).ConsumedCapacity;
            for (const entry of [consumed].flat()) {
              capacity += entry?.CapacityUnits ?? 0;
              capacityByOperation[operation] = (capacityByOperation[operation] ?? 0) + (entry?.CapacityUnits ?? 0);
            }
          } catch {
            // not JSON; nothing to count
          }
          // The body is forwarded as received; its checksum header no longer matches the edited request, so it is dropped.
          const { 'x-amz-crc32': _crc, ...answerHeaders } = answer.headers;
          inFlight -= 1;
          outgoing.writeHead(answer.statusCode ?? 500, answerHeaders).end(text);
        });
      });
      forward.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reset: () => {
      roundTrips = 0;
      waits = 0;
      capacity = 0;
      operations = {};
      capacityByOperation = {};
    },
    read: () => ({ roundTrips, waits, capacity, operations, capacityByOperation }),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
