import { formatAccount } from '../domain/kernel/check-digits';
import { formatNorwegianDate } from '../domain/kernel/calendar';
import { formatKroner, formatOrganisationNumber, type SalesDocument } from '../domain/invoices/sales-documents';
import { type Colour, type Face, PdfDocument, type PdfPage, textWidth } from './pdf-writer';
import { fit, wrap } from './text-layout';

/**
 * Renders a sales document as an A4 PDF in Norwegian. Rendered from the stored document whenever
 * it is needed (the e-mail, a reprint), never stored itself; the PDF's dates are the issue time,
 * so the same document always renders to the same bytes. Helvetica's WinAnsi encoding covers
 * æ, ø and å; see pdf-writer.ts for what it does with the rest. An order may have up to 50 lines,
 * more than a page holds: the lines continue on further pages under the column headings again,
 * the totals follow the last line, and every page says which of how many it is.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
/** The lowest baseline for body text: below it sit the footer and the page number. */
const BODY_BOTTOM = MARGIN + 25;
/** The height of the totals, the payment lines and the delivery lines, kept together after the last order line. */
const closingHeight = (paymentLines: number, deliveryLines: number) => 8 + 3 * 16 + 40 + 14 * (paymentLines - 1) + 14 * deliveryLines;
const INK: Colour = [0.1, 0.1, 0.1];
const MUTED: Colour = [0.4, 0.4, 0.4];

function text(page: PdfPage, value: string, x: number, y: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right'; muted?: boolean } = {}) {
  const face: Face = options.bold ? 'bold' : 'regular';
  const size = options.size ?? 10;
  const width = textWidth(value, size, face);
  page.text(value, options.align === 'right' ? x - width : x, y, { size, face, colour: options.muted ? MUTED : INK });
}

type TextOptions = { size?: number; bold?: boolean; muted?: boolean };

/** Prints lines, the first baseline at `y` and each next one `leading` lower; returns the last baseline. */
function printLines(page: PdfPage, lines: string[], x: number, y: number, leading: number, options: TextOptions = {}): number {
  lines.forEach((line, index) => text(page, line, x, y - leading * index, options));
  return y - leading * Math.max(lines.length - 1, 0);
}

/** Prints `value` wrapped to `width` (see printLines). */
function paragraph(page: PdfPage, value: string, x: number, y: number, width: number, leading: number, options: TextOptions = {}): number {
  return printLines(page, wrap(value, options.size ?? 10, width, options.bold ? 'bold' : 'regular'), x, y, leading, options);
}

/**
 * A collective invoice's headings by the index of the line they stand above: each pickup's ticket,
 * the day it was picked up (its delivery date, bokføringsforskriften § 5-1-1 nr. 5) and its
 * reference. None for another document, or for lines that are not the pickups' in order (a credit of a part).
 */
function orderGroups(document: SalesDocument): Map<number, string> {
  const groups = new Map<number, string>();
  const orders = document.collectiveOrders ?? [];
  if (orders.reduce((sum, order) => sum + order.lineCount, 0) !== document.lines.length) return groups;
  let first = 0;
  for (const order of orders) {
    const pickup = order.n > 1 ? ` (henting ${order.n})` : '';
    groups.set(first, `Lapp ${order.orderId}${pickup} · hentet ${formatNorwegianDate(order.date)}${order.reference ? ` · Deres ref.: ${order.reference}` : ''}`);
    first += order.lineCount;
  }
  return groups;
}

