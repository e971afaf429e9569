import { BatchWriteCommand, DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stageConfig } from '../../infra/config/stages';
import { documentClient } from '#shared/composition';
import { accountItemItem } from '#shared/adapters/dynamodb/items';
import { keys } from '#shared/adapters/dynamodb/keys';
import { DynamoCustomerRepository } from '#shared/adapters/dynamodb/customer-repository';
import { DynamoOrderRepository } from '#shared/adapters/dynamodb/order-repository';
import { ACCOUNT_ITEMS_PER_TRANSACTION, DynamoSalesDocumentRepository } from '#shared/adapters/dynamodb/sales-document-repository';
import type { AccountItem } from '#shared/domain/invoices/account-items';
import { periodEndedBefore } from '#shared/domain/invoices/collective-invoice';
import { issueCollectiveInvoice, issueDueCollectiveInvoices } from '#shared/domain/invoices/invoice-use-cases';
import { addDays, shopDate } from '#shared/domain/kernel/calendar';
import type { CounterDeps } from '#shared/domain/kernel/deps';
import { vatFromGross } from '#shared/domain/kernel/money';
import { aBusiness, aCustomer, anOrderTakenIn, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Issue #17, point 2: the collective invoice (samlefaktura), through the staff API and the monthly
 * job on DynamoDB Local: one invoice per business and period in the gapless series, listing each
 * pickup on account, consuming them once, its receivable in the same transaction as the invoice,
 * and a run stopped half way completed by the next from the period's claim.
 */
const api = apiHarness();
const { call } = api;
const shop = stageConfig('local').shop;
const today = shopDate(new Date(), shop.timeZone);
const thisMonth = today.slice(0, 7);
const lastMonth = periodEndedBefore(today, 'month');
const twoMonthsAgo = periodEndedBefore(lastMonth.from, 'month');

type Json = Record<string, unknown>;
type Document = { documentNumber: number; kind: string; customerId: string; orderId: string; lines: { lineTotalOre: number; vatOre: number }[]; totals: { grossOre: number; vatOre: number; netOre: number }; collectiveOrders: { orderId: string; n: number; date: string; reference?: string; lineCount: number }[]; buyer: Json; delivery: string };

async function aBusinessOnAccount(extra: Json = {}): Promise<string> {
  const registered = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: 'Hotell Mjøsa AS', business: aBusiness({ onAccount: true, reference: 'Resepsjonen' }), ...extra }) });
  expect([registered.status, registered.json.errors]).toEqual([201, undefined]);
  return registered.json.customerId as string;
}

async function readyOrderOf(customerId: string, order: Json = {}) {
  const { orderId } = await anOrderTakenIn(call, api.staff, customerId, order);
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
  return orderId;
}

const pickUpOnAccount = async (orderId: string, customerId: string, tags?: string[]) => {
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId, ...(tags ? { tags } : {}) } });
  expect(picked.status).toBe(200);
};

const issue = (customerId: string, body?: Json) => call('POST', `/admin/customers/${customerId}/collective-invoice`, { token: api.staff, ...(body ? { body } : {}) });
const itemsOf = async (customerId: string, entity: string) => (await api.env.allItems()).filter((i) => i.entity === entity && i.customerId === customerId);

/** Three pickups on account this month: two whole orders (one with its own reference) and the shirt of a partial one. */
async function threePickups(customerId: string) {
  const whole = await readyOrderOf(customerId, { reference: 'Kjøkkenet' });
  const other = await readyOrderOf(customerId);
  const tags = { shirt: uniqueTag(), duvet: uniqueTag() };
  const created = await call('POST', '/admin/orders', {
    token: api.staff,
    body: {
      customerId,
      lines: [{ freeText: { service: 'Skjorte', unitPriceOre: 7_900, quantity: 1 } }, { freeText: { service: 'Dyne', unitPriceOre: 39_900, quantity: 1 } }],
      garments: [{ tag: tags.shirt, line: 1 }, { tag: tags.duvet, line: 2 }],
    },
  });
  expect(created.status).toBe(201);
  const partial = created.json.orderId as string;
  expect((await call('POST', `/admin/orders/${partial}/garments/ready`, { token: api.staff, body: { tags: [tags.shirt], location: 'Stativ 1' } })).status).toBe(200);
  await pickUpOnAccount(whole, customerId);
  await pickUpOnAccount(other, customerId);
  await pickUpOnAccount(partial, customerId, [tags.shirt]);
  const orders = await Promise.all([whole, other].map(async (id) => (await call('GET', `/admin/orders/${id}`, { token: api.staff })).json as { totals: { grossOre: number } }));
  return { whole, other, partial, grossOre: (orders[0]?.totals.grossOre ?? 0) + (orders[1]?.totals.grossOre ?? 0) + 7_900 };
}

