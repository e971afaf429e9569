import { keys } from '#shared/adapters/dynamodb/keys';
import { PARTITION } from '#shared/adapters/dynamodb/partitions';
import { stringLike } from '../helpers/leading-keys';

/**
 * Every partition a key of keys.ts can fall in, of the table or of an index, is one that
 * PARTITION names: a function's grant (and so its role's LeadingKeys) can only be written in those
 * patterns, so a new key format that no pattern covers fails here, not as AccessDenied in AWS.
 */
describe.each(Object.entries(keys))('the key %s', (name, build) => {
  it('falls in a partition PARTITION names', () => {
    const key = (build as (...args: unknown[]) => Record<string, string> | undefined)('x', '2026-01-01T00:00:00.000Z', 'y');
    const partitions = Object.entries(key ?? {}).filter(([attribute]) => /^(pk|gsi\d+pk)$/.test(attribute));
    if (name !== 'ordersByPromisedDate') expect(partitions.length).toBeGreaterThan(0);
    for (const [attribute, value] of partitions) expect([attribute, value, Object.values(PARTITION).some((pattern) => stringLike(pattern, value))]).toEqual([attribute, value, true]);
  });
});

it('the promised-date index too, for an order that has one', () => {
  const key = keys.ordersByPromisedDate({ status: 'received', promisedReadyAt: '2026-01-02', orderId: '7' });
  expect(Object.values(PARTITION).some((pattern) => stringLike(pattern, key?.gsi3pk ?? ''))).toBe(true);
});

it('patterns do not overlap where a prefix is a prefix of another: REQUEST#* leaves the REQUESTS# queue alone', () => {
  expect(stringLike(PARTITION.request, 'REQUESTS#received')).toBe(false);
  expect(stringLike(PARTITION.order, 'ORDERS#ready')).toBe(false);
  expect(stringLike(PARTITION.document, 'DOCUMENTS#2026')).toBe(false);
});
