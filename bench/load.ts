import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { MESSAGE_SENDERS } from '../shared/events/stream-consumers';
import { createApiGatewayTwin } from '../infra/local/api-gateway-twin';
import { ensureTable, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import type { HandlerLoader } from '../infra/local/handler-bundles';
import { startHttpServer } from '../infra/local/http-server';
import { localRuntimeEnvironment } from '../infra/local/local-environment';
import type { LocalIssuer } from '../infra/local/local-issuer';
import { readOutbox } from '../infra/local/local-routes';
import { createStreamPoller } from '../infra/local/stream-poller';

/** Tags are unique among garments in the shop: each run's are its own. */
const RUN = Date.now().toString(36).toUpperCase();

/**
 * A short load run against the local twin over HTTP on loopback (autocannon, bounded in count and
 * time): clerks taking in orders for many customers at once, then marking them all ready. Reports
 * throughput and latency, and checks that nothing was lost or duplicated: every 201 is one stored
 * order with a unique ticket, and every "ready" led to exactly one pickup SMS in the outbox.
 */
type Phase = { requests: number; seconds: number; throughputPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

function fire(url: string, options: { amount: number; connections: number; requests: autocannon.Request[] }): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, amount: options.amount, connections: options.connections, duration: 120, timeout: 30, requests: options.requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const phase = (result: autocannon.Result): Phase => ({
  requests: result.requests.total,
  seconds: Number((result.duration).toFixed(1)),
  throughputPerSecond: Number(result.requests.average.toFixed(0)),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});

export async function measureLoad(options: { short: boolean; loadHandler: HandlerLoader; issuer: LocalIssuer; out: string }) {
  const orders = options.short ? 60 : 1_500;
  const customers = options.short ? 20 : 100;
  const dynamodb = await startDynamoDbLocal();
  const tableName = 'load';
  const outboxFile = join(options.out, 'load-outbox.jsonl');
  rmSync(outboxFile, { force: true });
  await ensureTable(dynamodb.endpoint, tableName);
  Object.assign(process.env, localRuntimeEnvironment({ tableName, dynamodbEndpoint: dynamodb.endpoint, issuer: options.issuer, localOutboxFile: outboxFile }));
  const server = await startHttpServer(createApiGatewayTwin(options.loadHandler, { accessLog: false }), 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const poller = createStreamPoller({ endpoint: dynamodb.endpoint, tableName, consumers: MESSAGE_SENDERS, loadHandler: options.loadHandler, backoffMs: 0 });
  const doc = createDocumentClient({ tableName, endpoint: dynamodb.endpoint, region: 'eu-north-1' });
  try {
    const staff = `Bearer ${await options.issuer.staffToken()}`;
    const json = { authorization: staff, 'content-type': 'application/json' };
    const customerIds: string[] = [];
    for (let i = 0; i < customers; i++) {
      const response = await fetch(`${url}/admin/customers`, { method: 'POST', headers: json, body: JSON.stringify({ name: `Last Kunde ${i}`, phone: `+4748${String(i).padStart(6, '0')}` }) });
      customerIds.push(((await response.json()) as { customerId: string }).customerId);
    }

    // 1. Taking in orders, ten clerks at once, each request for the next customer in turn.
    let next = 0;
    const tickets: string[] = [];
    const intake = await fire(url, {
      amount: orders,
      connections: 10,
      requests: [
        {
          method: 'POST',
          path: '/admin/orders',
          headers: json,
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ customerId: customerIds[next++ % customerIds.length], items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }], garments: [{ tag: `L${RUN}-${next}`, line: 1 }] }) }),
          onResponse: (status, body) => {
            if (status === 201) tickets.push((JSON.parse(body) as { orderId: string }).orderId);
          },
        },
      ],
    });

    // 2. Marking every one of them ready: each must queue exactly one pickup SMS.
    let readyIndex = 0;
    const readied: string[] = [];
    const readying = await fire(url, {
      amount: tickets.length,
      connections: 10,
      requests: [
        {
          method: 'POST',
          path: '/admin/orders/0/ready',
          headers: { authorization: staff },
          setupRequest: (request) => ({ ...request, path: `/admin/orders/${tickets[readyIndex++]}/ready` }),
          onResponse: (status, body) => {
            if (status === 200) readied.push((JSON.parse(body) as { orderId: string }).orderId);
          },
        },
      ],
    });
    await poller.drain();

    const stored: string[] = [];
    for (const status of ['received', 'ready']) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ORDERS#${status}` }, ExclusiveStartKey: start }));
        stored.push(...(page.Items ?? []).map((i) => i.orderId as string));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    const sms = readOutbox(outboxFile).filter((m) => m.channel === 'sms');
    const smsPerTicket = new Map<string, number>();
    for (const ticket of readied) smsPerTicket.set(ticket, sms.filter((m) => m.text.includes(ticket)).length);
    const check = {
      ordersAccepted: tickets.length,
      ordersStored: stored.length,
      ticketsUnique: new Set(tickets).size === tickets.length,
      lostOrders: tickets.filter((t) => !stored.includes(t)).length,
      readyAccepted: readied.length,
      pickupSms: sms.length,
      readyWithoutSms: [...smsPerTicket.values()].filter((n) => n === 0).length,
      readyWithDuplicateSms: [...smsPerTicket.values()].filter((n) => n > 1).length,
    };
    const consistent =
      check.ticketsUnique && check.lostOrders === 0 && check.ordersStored === check.ordersAccepted && check.readyWithoutSms === 0 && check.readyWithDuplicateSms === 0 && check.pickupSms === check.readyAccepted;
    return { url: 'loopback', connections: 10, intake: phase(intake), ready: phase(readying), check, consistent };
  } finally {
    poller.stop();
    doc.destroy();
    await new Promise((done) => server.close(() => done(undefined)));
    await dynamodb.stop();
  }
}