/** Pickups on account written as the pickup's transaction writes them (items.ts), many at once: the 200-order month without 200 orders. */
async function seedAccountItems(customerId: string, count: number, date: string, grossOre: number, firstTicket = 900_000): Promise<AccountItem[]> {
  const items: AccountItem[] = Array.from({ length: count }, (_, i) => ({
    customerId,
    orderId: String(firstTicket + i),
    n: 1,
    at: `${date}T09:00:00.000Z`,
    date,
    lines: [{ line: 1, name: 'Duk', quantity: 2, amountOre: grossOre }],
    totals: vatFromGross(grossOre, 25),
  }));
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: accountItemItem(item) } }));
    while (pending?.length) {
      const { UnprocessedItems } = await api.env.doc.send(new BatchWriteCommand({ RequestItems: { [api.env.tableName]: pending as never } }));
      pending = UnprocessedItems?.[api.env.tableName] as Record<string, unknown>[] | undefined;
    }
  }
  return items;
}

/** The commands one call sends to DynamoDB, and its round trips (commands sent together, as the BatchGet and the Query, are one). */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  const name = `collectiveCounter${Math.random()}`;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await run(), commands };
  } finally {
    documentClient().middlewareStack.remove(name);
  }
}

describe('the collective invoice, issued by staff', () => {
  it('lists the three pickups of the month as one invoice with their totals, opens its receivable, consumes the pickups, and answers a second click with the same invoice', async () => {
    const customerId = await aBusinessOnAccount({ email: 'faktura@hotell-mjosa.no', invoiceByEmail: true });
    const { whole, other, partial, grossOre } = await threePickups(customerId);

    const { result: issued, commands } = await counted(() => issue(customerId, { period: thisMonth }));
    expect(issued.status).toBe(201);
    const document = (issued.json as { document: Document }).document;
    expect(issued.json).toMatchObject({ outcome: 'issued', period: { key: thisMonth } });
    expect(issued.headers.location).toBe(`/admin/invoices/${document.documentNumber}`);
    expect(document.collectiveOrders.map((o) => o.orderId).sort()).toEqual([whole, other, partial].sort());
    expect(document.collectiveOrders.find((o) => o.orderId === whole)?.reference).toBe('Kjøkkenet');
    expect(document.collectiveOrders.find((o) => o.orderId === other)?.reference).toBe('Resepsjonen');
    expect(document.collectiveOrders.find((o) => o.orderId === partial)?.lineCount).toBe(1);
    expect(document.lines).toHaveLength(document.collectiveOrders.reduce((sum, o) => sum + o.lineCount, 0));
    expect(document.totals).toEqual({ ...vatFromGross(grossOre, 25) });
    expect(document.lines.reduce((sum, l) => sum + l.lineTotalOre, 0)).toBe(grossOre);
    expect(document.buyer).toMatchObject({ name: 'Hotell Mjøsa AS', reference: 'Resepsjonen' });
    expect(document.delivery).toBe('email');
    // One read (the account, series and claim by key, beside the Queries of the pickups and of the unfinished claims), one transaction.
    expect(commands.sort()).toEqual(['BatchGetItem', 'Query', 'Query', 'TransactWriteItems']);

    const stored = await call('GET', `/admin/invoices/${document.documentNumber}`, { token: api.staff });
    expect(stored.json).toMatchObject({ documentNumber: document.documentNumber, receivable: { status: 'open', balanceOre: grossOre } });
    expect(await itemsOf(customerId, 'accountItem')).toEqual([]);
    expect(await itemsOf(customerId, 'collectiveClaim')).toEqual([expect.objectContaining({ period: thisMonth, documentNumber: document.documentNumber, completedAt: expect.any(String) })]);
    expect((await itemsOf(customerId, 'message')).filter((m) => m.purpose === 'invoice_sent')).toHaveLength(1);

    // The journal lists the collective invoice once, as any invoice.
    const journal = await call('GET', `/admin/exports/sales?from=${today}&to=${today}`, { token: api.staff });
    expect(journal.text.split('\n').filter((row) => row.includes(`;${document.documentNumber};`) || row.includes(`,${document.documentNumber},`))).toHaveLength(1);

    const again = await issue(customerId, { period: thisMonth });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: 'already_issued', document: { documentNumber: document.documentNumber } });
    expect((await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && i.customerId === customerId)).toHaveLength(1);
  });

  it('is credited like any invoice: chosen lines in part, then what is left in full', async () => {
    const customerId = await aBusinessOnAccount();
    const { grossOre } = await threePickups(customerId);
    const document = ((await issue(customerId, { period: thisMonth })).json as { document: Document }).document;
    const partly = await call('POST', `/admin/invoices/${document.documentNumber}/credit`, { token: api.staff, body: { reason: 'Én duk var ikke vår', lines: [{ line: 1 }] } });
    expect(partly.status).toBe(201);
    const firstLine = document.lines[0]?.lineTotalOre ?? 0;
    expect(partly.json).toMatchObject({ kind: 'credit_note', creditsDocument: document.documentNumber, totals: { grossOre: -firstLine } });
    const rest = await call('POST', `/admin/invoices/${document.documentNumber}/credit`, { token: api.staff, body: { reason: 'Resten', amountOre: grossOre - firstLine } });
    expect(rest.status).toBe(201);
    const stored = await call('GET', `/admin/invoices/${document.documentNumber}`, { token: api.staff });
    expect(stored.json).toMatchObject({ receivable: { status: 'credited', balanceOre: 0 } });
  });

  it('uses no number when nothing is due, and refuses a private customer (400), an account not on account (409), a period of another kind or not begun (400), an unknown customer (404)', async () => {
    const customerId = await aBusinessOnAccount();
    const nothing = await issue(customerId);
    expect(nothing.status).toBe(200);
    expect(nothing.json).toEqual({ outcome: 'nothing_due', period: lastMonth });
    const privateCustomer = (await call('POST', '/admin/customers', { token: api.staff, body: aCustomer() })).json.customerId as string;
    const refused = await issue(privateCustomer);
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([expect.objectContaining({ pointer: '/customerId' })]);
    // A business not on account has nothing on account to invoice (what it took before it went off account is, below).
    const offAccount = (await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: 'Frisør AS', business: aBusiness({ onAccount: false }) }) })).json.customerId as string;
    expect(await issue(offAccount)).toMatchObject({ status: 200, json: { outcome: 'nothing_due' } });
    for (const period of ['2026-Q4', `${Number(today.slice(0, 4)) + 1}-01`, '2026-13']) {
      const bad = await issue(customerId, { period });
      expect([bad.status, (bad.json.errors as { pointer: string }[])[0]?.pointer]).toEqual([400, '/period']);
    }
    expect((await issue('3f0c2a9e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.env.allItems()).filter((i) => i.entity === 'collectiveClaim' && [customerId, privateCustomer, offAccount].includes(i.customerId as string))).toEqual([]);
  });

  it('leaves a pickup made after the invoice of its period waiting, and lists it on the next period\'s with its own date', async () => {
    const customerId = await aBusinessOnAccount();
    const [first, late] = [await readyOrderOf(customerId), await readyOrderOf(customerId)];
    await pickUpOnAccount(first, customerId);
    const january = ((await issue(customerId, { period: thisMonth })).json as { document: Document }).document;
    await pickUpOnAccount(late, customerId);
    // The period's invoice is issued: a rerun answers it and leaves the late pickup alone.
    expect((await issue(customerId, { period: thisMonth })).json).toMatchObject({ outcome: 'already_issued', document: { documentNumber: january.documentNumber } });
    expect((await itemsOf(customerId, 'accountItem')).map((i) => i.orderId)).toEqual([late]);
    // The next period's invoice takes it, as the job will on the first of next month.
    const repository = new DynamoSalesDocumentRepository(api.env.doc, api.env.tableName);
    const next = await issueCollectiveInvoice({ ...deps(repository), clock: () => new Date(`${addDays(`${thisMonth}-28`, 40)}T10:00:00Z`) }, customerId);
    expect(next).toMatchObject({ outcome: 'issued', document: { collectiveOrders: [{ orderId: late, date: today }] } });
  });
});

