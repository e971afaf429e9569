import { ENTITY } from '#shared/adapters/dynamodb/keys';
import { kidFor } from '#shared/domain/invoices/sales-documents';
import { formatOcrGiro } from '#shared/domain/receivables/ocr-giro';
import { NOTICE_VERSION } from '#shared/domain/inventory/privacy-statement';
import { DATA_INVENTORY, LEGAL_BASES, type EntityInventory, type InventoriedEntity } from '#shared/domain/inventory/inventory';
import { DATA_CATEGORIES } from '#shared/domain/inventory/data-categories';
import { actionName } from '#shared/domain/inventory/erasure-plan';
import { eraseCustomerData } from '#shared/domain/rights/erasure';
import { categoryOf } from '#shared/domain/inventory/export-plan';
import { PublishCommand, SNSServiceException } from '@aws-sdk/client-sns';
import { notices, priceList, reminders, retention, rights } from '#shared/composition';
import { markReminderPrinted, sendPaymentReminder } from '#shared/domain/receivables/reminder-use-cases';
import { addPriceListItem, changePriceListItem, retirePriceListItem, setExpressOption } from '#shared/domain/orders/price-list-use-cases';
import { runRetentionSweep } from '#shared/domain/retention/retention-sweep';
import { recordStatutoryNotice, sendReminders } from '#shared/domain/notices/notice-use-cases';
import { aReadyOrderThrough, uniqueOrganisationNumber, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { outboxHarness } from '../helpers/outbox-harness';

/**
 * Every attribute written by the counter flows is named in the data inventory, with a purpose,
 * a legal basis, a retention rule and what erasure does to it. A new attribute without an entry
 * fails here, which is how the privacy statement and the code stay in step.
 */
const api = apiHarness();
const { call } = api;

beforeAll(async () => {
  const staff = api.staff;
  const customer = await call('POST', '/admin/customers', {
    token: staff,
    body: { name: 'Astrid Lie', phone: '93 00 00 01', email: 'astrid@example.no', invoiceByEmail: true, emailPurposes: ['privacy_requests'], language: 'en' },
  });
  const customerId = customer.json.customerId as string;
  for (const [payment, extra] of [['counter', { posReceiptRef: 'K-9' }], ['invoice', { buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId }]] as const) {
    const order = await call('POST', '/admin/orders', {
      token: staff,
      body: {
        customerId,
        items: [{ service: 'Frakk', description: 'Flekk på venstre erme', quantity: 1, unitPriceOre: 39_900 }],
        garments: [{ tag: uniqueTag(), line: 1, colour: 'Kamel', brand: 'Fjellreven', note: 'Kunden henter selv', conditions: ['flekk', 'slitasje'], conditionNote: 'Flekk på venstre erme' }],
        promisedReadyAt: '2999-12-31',
        reference: 'Resepsjonen',
      },
    });
    const orderId = order.json.orderId as string;
    await call('POST', `/admin/orders/${orderId}/ready`, { token: staff });
    await call('POST', `/admin/orders/${orderId}/pickup`, { token: staff, body: { payment, ...extra } });
  }
  const invoiced = (await api.env.allItems()).find((i) => i.entity === 'salesDocument') as { documentNumber: number };
  // Credited in two parts: half the line, then the rest as an amount (the claim's tally, by line and in all).
  expect((await call('POST', `/admin/invoices/${invoiced.documentNumber}/credit`, { token: staff, body: { reason: 'Feil pris', lines: [{ line: 1, quantity: 0.5 }] } })).status).toBe(201);
  expect((await call('POST', `/admin/invoices/${invoiced.documentNumber}/credit`, { token: staff, body: { reason: 'Feil pris', amountOre: 19_950 } })).status).toBe(201);
  // Another invoice, paid by bank with more than it asked: the payment, and the overpayment listed for staff.
  const owed = await call('POST', '/admin/orders', { token: staff, body: { customerId, items: [{ service: 'Jakke', quantity: 1, unitPriceOre: 29_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  await call('POST', `/admin/orders/${owed.json.orderId}/ready`, { token: staff });
  const owedPickup = await call('POST', `/admin/orders/${owed.json.orderId}/pickup`, { token: staff, body: { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId } });
  const owedNumber = (owedPickup.json.payment as { documentNumber: number }).documentNumber;
  const paid = await call('POST', `/admin/invoices/${owedNumber}/payments`, { token: staff, body: { amountOre: 30_000, paymentDate: '2026-01-05', method: 'bank', overpayment: true } });
  expect(paid.status).toBe(201);
  // Payment reminders: one e-mailed a week overdue (no fee yet), one for the post later, with a fee and interest, then posted.
  const onPaper = await call('POST', '/admin/customers', { token: staff, body: { name: 'Per Papir', phone: '93 00 00 09' } });
  const remindedInvoices: number[] = [];
  for (const buyer of [customerId, onPaper.json.customerId as string]) {
    const order = await call('POST', '/admin/orders', { token: staff, body: { customerId: buyer, items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
    await call('POST', `/admin/orders/${order.json.orderId}/ready`, { token: staff });
    const picked = await call('POST', `/admin/orders/${order.json.orderId}/pickup`, { token: staff, body: { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId: buyer } });
    remindedInvoices.push((picked.json.payment as { documentNumber: number }).documentNumber);
  }
  const shop = reminders().shop;
  const daysLater = (days: number) => ({ ...reminders(), clock: () => new Date(Date.now() + days * 86_400_000), shop: { ...shop, paymentReminders: { ...shop.paymentReminders, lateInterest: { rateBasisPoints: 1_225, source: 'A test rate, not the current one' } } } });
  expect((await sendPaymentReminder(daysLater(21), remindedInvoices[0] as number)).reminder).toMatchObject({ delivery: 'email', feeOmitted: 'within_14_days_of_due_date' });
  expect((await sendPaymentReminder(daysLater(40), remindedInvoices[1] as number)).reminder).toMatchObject({ delivery: 'print', feeOre: 3_500, interest: expect.anything() });
  await markReminderPrinted(reminders(), remindedInvoices[1] as number, 1);
  // The bank's OCR giro file: its claim with the report (counts only), and an unknown KID listed for staff.
  const ocrFile = formatOcrGiro({ transmissionNumber: '3000001', account: '12345678903', netsDate: '2026-01-06', payments: [{ kid: kidFor(99_999_992), amountOre: 5_000, paymentDate: '2026-01-05' }] });
  expect((await call('POST', '/admin/payments/ocr', { token: staff, rawBody: ocrFile, headers: { 'content-type': 'text/plain' } })).status).toBe(201);
  const cancelled = await call('POST', '/admin/orders', { token: staff, body: { customerId, items: [{ service: 'Gardin', quantity: 2, unitPriceOre: 15_000 }], garments: [{ tag: uniqueTag(), line: 1, pieces: 2 }] } });
  await call('POST', `/admin/orders/${cancelled.json.orderId}/cancel`, { token: staff, body: { reason: 'customer_changed_mind' } });
  // A cancelled order whose garments were handed back: returned, its tag free, no copy on its pointer.
  const handedBack = await call('POST', '/admin/orders', { token: staff, body: { customerId, items: [{ service: 'Skjorte', quantity: 1, unitPriceOre: 7_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  await call('POST', `/admin/orders/${handedBack.json.orderId}/cancel`, { token: staff, body: { reason: 'cannot_be_treated' } });
  expect((await call('POST', `/admin/orders/${handedBack.json.orderId}/return`, { token: staff })).status).toBe(200);
  // An order still being cleaned, delayed once: its ticket's pointer holds a copy of it.
  const waiting = await call('POST', '/admin/orders', { token: staff, body: { customerId, items: [{ service: 'Dress', description: 'Knapp mangler', quantity: 1, unitPriceOre: 24_900 }], garments: [{ tag: uniqueTag(), line: 1, conditions: ['manglende_knapp'] }], promisedReadyAt: '2999-12-30' } });
  await call('POST', `/admin/orders/${waiting.json.orderId}/messages`, { token: staff, body: { purpose: 'delay', newReadyAt: '2999-12-31' } });
  // …and changed after intake: a line and a garment added (its tag claimed), the change recorded on the order and its copy.
  const [kept] = waiting.json.garments as { tag: string }[];
  const changed = await call('PATCH', `/admin/orders/${waiting.json.orderId}`, {
    token: staff,
    headers: { 'if-match': '"2"' },
    body: { lines: [{ keep: 1 }, { freeText: { service: 'Sy i knapp', unitPriceOre: 5_000, quantity: 1 } }], garments: [{ tag: kept?.tag, line: 1, conditions: ['manglende_knapp'] }, { tag: uniqueTag(), line: 2, note: 'Knappen i lommen' }] },
  });
  expect(changed.status).toBe(200);
  await call('PATCH', `/admin/customers/${customerId}`, { token: staff, body: { phone: '93 00 00 02' } });
  // Customers without a mobile: one with a landline, one with no number, whose name is then corrected (its search entries move).
  expect((await call('POST', '/admin/customers', { token: staff, body: { name: 'Hotell Gjest', phone: '22 12 34 56' } })).status).toBe(201);
  // A business on its switchboard, with a contact and a reference, then corrected: the number's claim moves.
  const hotel = await call('POST', '/admin/customers', {
    token: staff,
    body: { name: 'Fjordhotellet AS', phone: '22 12 34 57', email: 'faktura@fjordhotellet.no', invoiceByEmail: true, business: { organisationNumber: uniqueOrganisationNumber(), invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' }, contactName: 'Kari Hansen', reference: 'Housekeeping' } },
  });
  expect(hotel.status).toBe(201);
  expect((await call('PATCH', `/admin/customers/${hotel.json.customerId}`, { token: staff, body: { business: { organisationNumber: uniqueOrganisationNumber(), ehf: true, onAccount: true } } })).status).toBe(200);
  // …which picks up on account: the sale waits under the business for the collective invoice.
  const linen = await call('POST', '/admin/orders', { token: staff, body: { customerId: hotel.json.customerId, items: [{ service: 'Duker', quantity: 4, unitPriceOre: 6_900 }], garments: [{ tag: uniqueTag(), line: 1, pieces: 4 }], reference: 'Restauranten' } });
  await call('POST', `/admin/orders/${linen.json.orderId}/ready`, { token: staff });
  expect((await call('POST', `/admin/orders/${linen.json.orderId}/pickup`, { token: staff, body: { payment: 'account', customerId: hotel.json.customerId } })).status).toBe(200);
  // Its collective invoice for this month (claim, invoice, receivable, e-mail), then one more pickup, which waits for next month's.
  expect((await call('POST', `/admin/customers/${hotel.json.customerId}/collective-invoice`, { token: staff, body: { period: new Date().toISOString().slice(0, 7) } })).status).toBe(201);
  const towels = await call('POST', '/admin/orders', { token: staff, body: { customerId: hotel.json.customerId, items: [{ service: 'Håndklær', quantity: 10, unitPriceOre: 2_900 }], garments: [{ tag: uniqueTag(), line: 1, pieces: 10 }] } });
  await call('POST', `/admin/orders/${towels.json.orderId}/ready`, { token: staff });
  expect((await call('POST', `/admin/orders/${towels.json.orderId}/pickup`, { token: staff, body: { payment: 'account', customerId: hotel.json.customerId } })).status).toBe(200);
  const walkIn = await call('POST', '/admin/customers', { token: staff, body: { name: 'Ola Uten Nummer' } });
  await call('PATCH', `/admin/customers/${walkIn.json.customerId}`, { token: staff, body: { name: 'Ola Utennummer' } });

  // An order left for 100 days: reminders and the statutory notice; one SMS fails, the others are sent.
  const longAgo = new Date(Date.now() - 100 * 86_400_000);
  const past = { ...notices(), clock: () => longAgo };
  const { order: forgotten } = await aReadyOrderThrough(past, { name: 'Glemsk Kunde', phone: '93 00 00 03' }, { items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }] });
  await sendReminders(notices(), new Date(longAgo.getTime() + 20 * 86_400_000));
  await call('POST', `/admin/orders/${forgotten.orderId}/messages`, { token: staff, body: { purpose: 'question', note: 'Spør om adresse' } });
  await recordStatutoryNotice(notices(), forgotten.orderId, { method: 'in_shop_notice', givenOn: new Date().toISOString().slice(0, 10) }, 'clerk-1');
  // Privacy requests: one still open (the order above is being collected), with its link from the customer.
  await call('POST', `/admin/customers/${customerId}/requests`, { token: staff, body: { type: 'access', verifiedBy: 'in_person' } });
  // …and one the customer opened signed in, which counts towards their day's cap.
  expect((await call('POST', '/me/requests', { token: await api.env.issuer.customerToken(customerId), body: { type: 'erasure' } })).status).toBe(202);
  // A customer erased with an invoice still unpaid: all but the claim's data goes, the rest under the legal-claim hold.
  const debtor = await call('POST', '/admin/customers', { token: staff, body: { name: 'Skyldig Kunde', phone: '93 00 00 04' } });
  const debt = await call('POST', '/admin/orders', { token: staff, body: { customerId: debtor.json.customerId, items: [{ service: 'Frakk', quantity: 1, unitPriceOre: 39_900 }], garments: [{ tag: uniqueTag(), line: 1 }] } });
  await call('POST', `/admin/orders/${debt.json.orderId}/ready`, { token: staff });
  await call('POST', `/admin/orders/${debt.json.orderId}/pickup`, { token: staff, body: { payment: 'invoice', buyerAddress: { street: 'Storgata 7', postalCode: '2815', city: 'Gjøvik' }, customerId: debtor.json.customerId } });
  const held = await eraseCustomerData(rights(), { customerId: debtor.json.customerId as string, pseudonym: 'erased:inventory-debtor', answeringRequestId: 'inventory-debtor' });
  expect(held.outcome).toBe('held');
  // A sign-in: a code requested and used, and one left live.
  await call('POST', '/auth/code', { body: { phone: '93 00 00 02' } });
  await call('POST', '/auth/code', { body: { phone: '93 00 00 03' } });
  const harness = outboxHarness(api.env);
  harness.sns.on(PublishCommand).rejectsOnce(new SNSServiceException({ name: 'InvalidParameterException', $fault: 'client', $metadata: {}, message: 'x' })).resolves({ MessageId: 'sns-1' });
  await harness.drain();
  harness.stop();
  // The retention sweep's own state and report (it finds nothing due today).
  await runRetentionSweep(retention());
  // The price list: an item changed, one retired, and the express option set.
  const dress = await addPriceListItem(priceList(), { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 });
  const hat = await addPriceListItem(priceList(), { name: 'Hatt', category: 'rens', priceOre: 19_900, unit: 'per_piece', turnaroundWorkingDays: 5 });
  await changePriceListItem(priceList(), dress.itemId, { priceOre: 24_900 }, dress.version);
  await retirePriceListItem(priceList(), hat.itemId, hat.version);
  await setExpressOption(priceList(), { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }, 0);
}, 180_000); // a dozen calls through the twin: generous, for a loaded machine

it('names every entity and every attribute the flows store', async () => {
  const items = await api.env.allItems();
  const unnamed: string[] = [];
  for (const item of items) {
    const entity = (DATA_INVENTORY as Record<string, EntityInventory>)[String(item.entity)];
    if (!entity) {
      unnamed.push(`entity ${String(item.entity)}`);
      continue;
    }
    for (const [name, value] of Object.entries(item)) {
      const entry = entity.attributes[name];
      if (!entry) {
        unnamed.push(`${String(item.entity)}.${name}`);
        continue;
      }
      const nested = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'object' && v !== null);
      for (const field of nested.flatMap((v) => Object.keys(v))) {
        if (!entry.fields || !(field in entry.fields)) unnamed.push(`${String(item.entity)}.${name}.${field}`);
      }
    }
  }
  expect([...new Set(unnamed)]).toEqual([]);
  // The flow above wrote every kind of item there is, so the check covered them all.
  expect(new Set(items.map((i) => i.entity))).toEqual(new Set(Object.values(ENTITY)));
  expect(new Set(items.filter((i) => i.entity === 'customer').map((i) => i.phoneKind))).toEqual(new Set(['mobile', 'landline', undefined]));
  // The business's account, and beside it what names a person: the contact and the reference; one claim, the corrected number's.
  expect(items.some((i) => i.entity === 'customer' && typeof i.business === 'object' && typeof i.contactName === 'string' && typeof i.invoiceReference === 'string')).toBe(true);
  expect(items.filter((i) => i.entity === 'organisationClaim')).toHaveLength(1);
  const messageStates = new Set(items.filter((i) => i.entity === 'message').map((i) => i.state));
  expect(messageStates).toEqual(new Set(['sent', 'failed']));
  expect(items.some((i) => i.entity === 'order' && Array.isArray(i.reminders) && Array.isArray(i.notices))).toBe(true);
  expect(items.some((i) => i.entity === 'order' && i.status === 'returned' && typeof i.returnedAt === 'string' && i.cancelReason === 'cannot_be_treated')).toBe(true);
  expect(items.some((i) => i.entity === 'order' && typeof i.gsi3sk === 'string')).toBe(true); // the delayed order, received with a promised date
  expect(items.some((i) => i.entity === 'orderRef' && typeof i.order === 'object' && typeof i.documentNumber === 'number')).toBe(false); // a copy only while open, a number only once invoiced
  // A copy exactly for the orders with garments in the shop: received, ready, and cancelled but not yet handed back.
  const inShop = items.filter((i) => i.entity === 'order' && (i.garments as { state: string }[] | undefined)?.some((g) => g.state === 'in_work' || g.state === 'ready')).map((i) => i.orderId);
  expect(items.filter((i) => i.entity === 'orderRef' && typeof i.order === 'object').map((i) => i.orderId).sort()).toEqual([...inShop].sort());
  expect(inShop).toHaveLength(3);
  // A claim per garment in the shop: one each, but two on the order changed after intake.
  const inShopGarments = items.filter((i) => i.entity === 'order' && inShop.includes(i.orderId)).flatMap((i) => (i.garments as { state: string }[]).map(() => i.orderId));
  expect(inShopGarments).toHaveLength(4);
  expect(items.filter((i) => i.entity === 'tagClaim').map((i) => i.orderId).sort()).toEqual([...inShopGarments].sort());
  expect(items.some((i) => i.entity === 'orderRef' && typeof i.documentNumber === 'number')).toBe(true);
});

it('gives every attribute a purpose, a legal basis, a retention rule, an erasure action (per field of a structure) and a category', () => {
  for (const [name, entity] of Object.entries(DATA_INVENTORY as Record<string, EntityInventory>)) {
    for (const [attribute, entry] of Object.entries(entity.attributes)) {
      expect(entry.purpose.length).toBeGreaterThan(10);
      expect(entry.retention.length).toBeGreaterThan(5);
      expect(Object.keys(LEGAL_BASES)).toContain(entry.basis);
      expect(['delete', 'legalHold', 'pseudonymise', 'drop', 'keep']).toContain(actionName(entry.onErasure));
      for (const action of Object.values(entry.fields ?? {})) expect(['delete', 'legalHold', 'pseudonymise', 'drop', 'keep', 'generalise']).toContain(actionName(action));
      if (entry.personal) expect(actionName(entry.onErasure)).not.toBe('keep');
      expect(DATA_CATEGORIES).toContain(categoryOf(name as InventoriedEntity, attribute));
    }
  }
});

describe('GET /privacy, from the same inventory', () => {
  it('lists every entity and attribute with purpose, basis, retention and erasure, and who to contact', async () => {
    const response = await call('GET', '/privacy');
    expect(response.status).toBe(200);
    const statement = response.json as { controller: { contact: { email: string } }; entities: { entity: string; attributes: { name: string; purpose: string; legalBasis: string }[] }[] };
    expect(statement.controller.contact.email).toBe('personvern@eksempel-renseri.no');
    for (const [entity, inventory] of Object.entries(DATA_INVENTORY as Record<string, EntityInventory>)) {
      const listed = statement.entities.find((e) => e.entity === entity);
      expect(listed?.attributes.map((a) => a.name)).toEqual(Object.keys(inventory.attributes));
    }
  });

  it('is a Norwegian page for a browser, naming what the privacy statement promises and never a customer', async () => {
    const page = await call('GET', '/privacy', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const phrase of ['Navn', 'Mobilnummer', 'E-postadresse, bare når det trengs', 'Hvilke tjenester du har kjøpt', 'aldri til reklame', 'engangskode', 'personvern@eksempel-renseri.no', 'bokføringsloven § 13']) {
      expect(page.text).toContain(phrase);
    }
    expect(page.text).not.toMatch(/Astrid|Glemsk|\+479300000/);
  });

  it('negotiates JSON or HTML by Accept and Norwegian or English by Accept-Language, and tells caches so', async () => {
    const json = await call('GET', '/privacy', { headers: { accept: 'application/json' } });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-language']).toBe('nb');
    expect(json.headers.vary).toBe('Accept, Accept-Language, Origin');
    expect(json.headers['cache-control']).toBe('public, max-age=300');
    expect(json.json).toMatchObject({ language: 'nb', version: NOTICE_VERSION, lastChanged: '1. desember 2026' });

    const english = await call('GET', '/privacy', { headers: { accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9,nb;q=0.5' } });
    expect(english.headers['content-language']).toBe('en');
    expect(english.json).toMatchObject({ language: 'en', title: 'Privacy at Eksempel Renseri AS' });

    const page = await call('GET', '/privacy', { headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': 'en' } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-language']).toBe('en');
    expect(page.headers.vary).toBe('Accept, Accept-Language, Origin');
    expect(page.text).toContain('<html lang="en">');
    for (const phrase of ['Your rights', 'Amazon SNS', 'eu-north-1', 'Datatilsynet, Postboks 458 Sentrum, 0105 Oslo', '123 456 785']) expect(page.text).toContain(phrase);

    // A browser on the shop's own site sends Origin: CORS adds to the Vary, it does not replace it.
    const crossOrigin = await call('GET', '/privacy', { headers: { accept: 'text/html', origin: 'http://localhost:5173' } });
    expect(crossOrigin.headers.vary).toBe('Accept, Accept-Language, Origin');

    const norwegian = await call('GET', '/privacy', { headers: { accept: 'text/html', 'accept-language': 'nn-NO' } });
    expect(norwegian.headers['content-language']).toBe('nb');
    expect(norwegian.text).toContain('Dine rettigheter');
  });

  it('has a Norwegian label and purpose for every personal attribute', () => {
    for (const inventory of Object.values(DATA_INVENTORY) as EntityInventory[]) {
      for (const entry of Object.values(inventory.attributes)) if (entry.personal) expect(entry.nb?.what && entry.nb.purpose).toBeTruthy();
    }
  });
});
