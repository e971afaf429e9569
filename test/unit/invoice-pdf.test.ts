import { renderSalesDocumentPdf } from '#shared/documents/invoice-pdf';
import type { Customer } from '#shared/domain/customers/customers';
import { priceOrder, type Order } from '#shared/domain/orders/orders';
import { buildCreditNote, buildInvoice, formatKroner } from '#shared/domain/invoices/sales-documents';
import { stageConfig } from '../../infra/config/stages';
import { pdfText } from '../helpers/pdf';
import { aCollectiveInvoice } from '../helpers/collective-invoice';

const shop = stageConfig('prod').shop;
const customer = { customerId: 'c', name: 'Kari Nordmann', emailPurposes: [], language: 'nb' } as unknown as Customer;

function invoiceWithLines(count: number) {
  const priced = priceOrder(Array.from({ length: count }, (_, index) => ({ service: `Skjorte nr. ${index + 1}`, quantity: 1, unitPriceOre: 7_950 })));
  const order = { orderId: '1042', customerId: 'c', ...priced } as unknown as Order;
  return buildInvoice({ documentNumber: 10001, order, customer, buyerAddress: { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date('2026-11-25T10:00:00Z'), issueDate: '2026-11-25' });
}

/** The text of each page, from pdf.js, which reports where each page ends. */
const pagesOf = (pdf: Uint8Array) => pdfText(pdf).split(/\n?-- \d+ of \d+ --\n?/).filter((page) => page.trim() !== '');

describe('the invoice PDF', () => {
  it('fits a short invoice on one page', () => {
    const pages = pagesOf(renderSalesDocumentPdf(invoiceWithLines(3)));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Side 1 av 1');
  });

  it('continues an invoice of the most lines an order may have on further pages, every line and the totals printed', () => {
    const invoice = invoiceWithLines(50);
    const pages = pagesOf(renderSalesDocumentPdf(invoice));
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join('\n');
    for (let line = 1; line <= 50; line++) expect(text).toMatch(new RegExp(`Skjorte nr\\. ${line}\\b`));
    expect(text).toContain('Å betale (NOK) 3 975,00');
    expect(text).toContain(`KID ${invoice.kid}`);
    pages.forEach((page, index) => expect(page).toContain(`Side ${index + 1} av ${pages.length}`));
    expect(pages[1]).toContain('Faktura 10001 (forts.)');
    expect(pages[1]).toContain('Beskrivelse');
  });

  it('wraps a long credit reason within the page instead of running it off the edge', () => {
    const reason = `${'Feil pris på gardiner og skjorter, avtalt med kunden ved henting. '.repeat(2)}Sluttord`;
    const credit = buildCreditNote({ documentNumber: 10002, original: invoiceWithLines(3), reason, issuedAt: new Date('2026-11-26T10:00:00Z'), issueDate: '2026-11-26' });
    const text = pdfText(renderSalesDocumentPdf(credit));
    const firstLine = text.split('\n').find((line) => line.includes('Krediterer faktura 10001 i sin helhet'));
    expect(firstLine).toBeDefined();
    expect(firstLine).not.toContain('Sluttord');
    expect(text.replace(/\s+/g, ' ')).toContain(reason.replace(/\s+/g, ' '));
  });

  it('groups a collective invoice\'s lines by pickup, each under its ticket, the day picked up and its reference, over pages', () => {
    const { document } = aCollectiveInvoice(shop, 40);
    const pages = pagesOf(renderSalesDocumentPdf(document));
    expect(pages.length).toBeGreaterThan(1);
    const lines = pages.join('\n').split('\n');
    expect(lines).toContain('Periode 01.11.2026–30.11.2026');
    expect(lines).not.toContain('Lapp 2026-11');
    const heading = lines.findIndex((line) => line.startsWith('Lapp 2001 '));
    expect(lines[heading]).toBe('Lapp 2001 · hentet 02.11.2026 · Deres ref.: Restauranten 0');
    expect(lines[heading + 1]).toMatch(/^Duk, stor 4 89,00 25 % 356,00$/);
    expect(lines).toContain('Lapp 2002 (henting 2) · hentet 03.11.2026');
    for (let i = 0; i < 40; i++) expect(lines.filter((line) => line.startsWith(`Lapp ${2001 + i} `))).toHaveLength(1);
    expect(pages.join('\n')).toContain(`Å betale (NOK) ${formatKroner(document.totals.grossOre)}`);
  });

  it('prints a business buyer\'s organisation number and "Deres ref." under its address', () => {
    const invoice = invoiceWithLines(1);
    const business = { ...invoice, buyer: { ...invoice.buyer, name: 'Hotell Mjøsa AS', organisationNumber: '923609016', reference: 'Resepsjonen' } };
    const text = pdfText(renderSalesDocumentPdf(business));
    expect(text).toContain('Org.nr. 923 609 016');
    expect(text).toContain('Deres ref.: Resepsjonen');
    expect(pdfText(renderSalesDocumentPdf(invoice))).not.toContain('Deres ref.');
  });

  it('wraps a buyer name and street of the longest allowed length instead of running them off the page', () => {
    const long = { ...invoiceWithLines(1), buyer: { name: `${'Wenche Wilhelmsen '.repeat(5)}Mowinckel`, address: { street: 'W'.repeat(100), postalCode: '2815', city: 'Gjøvik' } } };
    const lines = pdfText(renderSalesDocumentPdf(long)).split('\n');
    const nameLines = lines.filter((line) => line.includes('Wenche') || line.includes('Mowinckel'));
    const streetLines = lines.filter((line) => /^W+$/.test(line.trim()));
    expect(nameLines.length).toBeGreaterThan(1);
    expect(nameLines.join(' ').replace(/\s+/g, ' ')).toContain(long.buyer.name);
    expect(streetLines.length).toBeGreaterThan(1);
    expect(streetLines.join('').replace(/\s+/g, '')).toBe(long.buyer.address.street);
  });
});
