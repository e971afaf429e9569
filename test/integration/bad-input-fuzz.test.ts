import fc from 'fast-check';
import type { RouteDefinition } from '#shared/http/route-definition';
import { routeList } from '#shared/http/routes';
import { anOrderTakenIn, aRegisteredCustomer } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import type { TwinCall } from '../helpers/twin-client';

/**
 * Property: whatever a client sends that is wrong, every route answers with a 4xx problem+json
 * and writes nothing. Each generated request is invalid in at least one certain way (an unknown
 * field or parameter, the route's own fields with values its schema refuses (wrong types, missing,
 * huge or control characters), broken JSON or UTF-8, the wrong content type, a body too large, a
 * body where none is taken), with random garbage everywhere else. Path ids are either ids that
 * cannot exist or ids of real records, one of which belongs to another customer.
 */
const api = apiHarness();
const { call } = api;
const tokens: Record<string, string | undefined> = {};
/** Ids of real records, by path parameter name. */
const existing: Record<string, string[]> = {};
let otherCustomersRequest: string;

beforeAll(async () => {
  tokens.staff = api.staff;
  const staff = { token: tokens.staff };
  const me = (await aRegisteredCustomer(call, tokens.staff)).customerId;
  const other = (await aRegisteredCustomer(call, tokens.staff)).customerId;
  const { orderId } = await anOrderTakenIn(call, tokens.staff, me);
  await call('POST', `/admin/orders/${orderId}/ready`, staff);
  const { orderId: invoiced } = await anOrderTakenIn(call, tokens.staff, me);
  await call('POST', `/admin/orders/${invoiced}/ready`, staff);
  const pickup = await call('POST', `/admin/orders/${invoiced}/pickup`, { ...staff, body: { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId: me } });
  const request = await call('POST', '/me/requests', { token: await api.env.issuer.customerToken(other), body: { type: 'access' } });
  const item = await call('POST', '/admin/price-list/items', { ...staff, body: { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 } });
  otherCustomersRequest = request.json.requestId as string;
  expect([orderId, invoiced, otherCustomersRequest].every(Boolean)).toBe(true);
  Object.assign(existing, {
    customerId: [me, other],
    orderId: [orderId, invoiced],
    invoiceId: [String((pickup.json.payment as { documentNumber: number }).documentNumber)],
    requestId: [otherCustomersRequest],
    itemId: [item.json.itemId as string],
  });
  tokens.customer = await api.env.issuer.customerToken(me);
  tokens.public = undefined;
});

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '../../etc/passwd', '<script>', "' OR 1=1 --", '%00', '🧺'.repeat(30), 'x'.repeat(5000)),
);
const junkJson = fc.jsonValue({ maxDepth: 3 });

const canBeInUrl = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

type Mutation = { kind: string; request: TwinCall; pathJunk?: boolean };

type SchemaDef = { shape?: Record<string, unknown>; options?: unknown[]; innerType?: unknown };
/** The top-level field names a schema knows: an object's, or those of every option of a union. */
function knownFields(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
  if (def?.shape) return Object.keys(def.shape);
  if (def?.options) return [...new Set(def.options.flatMap(knownFields))];
  if (def?.innerType) return knownFields(def.innerType);
  return [];
}
const refuses = (schema: { safeParse: (value: unknown) => { success: boolean } }) => (value: unknown) => !schema.safeParse(value).success;
const wrongValue = fc.oneof(junkJson, junkText, fc.constantFrom(null, -1, 1e308, true, [], {}, 'x'.repeat(70_000).slice(0, 60_000)));
/** A query as the server will read it back: what URLSearchParams makes of the text (a lone surrogate becomes U+FFFD). */
const asSent = (query: Record<string, string>) => Object.fromEntries(new URLSearchParams(query));

