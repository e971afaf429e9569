import * as z from 'zod/mini';
import { ProblemDetails } from '../schemas/common.schema';
import type { RouteDefinition, SchemaRef } from './route-definition';
import { problemType } from './problem';
import { routeList } from './routes';

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate
 * requests and responses at run time (OpenAPI 3.1 uses JSON Schema 2020-12, which is what
 * zod's toJSONSchema emits), so the document cannot drift from the code.
 */
type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: SchemaRef, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema(), { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
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

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
});

function operation(route: RouteDefinition & { id: string }) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] =
      Number(status) >= 400
        ? problemResponse(response.description)
        : { description: response.description, ...(response.schema ? { content: { [contentType]: { schema: jsonSchema(response.schema, 'output') } } } : {}) };
  }
  responses['400'] ??= problemResponse('The request is not valid');
  if (route.access !== 'public') {
    responses['401'] = problemResponse('No valid bearer token');
    responses['403'] = problemResponse('The token does not grant this route');
  }
  if (route.request?.params) responses['404'] ??= problemResponse('No such resource');
  if (route.conditional) responses['412'] = problemResponse('If-Match names a version that is no longer current');

  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    parameters: [
      ...parameters(route.request?.params, 'path'),
      ...parameters(route.request?.query, 'query'),
      ...(route.conditional ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }] : []),
    ],
    ...(route.request?.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } } } }
      : {}),
    responses,
    'x-access': route.access,
  };
}

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Renseri backend',
      version: '1.0.0',
      description: `Counter, notices, invoices and data-subject rights for a dry cleaner. Errors are RFC 9457 problem details; their types are ${problemType('<slug>')}.`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ProblemDetails: jsonSchema(ProblemDetails, 'output') },
    },
  };
}
