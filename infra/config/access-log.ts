/**
 * The API's access-log line, declared once: CDK writes it as API Gateway's custom access-log
 * format (each key set to `$context.<contextVariable>`), and the local twin prints the same line
 * with the values API Gateway would put there. What happened, never who: no source IP, no user
 * agent, and the resource path rather than the path, which can hold ids.
 */
export const ACCESS_LOG_FIELDS = [
  { name: 'requestId', contextVariable: 'requestId' },
  { name: 'requestTime', contextVariable: 'requestTime' },
  { name: 'httpMethod', contextVariable: 'httpMethod' },
  { name: 'resourcePath', contextVariable: 'resourcePath' },
  { name: 'status', contextVariable: 'status' },
  { name: 'responseLength', contextVariable: 'responseLength' },
  { name: 'integrationLatency', contextVariable: 'integrationLatency' },
  { name: 'responseLatency', contextVariable: 'responseLatency' },
  // The gateway response type when API Gateway answered by itself (UNAUTHORIZED, ...), else "-".
  { name: 'errorType', contextVariable: 'error.responseType' },
] as const;

export type AccessLogContextVariable = (typeof ACCESS_LOG_FIELDS)[number]['contextVariable'];

/** The custom format API Gateway fills in: a JSON object whose every value is a quoted `$context` variable. */
export function accessLogFormat(): string {
  return JSON.stringify(Object.fromEntries(ACCESS_LOG_FIELDS.map((field) => [field.name, `$context.${field.contextVariable}`])));
}
