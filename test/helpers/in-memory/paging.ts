import { ValidationError } from '#shared/domain/kernel/errors';
import type { Page, PageRequest } from '#shared/ports/repositories';

/**
 * Pages of a sorted list with opaque cursors, as the adapters page a Query: a cursor names the
 * list (partition) it came from and the sort key of the last item given, and is refused (the same
 * ValidationError as the adapters') when it is not one this list handed out. As in DynamoDB, a
 * full page carries a cursor even when nothing follows it; the next page is then empty.
 */
const invalidCursor = () => new ValidationError('The cursor is not valid', [{ pointer: '#/query/cursor', detail: 'Use a cursor returned by this endpoint' }]);

type Position = { p: string; k: string };

function decode(cursor: string, partition: string, range?: { from: string; to: string }): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const position = decoded as Partial<Position> | null;
  if (typeof position !== 'object' || position === null || position.p !== partition || typeof position.k !== 'string') throw invalidCursor();
  // DynamoDB refuses a start key outside the query's key range.
  if (range && (position.k < range.from || position.k > range.to)) throw invalidCursor();
  return position.k;
}

/**
 * `sorted` in the order the list is read (ascending sort keys, or descending when `descending`).
 * `range` bounds the sort keys inclusively, like BETWEEN.
 */
export function pageOf<T>(
  partition: string,
  sorted: readonly (readonly [sortKey: string, item: T])[],
  page: PageRequest,
  options: { descending?: boolean; range?: { from: string; to: string } } = {},
): Page<T> {
  const after = page.cursor === undefined ? undefined : decode(page.cursor, partition, options.range);
  const inRange = options.range ? sorted.filter(([k]) => k >= (options.range as { from: string }).from && k <= (options.range as { to: string }).to) : sorted;
  const rest = after === undefined ? inRange : inRange.filter(([k]) => (options.descending ? k < after : k > after));
  const taken = rest.slice(0, page.limit);
  const last = taken.at(-1);
  const full = taken.length === page.limit && last !== undefined;
  return {
    items: taken.map(([, item]) => item),
    ...(full ? { nextCursor: Buffer.from(JSON.stringify({ p: partition, k: last[0] } satisfies Position)).toString('base64url') } : {}),
  };
}

/** Ticket numbers sort as strings zero-padded, as in the table's keys. */
export const padTicket = (orderId: string) => orderId.padStart(10, '0');

/** Message keys start with the order's ticket, padded as in the table's sort key. */
export function messageStorageKey(messageKey: string): string {
  const [orderId, ...rest] = messageKey.split('#');
  return [orderId === 'none' ? 'none' : padTicket(orderId ?? ''), ...rest].join('#');
}
