import { ConflictError, ValidationError } from '#shared/domain/kernel/errors';
import { changeOrder } from '#shared/domain/orders/order-changes';
import { cancelOrder } from '#shared/domain/orders/order-use-cases';
import { addPriceListItem, retirePriceListItem, setExpressOption } from '#shared/domain/orders/price-list-use-cases';
import { aReceivedOrderThrough } from '../../helpers/fixtures';
import { fakeClock } from '../../helpers/fake-clock';
import { inMemoryDeps } from '../../helpers/in-memory';

/** The rules of a change after intake, on the in-memory ports (the DynamoDB flows: test/integration/order-changes.test.ts). */
const given = () => {
  const clock = fakeClock('2026-03-02T09:00:00.000Z');
  return { deps: inMemoryDeps({ clock: clock.now }), clock };
};
const CLERK = 'clerk-7';

describe('a change after intake', () => {
  it('keeps lines taken in before the price list as they were, description and all, and moves garments with their lines', async () => {
    const { deps } = given();
    // anOrder: a dress and three shirts ("Hvit, stivet"), free-text lines with no kind, a garment on each.
    const { order } = await aReceivedOrderThrough(deps);
    const [dress, shirts] = order.garments;
    const changed = await changeOrder(deps, order.orderId, { lines: [{ keep: 2 }] , garments: [{ tag: shirts?.tag as string, line: 1 }] }, 1, CLERK);
    expect(changed.items).toEqual([order.items[1]]);
    expect(changed.totals.grossOre).toBe(3 * 7_900);
    expect(changed.changes).toEqual([{ at: '2026-03-02T09:00:00.000Z', by: CLERK, what: [{ code: 'line_removed', line: 1 }, { code: 'garment_removed', tag: dress?.tag }] }]);
    // Left out, the garments follow their lines: the renumbering alone changes no garment.
    const again = await changeOrder(deps, order.orderId, { lines: [{ freeText: { service: 'Sy i knapp', unitPriceOre: 5_000, quantity: 1 } }, { keep: 1 }], garments: [{ tag: 'NEW-1', line: 1 }, { tag: shirts?.tag as string, line: 2 }] }, 2, CLERK);
    expect(again.changes?.[1]?.what).toEqual([{ code: 'line_added', line: 1 }, { code: 'garment_added', tag: 'NEW-1' }]);
    const reordered = await changeOrder(deps, order.orderId, { lines: [{ keep: 2 }, { keep: 1 }], garments: [{ tag: shirts?.tag as string, line: 1 }, { tag: 'NEW-1', line: 2, note: 'Knappen i lommen' }] }, 3, CLERK);
    expect(reordered.changes?.[2]?.what).toEqual([{ code: 'garment_changed', tag: 'NEW-1' }]);
  });

  it('switches express on and off, working the surcharge out from the lines as they are', async () => {
    const { deps } = given();
    const shirt = await addPriceListItem(deps, { name: 'Skjorte', category: 'skjorter', priceOre: 6_900, unit: 'per_piece', turnaroundWorkingDays: 1 });
    await setExpressOption(deps, { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, 0);
    const { order } = await aReceivedOrderThrough(deps, {}, { items: undefined, lines: [{ priceListItemId: shirt.itemId, quantity: 2 }], garments: [{ tag: 'S-1', line: 1, pieces: 2 }] });
    const on = await changeOrder(deps, order.orderId, { express: true }, 1, CLERK);
    expect(on.items.map((l) => [l.kind, l.lineTotalOre])).toEqual([['price_list', 13_800], ['express', 6_900]]);
    expect(on).toMatchObject({ express: true, totals: { grossOre: 20_700 } });
    await expect(changeOrder(deps, order.orderId, { lines: [{ keep: 1 }, { keep: 2 }] }, 2, CLERK)).rejects.toMatchObject({ issues: [{ pointer: '/lines/1/keep', detail: expect.stringContaining('express') }] });
    const more = await changeOrder(deps, order.orderId, { lines: [{ replace: 1, with: { priceListItemId: shirt.itemId, quantity: 4 } }], garments: [{ tag: 'S-1', line: 1, pieces: 4 }] }, 2, CLERK);
    expect(more.totals.grossOre).toBe(4 * 6_900 * 1.5);
    const off = await changeOrder(deps, order.orderId, { express: false }, 3, CLERK);
    expect(off.items.map((l) => l.kind)).toEqual(['price_list']);
    expect(off.express).toBeUndefined();
    expect(off.changes?.map((c) => c.what)).toEqual([[{ code: 'express_added' }], [{ code: 'line_changed', line: 1 }, { code: 'garment_changed', tag: 'S-1' }], [{ code: 'express_removed' }]]);
    // A discount kept at its øre may be more than the order comes to without express: the refusal points at express.
    const discounted = (await aReceivedOrderThrough(deps, {}, { items: undefined, lines: [{ priceListItemId: shirt.itemId, quantity: 2 }, { discount: { reason: 'kompensasjon', amountOre: 15_000 } }], express: true, garments: [{ tag: 'S-2', line: 1, pieces: 2 }] })).order;
    expect(discounted.totals.grossOre).toBe(20_700 - 15_000);
    await expect(changeOrder(deps, discounted.orderId, { express: false }, 1, CLERK)).rejects.toMatchObject({ issues: [{ pointer: '/express' }] });
  });

  it('keeps a line of an item retired since intake at its price then, and refuses the item on a new or replaced line', async () => {
    const { deps } = given();
    const hat = await addPriceListItem(deps, { name: 'Hatt', category: 'rens', priceOre: 19_900, unit: 'per_piece', turnaroundWorkingDays: 5 });
    const { order } = await aReceivedOrderThrough(deps, {}, { items: undefined, lines: [{ priceListItemId: hat.itemId, quantity: 1 }], garments: [{ tag: 'H-1', line: 1 }] });
    await retirePriceListItem(deps, hat.itemId, hat.version);
    const kept = await changeOrder(deps, order.orderId, { lines: [{ keep: 1 }, { freeText: { service: 'Ny pynt', unitPriceOre: 10_000, quantity: 1 } }], garments: [{ tag: 'H-1', line: 1 }, { tag: 'H-2', line: 2 }] }, 1, CLERK);
    expect(kept.items[0]).toEqual(order.items[0]);
    expect(kept.totals.grossOre).toBe(29_900);
    await expect(changeOrder(deps, order.orderId, { lines: [{ replace: 1, with: { priceListItemId: hat.itemId, quantity: 2 } }, { keep: 2 }] }, 2, CLERK)).rejects.toMatchObject({ issues: [{ pointer: '/lines/0/with/priceListItemId' }] });
  });

  it('refuses a line named twice, a line made a discount under its garments, a past date, a change that changes nothing, and a cancelled order', async () => {
    const { deps } = given();
    const { order } = await aReceivedOrderThrough(deps);
    const refusal = (input: Parameters<typeof changeOrder>[2]) => changeOrder(deps, order.orderId, input, 1, CLERK).then(() => undefined, (error: unknown) => error);
    expect(await refusal({ lines: [{ keep: 1 }, { keep: 1 }, { keep: 2 }] })).toMatchObject({ issues: [{ pointer: '/lines/1/keep' }] });
    expect(await refusal({ lines: [{ keep: 1 }, { replace: 2, with: { discount: { reason: 'kampanje', amountOre: 100 } } }] })).toMatchObject({ issues: [{ pointer: '/garments' }] });
    expect(await refusal({ lines: [{ keep: 1 }, { keep: 2 }] })).toBeInstanceOf(ValidationError);
    expect(await refusal({ promisedReadyAt: '2026-03-01' })).toMatchObject({ issues: [{ pointer: '/promisedReadyAt' }] });
    expect(await deps.orders.get(order.orderId)).toEqual(order);
    await cancelOrder(deps, order.orderId, 'registered_by_mistake');
    expect(await changeOrder(deps, order.orderId, { promisedReadyAt: '2026-03-09' }, 2, CLERK).catch((error: unknown) => error)).toBeInstanceOf(ConflictError);
  });
});