export function renderSalesDocumentPdf(document: SalesDocument): Uint8Array {
  const title = document.kind === 'invoice' ? 'Faktura' : 'Kreditnota';
  const pdf = new PdfDocument(A4.width, A4.height);
  let page = pdf.addPage();
  const right = A4.width - MARGIN;
  let y = A4.height - MARGIN;

  // Seller, left of the title and of the facts column: a shop's name and address are its own
  // configuration, and wrap rather than run into either.
  const seller = document.seller;
  const sellerWidth = right - 150 - 10 - MARGIN;
  text(page, title.toUpperCase(), right, y, { size: 16, bold: true, align: 'right' });
  y = paragraph(page, seller.name, MARGIN, y, sellerWidth, 18, { size: 16, bold: true });
  y = paragraph(page, seller.address.street, MARGIN, y - 18, sellerWidth, 13);
  y = paragraph(page, `${seller.address.postalCode} ${seller.address.city}`, MARGIN, y - 13, sellerWidth, 13);
  const organisation = `Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`;
  text(page, organisation, MARGIN, (y -= 13));
  if (seller.registeredInForetaksregisteret) text(page, 'Foretaksregisteret', MARGIN, (y -= 13));

  // Document facts, right column
  const facts: [string, string][] = [
    [`${title}nr.`, String(document.documentNumber)],
    [`${title}dato`, formatNorwegianDate(document.issueDate)],
    ['Leveringsdato', formatNorwegianDate(document.deliveryDate)],
    ...(document.dueDate ? ([['Forfallsdato', formatNorwegianDate(document.dueDate)]] as [string, string][]) : []),
    ...(document.kid ? ([['KID', document.kid]] as [string, string][]) : []),
    // A collective invoice is for a period's pickups, each ticket printed above its own lines.
    document.collectivePeriod ? ['Periode', `${formatNorwegianDate(document.collectivePeriod.from)}–${formatNorwegianDate(document.collectivePeriod.to)}`] : ['Lapp', document.orderId],
    ...(document.creditsDocument ? ([['Krediterer faktura', String(document.creditsDocument)]] as [string, string][]) : []),
  ];
  let factY = A4.height - MARGIN - 18;
  for (const [label, value] of facts) {
    text(page, label, right - 150, factY, { muted: true });
    text(page, value, right, factY, { align: 'right' });
    factY -= 13;
  }

  // Buyer: the name and address the law requires on a credit sale, wrapped rather than cut.
  y = Math.min(y, factY) - 30;
  text(page, 'Kunde', MARGIN, y, { muted: true });
  y = paragraph(page, document.buyer.name, MARGIN, y - 14, right - MARGIN, 13, { bold: true });
  y = paragraph(page, document.buyer.address.street, MARGIN, y - 13, right - MARGIN, 13);
  y = paragraph(page, `${document.buyer.address.postalCode} ${document.buyer.address.city}`, MARGIN, y - 13, right - MARGIN, 13);
  // A business buyer: its organisation number, as its books (and its EHF) know it; "Deres ref." tells
  // its accounts who ordered.
  if (document.buyer.organisationNumber) text(page, `Org.nr. ${formatOrganisationNumber(document.buyer.organisationNumber)}`, MARGIN, (y -= 13));
  if (document.buyer.reference) y = paragraph(page, `Deres ref.: ${document.buyer.reference}`, MARGIN, y - 13, right - MARGIN, 13);

  // Lines
  y -= 36;
  const columns = { description: MARGIN, quantity: 330, unit: 410, vat: 460, amount: right };
  const headings = () => {
    text(page, 'Beskrivelse', columns.description, y, { bold: true });
    text(page, 'Antall', columns.quantity, y, { bold: true, align: 'right' });
    text(page, 'Pris', columns.unit, y, { bold: true, align: 'right' });
    text(page, 'MVA', columns.vat, y, { bold: true, align: 'right' });
    text(page, 'Beløp', columns.amount, y, { bold: true, align: 'right' });
    y -= 6;
    page.line([MARGIN, y], [right, y], { thickness: 0.5, colour: MUTED });
  };
  const continueOnNewPage = () => {
    page = pdf.addPage();
    y = A4.height - MARGIN;
    text(page, `${title} ${document.documentNumber} (forts.)`, MARGIN, y, { bold: true });
    y -= 30;
    headings();
  };
  const payment =
    document.kind === 'invoice'
      ? `Betales til konto ${formatAccount(seller.bankAccount)} med KID ${document.kid} innen ${formatNorwegianDate(document.dueDate ?? document.issueDate)}.`
      : `Krediterer ${document.partialCredit ? 'deler av faktura' : 'faktura'} ${document.creditsDocument}${document.partialCredit ? '' : ' i sin helhet'}${document.creditReason ? `: ${document.creditReason}` : '.'}`;
  const paymentLines = wrap(payment, 10, right - MARGIN);
  const deliveryLines = wrap(`Levert i butikken: ${document.deliveryPlace}.`, 10, right - MARGIN);
  headings();
  const groups = orderGroups(document);
  document.lines.forEach((line, index) => {
    const last = index === document.lines.length - 1;
    const group = groups.get(index);
    // A pickup's heading stays with its first line; the last line moves with the totals, so that they never stand alone on a page.
    const needed = 15 + (group ? 20 : 0);
    if (y - needed < BODY_BOTTOM || (last && y - needed - closingHeight(paymentLines.length, deliveryLines.length) < BODY_BOTTOM)) continueOnNewPage();
    if (group) {
      y -= 20;
      text(page, fit(group, 10, right - MARGIN), columns.description, y, { bold: true });
    }
    y -= 15;
    text(page, fit(line.description, 10, columns.quantity - columns.description - 40), columns.description, y);
    text(page, String(line.quantity), columns.quantity, y, { align: 'right' });
    text(page, formatKroner(line.unitPriceOre), columns.unit, y, { align: 'right' });
    text(page, `${line.vatRatePercent} %`, columns.vat, y, { align: 'right' });
    text(page, formatKroner(line.lineTotalOre), columns.amount, y, { align: 'right' });
  });
  y -= 8;
  page.line([MARGIN, y], [right, y], { thickness: 0.5, colour: MUTED });

  // Totals
  const totals: [string, string, boolean][] = [
    ['Sum eks. mva', formatKroner(document.totals.netOre), false],
    [`Merverdiavgift ${document.totals.vatRatePercent} %`, formatKroner(document.totals.vatOre), false],
    [document.kind === 'invoice' ? 'Å betale (NOK)' : 'Kreditert (NOK)', formatKroner(document.totals.grossOre), true],
  ];
  for (const [label, value, bold] of totals) {
    y -= 16;
    text(page, label, columns.vat - 120, y, { bold });
    text(page, value, columns.amount, y, { bold, align: 'right' });
  }

  // Payment and delivery
  y -= 40;
  y = printLines(page, paymentLines, MARGIN, y, 14);
  printLines(page, deliveryLines, MARGIN, y - 14, 14, { muted: true });
  // The footer repeats what the first page's head says in full, so a long one is cut to leave room for the page number.
  const footer = `${seller.name} · ${organisation}`;
  pdf.pages.forEach((each, index) => {
    const pageNumber = `Side ${index + 1} av ${pdf.pages.length}`;
    text(each, fit(footer, 8, right - MARGIN - textWidth(pageNumber, 8, 'regular') - 20), MARGIN, MARGIN - 10, { size: 8, muted: true });
    text(each, pageNumber, right, MARGIN - 10, { size: 8, muted: true, align: 'right' });
  });
  return pdf.toBytes({ title: `${title} ${document.documentNumber} – ${seller.name}`, author: seller.name, producer: 'renseri-backend', created: new Date(document.issuedAt) });
}
