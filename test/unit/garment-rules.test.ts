import { ConflictError, ValidationError } from '#shared/domain/kernel/errors';
import { isInShop, normaliseTag, tagInUse, takeInGarments, TAG_PATTERN } from '#shared/domain/orders/garments';
import { applyTransition, garmentsBlocking, isOpenOrder, moveRefusal, tagsLeavingWith } from '#shared/domain/orders/orders';
import { anOrderRecord } from '../helpers/fixtures';

/** An order's lines that each charge for garments. */
const lines = (count: number) => Array.from({ length: count }, () => ({ kind: 'price_list' }));

const issuesOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
};

describe('taking in garments', () => {
  it('ties each garment to its line, one piece unless told, in work, with its conditions once each', () => {
    expect(takeInGarments([{ tag: ' a-17 ', line: 1, conditions: ['flekk', 'flekk', 'hull'], colour: 'Rød' }, { tag: '4712', line: 2, pieces: 6 }], lines(2))).toEqual([
      { tag: 'A-17', line: 1, pieces: 1, colour: 'Rød', conditions: ['flekk', 'hull'], state: 'in_work' },
      { tag: '4712', line: 2, pieces: 6, conditions: [], state: 'in_work' },
    ]);
  });

  it.each([
    ['the same tag twice', [{ tag: '4711', line: 1 }, { tag: '4711', line: 1 }], 1, [{ pointer: '/garments/1/tag', detail: 'Tag 4711 is already on garment 0 of this order' }]],
    ['the same tag in another case', [{ tag: 'ab1', line: 1 }, { tag: 'AB1', line: 1 }], 1, [{ pointer: '/garments/1/tag', detail: 'Tag AB1 is already on garment 0 of this order' }]],
    ['a line the order does not have', [{ tag: '1', line: 1 }, { tag: '2', line: 3 }], 2, [{ pointer: '/garments/1/line', detail: 'The order has 2 lines' }, { pointer: '/garments', detail: 'Line 2 has no garment: tag what it is charged for' }]],
    ['a line without a garment', [{ tag: '1', line: 1 }], 2, [{ pointer: '/garments', detail: 'Line 2 has no garment: tag what it is charged for' }]],
    ['a tag that is not as printed', [{ tag: '-12', line: 1 }], 1, [{ pointer: '/garments/0/tag', detail: 'Letters and digits as on the tag (dashes between them allowed), at most 16' }]],
  ])('refuses %s, naming each garment at fault', (_case, garments, count, issues) => {
    expect(issuesOf(() => takeInGarments(garments, lines(count)))).toEqual(issues);
  });

  it('ties no garment to an express or discount line, and asks none of them for one', () => {
    const order = [{ kind: 'price_list' }, { kind: 'discount' }, { kind: 'express' }];
    expect(takeInGarments([{ tag: '1', line: 1 }], order)).toHaveLength(1);
    expect(issuesOf(() => takeInGarments([{ tag: '1', line: 1 }, { tag: '2', line: 2 }, { tag: '3', line: 3 }], order))).toEqual([
      { pointer: '/garments/1/line', detail: 'Line 2 is discount, not a garment\'s' },
      { pointer: '/garments/2/line', detail: 'Line 3 is express, not a garment\'s' },
    ]);
  });

  it('reads tags as printed: upper case, letters, digits and inner dashes, at most 16', () => {
    expect(['4711', 'A-17', 'AB12CD34EF56GH78', '0'].every((t) => TAG_PATTERN.test(t))).toBe(true);
    expect(['', '-1', '1-', 'a1', 'AB12CD34EF56GH789', '1 2', 'Ø1'].some((t) => TAG_PATTERN.test(t))).toBe(false);
    expect(normaliseTag(' a-17\t')).toBe('A-17');
  });

  it('answers a tag in use with a conflict that names the tag and points at the garment', () => {
    const conflict = tagInUse('4711', 2);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.extensions).toEqual({ tag: '4711', errors: [{ pointer: '/garments/2/tag', detail: expect.any(String) }] });
  });
});

describe('garments through the order\'s moves', () => {
  const at = '2026-03-02T12:00:00.000Z';
  const order = anOrderRecord('c-1', '1001');

  it('ready makes every garment in work ready; a pickup hands out every garment in the shop and frees their tags', () => {
    const ready = applyTransition(order, 'ready', { at });
    expect(ready.garments.map((g) => [g.state, g.readyAt])).toEqual([['ready', at], ['ready', at]]);
    expect(tagsLeavingWith('ready', order)).toEqual([]);
    expect(tagsLeavingWith('pickup', ready)).toEqual(order.garments.map((g) => g.tag));
    const collected = applyTransition(ready, 'pickup', { at, payment: { method: 'counter' } });
    expect(collected.garments.map((g) => [g.state, g.leftAt])).toEqual([['handed_out', at], ['handed_out', at]]);
    expect(collected.garments.some(isInShop)).toBe(false);
    expect(isOpenOrder(collected)).toBe(false);
  });

  it('a cancelled order stays open while its garments are in the shop: they must go back to their owner', () => {
    const cancelled = applyTransition(order, 'cancel', { at });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.garments).toEqual(order.garments);
    expect(tagsLeavingWith('cancel', order)).toEqual([]);
    expect(isOpenOrder(cancelled)).toBe(true);
    expect(isOpenOrder({ ...cancelled, garments: [] })).toBe(false);
  });

  it('handing back a cancelled order returns every garment in the shop and frees their tags; the order is then closed', () => {
    const cancelled = applyTransition(order, 'cancel', { at, cancelReason: 'customer_changed_mind' });
    expect(cancelled.cancelReason).toBe('customer_changed_mind');
    expect(tagsLeavingWith('return', cancelled)).toEqual(order.garments.map((g) => g.tag));
    const returned = applyTransition(cancelled, 'return', { at });
    expect(returned).toMatchObject({ status: 'returned', returnedAt: at, cancelReason: 'customer_changed_mind' });
    expect(returned.garments.map((g) => [g.state, g.leftAt])).toEqual([['returned', at], ['returned', at]]);
    expect(isOpenOrder(returned)).toBe(false);
  });

  it('refuses a cancellation once any garment is handed out, naming it, whatever the status allows', () => {
    const partly = { ...order, status: 'ready' as const, garments: order.garments.map((g, i) => (i === 0 ? { ...g, state: 'handed_out' as const, leftAt: at } : { ...g, state: 'ready' as const })) };
    expect(garmentsBlocking('cancel', partly).map((g) => g.tag)).toEqual([order.garments[0]?.tag]);
    expect(moveRefusal(partly, 'cancel')).toMatchObject({ kind: 'conflict', extensions: { orderId: order.orderId, currentStatus: 'ready', tags: [order.garments[0]?.tag] } });
    expect(moveRefusal(order, 'cancel')).toBeUndefined();
    expect(moveRefusal({ ...partly, status: 'cancelled' }, 'return')).toMatchObject({ extensions: { tags: [order.garments[0]?.tag] } });
    expect(moveRefusal(order, 'return')).toMatchObject({ extensions: { currentStatus: 'received', allowedFrom: ['cancelled'] } });
  });
});
