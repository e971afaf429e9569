import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { counter } from '#shared/composition';
import { keys } from '#shared/adapters/dynamodb/keys';
import { OPEN_COPY } from '#shared/adapters/dynamodb/items';
import { CONDITION_NOTE_LABELS } from '#shared/domain/orders/garment-conditions';
import { aReadyOrder, aReceivedOrder, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { rasterisePage, readCode128 } from '../helpers/barcodes';
import { pdfText } from '../helpers/pdf';

/**
 * The paper ticket and the tag labels as the counter's printers fetch them: through the twin's
 * API Gateway, on DynamoDB Local, read back as a customer or a scanner would (the text by pdf.js,
 * the barcodes by ZXing from the page at a 203 dpi printer's dots).
 */
const api = apiHarness();
const { call } = api;
const DOTS_PER_MM = 203 / 25.4;

const NAME = 'Ingrid Kvalheim';
const NOTE = 'Ingrid ringer etter jobb';
const CONDITION_NOTE = 'Rødvin fra bryllupet';
const DESCRIPTION = 'Til Kvalheim, hvit';

/** An order whose customer, notes and line description would each say whose it is, were they printed. */
async function anOrderWithEverythingPersonal() {
  const tags = [uniqueTag(), uniqueTag()];
  const taken = await aReceivedOrder(call, api.staff, { name: NAME }, {
    items: [
      { service: 'Dress', quantity: 1, unitPriceOre: 24_900 },
      { service: 'Skjorte', description: DESCRIPTION, quantity: 3, unitPriceOre: 7_900 },
    ],
    garments: [
      { tag: tags[0], line: 1, pieces: 2, colour: 'Mørk blå', brand: 'Ferner Jacobsen', conditions: ['flekk', 'kunden_informert'], note: NOTE, conditionNote: CONDITION_NOTE },
      { tag: tags[1], line: 2, pieces: 3, conditions: ['manglende_knapp'] },
    ],
    promisedReadyAt: '2999-01-02',
  });
  return { ...taken, tags: tags as [string, string] };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pdfPages = (bytes: Uint8Array) => pdfText(bytes).split(/\n?-- \d+ of \d+ --\n?/).filter((page) => page.trim() !== '').map(flat);

describe('GET /admin/orders/{orderId}/ticket.pdf', () => {
  it('prints the ticket number, the garments by tag with their conditions and the total, and nothing that says whose they are', async () => {
    const { orderId, phone, tags } = await anOrderWithEverythingPersonal();
    const ticket = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect(ticket.status).toBe(200);
    expect(ticket.headers['content-type']).toBe('application/pdf');
    expect(ticket.headers['content-disposition']).toBe(`inline; filename="hentelapp-${orderId}.pdf"`);

    const text = flat(pdfText(ticket.bytes));
    const { shop } = counter();
    expect(text).toContain(`HENTELAPP ${orderId}`);
    expect(text).toContain(`${shop.name} ${shop.address.street} ${shop.address.postalCode} ${shop.address.city} Tlf. ${shop.phone}`);
    expect(text).toMatch(/Klar til henting 02\.01\.2999/);
    expect(text).toContain('Plagg: 2 (5 deler)');
    // The lines were typed at the counter and the colour and brand by the clerk: the ticket leaves the shop, so none of their words go on it.
    expect(text).toMatch(new RegExp(`${tags[0]} (Annet arbeid 2 deler|2 deler Annet arbeid) Merknad: ${CONDITION_NOTE_LABELS.flekk}, ${CONDITION_NOTE_LABELS.kunden_informert}`));
    for (const typed of ['Mørk blå', 'Ferner Jacobsen', 'Dress']) expect(text).not.toContain(typed);
    expect(text).toMatch(new RegExp(`${tags[1]} (Annet arbeid 3 deler|3 deler Annet arbeid) Merknad: ${CONDITION_NOTE_LABELS.manglende_knapp}`));
    expect(text).toMatch(/Sum inkl\. mva 486,00 kr/);

    // Never the customer, nor staff free text (the garment's notes, the line's description).
    for (const word of [...NAME.split(' '), ...NOTE.split(' '), 'Rødvin', 'bryllupet', 'hvit']) expect(text).not.toContain(word);
    // The number in any spelling ("912 34 567", "91234567"): digits run together across spaces.
    expect(text.replace(/(\d) (?=\d)/g, '$1')).not.toContain(phone.replace('+47', ''));
  });

  it('carries a barcode that a scanner reads as the ticket number, and prints the same bytes again', async () => {
    const { orderId } = await aReadyOrder(call, api.staff);
    const ticket = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, { token: api.staff });
    expect(ticket.status).toBe(200);
    expect(await readCode128(rasterisePage(ticket.bytes, 0, DOTS_PER_MM))).toEqual([orderId]);
    const again = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, { token: api.staff });
    expect(again.bytes.equals(ticket.bytes)).toBe(true);
  });

  it('answers 404 for a ticket that does not exist', async () => {
    const missing = await call('GET', '/admin/orders/99999999/ticket.pdf', { token: api.staff });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json');
    expect(missing.json).toMatchObject({ status: 404, detail: 'Order 99999999 does not exist' });
  });
});

