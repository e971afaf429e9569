import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPOSITORY_ROOT } from '../infra/config/bundling';
import { FUNCTION_ENTRIES } from '../infra/config/functions';
import { API_FUNCTIONS, type ApiFunctionId } from '../shared/http/api-functions';
import { createApiGatewayTwin } from '../infra/local/api-gateway-twin';
import { ensureTable, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { buildHandlerBundles, type BundleLoader } from '../infra/local/handler-bundles';
import { codeOpener } from '../shared/adapters/crypto/sealed-code';
import { localRuntimeEnvironment } from '../infra/local/local-environment';
import { localIssuer } from '../infra/local/local-issuer';
import { createLocalStepFunctions } from '../infra/local/local-step-functions';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { accountItemFromItem, accountItemItem, receivableFromItem, receivableItem } from '../shared/adapters/dynamodb/items';
import { keys } from '../shared/adapters/dynamodb/keys';
import { addDays, shopDate } from '../shared/domain/kernel/calendar';
import { formatOcrGiro } from '../shared/domain/receivables/ocr-giro';
import { SCHEDULED_JOBS } from '../shared/events/stream-consumers';
import { startDynamoMeter } from './dynamodb-meter';
import { measureSweep } from './sweep-bench';
import { measureLoad } from './load';
import { measureTwinStart } from './twin-start';
import { LAYOUT_RULES, layoutEntries, replay, RUNTIME_INIT_MS, shopDay } from './shop-day';
import { AUTHORIZER_ENTRY, routeList, type RouteId } from '../shared/http/routes';
import { stageConfig } from '../infra/config/stages';

/** Tags are unique among garments in the shop: each bench run draws its own. */
const TAG_RUN = Date.now().toString(36).toUpperCase();
let tagSequence = 0;
const nextTag = () => `B${TAG_RUN}-${++tagSequence}`;

/**
 * `npm run bench` (`-- --short` in CI): prints and writes bench/results.json with
 *  1. every function's bundle size (minified, as CDK builds it) and cold initialisation time in a
 *     fresh Node process, as a ratio to a bundle holding only the DynamoDB document client (each
 *     sample paired with a baseline sample taken just before it: see measureBundles);
 *  2. every route's DynamoDB round trips (requests, and the waits they make: those sent together
 *     count once, as ACCESS-PATTERNS.md counts) and consumed capacity per call, measured at the
 *     client boundary, and its in-process latency p50/p99 against DynamoDB Local, on a seeded
 *     table; the daily payment-reminder job's round trips per reminder;
 *  3. the retention sweep's time and consumed capacity for the same due items in two tables of
 *     very different sizes (it should not grow with the table);
 *  4. how long `npm start` takes to answer /health, from a fresh clone's empty cache and after it;
 *  5. a short load run over HTTP against the twin (autocannon, loopback), with a check that
 *     nothing was lost or duplicated.
 * Targets are reported, not asserted: cold init ≤ 1.25× baseline, ≤ 2 round trips per route.
 */
const short = process.argv.includes('--short');
/**
 * `--only <ids>` (comma-separated route ids, or `payment-reminders` for the daily job): measures those
 * scenarios and the cold init of the functions they run in, and nothing else (no start, shop day,
 * sweep or load; results.json is left as the last whole run wrote it). For working on a scenario:
 * `npm run bench -- --short --only reskontro,importOcrGiro`.
 */
const onlyArgument = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? '') : undefined;
const only = onlyArgument === undefined ? undefined : new Set(onlyArgument.split(',').filter(Boolean));
const chosen = (id: string) => !only || only.has(id);
const unknownIds = [...(only ?? [])].filter((id) => !routeList.some((r) => r.id === id) && !SCHEDULED_JOBS.some((j) => j.id === id));
if (only && (only.size === 0 || unknownIds.length)) {
  throw new Error(`--only takes route ids and job ids, comma-separated; not one: ${unknownIds.join(', ') || '(none given)'}. Routes: ${routeList.map((r) => r.id).join(', ')}; jobs: ${SCHEDULED_JOBS.map((j) => j.id).join(', ')}`);
}
const PAYMENT_REMINDER_JOB = SCHEDULED_JOBS.find((j) => j.id === 'payment-reminders');
// Short mode (inside npm test) only keeps the bench from rotting; one round is enough for that.
const COLD_RUNS = short ? 1 : 11;
const CALLS = short ? 3 : 25;
const SEED_CUSTOMERS = short ? 20 : 200;
const out = join(REPOSITORY_ROOT, 'bench', '.build');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] as number;

function coldInitMs(bundle: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(process.execPath, ['-e', script], { env: process.env }).toString());
}

/**
 * Each function's cold init, COLD_RUNS rounds over all functions. Every sample is paired with a
 * baseline sample taken just before it and the ratio is the median of the paired ratios: a busy
 * moment on the machine (this one's baseline moved between 31 and 50 ms from run to run when it
 * was measured once, up front) then slows both sides of a pair instead of skewing every ratio.
 */
// The functions every layout the shop-day simulation compares would deploy (bench/shop-day.ts).
// Short mode simulates the chosen layout only, so it needs none of the others' stand-in entries.
const LAYOUT_ENTRIES = short ? [] : layoutEntries(join(REPOSITORY_ROOT, '.local', 'bench-layouts'), REPOSITORY_ROOT);
// Short mode measures the deployed functions only and simulates the chosen layout alone.
const BENCH_ENTRIES = [...FUNCTION_ENTRIES, 'bench/baseline.ts', ...(short ? [] : LAYOUT_ENTRIES.map((l) => l.entry))];
/** Every function the bench runs, built once (and reused from the last run while nothing changed). */
let bundles: Promise<BundleLoader> | undefined;
const benchBundles = () => (bundles ??= buildHandlerBundles(BENCH_ENTRIES, out));

/**
 * A function's code (its entry and, for a router, its chunks; no source maps), and what of it the
 * entry imports statically: what a cold start reads before the first request.
 */
