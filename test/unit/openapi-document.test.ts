import { ConflictError, ValidationError } from '#shared/domain/kernel/errors';
import { illegalTransition } from '#shared/domain/orders/orders';
import { buildOpenApiDocument } from '#shared/http/openapi';
import { problemResponse, problems, toHttpProblem } from '#shared/http/problem';
import { routeList } from '#shared/http/routes';
import * as customers from '#shared/schemas/customers.schema';
import * as documents from '#shared/schemas/documents.schema';
import { EXAMPLES } from '#shared/schemas/examples';
import * as me from '#shared/schemas/me.schema';
import * as messages from '#shared/schemas/messages.schema';
import * as orders from '#shared/schemas/orders.schema';
import * as priceList from '#shared/schemas/price-list.schema';
import * as problemSchemas from '#shared/schemas/problems.schema';
import * as requests from '#shared/schemas/requests.schema';
import * as system from '#shared/schemas/system.schema';
import { contractChecker, pointer, type OpenApiDocument } from '../helpers/openapi-contract';

/** The document as generated from the route table: examples, the answers every route can give, the problems' members. */
const document = buildOpenApiDocument() as unknown as OpenApiDocument;
const checker = contractChecker(document);
type Media = { schema?: unknown; example?: unknown };
const operationOf = (route: (typeof routeList)[number]) =>
  document.paths[route.path]?.[route.method.toLowerCase()] as unknown as {
    requestBody?: { content: Record<string, Media> };
    responses: Record<string, { $ref?: string; content?: Record<string, Media> }>;
  };

describe('examples', () => {
  const schemaModules = { ...customers, ...documents, ...me, ...messages, ...orders, ...priceList, ...problemSchemas, ...requests, ...system } as Record<string, unknown>;
  const nameOf = (schema: unknown) => Object.entries(schemaModules).find(([, exported]) => exported === schema)?.[0] ?? 'an unnamed schema';

  it.each([...EXAMPLES].map(([schema, example]) => [nameOf(schema), schema, example] as const))('the example of %s passes that zod schema', (_name, schema, example) => {
    const parsed = schema().safeParse(example);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('are shown for every request body and every 2xx JSON response with a schema', () => {
    const missing: string[] = [];
    for (const route of routeList) {
      const operation = operationOf(route);
      if (route.request?.body && operation.requestBody?.content[route.request.bodyType ?? 'application/json']?.example === undefined) missing.push(`${route.id} request`);
      for (const [status, response] of Object.entries(route.responses)) {
        const media = operation.responses[status]?.content?.[response.contentType ?? 'application/json'];
        if (Number(status) < 300 && response.schema && media?.example === undefined) missing.push(`${route.id} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('each pass the JSON schema the document shows beside them, problems included', () => {
    expect(checker.exampleViolations()).toEqual([]);
  });
});

describe('the answers every route can give, from its properties', () => {
  const expected = (route: (typeof routeList)[number]) =>
    [
      400,
      ...(route.access !== 'public' ? [401, 403] : []),
      ...(route.request?.params || route.access === 'customer' ? [404] : []),
      ...(route.conditional ? [412] : []),
      ...(route.conditional === 'required' ? [428] : []),
      413,
      ...(route.request?.body ? [415] : []),
      429,
      500,
      ...(route.data !== 'none' ? [503] : []),
    ].map(String);

  it.each(routeList.map((route) => [route.id, route] as const))('%s documents each of them, and its own', (_id, route) => {
    const documented = Object.keys(operationOf(route).responses);
    expect(documented).toEqual(expect.arrayContaining([...expected(route), ...Object.keys(route.responses)]));
    const others = documented.filter((status) => !expected(route).includes(status) && !(status in route.responses));
    expect(others).toEqual([]);
  });

  it('shows the problem bodies the code builds for them', () => {
    const problemSchema = (response: string) => `${response}${pointer('content', 'application/problem+json', 'schema')}`;
    const at = (status: number) => pointer('paths', '/admin/orders/{orderId}/ready', 'post', 'responses', String(status));
    const body = (problem: ReturnType<typeof problems.unavailable>) => JSON.parse(problemResponse(problem, 'urn:request:1').body);
    expect(checker.check(problemSchema(pointer('components', 'responses', 'Unavailable')), body(problems.unavailable()))).toEqual([]);
    expect(checker.check(problemSchema(at(409)), body(toHttpProblem(illegalTransition('1001', 'picked_up', 'ready'))))).toEqual([]);
    const invalid = body(toHttpProblem(new ValidationError('The promised date is in the past', [{ pointer: '/promisedReadyAt', detail: 'Must be 2027-01-12 or later' }])));
    expect(checker.check(problemSchema(pointer('components', 'responses', 'BadRequest')), invalid)).toEqual([]);
    // A member the document does not declare is caught.
    expect(checker.check(problemSchema(at(409)), { ...body(toHttpProblem(illegalTransition('1001', 'picked_up', 'ready'))), secret: 1 })).not.toEqual([]);
  });
});

describe('problem details', () => {
  it('never let an extension member replace a standard one', () => {
    const body = JSON.parse(problemResponse(toHttpProblem(new ConflictError('Not yet', { status: 'in_progress', type: 'x', requestId: 'r' }))).body);
    expect(body).toEqual({ type: 'urn:renseri:problem:conflict', title: 'Conflict with the current state', status: 409, detail: 'Not yet', requestId: 'r' });
  });
});
