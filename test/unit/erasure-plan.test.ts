import { stageConfig } from '../../infra/config/stages';
import { DATA_CATEGORIES } from '#shared/domain/inventory/data-categories';
import { ACTIONS_ON_KEPT_ITEMS, actionName, keptForm } from '#shared/domain/inventory/erasure-plan';
import { keptLineName } from '#shared/domain/orders/orders';
import { categoryOf, exportCategories } from '#shared/domain/inventory/export-plan';
import { DATA_INVENTORY, LEGAL_HOLDS, type EntityInventory } from '#shared/domain/inventory/inventory';
import { buildCreditNote, buildInvoice, creditNoteFor, NOTHING_CREDITED } from '#shared/domain/invoices/sales-documents';
import { FREE_TEXT_LINE_KEPT_AS, type Order } from '#shared/domain/orders/orders';
import { aCustomerRecord, anOrderRecord } from '../helpers/fixtures';

const PSEUDONYM = 'erased:req-1';
const shop = stageConfig('prod').shop;
const customer = aCustomerRecord({ name: 'Kari Nordmann', email: 'kari@example.no', emailPurposes: ['invoice'] });

/** A counter sale with one line of each kind, described garments, reminders and a statutory notice. */
const sale: Order = anOrderRecord(customer.customerId, '1042', {
  status: 'picked_up',
  items: [
    { kind: 'price_list', service: 'Dress', priceListItemId: 'P1', category: 'rens', unit: 'per_garment', quantity: 1, unitPriceOre: 22_900, lineTotalOre: 22_900 },
    { kind: 'free_text', service: 'Sy inn lapp «Kari N.»', quantity: 1, unitPriceOre: 5_000, lineTotalOre: 5_000 },
    { service: 'Kåpe', description: 'Flekk etter rødvin', quantity: 1, unitPriceOre: 39_900, lineTotalOre: 39_900 },
    { kind: 'discount', service: 'Rabatt stamkunde', discountReason: 'stamkunde', quantity: 1, unitPriceOre: -2_000, lineTotalOre: -2_000 },
  ],
  garments: [{ tag: 'T1', line: 1, pieces: 1, colour: 'Kamel', brand: 'Fjellreven', note: 'Til bryllupet', conditions: ['flekk'], conditionNote: 'Flekk på ermet', state: 'handed_out', leftAt: '2026-03-03T10:00:00.000Z' }],
  noticeBy: 'sms',
  promisedReadyAt: '2026-03-05',
  readyAt: '2026-03-02T12:00:00.000Z',
  pickedUpAt: '2026-03-03T10:00:00.000Z',
  payment: { method: 'counter', posReceiptRef: 'K-77' },
  reminders: [{ afterDays: 14, sentAt: '2026-03-16T09:00:00.000Z' }],
  notices: [{ method: 'in_shop_notice', givenOn: '2026-04-01', recordedAt: '2026-04-01T09:00:00.000Z', recordedBy: 'clerk-1' }],
  retainUntil: '2031-12-31',
});
const context = { pseudonym: PSEUDONYM, orders: new Map([[sale.orderId, sale]]) };

