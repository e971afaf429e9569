import type { Ore } from '../domain/kernel/money';
import type { SalesDocument, SalesDocumentLine } from '../domain/invoices/sales-documents';
import { renderSalesDocumentPdf } from './invoice-pdf';

/**
 * EHF: a sales document as a PEPPOL BIS Billing 3.0 invoice or credit note (UBL 2.1), for
 * business buyers that receive invoices through the PEPPOL network (Difi/DFØ's EHF; the shop's
 * access point provider sends it). Made from the stored document alone, like the PDF, which goes
 * along inside it as an embedded attachment so the buyer sees the same document the shop prints.
 *
 * Amounts: the document keeps VAT-inclusive prices in øre; EN 16931 wants net amounts per line
 * and the VAT per rate. The VAT breakdown is the document's own totals, so the buyer deducts the
 * VAT the shop books (sales journal); the lines' net amounts are the lines' gross less their VAT,
 * the rounding øre between their sum and the total net put on the largest line, since BR-CO-10
 * and BR-CO-13 want the lines to add up exactly.
 * A credit note states positive amounts (UBL's CreditNote is itself the negation), so the
 * stored negative lines of a credit note are turned back; a discount line stays a line with a
 * negative quantity and net amount at a positive price (BR-27 forbids a negative price).
 */
export const EHF_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const EHF_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** ISO 6523 ICD of the Norwegian organisation number (Enhetsregisteret). */
const NORWEGIAN_ORGANISATION_NUMBER = '0192';

/** Why a document cannot be made into EHF, as a pointer into the stored document; empty when it can. */
export function ehfMissing(document: SalesDocument): { pointer: string; detail: string }[] {
  return document.buyer.organisationNumber
    ? []
    : [{ pointer: '/buyer/organisationNumber', detail: 'The buyer has no organisation number: EHF is addressed to it (PEPPOL endpoint, scheme 0192)' }];
}

