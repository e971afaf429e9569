import { formatAccount } from '../domain/check-digits';
import { formatKroner, formatNorwegianDate, formatOrganisationNumber, type SalesDocument } from '../domain/sales-documents';
import { type Colour, type Face, OnePagePdf } from './pdf-writer';

/**
 * Renders a sales document as an A4 PDF in Norwegian. Rendered from the stored document whenever
 * it is needed (the e-mail, a reprint), never stored itself; the PDF's dates are the issue time,
 * so the same document always renders to the same bytes. Helvetica's WinAnsi encoding covers
 * æ, ø and å; see pdf-writer.ts for what it does with the rest.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK: Colour = [0.1, 0.1, 0.1];
const MUTED: Colour = [0.4, 0.4, 0.4];

function text(page: OnePagePdf, value: string, x: number, y: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right'; muted?: boolean } = {}) {
  const face: Face = options.bold ? 'bold' : 'regular';
  const size = options.size ?? 10;
  const width = page.widthOf(value, size, face);
  page.text(value, options.align === 'right' ? x - width : x, y, { size, face, colour: options.muted ? MUTED : INK });
}

/** Cuts a description to the column's width, so a long one never runs into the numbers. */
function fit(page: OnePagePdf, value: string, size: number, width: number): string {
  if (page.widthOf(value, size, 'regular') <= width) return value;
  let cut = value;
  while (cut.length > 1 && page.widthOf(`${cut}…`, size, 'regular') > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function renderSalesDocumentPdf(document: SalesDocument): Uint8Array {
  const title = document.kind === 'invoice' ? 'Faktura' : 'Kreditnota';
  const page = new OnePagePdf(A4.width, A4.height);
  const right = A4.width - MARGIN;
  let y = A4.height - MARGIN;

  // Seller
  const seller = document.seller;
  text(page, seller.name, MARGIN, y, { size: 16, bold: true });
  text(page, title.toUpperCase(), right, y, { size: 16, bold: true, align: 'right' });
  y -= 18;
  text(page, seller.address.street, MARGIN, y);
  y -= 13;
  text(page, `${seller.address.postalCode} ${seller.address.city}`, MARGIN, y);
  y -= 13;
  text(page, `Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`, MARGIN, y);
  if (seller.registeredInForetaksregisteret) {
    y -= 13;
    text(page, 'Foretaksregisteret', MARGIN, y);
  }

  // Document facts, right column
  const facts: [string, string][] = [
    [`${title}nr.`, String(document.documentNumber)],
    [`${title}dato`, formatNorwegianDate(document.issueDate)],
    ['Leveringsdato', formatNorwegianDate(document.deliveryDate)],
    ...(document.dueDate ? ([['Forfallsdato', formatNorwegianDate(document.dueDate)]] as [string, string][]) : []),
    ...(document.kid ? ([['KID', document.kid]] as [string, string][]) : []),
    ['Lapp', document.orderId],
    ...(document.creditsDocument ? ([['Krediterer faktura', String(document.creditsDocument)]] as [string, string][]) : []),
  ];
  let factY = A4.height - MARGIN - 18;
  for (const [label, value] of facts) {
    text(page, label, right - 150, factY, { muted: true });
    text(page, value, right, factY, { align: 'right' });
    factY -= 13;
  }

  // Buyer
  y = Math.min(y, factY) - 30;
  text(page, 'Kunde', MARGIN, y, { muted: true });
  y -= 14;
  text(page, document.buyer.name, MARGIN, y, { bold: true });
  y -= 13;
  text(page, document.buyer.address.street, MARGIN, y);
  y -= 13;
  text(page, `${document.buyer.address.postalCode} ${document.buyer.address.city}`, MARGIN, y);

  // Lines
  y -= 36;
  const columns = { description: MARGIN, quantity: 330, unit: 410, vat: 460, amount: right };
  text(page, 'Beskrivelse', columns.description, y, { bold: true });
  text(page, 'Antall', columns.quantity, y, { bold: true, align: 'right' });
  text(page, 'Pris', columns.unit, y, { bold: true, align: 'right' });
  text(page, 'MVA', columns.vat, y, { bold: true, align: 'right' });
  text(page, 'Beløp', columns.amount, y, { bold: true, align: 'right' });
  y -= 6;
  page.line([MARGIN, y], [right, y], { thickness: 0.5, colour: MUTED });
  for (const line of document.lines) {
    y -= 15;
    text(page, fit(page, line.description, 10, columns.quantity - columns.description - 40), columns.description, y);
    text(page, String(line.quantity), columns.quantity, y, { align: 'right' });
    text(page, formatKroner(line.unitPriceOre), columns.unit, y, { align: 'right' });
    text(page, `${line.vatRatePercent} %`, columns.vat, y, { align: 'right' });
    text(page, formatKroner(line.lineTotalOre), columns.amount, y, { align: 'right' });
  }
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
  if (document.kind === 'invoice') {
    text(page, `Betales til konto ${formatAccount(seller.bankAccount)} med KID ${document.kid} innen ${formatNorwegianDate(document.dueDate ?? document.issueDate)}.`, MARGIN, y);
  } else {
    text(page, `Krediterer faktura ${document.creditsDocument} i sin helhet${document.creditReason ? `: ${document.creditReason}` : '.'}`, MARGIN, y);
  }
  y -= 14;
  text(page, `Levert i butikken: ${document.deliveryPlace}.`, MARGIN, y, { muted: true });
  text(page, `${seller.name} · Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`, MARGIN, MARGIN - 10, { size: 8, muted: true });
  return page.toBytes({ title: `${title} ${document.documentNumber} – ${seller.name}`, author: seller.name, producer: 'renseri-backend', created: new Date(document.issuedAt) });
}
