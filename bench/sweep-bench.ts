import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { DynamoCustomerDataRepository } from '../shared/adapters/dynamodb/customer-data-repository';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { customerItem, messageItem, nameEntryItems, salesDocumentItem } from '../shared/adapters/dynamodb/items';
import { ENTITY, keys } from '../shared/adapters/dynamodb/keys';
import { DynamoPrivacyRequestRepository } from '../shared/adapters/dynamodb/privacy-request-repository';
import { DynamoRetentionRepository } from '../shared/adapters/dynamodb/retention-repository';
import type { ShopConfig } from '../shared/config/shop-config';
import { mobileNumberOf, type Customer } from '../shared/domain/customers/customers';
import { nameSearchEntries } from '../shared/domain/customers/name-search';
import { newMessage } from '../shared/domain/kernel/outbox-message';
import { runRetentionSweep, type SweepDeps } from '../shared/domain/retention/retention-sweep';
import type { SalesDocument } from '../shared/domain/invoices/sales-documents';
import { ensureTable, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startDynamoMeter } from './dynamodb-meter';

/**
 * The retention sweep's cost against the size of the table: two tables with the same due items
 * (inactive customers, documents past retention, expired messages) among very different numbers of
 * active customers. The due-date index makes the sweep read the due items only, so its read
 * capacity should be about the same for both.
 */
const AS_OF = new Date('2030-06-01T01:30:00Z'); // 36 months back: 2027-06-01
const FULL_DUE = { customers: 200, documents: 50, messages: 100 };
// Short mode (inside npm test) proves the sweep runs and costs the same in both tables, on fewer items.
const SHORT_DUE = { customers: 40, documents: 10, messages: 20 };

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const instant = (start: string, i: number, spreadMs: number) => new Date(Date.parse(start) + (i * 7919) % spreadMs).toISOString();

function customer(i: number, lastActivityAt: string): Customer {
  return {
    customerId: `c${pad(i, 7)}`,
    name: `Kunde ${i}`,
    phone: { e164: `+479${pad(i, 7)}`, kind: 'mobile' },
    emailPurposes: [],
    language: 'nb',
    lastActivityAt,
    createdAt: lastActivityAt,
    updatedAt: lastActivityAt,
    version: 1,
  } as Customer;
}

function documentPastRetention(number: number): SalesDocument {
  return {
    documentNumber: number,
    kind: 'invoice',
    issueDate: '2024-03-01',
    issuedAt: '2024-03-01T10:00:00.000Z',
    orderId: String(number),
    customerId: `gone-${number}`,
    retainUntil: '2029-12-31',
  } as unknown as SalesDocument;
}

async function seed(doc: ReturnType<typeof createDocumentClient>, tableName: string, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export async function measureSweep(short: boolean, shop: ShopConfig) {
  const DUE = short ? SHORT_DUE : FULL_DUE;
  // Short mode only proves the sweep still runs and reads the same either way; the full run shows it at scale.
  const sizes = short ? [500, 2_000] : [10_000, 100_000];
  const dynamodb = await startDynamoDbLocal();
  const meter = await startDynamoMeter(dynamodb.endpoint);
  const rows = [];
  try {
    for (const activeCustomers of sizes) {
      const tableName = `sweep-${activeCustomers}`;
      await ensureTable(dynamodb.endpoint, tableName);
      const direct = createDocumentClient({ tableName, endpoint: dynamodb.endpoint, region: 'eu-north-1' });
      const seedStarted = performance.now();
      const items: Record<string, unknown>[] = [];
      // Active customers: last order after the cut-off, many in the same year bucket as the due ones.
      for (let i = 0; i < activeCustomers; i++) items.push(customerItem(customer(i, instant('2027-06-02T00:00:00Z', i, 3 * 365 * 86_400_000))));
      for (let i = 0; i < DUE.customers; i++) {
        const due = customer(9_000_000 + i, instant('2026-01-01T00:00:00Z', i, 500 * 86_400_000));
        // As registration stores them: the profile, the number's claim, the name-search entries (all erased by the sweep).
        items.push(customerItem(due), { ...keys.phoneClaim(mobileNumberOf(due) as string), entity: ENTITY.phoneClaim, customerId: due.customerId }, ...nameEntryItems(due.customerId, nameSearchEntries(due.name)));
      }
      for (let i = 0; i < DUE.documents; i++) items.push(salesDocumentItem(documentPastRetention(10_001 + i)));
      for (let i = 0; i < DUE.messages; i++) {
        items.push(messageItem(newMessage({ customerId: `c${pad(i, 7)}`, orderId: String(1001 + i), purpose: 'pickup_ready', occasion: 'ready', params: { ticket: String(1001 + i) }, now: new Date('2030-05-01T10:00:00Z'), retentionDays: 14 })));
      }
      await seed(direct, tableName, items);
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      const doc = createDocumentClient({ tableName, endpoint: meter.endpoint, region: 'eu-north-1' });
      const deps: SweepDeps = {
        customerData: new DynamoCustomerDataRepository(doc, tableName),
        requests: new DynamoPrivacyRequestRepository(doc, tableName),
        retention: new DynamoRetentionRepository(doc, tableName),
        clock: () => new Date(),
        shop,
      };
      meter.reset();
      const started = performance.now();
      const report = await runRetentionSweep(deps, { asOf: AS_OF });
      const seconds = (performance.now() - started) / 1000;
      const reading = meter.read();
      const read = ['Query', 'GetItem', 'BatchGetItem'].reduce((sum, op) => sum + (reading.capacityByOperation[op] ?? 0), 0);
      const written = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].reduce((sum, op) => sum + (reading.capacityByOperation[op] ?? 0), 0);
      const dueSettled = Object.values(report.counts).reduce((sum, c) => sum + c.done, 0);
      // A second run: nothing left to do, so what it costs is the price of looking.
      meter.reset();
      await runRetentionSweep(deps, { asOf: AS_OF });
      const idle = meter.read();
      rows.push({
        tableItems: items.length,
        activeCustomers,
        dueItems: DUE.customers + DUE.documents + DUE.messages,
        settled: dueSettled,
        sweepSeconds: Number(seconds.toFixed(2)),
        readCapacityUnits: Number(read.toFixed(1)),
        writeCapacityUnits: Number(written.toFixed(1)),
        roundTrips: reading.roundTrips,
        scans: reading.operations.Scan ?? 0,
        secondRunReadUnits: Number(['Query', 'GetItem'].reduce((sum, op) => sum + (idle.capacityByOperation[op] ?? 0), 0).toFixed(1)),
        secondRunRoundTrips: idle.roundTrips,
        seedSeconds: Number(seedSeconds.toFixed(1)),
      });
      direct.destroy();
      doc.destroy();
    }
    return { asOf: AS_OF.toISOString(), rows };
  } finally {
    await meter.close();
    await dynamodb.stop();
  }
}