const mutations = (route: RouteDefinition): fc.Arbitrary<Mutation> => {
  const withBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
  const bodySchema = route.request?.body?.();
  const querySchema = route.request?.query?.();
  const options: fc.Arbitrary<Mutation>[] = [
    // An unknown field in an otherwise random object: strict schemas refuse it.
    fc.dictionary(fc.string({ maxLength: 12 }), junkJson, { maxKeys: 5 }).map((object) => ({ kind: 'unknown field', request: { body: { ...object, __fuzz: true } } })),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: 'malformed JSON', request: { rawBody: `{${text}`, headers: { 'content-type': 'application/json' } } })),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({ kind: 'invalid UTF-8', request: { rawBody: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from(bytes), Buffer.from('"}')]), headers: { 'content-type': 'application/json' } } })),
    junkJson.map((value) => ({ kind: 'wrong content type', request: { rawBody: JSON.stringify({ value, __fuzz: 1 }), headers: { 'content-type': 'text/plain' } } })),
    fc.constant({ kind: 'oversized body', request: { body: { name: 'x'.repeat(80_000), __fuzz: 1 } } }),
  ];
  if (bodySchema) {
    // The route's own fields, some left out, each with a value of any type: kept only when the schema refuses the whole.
    const fields = Object.fromEntries(knownFields(bodySchema).map((name) => [name, wrongValue]));
    options.push(fc.record(fields, { requiredKeys: [] }).filter(refuses(bodySchema)).map((body) => ({ kind: 'own fields, wrong values', request: { body } })));
  }
  const withoutBody: fc.Arbitrary<Mutation>[] = [
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).filter((k) => /^[a-z_]+$/i.test(k)), junkText, { maxKeys: 3 }).map((query) => ({
      kind: 'unknown parameter',
      request: { headers: { 'x-fuzz-query': new URLSearchParams({ ...query, __fuzz: '1' }).toString() } },
    })),
    junkJson.map((value) => ({ kind: 'body where none is taken', request: { body: { value, __fuzz: 1 } } })),
  ];
  if (querySchema) {
    const parameters = Object.fromEntries(knownFields(querySchema).map((name) => [name, junkText]));
    withoutBody.push(
      fc
        .record(parameters, { requiredKeys: [] })
        .map((query) => asSent(query as Record<string, string>))
        .filter(refuses(querySchema))
        .map((query) => ({ kind: 'own parameters, wrong values', request: { headers: { 'x-fuzz-query': new URLSearchParams(query).toString() } } })),
    );
  }
  return fc.oneof(...(withBody && bodySchema ? options : withoutBody));
};

describe.each(routeList.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  it('answers every bad request with a 4xx problem, and changes nothing', async () => {
    const before = await api.env.allItems();
    const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    await fc.assert(
      fc.asyncProperty(
        mutations(route),
        fc.tuple(
          ...paramNames.map((name) =>
            fc.oneof(
              // Only text a client can put in a URL (a lone surrogate cannot be percent-encoded).
              junkText.filter(canBeInUrl).map((text) => `fuzz-${text}`),
              fc.constantFrom(...(existing[name] ?? ['none'])),
            ),
          ),
        ),
        async (mutation, ids) => {
          let path = route.path;
          paramNames.forEach((name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(ids[i] ?? ''))));
          const extraQuery = mutation.request.headers?.['x-fuzz-query'];
          const url = extraQuery ? `${path}?${extraQuery}` : path;
          const { 'x-fuzz-query': _ignored, ...headers } = mutation.request.headers ?? {};
          const token = tokens[route.access];
          const response = await call(route.method, url, { ...mutation.request, headers, ...(token ? { token } : {}) });
          if (response.status < 400 || response.status >= 500) {
            throw new Error(`${mutation.kind}: ${route.method} ${url} answered ${response.status}: ${response.text.slice(0, 200)}`);
          }
          expect(response.headers['content-type']).toBe('application/problem+json');
          expect(response.json).toMatchObject({ type: expect.stringMatching(/^urn:renseri:problem:/), title: expect.any(String) });
        },
      ),
      { numRuns: 25 },
    );
    // Counters may move when a request is refused after drawing a number; nothing else may.
    const after = (await api.env.allItems()).filter((i) => i.entity !== 'counter');
    expect(after).toEqual(before.filter((i) => i.entity !== 'counter'));
  });
});

describe("another customer's records", () => {
  const withRequestId = routeList.filter((r) => r.access === 'customer' && r.path.includes('{requestId}'));
  it.each(withRequestId.map((r) => [r.method, r.path] as const))('%s %s answers 404 for a request that is someone else\'s', async (method, path) => {
    const before = await api.env.allItems();
    const response = await call(method, path.replace('{requestId}', otherCustomersRequest), { token: tokens.customer });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(await api.env.allItems()).toEqual(before);
  });
});