function codeBytes(entryFile: string) {
  const files = readdirSync(dirname(entryFile), { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.m?js$/.test(f.name));
  const atStart = new Set<string>();
  const visit = (file: string) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    // esbuild writes a static import as `from"./x.mjs"` or `import"./x.mjs"`, a dynamic one as `import("./x.mjs")`.
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)"(\.\.?\/[^"]+)"/g)) visit(resolve(dirname(file), path as string));
  };
  visit(entryFile);
  const size = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + statSync(path).size, 0);
  return { bytes: size(files.map((f) => join(f.parentPath, f.name))), startBytes: size(atStart) };
}

async function measureBundles() {
  const entries = BENCH_ENTRIES;
  const deployed = new Set(FUNCTION_ENTRIES);
  const file = (await benchBundles()).bundleFile;
  // With --only: the functions the chosen routes and jobs run in.
  const onlyEntries = new Set([
    ...routeList.filter((r) => chosen(r.id)).map((r) => API_FUNCTIONS[r.function].entry),
    ...SCHEDULED_JOBS.filter((j) => chosen(j.id)).map((j) => j.entry),
  ]);
  const functions = entries.filter((e) => e !== 'bench/baseline.ts' && (!only || onlyEntries.has(e)));
  const baselineSamples: number[] = [];
  const samples = new Map(functions.map((entry) => [entry, { ms: [] as number[], ratios: [] as number[] }]));
  for (let round = 0; round < COLD_RUNS; round++) {
    for (const entry of functions) {
      const baseline = coldInitMs(file('bench/baseline.ts'));
      const init = coldInitMs(file(entry));
      baselineSamples.push(baseline);
      samples.get(entry)?.ms.push(init);
      samples.get(entry)?.ratios.push(init / baseline);
    }
  }
  const rows = functions.map((entry) => {
    const { ms, ratios } = samples.get(entry) ?? { ms: [], ratios: [] };
    return { entry, deployed: deployed.has(entry), ...codeBytes(file(entry)), coldInitMs: Number(median(ms).toFixed(1)), ratio: Number(median(ratios).toFixed(2)) };
  });
  return { baseline: { ...codeBytes(file('bench/baseline.ts')), coldInitMs: Number(median(baselineSamples).toFixed(1)) }, functions: rows };
}

/**
 * The cold-start share of a shop's day (and a 20-shop chain's) for each layout, at 5, 7 and 15
 * minutes of idle reclaim; `--orders N` sets a shop's daily orders (120 by default).
 */
function simulateShopDays(bundles: Awaited<ReturnType<typeof measureBundles>>, routes: Awaited<ReturnType<typeof measureRoutes>>) {
  const orders = Number(process.argv[process.argv.indexOf('--orders') + 1]) || 120;
  const initOf = new Map(bundles.functions.map((f) => [f.entry, f.coldInitMs]));
  const p50Of = new Map(routes.routes.filter((r) => 'p50Ms' in r).map((r) => [r.route, (r as { p50Ms: number }).p50Ms]));
  const callMs = (routeId: RouteId) => {
    const route = routeList.find((r) => r.id === routeId);
    return (route && p50Of.get(`${route.method} ${route.path}`)) || 30;
  };
  const layouts = Object.entries(LAYOUT_RULES)
    .filter(([name]) => !short || name.includes('chosen'))
    .map(([name, functionOf]) => ({
      name,
      functionOf,
      initMs: (fn: string) =>
        name.includes('chosen')
          ? (initOf.get(API_FUNCTIONS[fn as ApiFunctionId].entry) ?? 0)
          : (initOf.get(LAYOUT_ENTRIES.find((l) => l.layout === name && l.fn === fn)?.entry ?? '') ?? 0),
    }));
  const oneShop = shopDay({ orders, seed: 1 });
  const chain = Array.from({ length: 20 }, (_, shop) => shopDay({ orders, seed: 100 + shop, shop })).flat().sort((a, b) => a.atMs - b.atMs);
  const rows = [];
  for (const [label, calls] of [[`one shop, ${orders} orders`, oneShop], ['a chain of 20 shops', chain]] as const) {
    for (const layout of layouts) {
      for (const reclaimMinutes of [5, 7, 15]) {
        const result = replay(calls, layout, { reclaimMinutes, authorizerInitMs: initOf.get(AUTHORIZER_ENTRY) ?? 0, callMs });
        rows.push({ day: label, layout: layout.name, 'reclaim min': reclaimMinutes, ...result, '≤ 2 % cold': result.coldPercent <= 2 ? 'yes' : 'NO' });
      }
    }
  }
  return rows;
}

/**
 * `sourceIp`: the caller API Gateway reports; the sign-in limits count per caller, so each sign-in call is a caller of its own.
 * `text`: a body sent as text/plain, as it is (the bank's OCR giro file), instead of `body` as JSON.
 */
type Call = { method: string; url: string; token?: string; body?: unknown; headers?: Record<string, string>; sourceIp?: string; text?: string };

