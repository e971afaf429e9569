import { ORDER_STATUSES, ORDER_TRANSITIONS, priceOrder, type OrderAction } from '#shared/domain/orders/orders';

describe('the order state machine', () => {
  const legal: Record<string, string> = {
    'received:ready': 'ready',
    'received:cancel': 'cancelled',
    'ready:pickup': 'picked_up',
    'ready:cancel': 'cancelled',
    'cancelled:return': 'returned',
  };
  const everyMove = ORDER_STATUSES.flatMap((status) => (Object.keys(ORDER_TRANSITIONS) as OrderAction[]).map((action) => [status, action] as const));

  it.each(everyMove)('from %s, %s is legal only where the counter allows it', (status, action) => {
    const transition = ORDER_TRANSITIONS[action];
    const allowed = (transition.from as readonly string[]).includes(status);
    expect(allowed).toBe(`${status}:${action}` in legal);
    if (allowed) expect(transition.to).toBe(legal[`${status}:${action}`]);
  });

  it('has no way out of picked up or returned, and out of cancelled only by handing the garments back', () => {
    for (const [action, transition] of Object.entries(ORDER_TRANSITIONS)) {
      expect(transition.from).not.toContain('picked_up');
      expect(transition.from).not.toContain('returned');
      if ((transition.from as readonly string[]).includes('cancelled')) expect(action).toBe('return');
    }
  });
});

describe('pricing an order', () => {
  it('totals VAT-inclusive lines and takes VAT out of the total', () => {
    const { items, totals } = priceOrder([
      { service: 'Dress', quantity: 1, unitPriceOre: 24_900 },
      { service: 'Skjorte', quantity: 3, unitPriceOre: 7_900 },
      { service: 'Slips', quantity: 1, unitPriceOre: 1 },
    ]);
    expect(items.map((i) => i.lineTotalOre)).toEqual([24_900, 23_700, 1]);
    expect(totals).toEqual({ grossOre: 48_601, vatOre: 9_720, netOre: 38_881, vatRatePercent: 25 });
  });
});