function deps(documents: DynamoSalesDocumentRepository): CounterDeps {
  return { customers: new DynamoCustomerRepository(api.env.doc, api.env.tableName), orders: new DynamoOrderRepository(api.env.doc, api.env.tableName), documents, clock: () => new Date(), shop };
}

/** The table's client, with its TransactWrite commands failing from the `failFrom`-th on (a crash of the run at that point). */
function crashingClient(failFrom: number): DynamoDBDocumentClient {
  let transactions = 0;
  return new Proxy(api.env.doc, {
    get: (target, property) =>
      property === 'send'
        ? (command: { constructor: { name: string } }) => {
            if (command.constructor.name === 'TransactWriteCommand' && ++transactions >= failFrom) return Promise.reject(new Error('The function was stopped (injected)'));
            return target.send(command as never);
          }
        : Reflect.get(target, property),
  });
}

describe('a run stopped half way', () => {
  it('is completed by the next from the claim: the number taken, the pickups consumed once, the invoice stored with its receivable', async () => {
    const customerId = await aBusinessOnAccount();
    const seeded = await seedAccountItems(customerId, 2 * ACCOUNT_ITEMS_PER_TRANSACTION + 20, `${thisMonth}-01`, 1_000);
    // The claim and the first 90 pickups are written, then the run stops.
    const crashing = new DynamoSalesDocumentRepository(crashingClient(2), api.env.tableName);
    await expect(issueCollectiveInvoice(deps(crashing), customerId, thisMonth)).rejects.toThrow('injected');
    const [claim] = await itemsOf(customerId, 'collectiveClaim');
    expect(claim).toMatchObject({ period: thisMonth, document: expect.any(Object) });
    expect(claim?.completedAt).toBeUndefined();
    expect(await itemsOf(customerId, 'accountItem')).toHaveLength(seeded.length - ACCOUNT_ITEMS_PER_TRANSACTION);
    expect((await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && i.documentNumber === claim?.documentNumber)).toEqual([]);

    // Staff (or the job's retry) issue again: the claimed invoice is completed, with the claimed number.
    const completed = await issue(customerId, { period: thisMonth });
    expect(completed.status).toBe(201);
    const document = (completed.json as { document: Document }).document;
    expect(document.documentNumber).toBe(claim?.documentNumber);
    expect(document.collectiveOrders).toHaveLength(seeded.length);
    expect(document.totals.grossOre).toBe(seeded.length * 1_000);
    expect(await itemsOf(customerId, 'accountItem')).toEqual([]);
    expect(await itemsOf(customerId, 'collectiveClaim')).toEqual([expect.not.objectContaining({ document: expect.anything() })]);
    expect((await call('GET', `/admin/invoices/${document.documentNumber}`, { token: api.staff })).json).toMatchObject({ receivable: { balanceOre: seeded.length * 1_000 } });
  });
});

