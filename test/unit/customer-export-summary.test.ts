import { stageConfig } from '../../infra/config/stages';
import type { Customer, Language } from '#shared/domain/customers/customers';
import type { Message } from '#shared/domain/kernel/outbox-message';
import type { Order, OrderStatus } from '#shared/domain/orders/orders';
import type { PrivacyRequest } from '#shared/domain/rights/privacy-requests';
import type { SalesDocument } from '#shared/domain/invoices/sales-documents';
import { vatFromGross } from '#shared/domain/kernel/money';
import { EXPORT_FORMAT, buildExport, type CustomerData } from '#shared/domain/rights/customer-export';
import { privacyNotice } from '#shared/domain/inventory/privacy-statement';

const shop = stageConfig('local').shop;
// 23:30 UTC on 30 November is 00:30 on 1 December in Oslo: the summary gives the shop's date.
const HANDED_IN = '2026-11-30T23:30:00.000Z';
const NOW = new Date('2026-12-04T09:00:00.000Z');

const aCustomer = (language: Language): Customer => ({
  customerId: 'c-1',
  name: 'Kari Nordmann',
  phone: { e164: '+4791234567', kind: 'mobile' },
  email: 'kari@example.no',
  emailPurposes: ['invoice', 'privacy_requests'],
  language,
  createdAt: HANDED_IN,
  updatedAt: HANDED_IN,
  lastActivityAt: HANDED_IN,
  version: 1,
});
const anOrder = (orderId: string, status: OrderStatus, changes: Partial<Order> = {}): Order => ({
  orderId,
  customerId: 'c-1',
  status,
  items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24900, lineTotalOre: 24900 }],
  garments: [],
  totals: vatFromGross(24900),
  createdAt: HANDED_IN,
  updatedAt: HANDED_IN,
  statusChangedAt: HANDED_IN,
  receivedAt: HANDED_IN,
  version: 1,
  ...changes,
});
const anInvoice: SalesDocument = {
  documentNumber: 10001,
  kind: 'invoice',
  issueDate: '2026-12-03',
  issuedAt: '2026-12-03T10:00:00.000Z',
  orderId: '1002',
  customerId: 'c-1',
  buyer: { name: 'Kari Nordmann', address: { street: 'Storgata 2', postalCode: '2815', city: 'Gjøvik' } },
  seller: { name: shop.name, organisationNumber: shop.organisationNumber, vatRegistered: true, registeredInForetaksregisteret: true, address: shop.address, bankAccount: shop.bankAccount },
  deliveryDate: '2026-12-03',
  deliveryPlace: 'Storgata 1',
  lines: [],
  totals: vatFromGross(124950),
  dueDate: '2026-12-17',
  delivery: 'email',
  retainUntil: '2031-12-31',
} as SalesDocument;
const aMessage: Message = { messageKey: '1002#pickup_ready#ready', customerId: 'c-1', orderId: '1002', purpose: 'pickup_ready', params: { ticket: '1002' }, state: 'sent', attempts: 1, createdAt: '2026-12-02T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z', expiresAt: 0 };
const aRequest: PrivacyRequest = { requestId: 'r-1', customerId: 'c-1', type: 'access', verifiedBy: 'sms_code', status: 'in_progress', receivedAt: '2026-12-04T08:00:00.000Z', deadline: '2027-01-04', updatedAt: '2026-12-04T08:00:00.000Z' };

const dataOf = (language: Language): CustomerData => ({
  customer: aCustomer(language),
  orders: [anOrder('1001', 'received'), anOrder('1002', 'picked_up', { pickedUpAt: '2026-12-03T10:00:00.000Z' })],
  messages: [aMessage],
  documents: [anInvoice],
  receivables: [],
  payments: [],
  reminders: [],
  requests: [aRequest],
  accountItems: [],
  collectiveClaims: [],
});