describe('GET /admin/orders/{orderId}/tags.pdf', () => {
  it('prints one label per garment, each with the ticket, its tag, and a barcode that reads as the tag', async () => {
    const { orderId, tags } = await anOrderWithEverythingPersonal();
    const labels = await call('GET', `/admin/orders/${orderId}/tags.pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect(labels.status).toBe(200);
    expect(labels.headers['content-type']).toBe('application/pdf');
    expect(labels.headers['content-disposition']).toBe(`inline; filename="merkelapper-${orderId}.pdf"`);

    const pages = pdfPages(labels.bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(`${orderId} ${tags[0]}`);
    expect(pages[0]).toContain('Annet arbeid · 2 deler');
    expect(pages[1]).toContain(`${orderId} ${tags[1]}`);
    expect(pages[1]).toContain('Annet arbeid · 3 deler');
    for (const page of pages) for (const word of [...NAME.split(' '), 'Rødvin', 'hvit']) expect(page).not.toContain(word);
    expect(await readCode128(rasterisePage(labels.bytes, 0, DOTS_PER_MM))).toEqual([tags[0]]);
    expect(await readCode128(rasterisePage(labels.bytes, 1, DOTS_PER_MM))).toEqual([tags[1]]);
  });

  it('answers 404 for a ticket that does not exist', async () => {
    const missing = await call('GET', '/admin/orders/99999999/tags.pdf', { token: api.staff });
    expect(missing.json).toMatchObject({ status: 404, detail: 'Order 99999999 does not exist' });
  });

  it('answers 409 for an order taken in before garments were tagged, whose ticket still prints', async () => {
    // Given an order stored as orders were before they had garments: no garments attribute, on the order or its pointer's copy.
    const { orderId, customerId } = await aReceivedOrder(call, api.staff);
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.order(customerId, orderId), UpdateExpression: 'REMOVE garments' }));
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.orderRef(orderId), UpdateExpression: 'REMOVE #order.garments', ExpressionAttributeNames: { '#order': OPEN_COPY } }));

    const labels = await call('GET', `/admin/orders/${orderId}/tags.pdf`, { token: api.staff });
    expect(labels.status).toBe(409);
    expect(labels.headers['content-type']).toBe('application/problem+json');
    expect(labels.json).toMatchObject({ status: 409, detail: `Order ${orderId} has no tagged garments to label: it was taken in before garments were tagged` });

    const ticket = await call('GET', `/admin/orders/${orderId}/ticket.pdf`, { token: api.staff });
    expect(ticket.status).toBe(200);
    expect(flat(pdfText(ticket.bytes))).toContain('Plagg: 0');
  });
});