/** Every collective invoice stored for a business, by number. */
const invoicesOf = async (customerId: string) =>
  (await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && i.customerId === customerId).sort((a, b) => (a.documentNumber as number) - (b.documentNumber as number)) as unknown as Document[];

describe('a period issued while another period\'s run is left half way', () => {
  it('completes the other period\'s claim first: every pickup on exactly one invoice, and the claimed number used', async () => {
    const customerId = await aBusinessOnAccount();
    // Last month's 150 pickups: its run claims the number and consumes 90, then stops.
    const november = await seedAccountItems(customerId, ACCOUNT_ITEMS_PER_TRANSACTION + 60, lastMonth.from, 1_000);
    const crashing = new DynamoSalesDocumentRepository(crashingClient(2), api.env.tableName);
    await expect(issueCollectiveInvoice(deps(crashing), customerId, lastMonth.key)).rejects.toThrow('injected');
    const [claim] = await itemsOf(customerId, 'collectiveClaim');
    expect(claim).toMatchObject({ period: lastMonth.key, gsi1pk: 'COLLECTIVES#unfinished' });
    // This month's pickups, and staff issue the running month (allowed: a business closing its account).
    const december = await seedAccountItems(customerId, 30, today, 2_000, 950_000);
    const issued = await issue(customerId, { period: thisMonth });
    expect([issued.status, issued.json.outcome]).toEqual([201, 'issued']);
    const decemberInvoice = (issued.json as { document: Document }).document;
    expect(decemberInvoice.documentNumber).toBeGreaterThan(claim?.documentNumber as number);
    expect(decemberInvoice.totals.grossOre).toBe(30 * 2_000);

    // Last month's invoice was completed on the way, with its number and all 150 pickups; its rerun answers it.
    const invoices = await invoicesOf(customerId);
    expect(invoices.map((d) => d.documentNumber)).toEqual([claim?.documentNumber, decemberInvoice.documentNumber]);
    expect(invoices[0]).toMatchObject({ orderId: lastMonth.key, totals: { grossOre: 150 * 1_000 } });
    const rerun = await issue(customerId, { period: lastMonth.key });
    expect(rerun.json).toMatchObject({ outcome: 'already_issued', document: { documentNumber: claim?.documentNumber } });
    const listed = invoices.flatMap((d) => d.collectiveOrders.map((o) => `${o.orderId}#${o.n}`));
    expect(listed.sort()).toEqual([...november, ...december].map((i) => `${i.orderId}#${i.n}`).sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(await itemsOf(customerId, 'accountItem')).toEqual([]);
    expect((await itemsOf(customerId, 'collectiveClaim')).map((c) => [c.completedAt !== undefined, c.gsi1pk])).toEqual([[true, undefined], [true, undefined]]);
    for (const { documentNumber, totals } of invoices) expect((await call('GET', `/admin/invoices/${documentNumber}`, { token: api.staff })).json).toMatchObject({ receivable: { balanceOre: totals.grossOre } });
  });

  it('a claim with nothing left waiting is completed by the next job run, which tells it was left over a day', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, ACCOUNT_ITEMS_PER_TRANSACTION + 10, twoMonthsAgo.from, 1_000);
    const crashing = new DynamoSalesDocumentRepository(crashingClient(2), api.env.tableName);
    await expect(issueCollectiveInvoice(deps(crashing), customerId, twoMonthsAgo.key)).rejects.toThrow('injected');
    // Its 10 pickups left went elsewhere (as a run before the fix put them on the next period's invoice): nothing
    // waiting brings the job to this business; the claim's entry in the unfinished index does.
    for (const item of await itemsOf(customerId, 'accountItem')) await api.env.doc.send(new DeleteCommand({ TableName: api.env.tableName, Key: { pk: item.pk, sk: item.sk } }));
    const [claim] = await itemsOf(customerId, 'collectiveClaim');
    const repository = new DynamoSalesDocumentRepository(api.env.doc, api.env.tableName);
    const dayAfter = new Date(Date.now() + 36 * 3_600_000);
    const run = await issueDueCollectiveInvoices(deps(repository), dayAfter);
    expect(run.staleClaims).toBeGreaterThanOrEqual(1);
    expect(run.completedFirst).toBeGreaterThanOrEqual(1);
    expect(run.failed).toBe(0);
    expect(await invoicesOf(customerId)).toEqual([expect.objectContaining({ documentNumber: claim?.documentNumber, orderId: twoMonthsAgo.key, totals: expect.objectContaining({ grossOre: 100 * 1_000 }) })]);
    expect(await itemsOf(customerId, 'collectiveClaim')).toEqual([expect.objectContaining({ completedAt: expect.any(String) })]);
    expect((await repository.listUnfinishedCollectiveClaims()).filter((c) => c.customerId === customerId)).toEqual([]);
  });
});