describe('the access export', () => {
  it('is the whole data as JSON, naming its format, beside the summary', () => {
    const data = dataOf('nb');
    const exported = buildExport(data, NOW, shop);
    expect(exported).toEqual({ format: EXPORT_FORMAT, generatedAt: NOW.toISOString(), summary: expect.any(Array), categories: expect.any(Object), ...data });
    // What each category holds, as the inventory declares it: the profile's number is contact data.
    expect(exported.categories.contact?.customer).toContain('phone');
  });

  it('summarises every category in Norwegian, with its purpose, recipients and retention, then every right', () => {
    const summary = buildExport(dataOf('nb'), NOW, shop).summary;
    const notice = privacyNotice(shop, 'nb');
    expect(summary[0]).toContain('Kari Nordmann, per 4. desember 2026');
    for (const category of notice.categories) {
      const line = summary.find((l) => l.startsWith(`${category.title}:`));
      expect(line).toContain(`Hvorfor: ${category.purpose}`);
      expect(line).toContain(`Hvem som får det: ${category.recipients.map((r) => r.name).join(', ')}`);
      expect(line).toContain(`Hvor lenge: ${category.retention}`);
    }
    for (const right of notice.rights) expect(summary).toContain(`${right.title} (${right.article}): ${right.text}`);
    const text = summary.join('\n');
    expect(text).toContain('mobilnummer +47 91 23 45 67');
    expect(text).toContain('e-post kari@example.no (til faktura på e-post og svar på henvendelser om personvern)');
    expect(text).toContain('meldinger på norsk');
    expect(text).toContain('bestilling 1001, levert inn 1. desember 2026: kr 249,00, ikke hentet ennå');
    expect(text).toContain('bestilling 1002, levert inn 1. desember 2026: kr 249,00, hentet 3. desember 2026');
    expect(text).toContain('faktura 10001 av 3. desember 2026: kr 1 249,50');
    expect(text).toContain('tøyet er klart, 2. desember 2026');
    expect(text).toContain('innsyn, mottatt 4. desember 2026, under behandling');
    expect(text).toContain(`Slettes automatisk etter ${shop.messageRetentionDays} dager`);
  });

  it('has no English codes, ISO dates or raw amounts in the Norwegian', () => {
    const text = buildExport(dataOf('nb'), NOW, shop).summary.join('\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/\(invoice|privacy_requests|språk nb|picked_up|received\b|pickup_ready|in_progress|\+4791234567|NOK/);
    // Nothing is "collected for kr 0,00": an order not collected says it is not.
    expect(text).not.toMatch(/hentet for kr/);
  });

  it('summarises in English for a customer who reads English', () => {
    const text = buildExport(dataOf('en'), NOW, shop).summary.join('\n');
    expect(text).toContain('as of 4 December 2026');
    expect(text).toContain('order 1001, handed in 1 December 2026: NOK 249.00, not collected yet');
    expect(text).toContain('invoice 10001 of 3 December 2026: NOK 1,249.50');
    expect(text).toContain('e-mail kari@example.no (for invoices by e-mail and answers to privacy requests)');
    expect(text).toContain('Datatilsynet, Postboks 458 Sentrum, 0105 Oslo');
    expect(text).not.toMatch(/Hvorfor|bestilling|kr \d/);
  });

  it('includes a business\'s pickups on account not invoiced yet and its collective-invoice claims, with the reference typed for the order (art. 15)', () => {
    const pickup = { customerId: 'c-1', orderId: '1003', n: 1, at: '2026-12-03T10:00:00.000Z', date: '2026-12-03', lines: [{ line: 1, name: 'Duk', quantity: 2, amountOre: 8_000 }], totals: vatFromGross(8_000, 25), reference: 'Kjøkkenet, Per Hansen' };
    const claim = { customerId: 'c-1', period: '2026-11', documentNumber: 10002, claimedAt: '2026-12-01T06:00:00.000Z', completedAt: '2026-12-01T06:00:00.000Z' };
    const exported = buildExport({ ...dataOf('nb'), accountItems: [pickup], collectiveClaims: [claim] }, NOW, shop);
    expect(exported).toMatchObject({ accountItems: [pickup], collectiveClaims: [claim] });
    // Listed under the notice's categories, as the inventory declares them.
    expect(exported.categories.orders?.accountItems).toEqual(expect.arrayContaining(['customerId', 'orderId', 'date', 'reference']));
    expect(exported.categories.sales_documents?.collectiveClaims).toEqual(expect.arrayContaining(['period', 'documentNumber', 'completedAt']));
    expect(exported.summary.join('\n')).toContain('henting på konto fra bestilling 1003, 3. desember 2026: kr 80,00, referanse «Kjøkkenet, Per Hansen», ikke fakturert ennå');
  });

  it('says plainly what is not there', () => {
    const customer = { ...aCustomer('nb'), phone: undefined, email: undefined, emailPurposes: [] } as Customer;
    const text = buildExport({ customer, orders: [], messages: [], documents: [], receivables: [], payments: [], reminders: [], requests: [], accountItems: [], collectiveClaims: [] }, NOW, shop).summary.join('\n');
    expect(text).toContain('ikke noe telefonnummer, ingen e-postadresse');
    expect(text).toContain('Fakturaer og kreditnotaer: ingen.');
    expect(text).toContain('ingen meldinger lagret nå');
  });
});
