import fc from 'fast-check';
import { ConflictError, ValidationError } from '#shared/domain/kernel/errors';
import { vatFromGross } from '#shared/domain/kernel/money';
import type { Garment } from '#shared/domain/orders/garments';
import type { Order, OrderLine } from '#shared/domain/orders/orders';
import { handOut } from '#shared/domain/orders/pickup';
import { pickupSale } from '#shared/domain/orders/pickup-sale';
import { stageConfig } from '../../infra/config/stages';
import { buildInvoice } from '#shared/domain/invoices/sales-documents';
import { aCustomerRecord, anOrderRecord } from '../helpers/fixtures';

const AT = '2026-12-01T10:00:00.000Z';
const garment = (tag: string, line: number, pieces = 1, state: Garment['state'] = 'ready'): Garment => ({ tag, line, pieces, conditions: [], state });
const line = (service: string, quantity: number, unitPriceOre: number, kind: OrderLine['kind'] = 'price_list'): OrderLine => ({ service, quantity, unitPriceOre, lineTotalOre: Math.round(quantity * unitPriceOre), kind });
const priced = (items: OrderLine[], garments: Garment[], overrides: Partial<Order> = {}): Order =>
  anOrderRecord('C1', '1042', { items, garments, totals: vatFromGross(items.reduce((sum, i) => sum + i.lineTotalOre, 0)), status: 'ready', ...overrides });

/** Five shirts under two tags, a duvet, express at 50 % and a 10 % discount: 1 250 + 450 = … */
const shirtsAndDuvet = () =>
  priced(
    [line('Skjorte', 5, 6_900), line('Dyne', 1, 39_900), { ...line('Ekspress', 1, 37_200, 'express') }, { ...line('Stamkunde', 1, -14_880, 'discount') }],
    [garment('S1', 1, 3), garment('S2', 1, 2), garment('D1', 2, 1, 'in_work')],
    { status: 'received' },
  );

describe('the split rule: one sale per pickup (pickup-sale.ts)', () => {
  it('prints a share whose quantity does not come to its amount as one amount, so quantity × price is the line total', () => {
    // 0.5 kg of laundry at 99 kr/kg in three bags: a bag's sixth of a kilo rounds to 0.2 kg, which is not its 16.50 kr.
    const order = priced([line('Vask per kg', 0.5, 9_900)], [garment('V1', 1), garment('V2', 1), garment('V3', 1)]);
    const sale = pickupSale(order, new Set(['V1']));
    const invoice = buildInvoice({ documentNumber: 10001, order, customer: aCustomerRecord(), buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, shop: stageConfig('prod').shop, issuedAt: new Date(AT), issueDate: AT.slice(0, 10), sale });
    for (const printed of invoice.lines) expect(Math.round(printed.quantity * printed.unitPriceOre)).toBe(printed.lineTotalOre);
    expect(invoice.lines.map((l) => l.lineTotalOre)).toEqual([sale.totals.grossOre]);
  });

  it('shares a very large order exactly, where total × weight passes 2^53', () => {
    // 10 wedding dresses at 1 000 000 kr under two tags: a typo-sized order the counter may still take in.
    const order = priced([line('Brudekjole', 10, 100_000_000)], [garment('B1', 1, 5), garment('B2', 1, 5)]);
    const first = pickupSale(order, new Set(['B1']));
    expect(first.totals.grossOre).toBe(500_000_000);
    const rest = pickupSale(handOut(order, ['B1'], AT, { method: 'counter' }), new Set(['B2']));
    expect(first.totals.grossOre + rest.totals.grossOre).toBe(1_000_000_000);
  });

  it('charges the shirts by pieces and spreads express and the discount by value, the last pickup taking the remainder', () => {
    const order = shirtsAndDuvet();
    const shirts = pickupSale(order, new Set(['S1', 'S2']));
    // Shirts 34 500 of the 74 400 the garment lines come to: their share of the order's 96 720.
    expect(shirts.totals).toEqual(vatFromGross(Math.round((96_720 * 34_500) / 74_400)));
    expect(shirts.lines.map((l) => l.line)).toEqual([1, 3, 4]);
    expect(shirts.lines[0]).toEqual({ line: 1, quantity: 5, pieces: 5, amountOre: 34_500 });

    const afterShirts = handOut(order, ['S1', 'S2'], AT, { method: 'counter', posReceiptRef: 'K-1' });
    const duvetReady = { ...afterShirts, garments: afterShirts.garments.map((g) => (g.tag === 'D1' ? { ...g, state: 'ready' as const } : g)), status: 'ready' as const };
    const duvet = pickupSale(duvetReady, new Set(['D1']));
    expect(shirts.totals.grossOre + duvet.totals.grossOre).toBe(order.totals.grossOre);
    // Every line's shares add up to the line: express and the discount included.
    for (const [i, item] of order.items.entries()) {
      const shares = [...shirts.lines, ...duvet.lines].filter((l) => l.line === i + 1).reduce((sum, l) => sum + l.amountOre, 0);
      expect(shares).toBe(item.lineTotalOre);
    }
  });

  it('is exactly today\'s sale when everything goes at once: every line whole, the order\'s totals', () => {
    const order = { ...shirtsAndDuvet(), garments: shirtsAndDuvet().garments.map((g) => ({ ...g, state: 'ready' as const })) };
    const sale = pickupSale(order, new Set(['S1', 'S2', 'D1']));
    expect(sale.totals).toEqual(order.totals);
    expect(sale.lines.map((l) => [l.line, l.quantity, l.amountOre])).toEqual(order.items.map((item, i) => [i + 1, item.quantity, item.lineTotalOre]));
  });

  it('hands out an order from before garments were tagged whole, as one sale of its total', () => {
    const order = priced([line('Dress', 1, 24_900, undefined)], []);
    expect(pickupSale(order, new Set())).toEqual({ lines: [{ line: 1, quantity: 1, amountOre: 24_900 }], totals: order.totals });
  });

  it('sums to the order\'s total to the øre, never below 0, for any order and any split into pickups', () => {
    const anOrder = fc
      .record({
        lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 9 }), unitPriceOre: fc.integer({ min: 0, max: 99_999 }), kilos: fc.boolean(), pieces: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 5 }),
        expressOre: fc.option(fc.integer({ min: 1, max: 50_000 })),
        discountPermille: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 2 }),
      })
      .map(({ lines, expressOre, discountPermille }) => {
        const items: OrderLine[] = lines.map((l, i) => (l.kilos ? { ...line(`Vask ${i}`, l.quantity + 0.5, l.unitPriceOre), unit: 'per_kg' as const } : line(`Rens ${i}`, l.quantity, l.unitPriceOre)));
        const garments = lines.flatMap((l, i) => l.pieces.map((pieces, j) => garment(`T${i}-${j}`, i + 1, pieces)));
        if (expressOre !== null) items.push(line('Ekspress', 1, expressOre, 'express'));
        const subtotal = items.reduce((sum, i) => sum + i.lineTotalOre, 0);
        // Discounts of at most half each, so together never beyond the subtotal (intake's rule).
        for (const permille of discountPermille) items.push(line('Rabatt', 1, 0 - Math.floor((subtotal * permille) / 1000), 'discount'));
        return priced(items, garments);
      });
    const property = fc.property(
      anOrder.chain((order) => fc.tuple(fc.constant(order), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: order.garments.length, maxLength: order.garments.length }))),
      ([order, visitOf]) => {
        let current = order;
        let sum = 0;
        const byLine = new Map<number, number>();
        for (let visit = 0; visit <= 3; visit++) {
          const tags = current.garments.filter((_, i) => visitOf[i] === visit).map((g) => g.tag);
          if (!tags.length) continue;
          const sale = pickupSale(current, new Set(tags));
          expect(sale.totals.grossOre).toBeGreaterThanOrEqual(0);
          expect(sale.totals).toEqual(vatFromGross(sale.totals.grossOre));
          expect(sale.lines.reduce((s, l) => s + l.amountOre, 0)).toBe(sale.totals.grossOre);
          for (const l of sale.lines) byLine.set(l.line, (byLine.get(l.line) ?? 0) + l.amountOre);
          sum += sale.totals.grossOre;
          current = handOut(current, tags, AT, { method: 'counter' });
        }
        expect(sum).toBe(order.totals.grossOre);
        expect(current.status).toBe('picked_up');
        expect(current.pickups?.reduce((s, p) => s + p.totals.grossOre, 0)).toBe(order.totals.grossOre);
        for (const [i, item] of order.items.entries()) expect(byLine.get(i + 1) ?? 0).toBe(item.lineTotalOre);
      },
    );
    fc.assert(property, { numRuns: 300 });
  });
});