describe('a claim completed on a later day', () => {
  it('keeps its number and issue date, and gives the buyer the whole term from the day it is completed', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, ACCOUNT_ITEMS_PER_TRANSACTION + 5, `${thisMonth}-01`, 1_000);
    const crashing = new DynamoSalesDocumentRepository(crashingClient(2), api.env.tableName);
    await expect(issueCollectiveInvoice(deps(crashing), customerId, thisMonth)).rejects.toThrow('injected');
    const [claim] = await itemsOf(customerId, 'collectiveClaim');
    const claimed = claim?.document as { issueDate: string; dueDate: string };
    // Twenty days after its date (the series' date, which other tests may have moved on), the next run completes it.
    const later = new Date(`${addDays(claimed.issueDate, 20)}T10:00:00Z`);
    const repository = new DynamoSalesDocumentRepository(api.env.doc, api.env.tableName);
    const completed = await issueCollectiveInvoice({ ...deps(repository), clock: () => later }, customerId, thisMonth);
    const dueDate = addDays(shopDate(later, shop.timeZone), shop.invoiceDueDays);
    expect(completed).toMatchObject({ outcome: 'issued', document: { documentNumber: claim?.documentNumber, issueDate: claimed.issueDate, dueDate } });
    expect(dueDate > claimed.dueDate).toBe(true);
    expect((await call('GET', `/admin/invoices/${claim?.documentNumber as number}`, { token: api.staff })).json).toMatchObject({ dueDate, receivable: { dueDate } });
  });
});