async function measureRoutes() {
  const dynamodb = await startDynamoDbLocal();
  const meter = await startDynamoMeter(dynamodb.endpoint);
  try {
    const tableName = 'bench';
    await ensureTable(dynamodb.endpoint, tableName);
    const issuer = await localIssuer();
    Object.assign(
      process.env,
      localRuntimeEnvironment({ tableName, dynamodbEndpoint: meter.endpoint, issuer, localOutboxFile: join(out, 'outbox.jsonl') }),
      { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    );

    const twin = createApiGatewayTwin(await benchBundles(), { accessLog: false });
    const staff = await issuer.staffToken();
    const send = async (call: Call) => {
      const response = await twin.handle({
        method: call.method,
        url: call.url,
        headers: {
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          // A file sent as it is (the OCR giro file is text/plain).
          ...(call.text === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' }),
          ...call.headers,
        },
        ...(call.body === undefined ? {} : { body: Buffer.from(JSON.stringify(call.body)) }),
        ...(call.text === undefined ? {} : { body: Buffer.from(call.text, 'utf8') }),
        ...(call.sourceIp ? { sourceIp: call.sourceIp } : {}),
      });
      const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
      return { status: response.status, json: (() => { try { return JSON.parse(text); } catch { return {}; } })() as Record<string, unknown> };
    };

    // A realistic counter: customers with a few orders each, in every status, some invoiced.
    let phone = 90_000_000;
    const nextPhone = () => `+47${++phone}`;
    const customer = async () => (await send({ method: 'POST', url: '/admin/customers', token: staff, body: { name: 'Bench Kunde', phone: nextPhone(), email: `b${phone}@example.no`, invoiceByEmail: true } })).json.customerId as string;
    const order = async (customerId: string) => (await send({ method: 'POST', url: '/admin/orders', token: staff, body: { customerId, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }, { service: 'Skjorte', quantity: 2, unitPriceOre: 7_900 }], garments: [{ tag: nextTag(), line: 1 }, { tag: nextTag(), line: 2, pieces: 2 }] } })).json.orderId as string;
    const ready = async (customerId: string) => {
      const id = await order(customerId);
      await send({ method: 'POST', url: `/admin/orders/${id}/ready`, token: staff });
      return id;
    };
    const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
    const invoiced = async (customerId: string) => {
      const id = await ready(customerId);
      return ((await send({ method: 'POST', url: `/admin/orders/${id}/pickup`, token: staff, body: { payment: 'invoice', buyerAddress: address, customerId } })).json.payment as { documentNumber: number }).documentNumber;
    };
    const seedStarted = performance.now();
    const customers: string[] = [];
    for (let i = 0; i < SEED_CUSTOMERS; i++) {
      const id = await customer();
      customers.push(id);
      await order(id);
      await ready(id);
      if (i % 4 === 0) await invoiced(id);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const someone = customers[0] as string;
    const me = await issuer.customerToken(someone);
    const request = (await send({ method: 'POST', url: '/me/requests', token: me, body: { type: 'access' } })).json.requestId as string;

    // What some scenarios prepare is read or set on DynamoDB Local directly, past the meter.
    const direct = createDocumentClient({ tableName, endpoint: dynamodb.endpoint, region: 'eu-north-1' });
    const fourMonthsAgo = () => new Date(Date.now() - 122 * 86_400_000).toISOString();
    const uncollected = async () => {
      const id = await ready(someone);
      await direct.send(new UpdateCommand({ TableName: tableName, Key: keys.order(someone, id), UpdateExpression: 'SET readyAt = :then', ExpressionAttributeValues: { ':then': fourMonthsAgo() } }));
      return id;
    };
    /** A fresh customer (each number has its own hourly limit of codes), sent a code, and the code as the SMS would carry it. */
    let callers = 0;
    const aCaller = () => `10.${(++callers >> 16) & 255}.${(callers >> 8) & 255}.${callers & 255}`;
    // The queued SMS holds the code sealed to the SMS sender's key; the bench opens it as the sender would.
    const openCode = codeOpener(async () => issuer.smsCodePrivateKey);
    const signInCode = async () => {
      const number = nextPhone();
      const customerId = (await send({ method: 'POST', url: '/admin/customers', token: staff, body: { name: 'Bench Kunde', phone: number } })).json.customerId as string;
      await send({ method: 'POST', url: '/auth/code', body: { phone: number }, sourceIp: aCaller() });
      const { Items = [] } = await direct.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :message)', ExpressionAttributeValues: { ':pk': keys.customer(customerId).pk, ':message': 'MESSAGE#' } }),
      );
      const sealed = (Items.find((item) => item.purpose === 'verification_code')?.params as { sealedCode?: string } | undefined)?.sealedCode;
      if (!sealed) throw new Error('No sign-in code was queued');
      return { phone: number, code: await openCode(sealed) };
    };
    // The rights workflow as the twin runs it (the synthesized definition, the step function's bundle), for a finished access request.
    const workflow = await createLocalStepFunctions({ loadHandler: await benchBundles() });
    // The export reads one customer's whole history: a seeded customer (orders, an invoice), not
    // `someone`, whom the other scenarios give hundreds of orders and documents.
    // One open request per type and four a day per customer (rights-use-cases.ts): each call asks
    // for another seeded customer's export, the seeded ones from the fifth on being alike.
    let typicalCalls = 0;
    const typical = () => issuer.customerToken(customers[4 + (typicalCalls++ % (customers.length - 4))] as string);
    const answeredRequest = async (token: string) => {
      const requestId = (await send({ method: 'POST', url: '/me/requests', token, body: { type: 'access' } })).json.requestId as string;
      const execution = workflow.startExecution(requestId, { requestId });
      await execution.done;
      if (execution.status !== 'SUCCEEDED') throw new Error(`The access request's workflow ${execution.status}`);
      return requestId;
    };

    // The counter's newer routes: an order whose tags are known, and the shop's price list.
    const tagged = async () => {
      const tag = nextTag();
      const created = await send({ method: 'POST', url: '/admin/orders', token: staff, body: { customerId: someone, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }], garments: [{ tag, line: 1 }] } });
      return { orderId: created.json.orderId as string, tag, version: created.json.version as number };
    };
    const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const priceItem = async () => {
      const added = await send({ method: 'POST', url: '/admin/price-list/items', token: staff, body: { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 } });
      return { itemId: added.json.itemId as string, version: added.json.version as number };
    };
    const expressVersion = async () => ((await send({ method: 'GET', url: '/admin/price-list/express', token: staff })).json.version as number | undefined) ?? 0;
    const counterScenarios: Record<string, () => Promise<Call>> = {
      changeOrder: async () => {
        const { orderId, version } = await tagged();
        return { method: 'PATCH', url: `/admin/orders/${orderId}`, token: staff, headers: { 'if-match': `"${version}"` }, body: { promisedReadyAt: inTenDays() } };
      },
      findOrderByTag: async () => ({ method: 'GET', url: `/admin/tags/${(await tagged()).tag}`, token: staff }),
      orderTicketPdf: async () => ({ method: 'GET', url: `/admin/orders/${(await tagged()).orderId}/ticket.pdf`, token: staff, headers: { accept: 'application/pdf' } }),
      orderTagLabelsPdf: async () => ({ method: 'GET', url: `/admin/orders/${(await tagged()).orderId}/tags.pdf`, token: staff, headers: { accept: 'application/pdf' } }),
      markGarmentsReady: async () => {
        const { orderId, tag } = await tagged();
        return { method: 'POST', url: `/admin/orders/${orderId}/garments/ready`, token: staff, body: { tags: [tag], location: 'Stativ 1' } };
      },
      listPriceList: async () => ({ method: 'GET', url: '/admin/price-list', token: staff }),
      getPriceListItem: async () => ({ method: 'GET', url: `/admin/price-list/items/${(await priceItem()).itemId}`, token: staff }),
      addPriceListItem: async () => ({ method: 'POST', url: '/admin/price-list/items', token: staff, body: { name: 'Skjorte', category: 'skjorter', priceOre: 7_900, unit: 'per_garment', turnaroundWorkingDays: 2 } }),
      changePriceListItem: async () => {
        const { itemId, version } = await priceItem();
        return { method: 'PATCH', url: `/admin/price-list/items/${itemId}`, token: staff, headers: { 'if-match': `"${version}"` }, body: { priceOre: 24_900 } };
      },
      retirePriceListItem: async () => {
        const { itemId, version } = await priceItem();
        return { method: 'POST', url: `/admin/price-list/items/${itemId}/retire`, token: staff, headers: { 'if-match': `"${version}"` } };
      },
      getExpressOption: async () => ({ method: 'GET', url: '/admin/price-list/express', token: staff }),
      setExpressOption: async () => ({ method: 'PUT', url: '/admin/price-list/express', token: staff, headers: { 'if-match': `"${await expressVersion()}"` }, body: { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 } }),
    };

    // Issue #17's money: business accounts, invoices owed and paid, reminders, the bank's file.
    const shop = stageConfig('local').shop;
    const today = () => shopDate(new Date(), shop.timeZone);
    /** What a scenario prepares must succeed: a refusal here would measure the wrong thing. */
    const ok = async (call: Call) => {
      const answer = await send(call);
      if (answer.status >= 400) throw new Error(`Preparing: ${call.method} ${call.url} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      return answer.json;
    };
    let organisations = 0;
    /** A valid organisation number (MOD11), a new one each call; a base whose check digit would be 10 (never issued) is skipped. */
    const nextOrganisationNumber = (): string => {
      for (;;) {
        const base = String(90_000_000 + ++organisations);
        const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * Number(base[i]), 0);
        const check = (11 - (sum % 11)) % 11;
        if (check !== 10) return `${base}${check}`;
      }
    };
    // A hotel: invoices by e-mail, on account (the default for a business), EHF off.
    const businessBody = () => ({ name: 'Bench Hotell AS', phone: nextPhone(), email: `f${phone}@example.no`, invoiceByEmail: true, business: { organisationNumber: nextOrganisationNumber(), invoiceAddress: address, reference: 'Resepsjonen' } });
    const business = async () => {
      const registered = await ok({ method: 'POST', url: '/admin/customers', token: staff, body: businessBody() });
      return { customerId: registered.customerId as string, organisationNumber: (registered.business as { organisationNumber: string }).organisationNumber };
    };
    /** A customer with no e-mail address: their reminders go on the print list for the post. */
    const byPost = async () => (await ok({ method: 'POST', url: '/admin/customers', token: staff, body: { name: 'Bench Post', phone: nextPhone() } })).customerId as string;
    const invoiceOf = async (number: number) => (await ok({ method: 'GET', url: `/admin/invoices/${number}`, token: staff })) as { kid: string; totals: { grossOre: number } };
    // Three days past the first reminder's interval, so the staff route and the daily job may both remind.
    const overdueDays = (shop.paymentReminders.afterDaysOverdue[0] ?? 7) + 3;
    /** The invoice's receivable made due `overdueDays` ago, on DynamoDB Local directly (its index key moves with it). */
    const overdue = async (number: number) => {
      const { Item } = await direct.send(new GetCommand({ TableName: tableName, Key: keys.receivable(number) }));
      if (!Item) throw new Error(`Invoice ${number} has no receivable`);
      await direct.send(new PutCommand({ TableName: tableName, Item: receivableItem({ ...receivableFromItem(Item), dueDate: addDays(today(), -overdueDays) }) }));
      return number;
    };
    const reminded = async (customerId: string) => {
      const number = await overdue(await invoiced(customerId));
      return { number, sequence: (await ok({ method: 'POST', url: `/admin/invoices/${number}/reminders`, token: staff })).sequence as number };
    };
    let transmissions = 0;
    /** The bank's OCR giro file (Nets' layout), each payment the whole of a fresh invoice, under a transmission number of its own. */
    const ocrFile = async (payments: number) => {
      const invoices = [];
      for (let i = 0; i < payments; i++) invoices.push(await invoiceOf(await invoiced(someone)));
      return formatOcrGiro({
        transmissionNumber: String(1_000_000 + ++transmissions),
        account: shop.bankAccount,
        netsDate: today(),
        payments: invoices.map((invoice) => ({ kid: invoice.kid, amountOre: invoice.totals.grossOre, paymentDate: today() })),
      });
    };
    /** A business's invoice (buyer with an organisation number and its account's address): what EHF is for. */
    const businessInvoice = async () => {
      const { customerId } = await business();
      const picked = await ok({ method: 'POST', url: `/admin/orders/${await ready(customerId)}/pickup`, token: staff, body: { payment: 'invoice', customerId } });
      return (picked.payment as { documentNumber: number }).documentNumber;
    };
    const moneyScenarios: Record<string, () => Promise<Call>> = {
      recordPayment: async () => ({ method: 'POST', url: `/admin/invoices/${await invoiced(someone)}/payments`, token: staff, body: { amountOre: 10_000, paymentDate: today(), method: 'bank' } }),
      writeOffInvoice: async () => ({ method: 'POST', url: `/admin/invoices/${await invoiced(someone)}/write-off`, token: staff, body: { reason: 'small_amount' } }),
      listUnmatchedPayments: async () => ({ method: 'GET', url: '/admin/payments/unmatched', token: staff }),
      importOcrGiro: async () => ({ method: 'POST', url: '/admin/payments/ocr', token: staff, text: await ocrFile(1) }),
      listOcrImports: async () => ({ method: 'GET', url: '/admin/payments/imports', token: staff }),
      salesDocumentEhf: async () => ({ method: 'GET', url: `/admin/invoices/${await businessInvoice()}/ehf`, token: staff, headers: { accept: 'application/xml' } }),
      // An e-mailed reminder (`someone` keeps an invoice address): the reminder, the receivable and the outbox message in one transaction.
      sendPaymentReminder: async () => ({ method: 'POST', url: `/admin/invoices/${await overdue(await invoiced(someone))}/reminders`, token: staff }),
      listInvoiceReminders: async () => ({ method: 'GET', url: `/admin/invoices/${(await reminded(someone)).number}/reminders`, token: staff }),
      paymentReminderPdf: async () => {
        const { number, sequence } = await reminded(await byPost());
        return { method: 'GET', url: `/admin/invoices/${number}/reminders/${sequence}/pdf`, token: staff, headers: { accept: 'application/pdf' } };
      },
      markReminderPrinted: async () => {
        const { number, sequence } = await reminded(await byPost());
        return { method: 'POST', url: `/admin/invoices/${number}/reminders/${sequence}/printed`, token: staff };
      },
      listRemindersToPrint: async () => ({ method: 'GET', url: '/admin/reminders/to-print', token: staff }),
    };

    // One representative, valid call per route; `prepare` makes what a write consumes (not measured).
    const scenarios: Record<string, () => Promise<Call>> = {
      ...counterScenarios,
      ...moneyScenarios,
      health: async () => ({ method: 'GET', url: '/health' }),
      openApi: async () => ({ method: 'GET', url: '/openapi.json' }),
      privacy: async () => ({ method: 'GET', url: '/privacy' }),
      registerCustomer: async () => ({ method: 'POST', url: '/admin/customers', token: staff, body: { name: 'Ny Kunde', phone: nextPhone() } }),
      findCustomers: async () => ({ method: 'GET', url: `/admin/customers?phone=${encodeURIComponent('+4790000001')}`, token: staff }),
      getCustomer: async () => ({ method: 'GET', url: `/admin/customers/${someone}`, token: staff }),
      updateCustomer: async () => ({ method: 'PATCH', url: `/admin/customers/${someone}`, token: staff, body: { name: `Navn ${performance.now()}` } }),
      createOrder: async () => ({ method: 'POST', url: '/admin/orders', token: staff, body: { customerId: someone, items: [{ service: 'Frakk', quantity: 1, unitPriceOre: 39_900 }], garments: [{ tag: nextTag(), line: 1 }] } }),
      listOrders: async () => ({ method: 'GET', url: '/admin/orders?status=ready&limit=25', token: staff }),
      getOrder: async () => ({ method: 'GET', url: `/admin/orders/${await order(someone)}`, token: staff }),
      markOrderReady: async () => ({ method: 'POST', url: `/admin/orders/${await order(someone)}/ready`, token: staff }),
      recordPickup: async () => ({ method: 'POST', url: `/admin/orders/${await ready(someone)}/pickup`, token: staff, body: { payment: 'counter', posReceiptRef: 'K-1' } }),
      cancelOrder: async () => ({ method: 'POST', url: `/admin/orders/${await order(someone)}/cancel`, token: staff, body: { reason: 'customer_changed_mind' } }),
      returnGarments: async () => {
        const id = await order(someone);
        await send({ method: 'POST', url: `/admin/orders/${id}/cancel`, token: staff, body: { reason: 'customer_changed_mind' } });
        return { method: 'POST', url: `/admin/orders/${id}/return`, token: staff };
      },
      counterDay: async () => ({ method: 'GET', url: '/admin/counter/today?list=ready&limit=25', token: staff }),
      sendOrderMessage: async () => ({ method: 'POST', url: `/admin/orders/${await order(someone)}/messages`, token: staff, body: { purpose: 'question' } }),
      listOrderMessages: async () => ({ method: 'GET', url: `/admin/orders/${await ready(someone)}/messages`, token: staff }),
      listMessages: async () => ({ method: 'GET', url: '/admin/messages?state=pending', token: staff }),
      recordStatutoryNotice: async () => ({ method: 'POST', url: `/admin/orders/${await uncollected()}/notices`, token: staff, body: { method: 'registered_letter', givenOn: new Date().toISOString().slice(0, 10) } }),
      uncollectedNotice: async () => ({ method: 'GET', url: '/admin/notices/uncollected', token: staff }),
      getSalesDocument: async () => ({ method: 'GET', url: `/admin/invoices/${await invoiced(someone)}`, token: staff }),
      salesDocumentPdf: async () => ({ method: 'GET', url: `/admin/invoices/${await invoiced(someone)}/pdf`, token: staff }),
      orderInvoicePdf: async () => {
        const id = await ready(someone);
        await send({ method: 'POST', url: `/admin/orders/${id}/pickup`, token: staff, body: { payment: 'invoice', buyerAddress: address, customerId: someone } });
        return { method: 'GET', url: `/admin/orders/${id}/invoice.pdf`, token: staff };
      },
      creditInvoice: async () => ({ method: 'POST', url: `/admin/invoices/${await invoiced(someone)}/credit`, token: staff, body: { reason: 'Bench' } }),
      salesExport: async () => ({ method: 'GET', url: `/admin/exports/sales?from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`, token: staff }),
      // Today's list: the two outstanding partitions (together), then the names; a past day adds the documents by date.
      reskontro: async () => ({ method: 'GET', url: '/admin/receivables', token: staff }),
      requestSignInCode: async () => ({ method: 'POST', url: '/auth/code', body: { phone: '+4790000002' }, sourceIp: aCaller() }),
      exchangeSignInCode: async () => ({ method: 'POST', url: '/auth/token', body: await signInCode(), sourceIp: aCaller() }),
      getMe: async () => ({ method: 'GET', url: '/me', token: me }),
      updateMe: async () => ({ method: 'PATCH', url: '/me', token: me, body: { language: 'nb' } }),
      getMyOrders: async () => ({ method: 'GET', url: '/me/orders', token: me }),
      // A fresh customer each time: a second open request of a type is refused (409).
      openMyRequest: async () => ({ method: 'POST', url: '/me/requests', token: await issuer.customerToken(await customer()), body: { type: 'access' } }),
      getMyRequest: async () => ({ method: 'GET', url: `/me/requests/${request}`, token: me }),
      getMyExport: async () => {
        const token = await typical();
        const requestId = await answeredRequest(token);
        return { method: 'GET', url: `/me/requests/${requestId}/export`, token };
      },
      openCounterRequest: async () => ({ method: 'POST', url: `/admin/customers/${await customer()}/requests`, token: staff, body: { type: 'access', verifiedBy: 'in_person' } }),
      listRequests: async () => ({ method: 'GET', url: '/admin/requests?status=received', token: staff }),
      extendRequest: async () => {
        const token = await issuer.customerToken(await customer());
        const requestId = (await send({ method: 'POST', url: '/me/requests', token, body: { type: 'access' } })).json.requestId as string;
        return { method: 'POST', url: `/admin/requests/${requestId}/extend`, token: staff, body: { months: 1, reason: 'complex_request' } };
      },
    };

    const yesterday = () => addDays(today(), -1);
    /**
     * A past day with a history: three invoices issued twenty days ago (their documents and
     * receivables dated back on DynamoDB Local directly), one paid in full since, one in part, one
     * still open, so a list as of ten days ago reads all that pattern 52 reads: the settled
     * invoice's receivable by key, the part-paid one's payments. Made once; the list only reads.
     */
    let history: Promise<string> | undefined;
    const pastDayWithHistory = () =>
      (history ??= (async () => {
        const issued = addDays(today(), -20);
        const numbers = [await invoiced(someone), await invoiced(someone), await invoiced(await byPost())];
        for (const number of numbers) {
          const document = (await direct.send(new GetCommand({ TableName: tableName, Key: keys.salesDocument(number) }))).Item;
          const receivable = (await direct.send(new GetCommand({ TableName: tableName, Key: keys.receivable(number) }))).Item;
          if (!document || !receivable) throw new Error(`Invoice ${number} is not stored whole`);
          const dueDate = addDays(issued, shop.invoiceDueDays);
          await direct.send(new PutCommand({ TableName: tableName, Item: { ...document, ...keys.documentsByDate(issued, number), issueDate: issued, issuedAt: `${issued}T10:00:00.000Z`, dueDate } }));
          await direct.send(new PutCommand({ TableName: tableName, Item: receivableItem({ ...receivableFromItem(receivable), issueDate: issued, dueDate }) }));
        }
        const [paid, partly] = numbers as [number, number, number];
        await ok({ method: 'POST', url: `/admin/invoices/${paid}/payments`, token: staff, body: { amountOre: (await invoiceOf(paid)).totals.grossOre, paymentDate: today(), method: 'bank' } });
        await ok({ method: 'POST', url: `/admin/invoices/${partly}/payments`, token: staff, body: { amountOre: 10_000, paymentDate: today(), method: 'bank' } });
        return addDays(today(), -10);
      })());
    /**
     * The collective invoice (issue #17, point 2): a business on account that picked up `orders`
     * orders in a period now ended, each through the counter's own routes (intake, ready, pickup on account),
     * then the route that issues the period ended before today (`POST
     * /admin/customers/{customerId}/collective-invoice`, no body). The pickups happen today, so
     * their account items are moved back on DynamoDB Local directly, past the meter,
     * rewritten whole by the item builder so every key made from the date moves with it.
     * Measured once the route is in the table (collectiveInvoiceRoute, below).
     */
    const collectiveInvoice = async (orders: number): Promise<Call> => {
      const { customerId } = await business();
      for (let i = 0; i < orders; i++) await ok({ method: 'POST', url: `/admin/orders/${await ready(customerId)}/pickup`, token: staff, body: { payment: 'account', customerId } });
      // The last day before this quarter: in a period that has ended whether the shop invoices by month or by quarter.
      const quarterStart = `${today().slice(0, 5)}${String(Math.floor((Number(today().slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
      const before = addDays(quarterStart, -1);
      const { Items = [] } = await direct.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :account)', ExpressionAttributeValues: { ':pk': keys.customer(customerId).pk, ':account': 'ACCOUNT#' } }),
      );
      for (const item of Items) await direct.send(new PutCommand({ TableName: tableName, Item: accountItemItem({ ...accountItemFromItem(item), date: before, at: `${before}T12:00:00.000Z` }) }));
      return { method: 'POST', url: `/admin/customers/${customerId}/collective-invoice`, token: staff };
    };
    // The other helper's route, once merged; until then its two rows say it is not built.
    const collectiveInvoiceRoute = routeList.find((r) => r.method === 'POST' && r.path.endsWith('/collective-invoice'));
    if (collectiveInvoiceRoute) scenarios[collectiveInvoiceRoute.id] = () => collectiveInvoice(3);

    /** A variant's own number of calls, where each call prepares much (a file of 50 invoices, an account of 200 pickups). */
    type Variant = { label: string; scenario: () => Promise<Call>; calls?: number; note?: string };
    // Routes whose cost depends on the request: more rows each, after the route's own.
    const variants: Record<string, Variant[]> = {
      registerCustomer: [{ label: 'a business (its organisation number claimed)', scenario: async () => ({ method: 'POST', url: '/admin/customers', token: staff, body: businessBody() }) }],
      recordPickup: [
        { label: 'on invoice (issues the document)', scenario: async () => ({ method: 'POST', url: `/admin/orders/${await ready(someone)}/pickup`, token: staff, body: { payment: 'invoice', buyerAddress: address, customerId: someone } }) },
        {
          label: 'on account (a business; the sale kept for its collective invoice)',
          note: 'pattern 66: the account read before the order',
          scenario: async () => {
            const { customerId } = await business();
            return { method: 'POST', url: `/admin/orders/${await ready(customerId)}/pickup`, token: staff, body: { payment: 'account', customerId } };
          },
        },
      ],
      findCustomers: [
        { label: 'by name (a page of 20 namesakes)', scenario: async () => ({ method: 'GET', url: '/admin/customers?name=bench%20ku&limit=20', token: staff }) },
        { label: 'by organisation number', scenario: async () => ({ method: 'GET', url: `/admin/customers?organisationNumber=${(await business()).organisationNumber}`, token: staff }) },
      ],
      creditInvoice: [
        { label: 'in part (one of two shirts)', scenario: async () => ({ method: 'POST', url: `/admin/invoices/${await invoiced(someone)}/credit`, token: staff, body: { reason: 'Bench', lines: [{ line: 2, quantity: 1 }] } }) },
        { label: 'in part (an amount)', scenario: async () => ({ method: 'POST', url: `/admin/invoices/${await invoiced(someone)}/credit`, token: staff, body: { reason: 'Bench', amountOre: 5_000 } }) },
      ],
      importOcrGiro: [
        { label: 'a file of 50 payments', scenario: async () => ({ method: 'POST', url: '/admin/payments/ocr', token: staff, text: await ocrFile(50) }), calls: short ? 1 : 5, note: 'pattern 54: 2 + 1 a batch of 100 + 2 per payment' },
        {
          label: 'the same file again (answered from its claim)',
          scenario: async () => {
            const text = await ocrFile(1);
            await ok({ method: 'POST', url: '/admin/payments/ocr', token: staff, text });
            return { method: 'POST', url: '/admin/payments/ocr', token: staff, text };
          },
        },
      ],
      sendPaymentReminder: [{ label: 'for the post (no invoice e-mail: the print list)', scenario: async () => ({ method: 'POST', url: `/admin/invoices/${await overdue(await invoiced(await byPost()))}/reminders`, token: staff }) }],
      reskontro: [
        { label: 'as CSV', scenario: async () => ({ method: 'GET', url: '/admin/receivables?format=csv', token: staff }) },
        { label: 'as of yesterday (rebuilt from the postings)', scenario: async () => ({ method: 'GET', url: `/admin/receivables?asOf=${yesterday()}`, token: staff }) },
        { label: 'as of yesterday, as CSV', scenario: async () => ({ method: 'GET', url: `/admin/receivables?asOf=${yesterday()}&format=csv`, token: staff }) },
        { label: 'as of 10 days ago (invoices issued before it, one paid since, one in part)', scenario: async () => ({ method: 'GET', url: `/admin/receivables?asOf=${await pastDayWithHistory()}`, token: staff }) },
      ],
      ...(collectiveInvoiceRoute ? { [collectiveInvoiceRoute.id]: [{ label: 'for 200 orders', scenario: () => collectiveInvoice(200), calls: 1 }] } : {}),
    };
    const measure = async (label: string, scenario: () => Promise<Call>, note?: string, calls = CALLS) => {
      const latencies: number[] = [];
      const trips: number[] = [];
      const waits: number[] = [];
      const units: number[] = [];
      let operations: Record<string, number> = {};
      for (let i = 0; i < calls; i++) {
        const call = await scenario();
        meter.reset();
        const started = performance.now();
        const response = await send(call);
        latencies.push(performance.now() - started);
        if (response.status >= 400) throw new Error(`${label} answered ${response.status}: ${JSON.stringify(response.json)}`);
        const reading = meter.read();
        trips.push(reading.roundTrips);
        waits.push(reading.waits);
        units.push(reading.capacity);
        operations = reading.operations;
      }
      return {
        route: label,
        roundTrips: median(trips),
        waits: median(waits),
        capacityUnits: Number(median(units).toFixed(1)),
        operations: Object.entries(operations).map(([op, n]) => `${op}×${n}`).join(' '),
        p50Ms: Number(percentile(latencies, 50).toFixed(1)),
        p99Ms: Number(percentile(latencies, 99).toFixed(1)),
        ...(note ? { note } : {}),
      };
    };

    // Why a row is what it is, where it is above two round trips by design.
    const NOTES: Record<string, string> = {
      requestSignInCode: 'padded to SIGN_IN_ANSWER_FLOOR_MS by design (see shared/domain/rights/sign-in.ts)',
      exchangeSignInCode: 'padded to SIGN_IN_ANSWER_FLOOR_MS by design (see shared/domain/rights/sign-in.ts)',
      importOcrGiro: 'pattern 54: claim, batch, the payment (2), claim completed',
      sendPaymentReminder: 'pattern 60: the receivable names the customer, whose profile decides the channel',
    };
    const rows = [];
    for (const route of routeList.filter((r) => chosen(r.id))) {
      const label = `${route.method} ${route.path}`;
      const scenario = scenarios[route.id];
      if (!scenario) {
        rows.push({ route: label, note: 'not measured: no scenario' });
        continue;
      }
      rows.push(await measure(label, scenario, NOTES[route.id]));
      for (const variant of variants[route.id] ?? []) {
        const note = [variant.calls === undefined ? undefined : `${variant.calls} call${variant.calls === 1 ? '' : 's'}`, variant.note].filter(Boolean).join('; ') || undefined;
        rows.push(await measure(`${label} ${variant.label}`, variant.scenario, note, variant.calls));
      }
    }
    if (!collectiveInvoiceRoute && !only) {
      for (const orders of [3, 200]) rows.push({ route: `POST /admin/customers/{customerId}/collective-invoice for ${orders} orders`, note: 'not measured: the route is not built yet (its scenario is ready: collectiveInvoice in bench.ts)' });
    }

    // The daily payment-reminder job, run as EventBridge would invoke it, for 1 and for 10 overdue invoices.
    const jobs = [];
    if (PAYMENT_REMINDER_JOB && chosen(PAYMENT_REMINDER_JOB.id)) {
      const { handler } = (await (await benchBundles())(PAYMENT_REMINDER_JOB.entry)) as unknown as { handler: (input: unknown, context: unknown) => Promise<{ sent: number; considered: number }> };
      for (const reminders of [1, 10]) {
        for (let i = 0; i < reminders; i++) await overdue(await invoiced(i % 2 ? someone : await byPost()));
        meter.reset();
        const started = performance.now();
        const run = await handler({}, { functionName: PAYMENT_REMINDER_JOB.id, awsRequestId: 'bench', getRemainingTimeInMillis: () => 900_000 });
        const seconds = (performance.now() - started) / 1000;
        const reading = meter.read();
        if (run.sent !== reminders) throw new Error(`The payment-reminder job sent ${run.sent} reminders, not ${reminders}: ${JSON.stringify(run)}`);
        // The open index is read a page at a time; the rest is the reminders' own.
        const pages = reading.operations.Query ?? 0;
        jobs.push({
          job: `${PAYMENT_REMINDER_JOB.id}, ${reminders} due`,
          considered: run.considered,
          sent: run.sent,
          roundTrips: reading.roundTrips,
          waits: reading.waits,
          'index pages': pages,
          'per reminder': Number(((reading.roundTrips - pages) / run.sent).toFixed(2)),
          capacityUnits: Number(reading.capacity.toFixed(1)),
          operations: Object.entries(reading.operations).map(([op, n]) => `${op}×${n}`).join(' '),
          seconds: Number(seconds.toFixed(2)),
        });
      }
    }
    direct.destroy();
    return { seeded: { customers: SEED_CUSTOMERS, seconds: Number(seedSeconds.toFixed(1)) }, calls: CALLS, routes: rows, jobs };
  } finally {
    await meter.close();
    await dynamodb.stop();
  }
}

/** `round trips` counts requests, `waits` the waves of them a call waits for in turn (requests sent together are one: ACCESS-PATTERNS.md's count). */
async function printRoutes(routes: Awaited<ReturnType<typeof measureRoutes>>) {
  console.log(`\nRoutes (${routes.calls} calls each unless a note says otherwise, in-process against DynamoDB Local, table seeded with ${routes.seeded.customers} customers; waits = round trips a call waits for in turn, those sent together counted once)`);
  console.table(
    routes.routes.map((r) =>
      'roundTrips' in r
        ? { route: r.route, 'round trips': r.roundTrips, waits: r.waits, '≤ 2': (r.waits ?? r.roundTrips ?? 0) <= 2 ? 'yes' : 'NO', RCU_WCU: r.capacityUnits, 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, operations: r.operations, note: r.note ?? '' }
        : { route: r.route, 'round trips': '-', note: r.note },
    ),
  );
  if (routes.jobs.length) {
    console.log('\nScheduled jobs, invoked in-process as EventBridge Scheduler would (per reminder = round trips less the open index\'s pages, per reminder sent)');
    console.table(routes.jobs);
  }
}

async function main() {
  mkdirSync(out, { recursive: true });
  const bundles = await measureBundles();
  console.log(`\nCold init (median of ${COLD_RUNS} fresh processes, each paired with a baseline run; baseline = DynamoDB document client only: ${bundles.baseline.coldInitMs} ms, ${(bundles.baseline.bytes / 1024).toFixed(0)} KB)`);
  console.table(bundles.functions.filter((f) => f.deployed).map((f) => ({ function: f.entry.replace(/^functions\//, ''), KB: Math.round(f.bytes / 1024), 'KB at start': Math.round(f.startBytes / 1024), 'init ms': f.coldInitMs, '× baseline': f.ratio, '≤ 1.25': f.ratio <= 1.25 ? 'yes' : 'NO' })));
  if (only) {
    await printRoutes(await measureRoutes());
    console.log('\n--only: the start, shop day, sweep and load were not run, and bench/results.json was not written');
    return;
  }
  const twinStart = await measureTwinStart(short ? 1 : 3, { freshToo: !short });
  console.log('\nnpm start until /health answers (seconds; fresh = an empty build cache, as after a clone; cached = the start after it)');
  console.table(Object.fromEntries(Object.entries(twinStart).map(([kind, t]) => [kind, { ...t, 'within target': t.maxS <= t.targetS ? 'yes' : 'NO' }])));
  const routes = await measureRoutes();
  await printRoutes(routes);
  const shopDays = simulateShopDays(bundles, routes);
  console.log(`\nA shop day replayed against each layout of routes onto functions (bench/shop-day.ts; cold start = ${RUNTIME_INIT_MS} ms runtime init, assumed, + the function's init measured above): share of calls that met a cold start, and modelled latency`);
  console.table(shopDays);
  const sweep = await measureSweep(short, stageConfig('local').shop);
  console.log(`\nRetention sweep (as of ${sweep.asOf}; the same due items in tables of two sizes; the second run finds nothing to do)`);
  console.table(sweep.rows);
  // A build of its own: a loaded bundle keeps the DynamoDB endpoint of the phase that first loaded it.
  const load = await measureLoad({ short, loadHandler: await buildHandlerBundles(FUNCTION_ENTRIES, join(out, 'load')), issuer: await localIssuer(), out });
  console.log(`\nLoad over HTTP on loopback (${load.connections} connections): take in orders, then mark them ready`);
  console.table({ intake: load.intake, ready: load.ready });
  console.table(load.check);
  const results = { measuredAt: new Date().toISOString(), node: process.version, mode: short ? 'short' : 'full', bundles, twinStart, routes, shopDays, sweep, load };
  writeFileSync(join(REPOSITORY_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nWrote bench/results.json');
  // Figures are reported, not asserted; a lost or duplicated write is a bug, so it fails the run.
  if (!load.consistent) throw new Error('The load run lost or duplicated something: see the check above');
}

// A run that stops early without an error (an event loop left with nothing to wait on) must not pass as a finished one.
let finished = false;
process.on('exit', (code) => {
  if (!finished && code === 0) {
    console.error('The bench ended before it finished: see the last table above');
    process.exitCode = 1;
  }
});

main().then(() => (finished = true)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