describe('handing out garments by tag (pickup.ts)', () => {
  it('records the pickup and keeps the order open while garments are left, then picks it up', () => {
    const order = shirtsAndDuvet();
    const first = handOut(order, ['s1'], AT, { method: 'counter', posReceiptRef: 'K-1' });
    expect(first).toMatchObject({ status: 'received', version: order.version + 1, payment: { method: 'counter', posReceiptRef: 'K-1' } });
    expect(first.pickups).toEqual([expect.objectContaining({ n: 1, at: AT, tags: ['S1'], payment: { method: 'counter', posReceiptRef: 'K-1' } })]);
    expect(first.garments.map((g) => g.state)).toEqual(['handed_out', 'ready', 'in_work']);
    const ready = { ...first, status: 'ready' as const, garments: first.garments.map((g) => ({ ...g, state: g.state === 'in_work' ? ('ready' as const) : g.state })) };
    const last = handOut(ready, undefined, '2026-12-02T10:00:00.000Z', { method: 'invoice', documentNumber: 10001 });
    expect(last).toMatchObject({ status: 'picked_up', pickedUpAt: '2026-12-02T10:00:00.000Z', statusChangedAt: '2026-12-02T10:00:00.000Z' });
    expect(last.pickups?.map((p) => [p.n, p.tags])).toEqual([[1, ['S1']], [2, ['S2', 'D1']]]);
  });

  it('names each tag it refuses: not in this order, not ready yet, already handed out, named twice', () => {
    const order = handOut(shirtsAndDuvet(), ['S1'], AT, { method: 'counter' });
    const refused = (() => {
      try {
        handOut(order, ['X9', 'D1', 'S1', 'S2', 's2'], AT, { method: 'counter' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { pointer: '/tags/0', detail: 'Order 1042 has no garment with tag X9' },
      { pointer: '/tags/1', detail: 'The garment with tag D1 is not ready yet' },
      { pointer: '/tags/2', detail: 'The garment with tag S1 is already handed out' },
      { pointer: '/tags/4', detail: 'Tag S2 is named twice' },
    ]);
  });

  it('without tags hands out everything, only from ready (409 otherwise), as before', () => {
    expect(() => handOut(shirtsAndDuvet(), undefined, AT, { method: 'counter' })).toThrow(ConflictError);
    expect(() => handOut({ ...shirtsAndDuvet(), status: 'picked_up' }, ['S1'], AT, { method: 'counter' })).toThrow(ConflictError);
  });
});
