import fc from 'fast-check';
import { routeList } from '../../shared/http/routes';
import { createTestEnvironment, type TestEnvironment } from '../helpers/test-environment';
import { twinClient, type TwinCall } from '../helpers/twin-client';

/**
 * Property: whatever a client sends that is wrong, every route answers with a 4xx problem+json
 * and writes nothing. Each generated request is invalid in at least one certain way (an unknown
 * field or parameter, an id that cannot exist, broken JSON or UTF-8, the wrong content type, a body
 * too large, a body where none is taken), with random garbage everywhere else.
 */
let env: TestEnvironment;
const call = twinClient();
const tokens: Record<string, string | undefined> = {};

beforeAll(async () => {
  env = await createTestEnvironment();
  tokens.staff = await env.issuer.staffToken();
  tokens.customer = await env.issuer.customerToken('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11');
  tokens.public = undefined;
});
afterAll(() => env.dispose());

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

const mutations = (method: string, hasBody: boolean, hasQuery: boolean): fc.Arbitrary<Mutation> => {
  const withBody = method === 'POST' || method === 'PATCH';
  const options: fc.Arbitrary<Mutation>[] = [
    // An unknown field in an otherwise random object: strict schemas refuse it.
    fc.dictionary(fc.string({ maxLength: 12 }), junkJson, { maxKeys: 5 }).map((object) => ({ kind: 'unknown field', request: { body: { ...object, __fuzz: true } } })),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: 'malformed JSON', request: { rawBody: `{${text}`, headers: { 'content-type': 'application/json' } } })),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({ kind: 'invalid UTF-8', request: { rawBody: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from(bytes), Buffer.from('"}')]), headers: { 'content-type': 'application/json' } } })),
    junkJson.map((value) => ({ kind: 'wrong content type', request: { rawBody: JSON.stringify({ value, __fuzz: 1 }), headers: { 'content-type': 'text/plain' } } })),
    fc.constant({ kind: 'oversized body', request: { body: { name: 'x'.repeat(80_000), __fuzz: 1 } } }),
  ];
  const withoutBody: fc.Arbitrary<Mutation>[] = [
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).filter((k) => /^[a-z_]+$/i.test(k)), junkText, { maxKeys: 3 }).map((query) => ({
      kind: 'unknown parameter',
      request: { headers: { 'x-fuzz-query': new URLSearchParams({ ...query, __fuzz: '1' }).toString() } },
    })),
    junkJson.map((value) => ({ kind: 'body where none is taken', request: { body: { value, __fuzz: 1 } } })),
  ];
  void hasQuery;
  return fc.oneof(...(withBody && hasBody ? options : withoutBody));
};

describe.each(routeList.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  it('answers every bad request with a 4xx problem, and changes nothing', async () => {
    const before = await env.allItems();
    const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    await fc.assert(
      fc.asyncProperty(
        mutations(route.method, Boolean(route.request?.body), Boolean(route.request?.query)),
        // Only text a client can put in a URL (a lone surrogate cannot be percent-encoded).
        fc.array(junkText.filter(canBeInUrl), { minLength: paramNames.length, maxLength: paramNames.length }),
        async (mutation, ids) => {
          let path = route.path;
          // Ids that cannot exist: random text (a real-looking id that exists is never generated here).
          paramNames.forEach((name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(`fuzz-${ids[i] ?? ''}`))));
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
      { numRuns: 15 },
    );
    // Counters may move when a request is refused after drawing a number; nothing else may.
    const after = (await env.allItems()).filter((i) => i.entity !== 'counter');
    expect(after).toEqual(before.filter((i) => i.entity !== 'counter'));
  });
});
