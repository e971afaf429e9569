import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Checks what the API answered against what its OpenAPI document says it answers: the status is
 * documented for that path and method, the content type is one the response lists, required
 * headers are there, and the body passes the response's schema (JSON Schema 2020-12, with the
 * document's own $refs resolved inside it). The schemas are strict, so an undeclared member fails.
 */
export type Exchange = { method: string; url: string; status: number; headers: Record<string, string>; text: string; bytes: Buffer };

type MediaType = { schema?: unknown; example?: unknown };
type ResponseObject = { $ref?: string; description?: string; headers?: Record<string, { required?: boolean }>; content?: Record<string, MediaType> };
type Operation = { operationId: string; requestBody?: { content: Record<string, MediaType> }; responses: Record<string, ResponseObject> };
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, ResponseObject>; schemas?: Record<string, unknown> };
};

const DOCUMENT_ID = 'urn:renseri:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A JSON pointer to `segments`, written as a URI fragment. */
export const pointer = (...segments: string[]) => segments.map((s) => `/${encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');

export function contractChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  // The document is added whole, so that its schemas' $refs resolve: its own members are no keywords.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components', 'security', 'webhooks', 'jsonSchemaDialect', 'externalDocs']);
  ajv.addSchema(document as object, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (at: string): ValidateFunction => {
    let validate = compiled.get(at);
    if (!validate) {
      validate = ajv.getSchema(`${DOCUMENT_ID}#${at}`);
      if (!validate) throw new Error(`No schema at ${at}`);
      compiled.set(at, validate);
    }
    return validate;
  };

  // API Gateway prefers literal segments: try templates with fewer parameters first.
  const templates = Object.keys(document.paths)
    .map((path) => ({
      path,
      parameters: (path.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.parameters - b.parameters);

  function responseAt(path: string, method: string, status: number): { response: ResponseObject; at: string } | undefined {
    const direct = document.paths[path]?.[method]?.responses[String(status)];
    if (!direct?.$ref) return direct && { response: direct, at: pointer('paths', path, method, 'responses', String(status)) };
    const name = direct.$ref.replace('#/components/responses/', '');
    const shared = document.components.responses?.[name];
    return shared && { response: shared, at: pointer('components', 'responses', name) };
  }

  /** `value` checked against the schema at `at` (a JSON pointer into the document): the errors, or none. */
  function check(at: string, value: unknown): string[] {
    const validate = validatorAt(at);
    return validate(value) ? [] : [describeErrors(validate.errors)];
  }

  /** The document's path template for a request, if it has an operation for it. */
  function templateOf(method: string, url: string): string | undefined {
    const { pathname } = new URL(url, 'http://twin');
    return templates.find((t) => t.pattern.test(pathname) && document.paths[t.path]?.[method.toLowerCase()])?.path;
  }

  /** Everything in the exchange the document does not declare; none when it matches. */
  function violations(exchange: Exchange): string[] {
    const method = exchange.method.toLowerCase();
    const where = `${exchange.method} ${new URL(exchange.url, 'http://twin').pathname} → ${exchange.status}`;
    const template = templateOf(method, exchange.url);
    if (!template) return [`${where}: no such operation in the document`];
    const found = responseAt(template, method, exchange.status);
    if (!found) return [`${where}: status not documented for ${exchange.method} ${template}`];

    const problems: string[] = [];
    for (const [name, header] of Object.entries(found.response.headers ?? {})) {
      if (header.required && exchange.headers[name.toLowerCase()] === undefined) problems.push(`${where}: required header ${name} is missing`);
    }
    const content = found.response.content;
    if (!content) return exchange.bytes.length ? [...problems, `${where}: a body where the document declares none`] : problems;
    const contentType = exchange.headers['content-type'] ?? '';
    const media = content[contentType];
    if (!media) return [...problems, `${where}: content type '${contentType}' is not one of ${Object.keys(content).join(', ')}`];
    if (media.schema === undefined) {
      if (contentType === 'application/pdf' && exchange.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') problems.push(`${where}: not a PDF`);
      return problems;
    }
    let body: unknown = exchange.text;
    if (/[/+]json$/.test(contentType)) {
      try {
        body = JSON.parse(exchange.text);
      } catch {
        return [...problems, `${where}: the body is not JSON`];
      }
    }
    return [...problems, ...check(`${found.at}${pointer('content', contentType, 'schema')}`, body).map((e) => `${where}: ${e}`)];
  }

  /** Every example the document shows (request bodies, responses, shared responses), checked against its own schema. */
  function exampleViolations(): string[] {
    const media: { at: string; media: MediaType }[] = [];
    const collect = (at: string, content: Record<string, MediaType> | undefined) => {
      for (const [type, entry] of Object.entries(content ?? {})) media.push({ at: `${at}${pointer('content', type)}`, media: entry });
    };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const operation = item[method] as Operation;
        collect(pointer('paths', path, method, 'requestBody'), operation.requestBody?.content);
        for (const [status, response] of Object.entries(operation.responses)) collect(pointer('paths', path, method, 'responses', status), response.content);
      }
    }
    for (const [name, response] of Object.entries(document.components.responses ?? {})) collect(pointer('components', 'responses', name), response.content);
    return media
      .filter(({ media }) => media.example !== undefined && media.schema !== undefined)
      .flatMap(({ at, media }) => check(`${at}/schema`, media.example).map((e) => `${decodeURIComponent(at)}: ${e}`));
  }

  return { violations, check, exampleViolations, templateOf };
}
