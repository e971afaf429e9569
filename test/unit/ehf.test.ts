import { renderSalesDocumentPdf } from '#shared/documents/invoice-pdf';
import { amount, ehfMissing, renderSalesDocumentEhf } from '#shared/documents/ehf';
import type { Customer } from '#shared/domain/customers/customers';
import { buildCreditNote, buildInvoice, creditNoteFor, NOTHING_CREDITED, type SalesDocument } from '#shared/domain/invoices/sales-documents';
import { priceOrder, type Order, type OrderItemInput } from '#shared/domain/orders/orders';
import { stageConfig } from '../../infra/config/stages';
import { loadPeppolValidator, type PeppolValidator } from '../helpers/peppol';
import { aCollectiveInvoice } from '../helpers/collective-invoice';

/**
 * Every kind of document the shop issues, made into EHF and run through the official PEPPOL BIS
 * Billing 3.0 rules (CEN EN 16931 and PEPPOL, Norwegian rules included). The rules are slow in
 * a JavaScript XPath engine (see test/helpers/peppol.ts), hence the long timeouts.
 */
const shop = stageConfig('prod').shop;
const customer = { customerId: 'c', name: 'Byggmester Hansen AS', emailPurposes: [], language: 'nb' } as unknown as Customer;
const RULES_TIMEOUT = 600_000;