describe('the kept form of a record, read from the data inventory', () => {
  it('keeps of a counter sale its amounts, dates, receipt and the services by price-list name or category, under the pseudonym', () => {
    const kept = keptForm('order', sale, context);
    expect(kept.customerId).toBe(PSEUDONYM);
    expect(kept.items).toEqual([
      { kind: 'price_list', service: 'Dress', priceListItemId: 'P1', category: 'rens', unit: 'per_garment', quantity: 1, unitPriceOre: 22_900, lineTotalOre: 22_900 },
      { kind: 'free_text', service: FREE_TEXT_LINE_KEPT_AS, quantity: 1, unitPriceOre: 5_000, lineTotalOre: 5_000 },
      { service: FREE_TEXT_LINE_KEPT_AS, quantity: 1, unitPriceOre: 39_900, lineTotalOre: 39_900 },
      { kind: 'discount', service: 'Rabatt stamkunde', discountReason: 'stamkunde', quantity: 1, unitPriceOre: -2_000, lineTotalOre: -2_000 },
    ]);
    expect(kept).toMatchObject({ orderId: '1042', status: 'picked_up', totals: sale.totals, payment: { method: 'counter', posReceiptRef: 'K-77' }, pickedUpAt: sale.pickedUpAt, retainUntil: '2031-12-31' });
    for (const gone of ['garments', 'reminders', 'notices', 'noticeBy', 'promisedReadyAt', 'readyAt']) expect(kept).not.toHaveProperty(gone);
  });

  it('drops what the inventory does not name, an attribute or a field of a structure: nothing undeclared survives', () => {
    const withMore = { ...sale, clerkRemark: 'Kari kommer fredag', items: [{ ...sale.items[0], remark: 'Kari sin' }] } as unknown as Order;
    const kept = keptForm('order', withMore, context) as unknown as Record<string, unknown>;
    expect(kept).not.toHaveProperty('clerkRemark');
    expect(JSON.stringify(kept)).not.toContain('Kari');
  });

  it('keeps of an invoice and its credit note what bokføringsforskriften § 5-1-1 asks for: the buyer, and each line named after its order line, never the typed text; the credit reason goes', () => {
    const invoiced: Order = { ...sale, payment: { method: 'invoice', documentNumber: 10001 } };
    const invoice = buildInvoice({ documentNumber: 10001, order: invoiced, customer, buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date('2026-03-03T10:00:00Z'), issueDate: '2026-03-03' });
    const credit = buildCreditNote({ documentNumber: 10002, original: invoice, reason: 'Kari klaget på lukten', issuedAt: new Date('2026-03-04T10:00:00Z'), issueDate: '2026-03-04' });
    for (const document of [invoice, credit]) {
      const kept = keptForm('salesDocument', document, { pseudonym: PSEUDONYM, orders: new Map([[invoiced.orderId, invoiced]]) });
      expect(kept.lines.map((line) => line.description)).toEqual(['Dress', FREE_TEXT_LINE_KEPT_AS, FREE_TEXT_LINE_KEPT_AS, 'Rabatt stamkunde']);
      expect(kept.lines.map((line) => line.lineTotalOre)).toEqual(document.lines.map((line) => line.lineTotalOre));
      expect(kept).toMatchObject({ customerId: PSEUDONYM, buyer: document.buyer, seller: document.seller, totals: document.totals, issueDate: document.issueDate, documentNumber: document.documentNumber, retainUntil: document.retainUntil });
      expect(kept).not.toHaveProperty('creditReason');
      expect(JSON.stringify({ ...kept, buyer: undefined })).not.toMatch(/Kari|rødvin|lapp/);
    }
    // A document whose order is not at hand keeps the names decided at issue, never what was typed;
    expect(keptForm('salesDocument', invoice, { pseudonym: PSEUDONYM, orders: new Map() }).lines.map((line) => line.description)).toEqual(['Dress', FREE_TEXT_LINE_KEPT_AS, FREE_TEXT_LINE_KEPT_AS, 'Rabatt stamkunde']);
    // one issued before lines carried that name is named from its order, and without it neutrally.
    const older = { ...invoice, lines: invoice.lines.map(({ keptAs: _keptAs, ...line }) => line) };
    expect(keptForm('salesDocument', older, { pseudonym: PSEUDONYM, orders: new Map([[invoiced.orderId, invoiced]]) }).lines.map((line) => line.description)).toEqual(['Dress', FREE_TEXT_LINE_KEPT_AS, FREE_TEXT_LINE_KEPT_AS, 'Rabatt stamkunde']);
    expect(keptForm('salesDocument', older, { pseudonym: PSEUDONYM, orders: new Map() }).lines.every((line) => line.description === FREE_TEXT_LINE_KEPT_AS)).toBe(true);
  });

  it('names a partial credit\'s lines after the lines it credits, and an amount credited as such, not after the order line at their place', () => {
    const invoiced: Order = { ...sale, payment: { method: 'invoice', documentNumber: 10001 } };
    const invoice = buildInvoice({ documentNumber: 10001, order: invoiced, customer, buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date('2026-03-03T10:00:00Z'), issueDate: '2026-03-03' });
    const orders = new Map([[invoiced.orderId, invoiced]]);
    const at = { issuedAt: new Date('2026-03-04T10:00:00Z'), issueDate: '2026-03-04', reason: 'Kari klaget' };
    // Line 2 (typed at the counter) alone: it is the credit note's first line, where the order has the dress
    const { creditNote: ofLine, tally } = creditNoteFor({ documentNumber: 10002, original: invoice, tally: NOTHING_CREDITED, selection: { lines: [{ line: 2 }] }, ...at });
    expect(keptForm('salesDocument', ofLine, { pseudonym: PSEUDONYM, orders }).lines.map((line) => line.description)).toEqual([FREE_TEXT_LINE_KEPT_AS]);
    const { creditNote: ofAmount } = creditNoteFor({ documentNumber: 10003, original: invoice, tally, selection: { amountOre: 1_000 }, ...at });
    expect(keptForm('salesDocument', ofAmount, { pseudonym: PSEUDONYM, orders }).lines.map((line) => line.description)).toEqual(['Kreditert beløp, faktura 10001']);
  });

  it('names a line by its price-list name, express or discount label, and any other by the neutral name', () => {
    expect(keptLineName({ kind: 'price_list', service: 'Dress' })).toBe('Dress');
    expect(keptLineName({ kind: 'express', service: 'Ekspress' })).toBe('Ekspress');
    expect(keptLineName({ kind: 'free_text', service: 'Kari sin kjole' })).toBe(FREE_TEXT_LINE_KEPT_AS);
    expect(keptLineName({ service: 'Kari sin kjole' })).toBe(FREE_TEXT_LINE_KEPT_AS);
  });

  it('refuses an entity the inventory does not keep on erasure', () => {
    expect(() => keptForm('customer', customer, context)).toThrow('keeps no customer');
  });
});

