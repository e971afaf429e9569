import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DynamoCustomerDataRepository } from '#shared/adapters/dynamodb/customer-data-repository';
import { DynamoCustomerRepository } from '#shared/adapters/dynamodb/customer-repository';
import { DynamoOrderRepository } from '#shared/adapters/dynamodb/order-repository';
import { DynamoPrivacyRequestRepository } from '#shared/adapters/dynamodb/privacy-request-repository';
import { DynamoRetentionRepository } from '#shared/adapters/dynamodb/retention-repository';
import { DynamoSalesDocumentRepository } from '#shared/adapters/dynamodb/sales-document-repository';
import { DynamoSignInRepository } from '#shared/adapters/dynamodb/sign-in-repository';
import { signIn } from '#shared/composition';
import { shopConfig } from '#shared/config/runtime-config';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import type { RightsDeps } from '#shared/domain/rights/rights-use-cases';
import { monthsBefore } from '#shared/domain/kernel/calendar';
import { inactivityPseudonym, runRetentionSweep, type SweepDeps, type SweepOptions } from '#shared/domain/retention/retention-sweep';
import { requestSignInCode } from '#shared/domain/rights/sign-in';
import { aCustomer, garmentsFor, mobileOf } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { scanTable } from '../helpers/test-environment';

/**
 * The retention sweep against DynamoDB Local, with a clock the test controls. Each test gets its
 * own table (the sweep's state is per table), built from the same definition as the real one.
 */
const api = apiHarness();

const ADDRESS = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const item = { service: 'Dress', description: 'Flekk på jakka', quantity: 1, unitPriceOre: 24_900 };

type Shop = Awaited<ReturnType<typeof aShop>>;

/** Sees every command the sweep sends; a promise it returns (a rejection: an injected fault) stands for DynamoDB's answer. */
type Intercept = (command: { constructor: { name: string }; input: { IndexName?: string } }) => Promise<never> | undefined;

/** A table, the real repositories on it (the sweep's through a client the test can watch or break), and a clock. */
async function aShop(options: { intercept?: Intercept; inactivityMonths?: number } = {}) {
  const tableName = await api.env.freshTable('sweep'); // TTL off: only the sweep deletes here, the case it exists for (TTL lagging)
  let now = new Date('2026-01-01T10:00:00Z');
  const { intercept } = options;
  const doc: DynamoDBDocumentClient = intercept
    ? new Proxy(api.env.doc, {
        get: (target, property) => (property === 'send' ? (command: Parameters<Intercept>[0]) => intercept(command) ?? target.send(command as never) : Reflect.get(target, property)),
      })
    : api.env.doc;
  const shop = { ...shopConfig(), ...(options.inactivityMonths ? { inactivityMonths: options.inactivityMonths } : {}) };
  const deps: RightsDeps & SweepDeps = {
    customers: new DynamoCustomerRepository(api.env.doc, tableName),
    orders: new DynamoOrderRepository(api.env.doc, tableName),
    documents: new DynamoSalesDocumentRepository(api.env.doc, tableName),
    requests: new DynamoPrivacyRequestRepository(api.env.doc, tableName),
    customerData: new DynamoCustomerDataRepository(doc, tableName),
    retention: new DynamoRetentionRepository(doc, tableName),
    clock: () => now,
    shop,
  };
  const allItems = () => scanTable(api.env.doc, tableName);
  return {
    deps,
    tableName,
    at: (iso: string) => {
      now = new Date(iso);
      return deps;
    },
    allItems,
    /** Everything but the sweep's own state and reports. */
    shopItems: async () => (await allItems()).filter((i) => i.pk !== 'SWEEP'),
    sweep: (asOf: string, more: SweepOptions = {}) => {
      now = new Date(asOf);
      return runRetentionSweep(deps, { asOf: now, ...more });
    },
  };
}

async function customerWithSales(shop: Shop, when: string, options: { open?: boolean; invoice?: boolean } = {}) {
  const deps = shop.at(when);
  const customer = await registerCustomer(deps, aCustomer({ name: `Kunde ${randomUUID().slice(0, 8)}` }));
  const sale = await createOrder(deps, { customerId: customer.customerId, items: [item], garments: garmentsFor([item]) });
  await markOrderReady(deps, sale.orderId);
  await recordPickup(deps, sale.orderId, options.invoice ? { method: 'invoice', buyerAddress: ADDRESS, customerId: sale.customerId } : { method: 'counter', posReceiptRef: 'K-1' });
  if (options.open) await createOrder(deps, { customerId: customer.customerId, items: [item], garments: garmentsFor([item]) });
  return customer;
}