function invoiceOf(items: OrderItemInput[], documentNumber = 10001): SalesDocument {
  const order = { orderId: '1042', customerId: 'c', ...priceOrder(items) } as unknown as Order;
  const invoice = buildInvoice({ documentNumber, order, customer, buyerAddress: { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date('2026-11-25T10:00:00Z'), issueDate: '2026-11-25' });
  return { ...invoice, buyer: { ...invoice.buyer, organisationNumber: '974760673', reference: 'Ola Hansen' } };
}

/** The text of the first element of that name. */
const valueOf = (xml: string, name: string) => new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(xml)?.[1];

let rules: PeppolValidator;
beforeAll(() => {
  rules = loadPeppolValidator();
}, RULES_TIMEOUT);

describe('EHF (PEPPOL BIS Billing 3.0) made from a sales document', () => {
  it('makes an invoice the rules accept, addressed to the buyer by organisation number, with the KID and the PDF', () => {
    const invoice = invoiceOf([{ service: 'Dress, rens', quantity: 1, unitPriceOre: 34_900 }]);
    const xml = renderSalesDocumentEhf(invoice);
    expect(rules.errors(xml)).toEqual([]);
    expect(xml).toContain('<cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID>');
    expect(xml).toContain(`<cbc:CompanyID>NO${shop.organisationNumber}MVA</cbc:CompanyID>`);
    expect(xml).toContain('<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>');
    expect(valueOf(xml, 'cbc:BuyerReference')).toBe('Ola Hansen');
    expect(valueOf(xml, 'cbc:PaymentID')).toBe(invoice.kid);
    expect(valueOf(xml, 'cbc:DueDate')).toBe(invoice.dueDate);
    expect(valueOf(xml, 'cbc:PayableAmount')).toBe('349.00');
    expect(valueOf(xml, 'cbc:EmbeddedDocumentBinaryObject')).toBe(Buffer.from(renderSalesDocumentPdf(invoice)).toString('base64'));
  }, RULES_TIMEOUT);

  it('makes a credit note the rules accept, with positive amounts and a reference to the invoice it credits', () => {
    const invoice = invoiceOf([{ service: 'Skjorte', quantity: 3, unitPriceOre: 7_950 }]);
    const credit = buildCreditNote({ documentNumber: 10002, original: invoice, reason: 'Feil pris <avtalt> & rettet', issuedAt: new Date('2026-11-26T10:00:00Z'), issueDate: '2026-11-26' });
    const xml = renderSalesDocumentEhf(credit);
    expect(rules.errors(xml)).toEqual([]);
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(xml).toContain('<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>10001</cbc:ID>');
    expect(valueOf(xml, 'cbc:Note')).toBe('Feil pris &lt;avtalt&gt; &amp; rettet');
    expect(valueOf(xml, 'cbc:CreditedQuantity')).toBe('3');
    expect(valueOf(xml, 'cbc:PayableAmount')).toBe('238.50');
  }, RULES_TIMEOUT);

  it('makes an invoice of several lines with express and a discount line the rules accept, its VAT the document’s own', () => {
    const invoice = {
      ...invoiceOf([
        { service: 'Skjorte', quantity: 5, unitPriceOre: 7_950 },
        { service: 'Vask per kilo', description: 'Sengetøy', quantity: 2.5, unitPriceOre: 8_900 },
        { service: 'Ekspress', quantity: 1, unitPriceOre: 15_000 },
        { service: 'Rabatt', description: 'Fast kunde', quantity: 1, unitPriceOre: -5_000 },
      ]),
      // No reference on the account: the ticket is the buyer's reference (PEPPOL-EN16931-R003).
    };
    delete invoice.buyer.reference;
    const xml = renderSalesDocumentEhf(invoice);
    expect(rules.errors(xml)).toEqual([]);
    expect(valueOf(xml, 'cbc:BuyerReference')).toBe('1042');
    expect(valueOf(xml, 'cbc:TaxAmount')).toBe(amount(invoice.totals.vatOre));
    expect(valueOf(xml, 'cbc:PayableAmount')).toBe(amount(invoice.totals.grossOre));
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="NOK">-40.00</cbc:LineExtensionAmount>');
  }, RULES_TIMEOUT);

  it('makes an invoice with a zero-rated line beside the standard rate the rules accept, one VAT subtotal per rate', () => {
    // The shop's price list has one rate; a 0 % line is what the document type allows (a zero-rated sale).
    const invoice = invoiceOf([{ service: 'Dress, rens', quantity: 1, unitPriceOre: 34_900 }]);
    const zeroRated = { description: 'Avis', quantity: 1, unitPriceOre: 3_000, lineTotalOre: 3_000, vatRatePercent: 0, vatOre: 0 };
    const mixed: SalesDocument = { ...invoice, lines: [...invoice.lines, zeroRated], totals: { ...invoice.totals, netOre: invoice.totals.netOre + 3_000, grossOre: invoice.totals.grossOre + 3_000 } };
    const xml = renderSalesDocumentEhf(mixed);
    expect(rules.errors(xml)).toEqual([]);
    expect(xml.match(/<cac:TaxSubtotal>/g)).toHaveLength(2);
    expect(xml).toContain('<cac:TaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>');
  }, RULES_TIMEOUT);

  it('makes a document of many lines, like a collective invoice, the rules accept, its lines adding up to the totals', () => {
    const invoice = invoiceOf(Array.from({ length: 60 }, (_, index) => ({ service: `Skjorte, lapp ${1000 + index}`, quantity: 1 + (index % 3), unitPriceOre: 7_950 + index * 33 })));
    const xml = renderSalesDocumentEhf(invoice);
    expect(rules.errors(xml)).toEqual([]);
    expect(xml.match(/<cac:InvoiceLine>/g)).toHaveLength(60);
    expect(valueOf(xml, 'cbc:TaxInclusiveAmount')).toBe(amount(invoice.totals.grossOre));
  }, RULES_TIMEOUT);

  it('makes a collective invoice the rules accept, its period and each pickup in its lines\' notes, and a partial credit note of it', () => {
    const { document } = aCollectiveInvoice(shop, 5);
    const xml = renderSalesDocumentEhf(document);
    expect(rules.errors(xml)).toEqual([]);
    expect(xml).toContain('<cac:InvoicePeriod><cbc:StartDate>2026-11-01</cbc:StartDate><cbc:EndDate>2026-11-30</cbc:EndDate></cac:InvoicePeriod>');
    expect(xml).toContain('<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:Note>Lapp 2001, hentet 2026-11-02, Deres ref. Restauranten 0</cbc:Note>');
    expect(xml).toContain('<cbc:Note>Lapp 2002 (henting 2), hentet 2026-11-03</cbc:Note>');
    expect(xml.match(/<cac:InvoiceLine>/g)).toHaveLength(document.lines.length);
    expect(valueOf(xml, 'cbc:BuyerReference')).toBe('Resepsjonen');
    expect(valueOf(xml, 'cbc:TaxInclusiveAmount')).toBe(amount(document.totals.grossOre));
    const { creditNote } = creditNoteFor({ documentNumber: 10043, original: document, tally: NOTHING_CREDITED, selection: { lines: [{ line: 2 }] }, reason: 'Én serviett for mye', issuedAt: new Date('2026-12-02T10:00:00Z'), issueDate: '2026-12-02' });
    const creditXml = renderSalesDocumentEhf(creditNote);
    expect(rules.errors(creditXml)).toEqual([]);
    expect(creditXml).toContain('<cac:InvoicePeriod>');
    expect(valueOf(creditXml, 'cbc:PayableAmount')).toBe(amount(document.lines[1]?.lineTotalOre ?? 0));
  }, RULES_TIMEOUT);

  it('names what is missing when the buyer has no organisation number', () => {
    const invoice = invoiceOf([{ service: 'Dress, rens', quantity: 1, unitPriceOre: 34_900 }]);
    const consumer = { ...invoice, buyer: { name: 'Kari Nordmann', address: invoice.buyer.address } };
    expect(ehfMissing(consumer)).toEqual([expect.objectContaining({ pointer: '/buyer/organisationNumber' })]);
    expect(ehfMissing(invoice)).toEqual([]);
    expect(() => renderSalesDocumentEhf(consumer)).toThrow();
  });
});