describe('a period invoiced long ago, its invoice deleted after retention', () => {
  it('answers 409 naming /period, and issues nothing', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, 1, `${thisMonth}-01`, 1_000);
    const document = ((await issue(customerId, { period: thisMonth })).json as { document: Document }).document;
    // The retention sweep deletes the document (five years on); the claim stays with the business.
    await api.env.doc.send(new DeleteCommand({ TableName: api.env.tableName, Key: keys.salesDocument(document.documentNumber) }));
    const again = await issue(customerId, { period: thisMonth });
    expect([again.status, again.json.errors]).toEqual([409, [expect.objectContaining({ pointer: '/period' })]]);
    expect(await invoicesOf(customerId)).toEqual([]);
  });
});

describe('the monthly job\'s errors', () => {
  const context = { functionName: 'collective-invoices', awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 };
  type Run = { refused: number; failed: number; errors: { outcome: string; name: string; kind?: string }[] };

  it('invoices what an account picked up on account before it was taken off account: the sales are not left waiting', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, 2, lastMonth.from, 1_000);
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.customer(customerId), UpdateExpression: 'SET business.onAccount = :off', ExpressionAttributeValues: { ':off': false } }));
    expect(await issue(customerId, { period: lastMonth.key })).toMatchObject({ status: 201, json: { outcome: 'issued' } });
    expect(await itemsOf(customerId, 'accountItem')).toHaveLength(0);
  });

  it('counts a business being erased with pickups waiting as refused, names no one, and does not fail the run', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, 2, lastMonth.from, 1_000);
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.customer(customerId), UpdateExpression: 'SET erasingSince = :now', ExpressionAttributeValues: { ':now': new Date().toISOString() } }));
    const logged: string[] = [];
    // The logger's lines, as CloudWatch would get them (warnings go to stderr).
    const writes = [process.stdout, process.stderr].map((stream) => jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => logged.push(String(chunk)) > 0));
    let run: Run;
    try {
      const { handler } = (await import('../../functions/jobs/collective-invoices.handler')) as { handler: (input: unknown, context: unknown) => Promise<Run> };
      run = await handler({}, context);
    } finally {
      for (const write of writes) write.mockRestore();
    }
    expect(run.refused).toBeGreaterThanOrEqual(1);
    expect(run.failed).toBe(0);
    expect(run.errors).toContainEqual({ outcome: 'refused', name: 'ConflictError', kind: 'conflict' });
    expect(logged.join('')).toContain('collective invoice refused');
    // The stale-claim count goes out as the alarmed metric on every run.
    expect(logged.join('')).toContain('"StaleCollectiveInvoiceClaims":');
    expect(logged.join('')).not.toContain(customerId);
    expect(JSON.stringify(run)).not.toContain(customerId);
    expect(await itemsOf(customerId, 'accountItem')).toHaveLength(2);
  });

  it('counts a failure apart from refusals, by the error\'s name', async () => {
    const customerId = await aBusinessOnAccount();
    await seedAccountItems(customerId, 1, lastMonth.from, 1_000);
    const failing = new DynamoSalesDocumentRepository(crashingClient(1), api.env.tableName);
    const run = await issueDueCollectiveInvoices(deps(failing), new Date());
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(run.errors).toContainEqual({ outcome: 'failed', name: 'Error' });
    expect(JSON.stringify(run)).not.toContain(customerId);
    expect(await invoicesOf(customerId)).toEqual([]);
  });
});

