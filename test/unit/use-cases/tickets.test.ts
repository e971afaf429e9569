import { ConflictError, NotFoundError } from '#shared/domain/kernel/errors';
import { orderTagLabelsPdf, ticketPrintOf } from '#shared/domain/orders/ticket-use-cases';
import { fakeClock } from '../../helpers/fake-clock';
import { aCustomerRecord, anOrderRecord } from '../../helpers/fixtures';
import { inMemoryDeps } from '../../helpers/in-memory';

/** What the ticket is printed from, on the in-memory ports. */
const given = () => inMemoryDeps({ clock: fakeClock('2026-03-02T09:00:00.000Z').now });

describe('the ticket print of an order', () => {
  it('takes the tags, the lines\' services, the closed-list conditions, the total and the shop, and nothing of the customer or free text', () => {
    // Given an order whose line and garment carry free text, for a customer
    const deps = given();
    const customer = aCustomerRecord({ name: 'Kari Nordmann' });
    const base = anOrderRecord(customer.customerId, '1042', { promisedReadyAt: '2026-03-05' });
    const order = {
      ...base,
      items: base.items.map((line) => ({ ...line, description: 'Til Kari, ring 912 34 567' })),
      garments: base.garments.map((garment) => ({ ...garment, colour: 'Svart', note: 'Kari henter selv', conditions: ['hull' as const], conditionNote: 'Hull etter hund' })),
    };
    // When the ticket's input is made from it
    const print = ticketPrintOf(order, deps.shop);
    // Then it holds exactly what the ticket prints
    expect(print).toEqual({
      ticket: '1042',
      takenInAt: order.receivedAt,
      promisedReadyAt: '2026-03-05',
      // Typed lines, colour and brand are the clerk's words: the ticket prints the price list's names only.
      garments: order.garments.map((garment) => ({ tag: garment.tag, label: 'Annet arbeid', pieces: 1, conditions: ['hull'] })),
      totalOre: order.totals.grossOre,
      shop: { name: deps.shop.name, address: deps.shop.address, phone: deps.shop.phone },
      timeZone: deps.shop.timeZone,
    });
    expect(JSON.stringify(print)).not.toMatch(new RegExp([customer.customerId, 'Kari', 'hund', '912', 'Svart'].join('|')));
    // A line from the price list prints under the list's name.
    const fromList = { ...order, items: order.items.map((line) => ({ ...line, kind: 'price_list' as const, service: 'Dress' })) };
    expect(ticketPrintOf(fromList, deps.shop).garments.map((g) => g.label)).toEqual(['Dress', 'Dress']);
    // An express order says so on its ticket.
    expect(ticketPrintOf({ ...order, express: true }, deps.shop)).toEqual({ ...print, express: true });
  });
});

describe('the tag labels of an order', () => {
  it('are refused (409) for an order without garments, and 404 for a ticket that does not exist', async () => {
    const deps = given();
    const customer = aCustomerRecord();
    await deps.customers.register(customer);
    await deps.orders.create(anOrderRecord(customer.customerId, '1043', { garments: [] }));
    await expect(orderTagLabelsPdf(deps, '1043')).rejects.toThrow(new ConflictError('Order 1043 has no tagged garments to label: it was taken in before garments were tagged'));
    await expect(orderTagLabelsPdf(deps, '9999')).rejects.toThrow(NotFoundError);
  });
});
