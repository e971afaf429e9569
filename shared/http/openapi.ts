import * as z from 'zod/mini';
import { AuthenticationError, ConflictError, NotFoundError, PreconditionFailedError, ValidationError, type DomainError } from '../domain/kernel/errors';
import { EXAMPLES } from '../schemas/examples';
import { PROBLEM_SCHEMAS, ProblemDetails, ValidationProblem } from '../schemas/problems.schema';
import { gatewayProblemBody } from './gateway-responses';
import { MAX_BODY_BYTES } from './limits';
import { problemResponse, problems, problemType, toHttpProblem, type HttpProblem } from './problem';
import type { ResponseDefinition, RouteDefinition, SchemaRef } from './route-definition';
import { routeList } from './routes';

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate
 * requests and responses at run time (OpenAPI 3.1 uses JSON Schema 2020-12, which is what
 * zod's toJSONSchema emits), so the document cannot drift from the code. The answers every route
 * can give whatever it does (a bad request, no token, throttling, a busy table...) are generated
 * from the route's properties below, with bodies built by the same code that builds them at run
 * time; what is particular to a route (a 409 and its extension members) the route table declares.
 * Lint: Redocly's recommended rules, with no problems (test/integration/openapi-contract.test.ts).
 */
type JsonSchema = Record<string, unknown>;
type Route = RouteDefinition & { id: string };

function jsonSchema(schema: SchemaRef, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema(), { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const TAGS: Record<string, string> = {
  system: 'Liveness, this document and the privacy statement: public.',
  customers: 'Customers as staff register, find and correct them at the counter.',
  orders: 'Orders from intake to pickup: the ticket, the state machine, and the statutory notice for garments not collected.',
  messages: 'Service SMS about an order and the delivery records of every message; no route takes a text to send.',
  invoices: 'Sales documents (invoices and credit notes in one series), their PDFs, and the sales journal for the accountant.',
  'sign-in': 'A one-time code by SMS to the number on file, exchanged for a short-lived customer token.',
  me: "The signed-in customer's own profile, orders and data-subject requests.",
  requests: 'Data-subject requests (access, erasure) as staff open and follow them.',
  'price-list': "The shop's price list (items in Norwegian, VAT-inclusive prices in øre, turnaround in working days) and its express option; retired items stay readable.",
};

const SECURITY_SCHEMES = {
  staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A staff member signed in to the Cognito user pool (locally: `npm run staff-token`).' },
  customerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A customer token from `POST /auth/token`, valid for 15 minutes.' },
};
const SECURITY = { public: [], staff: [{ staffToken: [] }], customer: [{ customerToken: [] }] } as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemName = (schema: SchemaRef) => Object.entries(PROBLEM_SCHEMAS).find(([, known]) => known === schema)?.[0];
const code = (slug: string) => `\`${problemType(slug)}\``;

/** Bodies as the code answers them, to show as examples. */
const EXAMPLE_INSTANCE = 'urn:request:5b1d9c1e-0f6a-4a8e-9d2b-7c3e1f0a4b6d';
const handlerBody = (problem: HttpProblem): unknown => JSON.parse(problemResponse(problem, EXAMPLE_INSTANCE).body);
const domainBody = (error: DomainError) => handlerBody(toHttpProblem(error));

type HeaderObject = { description: string; required?: boolean; schema: JsonSchema };
type Generated = {
  status: number;
  applies: (route: Route) => boolean;
  /** Words that hold for every route it applies to make it a shared response under components.responses, by `name`. */
  name?: string;
  description: string | ((route: Route) => string);
  problem?: SchemaRef;
  example: () => unknown;
  headers?: Record<string, HeaderObject>;
};

/** What every route can answer, by the route's properties: declared once here, never per route. */
const GENERATED: Generated[] = [
  {
    status: 400,
    applies: () => true,
    name: 'BadRequest',
    description: `The request is not valid (${code('invalid-request')}; \`errors\` names each field, query parameter or header at fault), or the body is not JSON (${code('malformed-json')})`,
    problem: ValidationProblem,
    example: () => handlerBody(problems.invalidRequest('The query does not match the schema', [{ parameter: 'limit', detail: 'A whole number from 1 to 100' }])),
  },
  {
    status: 401,
    applies: (route) => route.access !== 'public',
    name: 'Unauthenticated',
    description: `No valid bearer token (${code('unauthenticated')})`,
    example: () => JSON.parse(gatewayProblemBody('UNAUTHORIZED')),
    headers: { 'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } } },
  },
  {
    status: 403,
    applies: (route) => route.access !== 'public',
    name: 'Forbidden',
    description: `The token does not grant this route (${code('forbidden')})`,
    example: () => handlerBody(problems.forbidden()),
  },
  {
    status: 404,
    applies: (route) => route.request?.params !== undefined || route.access === 'customer',
    description: (route) =>
      [
        ...(route.request?.params ? ['No such resource, or an id that cannot exist'] : []),
        ...(route.access === 'customer' ? ['the signed-in customer no longer exists (erased)'] : []),
      ].join('; ') + ` (${code('not-found')})`,
    example: () => domainBody(new NotFoundError('Order 1001 does not exist')),
  },
  {
    status: 412,
    applies: (route) => Boolean(route.conditional),
    name: 'PreconditionFailed',
    description: `Someone changed it since the version If-Match names, or while this request ran (${code('precondition-failed')})`,
    example: () => domainBody(new PreconditionFailedError('Order 1001 is at version 3, not 2')),
  },
  {
    status: 428,
    applies: (route) => route.conditional === 'required',
    name: 'PreconditionRequired',
    description: `No If-Match: this route changes nothing without the version you read (${code('precondition-required')})`,
    problem: ValidationProblem,
    example: () => handlerBody(problems.preconditionRequired()),
  },
  {
    status: 413,
    applies: () => true,
    name: 'PayloadTooLarge',
    description: `The body is over ${MAX_BODY_BYTES / 1024} KB, on routes that take no body too (${code('payload-too-large')}; API Gateway refuses one over 10 MB itself)`,
    example: () => handlerBody(problems.payloadTooLarge(MAX_BODY_BYTES)),
  },
  {
    status: 415,
    applies: (route) => route.request?.body !== undefined,
    name: 'UnsupportedMediaType',
    description: `The body is not sent as \`application/json\` (${code('unsupported-media-type')})`,
    example: () => handlerBody(problems.unsupportedMediaType()),
  },
  {
    status: 429,
    applies: () => true,
    name: 'TooManyRequests',
    description: `Too many requests (${code('throttled')}): API Gateway's throttling, or on the sign-in routes a caller over its own limits across all numbers (then with Retry-After, the same for any number)`,
    example: () => JSON.parse(gatewayProblemBody('THROTTLED')),
  },
  {
    status: 500,
    applies: () => true,
    name: 'InternalError',
    description: `Something went wrong on our side (${code('internal')}); the body says nothing about the cause`,
    example: () => handlerBody(problems.internal()),
  },
  {
    status: 503,
    applies: (route) => route.data !== 'none',
    name: 'Unavailable',
    description: `The table is busy (throttling, or a transaction on the same item): nothing was written; try again after Retry-After (${code('unavailable')})`,
    example: () => handlerBody(problems.unavailable()),
    headers: { 'Retry-After': { description: 'Seconds to wait', required: true, schema: { type: 'string', pattern: '^\\d+$' } } },
  },
];

const wordsFor = (generated: Generated, route: Route) => (typeof generated.description === 'string' ? generated.description : generated.description(route));
const generatedResponse = (generated: Generated, route: Route) => ({
  description: wordsFor(generated, route),
  ...(generated.headers ? { headers: generated.headers } : {}),
  content: problemContent([generated.problem ?? ProblemDetails], generated.example()),
});

/** A route's own problem without a declared example: the domain error of its status, with the route's words. */
const DOMAIN_ERROR_OF: Record<number, (message: string) => DomainError> = {
  400: (message) => new ValidationError(message),
  401: (message) => new AuthenticationError(message),
  404: (message) => new NotFoundError(message),
  409: (message) => new ConflictError(message),
  412: (message) => new PreconditionFailedError(message),
};

function problemContent(schemas: readonly SchemaRef[], example: unknown) {
  const named = schemas.map((schema) => {
    const name = problemName(schema);
    if (!name) throw new Error('A problem schema the document should name is missing from PROBLEM_SCHEMAS');
    return ref(name);
  });
  const schema = named.length === 1 ? named[0] : { oneOf: named };
  return { 'application/problem+json': { schema, ...(example === undefined ? {} : { example }) } };
}

function declaredProblem(status: number, declared: ResponseDefinition, generated: Generated | undefined) {
  const schemas = declared.problem === undefined ? [generated?.problem ?? (status === 400 ? ValidationProblem : ProblemDetails)] : [declared.problem].flat();
  const domainError = DOMAIN_ERROR_OF[status];
  const example =
    schemas.map((schema) => EXAMPLES.get(schema)).find((e) => e !== undefined) ?? (domainError ? domainBody(domainError(declared.description)) : generated?.example());
  return problemContent(schemas, example);
}

function successContent(response: ResponseDefinition) {
  const media = (contentType: string, schema?: SchemaRef) => {
    if (schema) return { schema: jsonSchema(schema, 'output'), ...(EXAMPLES.has(schema) ? { example: EXAMPLES.get(schema) } : {}) };
    if (contentType.startsWith('application/json')) return { schema: { type: 'object' } };
    if (contentType.startsWith('text/')) return { schema: { type: 'string' } };
    return {}; // a binary body (PDF): OpenAPI 3.1 describes it by its media type alone
  };
  const main = response.contentType ?? 'application/json';
  return Object.fromEntries([[main, media(main, response.schema)], ...(response.alternativeContentTypes ?? []).map((type) => [type, media(type)])]);
}

/** An ETag when the body carries the item's version (http-route.ts sets it from `version`). */
function successHeaders(response: ResponseDefinition): Record<string, HeaderObject> | undefined {
  if (!response.schema) return undefined;
  const required = (jsonSchema(response.schema, 'output').required ?? []) as string[];
  return required.includes('version')
    ? { ETag: { description: "The item's version, to send back in If-Match", required: true, schema: { type: 'string', pattern: '^"\\d+"$' } } }
    : undefined;
}

function responses(route: Route) {
  const answers: Record<string, unknown> = {};
  const statuses = new Set([...Object.keys(route.responses).map(Number), ...GENERATED.filter((g) => g.applies(route)).map((g) => g.status)]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const declared = route.responses[status];
    const generated = GENERATED.find((g) => g.status === status && g.applies(route));
    if (status < 400) {
      if (!declared) continue;
      const headers = successHeaders(declared);
      answers[status] = { description: declared.description, ...(headers ? { headers } : {}), content: successContent(declared) };
    } else if (!declared && generated) {
      answers[status] = generated.name ? { $ref: `#/components/responses/${generated.name}` } : generatedResponse(generated, route);
    } else if (declared) {
      answers[status] = {
        description: [declared.description, generated && wordsFor(generated, route)].filter(Boolean).join('. Or: '),
        ...(generated?.headers ? { headers: generated.headers } : {}),
        content: declaredProblem(status, declared, generated),
      };
    }
  }
  return answers;
}

/** The generated answers that read the same on every route, once, under components.responses. */
function sharedResponses() {
  const shared: Record<string, unknown> = {};
  for (const generated of GENERATED) {
    const route = routeList.find((r) => generated.applies(r));
    if (generated.name && route) shared[generated.name] = generatedResponse(generated, route);
  }
  return shared;
}

function parameters(schema: SchemaRef | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const ifMatch = (route: Route) => ({
  name: 'If-Match',
  in: 'header',
  required: route.conditional === 'required',
  description: `The ETag of the version you read: the change is refused with 412 if the item has changed since${route.conditional === 'required' ? ', and with 428 without it' : ''}`,
  schema: { type: 'string', pattern: '^\\s*(W/)?"\\d{1,9}"\\s*$' },
  example: '"3"',
});

function description(route: Route): string {
  const who = {
    public: 'Public: no token needed.',
    staff: 'For staff: send a staff bearer token.',
    customer: "For the signed-in customer, about themselves only: send the customer token from `POST /auth/token`.",
  }[route.access];
  const body = route.request?.body ? ` The body is JSON, at most ${MAX_BODY_BYTES / 1024} KB; a field the schema does not name is refused.` : '';
  const conditional =
    route.conditional === 'required'
      ? " Send the ETag you read back in If-Match (required: 428 without it); a change since is refused (412) rather than overwriting a colleague's."
      : route.conditional
        ? ' Send the ETag you read back in If-Match to have the change refused (412) rather than overwrite a colleague\'s.'
        : '';
  return `${who}${body}${conditional}`;
}

function operation(route: Route) {
  const body = route.request?.body;
  return {
    operationId: route.id,
    summary: route.summary,
    description: description(route),
    tags: [route.tag],
    security: SECURITY[route.access],
    parameters: [...parameters(route.request?.params, 'path'), ...parameters(route.request?.query, 'query'), ...(route.conditional ? [ifMatch(route)] : [])],
    ...(body
      ? { requestBody: { required: !route.request?.bodyOptional, content: { [route.request?.bodyType ?? 'application/json']: { schema: jsonSchema(body, 'input'), ...(EXAMPLES.has(body) ? { example: EXAMPLES.get(body) } : {}) } } } }
      : {}),
    responses: responses(route),
    'x-access': route.access,
  };
}

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  const usedTags = [...new Set(routeList.map((route) => route.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Renseri backend',
      version: '1.0.0',
      description: `Counter, notices, invoices and data-subject rights for a dry cleaner. Errors are RFC 9457 problem details (\`application/problem+json\`); their types are ${problemType('<slug>')}. Money is integer øre, VAT included.`,
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [
      ...(serverUrl ? [{ url: serverUrl, description: 'This server' }] : []),
      // The address the twin listens on (loopback only), rather than the name localhost.
      { url: 'http://127.0.0.1:{port}', description: 'The local twin (`npm start`)', variables: { port: { default: '3000', description: 'PORT moves it' } } },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: "A deployed stage: the stateless stack's ApiUrl output",
        variables: {
          apiId: { default: 'a1b2c3d4e5', description: "The REST API's id" },
          region: { default: 'eu-north-1', description: 'The AWS region the stack is deployed to' },
          stage: { default: 'prod', description: 'The stage name (infra/config/stages.ts)' },
        },
      },
    ],
    tags: usedTags.map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      responses: sharedResponses(),
      schemas: Object.fromEntries(Object.entries(PROBLEM_SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema, 'output')])),
    },
  };
}