const mentions = (items: Record<string, unknown>[], text: string) => items.filter((i) => JSON.stringify(i).includes(text));

describe('inactive customers', () => {
  it('anonymises a customer exactly at the end of the period, keeps one a moment inside it, and waits for open orders', async () => {
    const shop = await aShop();
    const asOf = '2029-06-15T03:30:00.000Z';
    const cutoff = monthsBefore(new Date(asOf), 36).toISOString();
    expect(cutoff).toBe('2026-06-15T03:30:00.000Z');
    const outside = await customerWithSales(shop, cutoff, { invoice: true });
    const inside = await customerWithSales(shop, new Date(Date.parse(cutoff) + 1).toISOString());
    const waiting = await customerWithSales(shop, '2026-01-10T12:00:00Z', { open: true });

    const report = await shop.sweep(asOf);

    expect(report).toMatchObject({ status: 'completed', dryRun: false, resumed: false });
    expect(report.counts.inactivity).toMatchObject({ found: 2, done: 1, blocked: 1, errors: 0, byEntity: { customer: 1 } });
    const items = await shop.shopItems();
    // The inactive customer is gone as an erasure would leave it: no id anywhere, and the name only
    // where the law requires it… Their invoice was never paid, so the claim's hold (GDPR art.
    // 17(3)(e)) keeps the name and the number beside it until it is (test/integration/erasure-with-debt.test.ts).
    expect(mentions(items, outside.customerId)).toEqual([]);
    expect(mentions(items, mobileOf(outside)).map((i) => i.entity)).toEqual(['claimHold']);
    expect(mentions(items, outside.name).map((i) => i.entity).sort()).toEqual(['claimHold', 'salesDocument']);
    // …on the invoice, under legal hold, with a pseudonym for the customer, until its retention date.
    const invoice = items.find((i) => i.entity === 'salesDocument') as { customerId: string; retainUntil: string; buyer: { name: string } };
    expect(invoice).toMatchObject({ customerId: inactivityPseudonym(outside.customerId), retainUntil: '2031-12-31', buyer: { name: outside.name } });
    expect(await shop.deps.customers.findIdByPhone(mobileOf(outside))).toBeUndefined();
    // The one a moment inside the period, and the one with garments in the shop, are untouched.
    expect(await shop.deps.customers.get(inside.customerId)).toMatchObject({ name: inside.name });
    expect(await shop.deps.customers.get(waiting.customerId)).toMatchObject({ name: waiting.name });
    expect(mentions(items, waiting.customerId).filter((i) => i.entity === 'order')).toHaveLength(2);
  });

  it('keeps a collected counter sale for the books without the customer, and deletes it when its retention ends', async () => {
    const shop = await aShop();
    const customer = await customerWithSales(shop, '2026-03-01T10:00:00Z');
    await shop.sweep('2029-03-02T03:30:00Z');
    // The pickup's sale was stored apart from the order when it was made: the order went with its customer.
    expect((await shop.shopItems()).filter((i) => i.entity === 'order')).toEqual([]);
    const kept = (await shop.shopItems()).filter((i) => i.entity === 'counterSale');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ n: 1, retainUntil: '2031-12-31', posReceiptRef: 'K-1', gsi2pk: 'DUE#bookkeeping#2031' });
    expect(JSON.stringify(kept)).not.toContain('Flekk'); // descriptions are free text about the customer
    expect(JSON.stringify(kept)).not.toContain(customer.customerId);

    expect((await shop.sweep('2031-12-31T03:30:00Z')).counts.bookkeeping.done).toBe(0); // its last day
    const report = await shop.sweep('2032-01-01T03:30:00Z');
    expect(report.counts.bookkeeping.byEntity).toEqual({ counterSale: 1 });
    expect(await shop.shopItems()).toEqual([expect.objectContaining({ entity: 'counter' })]);
  });

});

