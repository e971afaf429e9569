import { App } from 'aws-cdk-lib';
import { AccessLogField } from 'aws-cdk-lib/aws-apigateway';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app-builder';
import { ACCESS_LOG_FIELDS } from '../../infra/config/access-log';
import { stageConfig } from '../../infra/config/stages';
import { createApiGatewayTwin, preflightResponse, STAGE_NAME } from '../../infra/local/api-gateway-twin';
import { sourceLoader } from '../../infra/local/handler-bundles';

/**
 * The twin against what CDK synthesizes for the twin's own stage: every OPTIONS method's mock
 * response, and the access-log format. Bundling is skipped (the template does not depend on the
 * bundle's bytes).
 */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: STAGE_NAME } });
const { stateless } = buildApp(app, { nag: false });
const template = Template.fromStack(stateless);

type CfnResource = { Properties: Record<string, unknown> };
type Reference = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/** A resource's path, from its PathPart and its parents' up to the root. */
function pathOf(reference: Reference, resources: Record<string, CfnResource>): string {
  if (reference['Fn::GetAtt']?.[1] === 'RootResourceId') return '/';
  const resource = resources[reference.Ref as string];
  if (!resource) throw new Error(`No resource ${JSON.stringify(reference)}`);
  const parent = pathOf(resource.Properties.ParentId as Reference, resources);
  return `${parent === '/' ? '' : parent}/${resource.Properties.PathPart as string}`;
}

describe('CORS preflight: the twin answers as the synthesized OPTIONS methods do', () => {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, CfnResource>;
  const preflights = Object.values(template.findResources('AWS::ApiGateway::Method') as Record<string, CfnResource>)
    .filter((method) => method.Properties.HttpMethod === 'OPTIONS')
    .map((method) => {
      const integration = method.Properties.Integration as { Type: string; IntegrationResponses: { StatusCode: string; ResponseParameters: Record<string, string>; ResponseTemplates?: unknown }[] };
      const [response] = integration.IntegrationResponses;
      // 'method.response.header.Access-Control-Allow-Origin': "'https://…'" → access-control-allow-origin: https://…
      const headers = Object.fromEntries(
        Object.entries(response?.ResponseParameters ?? {}).map(([name, value]) => [name.replace('method.response.header.', '').toLowerCase(), value.replace(/^'|'$/g, '')]),
      );
      return { path: pathOf(method.Properties.ResourceId as Reference, resources), type: integration.Type, status: Number(response?.StatusCode), headers, templates: response?.ResponseTemplates };
    });
  const twin = createApiGatewayTwin(sourceLoader, { accessLog: false });
  const origin = stageConfig(STAGE_NAME).api.corsOrigins[0] as string;

  it('finds a mock OPTIONS method on every resource, the root included', () => {
    expect(preflights.length).toBe(Object.keys(resources).length + 1);
    expect(preflights.map((p) => p.path)).toContain('/');
    expect(new Set(preflights.map((p) => p.type))).toEqual(new Set(['MOCK']));
  });

  it('gives the same status and headers on every resource, for the allowed origin and for another', async () => {
    for (const preflight of preflights) {
      const url = preflight.path.replace(/\{\w+\}/g, 'some-id');
      for (const requestOrigin of [origin, 'https://evil.example']) {
        const answer = await twin.handle({ method: 'OPTIONS', url, headers: { origin: requestOrigin } });
        // API Gateway adds its own content type to the mock's empty body; the template does not declare it.
        const { 'content-type': contentType, ...declared } = answer.headers;
        expect({ path: preflight.path, status: answer.status, headers: declared }).toEqual({ path: preflight.path, status: preflight.status, headers: preflight.headers });
        expect(contentType).toBe('application/json');
      }
    }
    // One allowed origin: no response template swaps the origin in.
    expect(preflights.every((p) => p.templates === undefined)).toBe(true);
  });

  it('with several allowed origins, echoes any but the first as the template would, and names the first to any other', () => {
    const origins = ['https://a.example', 'https://b.example'];
    expect(preflightResponse(origins, 'https://b.example').headers['access-control-allow-origin']).toBe('https://b.example');
    expect(preflightResponse(origins, 'https://a.example').headers['access-control-allow-origin']).toBe('https://a.example');
    expect(preflightResponse(origins, 'https://evil.example').headers['access-control-allow-origin']).toBe('https://a.example');
    expect(preflightResponse(origins, undefined).headers['access-control-allow-origin']).toBe('https://a.example');
    expect(preflightResponse(['*'], 'https://evil.example').headers).not.toHaveProperty('vary');
  });
});

describe('the access log', () => {
  const stage = Object.values(template.findResources('AWS::ApiGateway::Stage') as Record<string, CfnResource>)[0];
  const format = JSON.parse((stage?.Properties.AccessLogSetting as { Format: string }).Format) as Record<string, string>;

  it("is the shared field list, each key set to its $context variable, in the list's order (the twin's keys)", () => {
    expect(Object.keys(format)).toEqual(ACCESS_LOG_FIELDS.map((field) => field.name));
    expect(Object.values(format)).toEqual(ACCESS_LOG_FIELDS.map((field) => `$context.${field.contextVariable}`));
  });

  it('names only variables CDK knows, and none about the caller', () => {
    const previous = process.env.JSII_DEPRECATED;
    process.env.JSII_DEPRECATED = 'quiet'; // a few of the fields below are deprecated: no warning for looking
    const known = new Set(
      Object.getOwnPropertyNames(AccessLogField)
        .map((name) => (AccessLogField as unknown as Record<string, unknown>)[name])
        .filter((field): field is () => string => typeof field === 'function' && field.length === 0)
        .map((field) => field()),
    );
    if (previous === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = previous;
    for (const variable of Object.values(format)) expect(known).toContain(variable);
    expect(Object.values(format).join(' ')).not.toMatch(/identity|sourceIp|userAgent|\$context\.path\b|authorizer/);
  });
});