describe('a month of 200 pickups on account', () => {
  it('is one invoice: all 200 consumed, totals right, in one read and three transactions', async () => {
    const customerId = await aBusinessOnAccount();
    const seeded = await seedAccountItems(customerId, 200, `${thisMonth}-01`, 12_345);
    const { result: issued, commands } = await counted(() => issue(customerId, { period: thisMonth }));
    expect(issued.status).toBe(201);
    const document = (issued.json as { document: Document }).document;
    expect(document.collectiveOrders).toHaveLength(200);
    expect(document.lines).toHaveLength(200);
    expect(document.totals).toEqual(vatFromGross(200 * 12_345, 25));
    expect(new Set(document.collectiveOrders.map((o) => o.orderId))).toEqual(new Set(seeded.map((i) => i.orderId)));
    expect(await itemsOf(customerId, 'accountItem')).toEqual([]);
    expect(commands.sort()).toEqual(['BatchGetItem', 'Query', 'Query', 'TransactWriteItems', 'TransactWriteItems', 'TransactWriteItems']);
    expect((await call('GET', `/admin/invoices/${document.documentNumber}`, { token: api.staff })).json).toMatchObject({ receivable: { status: 'open', balanceOre: 200 * 12_345 } });
  });
});

describe('the monthly job', () => {
  it('issues last month\'s invoice of every business with pickups waiting, and nothing when run again', async () => {
    const [hotel, restaurant] = [await aBusinessOnAccount(), await aBusinessOnAccount()];
    await seedAccountItems(hotel, 3, lastMonth.from, 5_000);
    await seedAccountItems(restaurant, 1, lastMonth.to, 7_000);
    const { handler } = (await import('../../functions/jobs/collective-invoices.handler')) as { handler: (input: unknown, context: unknown) => Promise<{ issued: number; alreadyIssued: number; period: string }> };
    const context = { functionName: 'collective-invoices', awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 };
    const dry = await handler({ dryRun: true }, context);
    expect(dry).toMatchObject({ period: lastMonth.key, issued: 0 });
    expect((await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && [hotel, restaurant].includes(i.customerId as string))).toEqual([]);
    const run = await handler({}, context);
    expect(run).toMatchObject({ period: lastMonth.key });
    expect(run.issued).toBeGreaterThanOrEqual(2);
    for (const [customerId, grossOre] of [[hotel, 15_000], [restaurant, 7_000]] as const) {
      const documents = (await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && i.customerId === customerId);
      expect(documents).toEqual([expect.objectContaining({ orderId: lastMonth.key, totals: vatFromGross(grossOre, 25) })]);
    }
    const rerun = await handler({}, context);
    expect(rerun.issued).toBe(0);
    expect((await api.env.allItems()).filter((i) => i.entity === 'salesDocument' && [hotel, restaurant].includes(i.customerId as string))).toHaveLength(2);
  });
});