describe('sales documents', () => {
  it('are deleted the day after their retention date, on each side of a year end', async () => {
    const shop = await aShop({ inactivityMonths: 120 }); // keep the customers out of this test
    await customerWithSales(shop, '2025-12-31T12:00:00Z', { invoice: true });
    await customerWithSales(shop, '2026-01-01T12:00:00Z', { invoice: true });
    const first = (await shop.shopItems()).find((i) => i.entity === 'salesDocument' && i.issueDate === '2025-12-31') as { documentNumber: number };
    await creditInvoice(shop.at('2026-01-02T12:00:00Z'), first.documentNumber, 'Feil pris');
    const documents = async () => (await shop.shopItems()).filter((i) => i.entity === 'salesDocument' || i.entity === 'creditClaim').map((i) => `${String(i.entity)}:${String(i.issueDate ?? i.retainUntil)}`).sort();
    expect(await documents()).toEqual(['creditClaim:2031-12-31', 'salesDocument:2025-12-31', 'salesDocument:2026-01-01', 'salesDocument:2026-01-02']);

    expect((await shop.sweep('2030-12-31T22:59:59Z')).counts.bookkeeping.found).toBe(0); // 23:59:59 in Oslo: still its last day
    const newYear = await shop.sweep('2030-12-31T23:00:00Z'); // midnight in Oslo
    expect(newYear.counts.bookkeeping).toMatchObject({ found: 1, done: 1, byEntity: { salesDocument: 1 } });
    expect(await documents()).toEqual(['creditClaim:2031-12-31', 'salesDocument:2026-01-01', 'salesDocument:2026-01-02']);

    expect((await shop.sweep('2031-12-31T12:00:00Z')).counts.bookkeeping.done).toBe(0);
    expect((await shop.sweep('2032-01-01T12:00:00Z')).counts.bookkeeping.byEntity).toEqual({ salesDocument: 2, creditClaim: 1, receivable: 2 }); // each invoice's receivable goes with it
    expect(await documents()).toEqual([]);
  });
});

describe('expired messages and codes', () => {
  it('are deleted once their TTL has passed, whether or not DynamoDB has got to them', async () => {
    const shop = await aShop();
    await customerWithSales(shop, '2026-01-05T10:00:00Z'); // a "ready" SMS, kept 14 days
    const customer = await registerCustomer(shop.at('2026-01-05T11:00:00Z'), aCustomer());
    // The number's SMS budget and the client's requests are counted for the hour and the day: four counters.
    await requestSignInCode({ ...signIn(), ...shop.deps, signIn: new DynamoSignInRepository(api.env.doc, shop.tableName) }, mobileOf(customer), '192.0.2.1');
    const ephemeral = async () => (await shop.shopItems()).filter((i) => typeof i.expiresAt === 'number').map((i) => String(i.entity)).sort();
    expect(await ephemeral()).toEqual(['message', 'message', 'signInCode', 'signInRate', 'signInRate', 'signInRate', 'signInRate']);

    expect((await shop.sweep('2026-01-05T11:09:00Z')).counts.expiry.done).toBe(0); // the code lives ten minutes
    expect((await shop.sweep('2026-01-05T11:10:00Z')).counts.expiry.byEntity).toEqual({ signInCode: 1 });
    expect((await shop.sweep('2026-01-06T11:10:00Z')).counts.expiry.byEntity).toEqual({ signInRate: 4 });
    expect((await shop.sweep('2026-01-19T12:00:00Z')).counts.expiry.byEntity).toEqual({ message: 2 });
    expect(await ephemeral()).toEqual([]);
  });
});

