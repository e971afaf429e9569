import { racksOf } from '#shared/domain/orders/counter-day';
import type { Order } from '#shared/domain/orders/orders';
import { anOrderRecord } from '../helpers/fixtures';

describe('ready orders by rack', () => {
  const hanging = (orderId: string, locations: (string | undefined)[]): Order => {
    const order = anOrderRecord('c-1', orderId);
    return { ...order, status: 'ready', garments: locations.map((location, i) => ({ ...(order.garments[0] as Order['garments'][number]), tag: `${orderId}-${i}`, state: 'ready', ...(location ? { location } : {}) })) };
  };

  it('groups the tickets by where their garments hang, racks in name order, those with no place yet last', () => {
    const racks = racksOf([hanging('1001', ['Stativ 3']), hanging('1002', [undefined]), hanging('1003', ['Stativ 1', 'Stativ 3']), hanging('1004', ['Krok Å'])]);
    expect(racks).toEqual([
      { location: 'Krok Å', tickets: ['1004'] },
      { location: 'Stativ 1', tickets: ['1003'] },
      { location: 'Stativ 3', tickets: ['1001', '1003'] },
      { tickets: ['1002'] },
    ]);
  });

  it('puts an order with no garment left in the shop under no place, and answers an empty page with no racks', () => {
    const order = hanging('1005', ['Stativ 2']);
    expect(racksOf([{ ...order, garments: order.garments.map((g) => ({ ...g, state: 'handed_out' as const })) }])).toEqual([{ tickets: ['1005'] }]);
    expect(racksOf([])).toEqual([]);
  });
});