export function escapeXml(value: string): string {
  // Characters XML 1.0 does not allow at all are dropped rather than let make the file unreadable.
  // eslint-disable-next-line no-control-regex
  const allowed = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return allowed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Øre as an amount with two decimals: -1234 → "-12.34". */
export function amount(ore: Ore): string {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** A unit price in kroner: exact when four decimals hold it, otherwise rounded to four (PEPPOL-EN16931-R120 allows 0.02 on the line). */
function unitPrice(netOre: number, quantity: number): string {
  return String(Math.round((Math.abs(netOre) / Math.abs(quantity)) * 100) / 10000);
}

const quantity = (value: number) => String(Math.round(value * 1000) / 1000);

type EhfLine = { line: SalesDocumentLine; number: number; netOre: Ore; quantity: number; category: string };

/** Z for a 0 % line (zero-rated), S (standard) for any rate above: the categories a VAT-registered Norwegian seller uses here. */
const categoryOf = (ratePercent: number) => (ratePercent === 0 ? 'Z' : 'S');

/** The lines in the document's sign, their net amounts adding up to the VAT breakdown's net per rate. */
function ehfLines(document: SalesDocument, sign: 1 | -1, breakdown: RateBreakdown[]): EhfLine[] {
  const lines = document.lines.map((line, index) => ({
    line,
    number: index + 1,
    netOre: sign * (line.lineTotalOre - line.vatOre),
    quantity: Math.abs(line.quantity) || 1,
    category: categoryOf(line.vatRatePercent),
  }));
  for (const rate of breakdown) {
    const ofRate = lines.filter((line) => line.line.vatRatePercent === rate.ratePercent);
    const residual = rate.taxableOre - ofRate.reduce((sum, line) => sum + line.netOre, 0);
    const largest = ofRate.reduce((best, line) => (Math.abs(line.netOre) > Math.abs(best.netOre) ? line : best), ofRate[0] as EhfLine);
    largest.netOre += residual;
  }
  // The quantity takes the net amount's sign, so that quantity × price is the net amount at a
  // price that is never negative (BR-27): a discount is a negative quantity of a positive price.
  for (const line of lines) if (line.netOre < 0) line.quantity = -line.quantity;
  return lines;
}

type RateBreakdown = { ratePercent: number; category: string; taxableOre: Ore; vatOre: Ore };

/** One VAT subtotal per rate: the document's totals when it has one rate, else the lines' own sums. */
function rateBreakdown(document: SalesDocument, sign: 1 | -1): RateBreakdown[] {
  const rates = [...new Set(document.lines.map((line) => line.vatRatePercent))].sort((a, b) => b - a);
  if (rates.length === 1 && rates[0] === document.totals.vatRatePercent) {
    return [{ ratePercent: document.totals.vatRatePercent, category: categoryOf(document.totals.vatRatePercent), taxableOre: sign * document.totals.netOre, vatOre: sign * document.totals.vatOre }];
  }
  return rates.map((ratePercent) => {
    const lines = document.lines.filter((line) => line.vatRatePercent === ratePercent);
    const vatOre = sign * lines.reduce((sum, line) => sum + line.vatOre, 0);
    return { ratePercent, category: categoryOf(ratePercent), taxableOre: sign * lines.reduce((sum, line) => sum + line.lineTotalOre, 0) - vatOre, vatOre };
  });
}

const element = (name: string, content: string | undefined, attributes: Record<string, string> = {}) =>
  content === undefined || content === ''
    ? ''
    : `<${name}${Object.entries(attributes)
        .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
        .join('')}>${content}</${name}>`;
const text = (name: string, value: string | undefined, attributes: Record<string, string> = {}) => element(name, value === undefined ? undefined : escapeXml(value.trim()), attributes);
const money = (name: string, ore: Ore) => text(name, amount(ore), { currencyID: 'NOK' });

function postalAddress(address: SalesDocument['seller']['address']): string {
  return element(
    'cac:PostalAddress',
    text('cbc:StreetName', address.street) + text('cbc:CityName', address.city) + text('cbc:PostalZone', address.postalCode) + element('cac:Country', text('cbc:IdentificationCode', 'NO')),
  );
}

const taxCategory = (name: string, category: string, ratePercent: number) =>
  element(name, text('cbc:ID', category) + text('cbc:Percent', String(ratePercent)) + element('cac:TaxScheme', text('cbc:ID', 'VAT')));

function supplierParty(seller: SalesDocument['seller']): string {
  const organisationNumber = seller.organisationNumber;
  return element(
    'cac:AccountingSupplierParty',
    element(
      'cac:Party',
      text('cbc:EndpointID', organisationNumber, { schemeID: NORWEGIAN_ORGANISATION_NUMBER }) +
        element('cac:PartyName', text('cbc:Name', seller.name)) +
        postalAddress(seller.address) +
        // Merverdiavgiftsloven § 15-1 / bokføringsforskriften § 5-1-1: "MVA" after the number of a VAT-registered seller (NO-R-001).
        (seller.vatRegistered ? element('cac:PartyTaxScheme', text('cbc:CompanyID', `NO${organisationNumber}MVA`) + element('cac:TaxScheme', text('cbc:ID', 'VAT'))) : '') +
        // Foretaksregisterloven § 10-2 (NO-R-002).
        (seller.registeredInForetaksregisteret ? element('cac:PartyTaxScheme', text('cbc:CompanyID', 'Foretaksregisteret') + element('cac:TaxScheme', text('cbc:ID', 'TAX'))) : '') +
        element('cac:PartyLegalEntity', text('cbc:RegistrationName', seller.name) + text('cbc:CompanyID', organisationNumber, { schemeID: NORWEGIAN_ORGANISATION_NUMBER })),
    ),
  );
}

function customerParty(buyer: SalesDocument['buyer'], organisationNumber: string): string {
  return element(
    'cac:AccountingCustomerParty',
    element(
      'cac:Party',
      text('cbc:EndpointID', organisationNumber, { schemeID: NORWEGIAN_ORGANISATION_NUMBER }) +
        element('cac:PartyName', text('cbc:Name', buyer.name)) +
        postalAddress(buyer.address) +
        element('cac:PartyLegalEntity', text('cbc:RegistrationName', buyer.name) + text('cbc:CompanyID', organisationNumber, { schemeID: NORWEGIAN_ORGANISATION_NUMBER })),
    ),
  );
}

/**
 * A collective invoice's pickup for each line, as the line's note (BT-127): the ticket, the day it
 * was picked up (its delivery date) and its reference, as the PDF prints above the pickup's lines.
 * None for another document, or for lines that are not the pickups' in order (a credit of a part).
 */
function pickupNotes(document: SalesDocument): (string | undefined)[] {
  const orders = document.collectiveOrders ?? [];
  if (orders.reduce((sum, order) => sum + order.lineCount, 0) !== document.lines.length) return [];
  return orders.flatMap((order) => Array.from({ length: order.lineCount }, () => `Lapp ${order.orderId}${order.n > 1 ? ` (henting ${order.n})` : ''}, hentet ${order.date}${order.reference ? `, Deres ref. ${order.reference}` : ''}`));
}

function documentLine(kind: SalesDocument['kind'], line: EhfLine, note: string | undefined): string {
  const [lineName, quantityName] = kind === 'invoice' ? ['cac:InvoiceLine', 'cbc:InvoicedQuantity'] : ['cac:CreditNoteLine', 'cbc:CreditedQuantity'];
  return element(
    lineName,
    text('cbc:ID', String(line.number)) +
      text('cbc:Note', note) +
      // C62: "one", a piece or a service; the document does not say the unit (a kilo line says it in its text).
      text(quantityName, quantity(line.quantity), { unitCode: 'C62' }) +
      money('cbc:LineExtensionAmount', line.netOre) +
      element('cac:Item', text('cbc:Name', line.line.description) + taxCategory('cac:ClassifiedTaxCategory', line.category, line.line.vatRatePercent)) +
      element('cac:Price', text('cbc:PriceAmount', unitPrice(line.netOre, line.quantity), { currencyID: 'NOK' })),
  );
}

/**
 * The EHF XML of a sales document. The caller checks `ehfMissing` first (the buyer's
 * organisation number); this throws if it is absent.
 */
export function renderSalesDocumentEhf(document: SalesDocument): string {
  const organisationNumber = document.buyer.organisationNumber;
  if (!organisationNumber) throw new Error(`Document ${document.documentNumber} has no buyer organisation number`);
  const invoice = document.kind === 'invoice';
  const sign = invoice ? 1 : -1;
  const breakdown = rateBreakdown(document, sign);
  const lines = ehfLines(document, sign, breakdown);
  const netOre = breakdown.reduce((sum, rate) => sum + rate.taxableOre, 0);
  const vatOre = breakdown.reduce((sum, rate) => sum + rate.vatOre, 0);
  const title = invoice ? 'Faktura' : 'Kreditnota';
  const pdf = Buffer.from(renderSalesDocumentPdf(document)).toString('base64');
  const root = invoice ? 'Invoice' : 'CreditNote';
  const notes = pickupNotes(document);

  const body =
    text('cbc:CustomizationID', EHF_CUSTOMIZATION_ID) +
    text('cbc:ProfileID', EHF_PROFILE_ID) +
    text('cbc:ID', String(document.documentNumber)) +
    text('cbc:IssueDate', document.issueDate) +
    (invoice ? text('cbc:DueDate', document.dueDate) : '') +
    text(invoice ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode', invoice ? '380' : '381') +
    text('cbc:Note', document.creditReason) +
    text('cbc:DocumentCurrencyCode', 'NOK') +
    // PEPPOL-EN16931-R003: a buyer reference or an order reference; the buyer's "Deres ref.", else the ticket.
    text('cbc:BuyerReference', document.buyer.reference?.trim() || document.orderId) +
    // BG-14: a collective invoice covers a period, each pickup's date in its lines' notes.
    (document.collectivePeriod ? element('cac:InvoicePeriod', text('cbc:StartDate', document.collectivePeriod.from) + text('cbc:EndDate', document.collectivePeriod.to)) : '') +
    (document.creditsDocument !== undefined ? element('cac:BillingReference', element('cac:InvoiceDocumentReference', text('cbc:ID', String(document.creditsDocument)))) : '') +
    element(
      'cac:AdditionalDocumentReference',
      text('cbc:ID', String(document.documentNumber)) +
        text('cbc:DocumentDescription', `${title} ${document.documentNumber}`) +
        element('cac:Attachment', text('cbc:EmbeddedDocumentBinaryObject', pdf, { mimeCode: 'application/pdf', filename: `${title.toLowerCase()}-${document.documentNumber}.pdf` })),
    ) +
    supplierParty(document.seller) +
    customerParty(document.buyer, organisationNumber) +
    element('cac:Delivery', text('cbc:ActualDeliveryDate', document.deliveryDate)) +
    // 30: credit transfer, to the shop's account with the KID (the invoice's payment reference).
    (invoice && document.kid
      ? element('cac:PaymentMeans', text('cbc:PaymentMeansCode', '30') + text('cbc:PaymentID', document.kid) + element('cac:PayeeFinancialAccount', text('cbc:ID', document.seller.bankAccount)))
      : '') +
    element(
      'cac:TaxTotal',
      money('cbc:TaxAmount', vatOre) +
        breakdown
          .map((rate) => element('cac:TaxSubtotal', money('cbc:TaxableAmount', rate.taxableOre) + money('cbc:TaxAmount', rate.vatOre) + taxCategory('cac:TaxCategory', rate.category, rate.ratePercent)))
          .join(''),
    ) +
    element(
      'cac:LegalMonetaryTotal',
      money('cbc:LineExtensionAmount', netOre) + money('cbc:TaxExclusiveAmount', netOre) + money('cbc:TaxInclusiveAmount', netOre + vatOre) + money('cbc:PayableAmount', netOre + vatOre),
    ) +
    lines.map((line, index) => documentLine(document.kind, line, notes[index])).join('');

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">` +
    body +
    `</${root}>\n`
  );
}