describe('safe to run and re-run', () => {
  async function busyShop(options: Parameters<typeof aShop>[0] = {}) {
    const shop = await aShop(options);
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await customerWithSales(shop, `2026-01-0${i + 1}T10:00:00Z`, { invoice: i % 2 === 0, open: i === 5 }));
    return { shop, customers };
  }
  const AS_OF = '2033-01-10T03:30:00Z';
  const fingerprint = (items: Record<string, unknown>[]) => items.map((i) => JSON.stringify(i)).sort();

  it('a second run changes nothing, and a dry run reports what the real run then does, changing nothing', async () => {
    const { shop } = await busyShop();
    const before = fingerprint(await shop.allItems());
    const dry = await shop.sweep(AS_OF, { dryRun: true });
    expect(fingerprint(await shop.allItems()).filter((i) => !i.includes('sweepReport'))).toEqual(before);

    const real = await shop.sweep(AS_OF);
    expect(real.counts).toEqual(dry.counts);
    expect(real.counts.expiry.byEntity).toEqual({ message: 6 });
    expect(real.counts.bookkeeping.byEntity).toEqual({ salesDocument: 3, counterSale: 3, receivable: 3 }); // past 2031-12-31
    expect(real.counts.inactivity).toMatchObject({ found: 6, done: 5, blocked: 1 });

    const after = fingerprint(await shop.shopItems());
    const again = await shop.sweep(AS_OF);
    expect(fingerprint(await shop.shopItems())).toEqual(after);
    expect(again.counts.inactivity).toMatchObject({ found: 1, done: 0, blocked: 1 });
    expect(again.counts.bookkeeping.found + again.counts.expiry.found).toBe(0);
  });

  it('resumes after a crash mid-run where it stopped, and ends as an uninterrupted run would', async () => {
    let queries = 0;
    let crashAt = 6; // with one item a page: inside the 2026 bucket of expired messages
    const { shop } = await busyShop({
      intercept: (command) =>
        command instanceof QueryCommand && command.input.IndexName === 'gsi2' && ++queries === crashAt
          ? Promise.reject(new ProvisionedThroughputExceededException({ message: 'Throughput exceeds the current capacity', $metadata: {} }))
          : undefined,
    });
    const reference = await busyShop();
    await shop.sweep(AS_OF, { pageSize: 1 }).then(
      () => fail('the injected fault should stop the run'),
      (error: Error) => expect(error.name).toBe('ProvisionedThroughputExceededException'),
    );
    const state = (await shop.deps.retention.readState())?.run;
    expect(state).toMatchObject({ ruleIndex: 0, year: 2026, pages: 5, counts: { expiry: { found: 3, done: 3 } } });
    expect(JSON.stringify(state)).not.toMatch(/CUSTOMER#|PHONE#/); // the checkpoint holds an anchor, never a key

    crashAt = -1;
    const resumed = await shop.sweep('2040-01-01T00:00:00Z', { pageSize: 1 }); // a later day: the interrupted run's date applies
    expect(resumed).toMatchObject({ status: 'completed', resumed: true, asOf: new Date(AS_OF).toISOString() });
    const uninterrupted = await reference.shop.sweep(AS_OF); // the counts do not depend on the page size
    expect(resumed.counts).toEqual(uninterrupted.counts);
    const shape = async (s: Shop) => (await s.shopItems()).map((i) => `${String(i.entity)}:${String(i.status ?? '')}`).sort();
    expect(await shape(shop)).toEqual(await shape(reference.shop));
    // Two shops built and one swept an item a page: 5 s alone here, past 30 s in CI beside other
    // jobs, past 120 s with three other test runs on the machine.
  }, 300_000);

  it('reports an item it could not settle, settles the rest, and retries that one next run', async () => {
    let deletes = 0;
    const { shop } = await busyShop({
      intercept: (command) =>
        command instanceof DeleteCommand && ++deletes === 2 ? Promise.reject(Object.assign(new Error('Internal failure with the item'), { name: 'InternalServerError' })) : undefined,
    });
    const run = await shop.sweep('2026-12-31T12:00:00Z'); // nothing inactive yet: only expired messages
    const report = (await shop.allItems()).find((i) => i.entity === 'sweepReport' && i.runId === run.runId) as typeof run | undefined; // kept, as returned
    expect(report?.counts.expiry).toMatchObject({ errors: 1 });
    expect(report?.errors).toEqual([{ rule: 'expiry', entity: 'message', error: 'InternalServerError', count: 1 }]);
    expect(report?.counts.expiry.done).toBe((report?.counts.expiry.found ?? 0) - 1);
    const next = await shop.sweep('2026-12-31T12:00:00Z');
    expect(next.counts.expiry).toMatchObject({ found: 1, done: 1, errors: 0 });
  });

  it('keeps reports with counts only: no key, id, name or number', async () => {
    const { shop, customers } = await busyShop();
    await shop.sweep(AS_OF);
    const reports = (await shop.allItems()).filter((i) => i.entity === 'sweepReport' || i.entity === 'sweepState');
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const customer of customers) for (const trace of [customer.customerId, customer.name, mobileOf(customer)]) expect(mentions(reports, trace)).toEqual([]);
    expect(JSON.stringify(reports)).not.toMatch(/CUSTOMER#|PHONE#|DOCUMENT#/);
  });
});

describe('reads only what is due', () => {
  it('uses Query on the due-date index and conditional writes, never a Scan, and reads each bucket once per page', async () => {
    const commands: string[] = [];
    const shop = await aShop({
      intercept: (command) => {
        commands.push(`${command.constructor.name}${command.input.IndexName ? `:${command.input.IndexName}` : ''}`);
        return undefined;
      },
    });
    for (let i = 0; i < 3; i++) await customerWithSales(shop, `2026-02-0${i + 1}T10:00:00Z`);
    commands.length = 0;
    await shop.sweep('2029-02-10T03:30:00Z');
    expect(commands.some((c) => c.startsWith('Scan'))).toBe(false);
    const indexQueries = commands.filter((c) => c === 'QueryCommand:gsi2').length;
    // One query per bucket year per rule from 2024 (the first run) to the rule's bound: a handful, whatever the table holds.
    expect(indexQueries).toBeLessThanOrEqual(3 + 6 + 6);
    commands.length = 0;
    await shop.sweep('2029-02-11T03:30:00Z');
    // The next run starts at the buckets still holding items: one query per rule.
    expect(commands.filter((c) => c === 'QueryCommand:gsi2')).toHaveLength(3);
  });
});
