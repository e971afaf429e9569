import { createApiGatewayTwin } from '../../infra/local/api-gateway-twin';
import { sourceLoader } from '../../infra/local/handler-bundles';

/**
 * The local twin's API Gateway, in-process: real routing, the real authorizer and handlers,
 * the test's DynamoDB Local table. Handlers are loaded from source through jest.
 */
export type TwinCall = {
  token?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** The caller's address API Gateway reports (the sign-in limits count by it); the loopback client if not given. */
  sourceIp?: string;
};
export type TwinResult = { status: number; headers: Record<string, string>; json: Record<string, unknown> & { [k: string]: unknown }; text: string; bytes: Buffer };

export function twinClient() {
  // No access-log lines: every test file makes a twin (twin-gateway-fidelity.test.ts checks the lines).
  const twin = createApiGatewayTwin(sourceLoader, { accessLog: false });
  return async function call(method: string, url: string, options: TwinCall = {}): Promise<TwinResult> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: Buffer | undefined;
    if (options.rawBody !== undefined) body = Buffer.from(options.rawBody);
    else if (options.body !== undefined) {
      body = Buffer.from(JSON.stringify(options.body));
      headers['content-type'] ??= 'application/json';
    }
    const response = await twin.handle({ method, url, headers, ...(body ? { body } : {}), ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}) });
    const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
    const text = bytes.toString('utf8');
    let json: TwinResult['json'] = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: the test reads `text` or `bytes`
    }
    return { status: response.status, headers: response.headers, json, text, bytes };
  };
}