describe('the inventory\'s erasure and export declarations', () => {
  const entities = Object.entries(DATA_INVENTORY as Record<string, EntityInventory>);

  it('says, on every entity kept on erasure, what stays of each attribute and field ("delete" is for items that go)', () => {
    const deleting: string[] = [];
    for (const [entity, inventory] of entities.filter(([, i]) => i.keptOnErasure)) {
      expect(Object.keys(LEGAL_HOLDS)).toContain(inventory.keptOnErasure?.hold);
      for (const [name, entry] of Object.entries(inventory.attributes)) {
        if (!(ACTIONS_ON_KEPT_ITEMS as readonly string[]).includes(actionName(entry.onErasure))) deleting.push(`${entity}.${name}`);
        for (const [field, action] of Object.entries(entry.fields ?? {})) if (actionName(action) === 'delete') deleting.push(`${entity}.${name}.${field}`);
      }
    }
    expect(deleting).toEqual([]);
  });

  it('keeps no personal attribute of a kept entity as it is, but under a legal hold, pseudonymised, generalised or dropped', () => {
    for (const [entity, inventory] of entities) {
      for (const [name, entry] of Object.entries(inventory.attributes)) {
        if (entry.personal) expect(`${entity}.${name}: ${actionName(entry.onErasure)}`).not.toBe(`${entity}.${name}: keep`);
      }
    }
  });

  it('puts every attribute in one of the notice\'s categories', () => {
    for (const [entity, inventory] of entities) {
      for (const name of Object.keys(inventory.attributes)) expect(DATA_CATEGORIES).toContain(categoryOf(entity as keyof typeof DATA_INVENTORY, name));
    }
    expect(categoryOf('customer', 'name')).toBe('identity');
    expect(categoryOf('customer', 'phone')).toBe('contact');
    expect(categoryOf('salesDocument', 'buyer')).toBe('sales_documents');
  });

  it('lists what an export holds per category, in the notice\'s order', () => {
    const categories = exportCategories({ customer, orders: [sale], messages: [], documents: [], receivables: [], payments: [], reminders: [], requests: [], accountItems: [], collectiveClaims: [] });
    expect(Object.keys(categories)).toEqual(['identity', 'contact', 'orders']);
    expect(categories.identity?.customer).toEqual(expect.arrayContaining(['customerId', 'name']));
    expect(categories.contact?.customer).toEqual(expect.arrayContaining(['phone', 'email', 'emailPurposes', 'language']));
    expect(categories.orders?.orders).toEqual(expect.arrayContaining(['items', 'garments', 'reminders', 'notices']));
  });
});
