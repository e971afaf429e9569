import { ValidationError } from '../../domain/kernel/errors';

/**
 * Pagination cursors are DynamoDB's LastEvaluatedKey, base64url-encoded so clients treat them as
 * opaque. A cursor comes back from the client, so it is checked before it reaches DynamoDB: only
 * the expected key attributes, all strings, within the partition being read.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : undefined;
}

export const invalidCursor = () => new ValidationError('The cursor is not valid', [{ pointer: '#/query/cursor', detail: 'Use a cursor returned by this endpoint' }]);

export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; fixed: Record<string, string> },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = invalidCursor;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const entries = Object.entries(decoded);
  const shapeOk =
    entries.length === expected.attributes.length &&
    entries.every(([k, v]) => expected.attributes.includes(k) && typeof v === 'string' && v.length > 0 && v.length <= 512);
  const fixedOk = Object.entries(expected.fixed).every(([k, v]) => (decoded as Record<string, unknown>)[k] === v);
  if (!shapeOk || !fixedOk) throw invalid();
  return decoded as Record<string, string>;
}

/**
 * Runs a query that may start from a client's cursor. A cursor can be well formed and still point
 * outside the query's key range, which DynamoDB refuses; that is the client's mistake, not ours.
 */
export async function withCursor<T>(startKey: Record<string, string> | undefined, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (startKey && error instanceof Error && error.name === 'ValidationException') throw invalidCursor();
    throw error;
  }
}
