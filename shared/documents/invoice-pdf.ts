import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { formatAccount } from '../domain/check-digits';
import { formatKroner, formatNorwegianDate, formatOrganisationNumber, type SalesDocument } from '../domain/sales-documents';

/**
 * Renders a sales document as an A4 PDF in Norwegian. Rendered from the stored document whenever
 * it is needed (the e-mail, a reprint), never stored itself; the PDF's dates are the issue time,
 * so the same document always renders to the same bytes.
 * pdf-lib: pure JavaScript with the standard fonts' metrics built in, so it bundles into a Lambda
 * without font files (pdfkit reads its fonts from disk at run time). Helvetica's WinAnsi encoding
 * covers æ, ø and å.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
type Fonts = { regular: PDFFont; bold: PDFFont; ink: RGB; muted: RGB };

function text(page: PDFPage, fonts: Fonts, value: string, x: number, y: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right'; muted?: boolean } = {}) {
  const font = options.bold ? fonts.bold : fonts.regular;
  const size = options.size ?? 10;
  const width = font.widthOfTextAtSize(value, size);
  page.drawText(value, { x: options.align === 'right' ? x - width : x, y, size, font, color: options.muted ? fonts.muted : fonts.ink });
}

/** Cuts a description to the column's width, so a long one never runs into the numbers. */
function fit(font: PDFFont, value: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(value, size) <= width) return value;
  let cut = value;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export async function renderSalesDocumentPdf(document: SalesDocument): Promise<Uint8Array> {
  // Loaded on first use: only the functions that render a PDF pay for pdf-lib, and only then.
  const { PDFDocument, rgb, StandardFonts } = await import('pdf-lib');
  const MUTED = rgb(0.4, 0.4, 0.4);
  const pdf = await PDFDocument.create();
  const title = document.kind === 'invoice' ? 'Faktura' : 'Kreditnota';
  pdf.setTitle(`${title} ${document.documentNumber} – ${document.seller.name}`);
  pdf.setAuthor(document.seller.name);
  pdf.setProducer('renseri-backend');
  pdf.setCreator('renseri-backend');
  pdf.setCreationDate(new Date(document.issuedAt));
  pdf.setModificationDate(new Date(document.issuedAt));
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold), ink: rgb(0.1, 0.1, 0.1), muted: MUTED };
  const page = pdf.addPage(A4);
  const right = A4[0] - MARGIN;
  let y = A4[1] - MARGIN;

  // Seller
  const seller = document.seller;
  text(page, fonts, seller.name, MARGIN, y, { size: 16, bold: true });
  text(page, fonts, title.toUpperCase(), right, y, { size: 16, bold: true, align: 'right' });
  y -= 18;
  text(page, fonts, seller.address.street, MARGIN, y);
  y -= 13;
  text(page, fonts, `${seller.address.postalCode} ${seller.address.city}`, MARGIN, y);
  y -= 13;
  text(page, fonts, `Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`, MARGIN, y);
  if (seller.registeredInForetaksregisteret) {
    y -= 13;
    text(page, fonts, 'Foretaksregisteret', MARGIN, y);
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
  let factY = A4[1] - MARGIN - 18;
  for (const [label, value] of facts) {
    text(page, fonts, label, right - 150, factY, { muted: true });
    text(page, fonts, value, right, factY, { align: 'right' });
    factY -= 13;
  }

  // Buyer
  y = Math.min(y, factY) - 30;
  text(page, fonts, 'Kunde', MARGIN, y, { muted: true });
  y -= 14;
  text(page, fonts, document.buyer.name, MARGIN, y, { bold: true });
  y -= 13;
  text(page, fonts, document.buyer.address.street, MARGIN, y);
  y -= 13;
  text(page, fonts, `${document.buyer.address.postalCode} ${document.buyer.address.city}`, MARGIN, y);

  // Lines
  y -= 36;
  const columns = { description: MARGIN, quantity: 330, unit: 410, vat: 460, amount: right };
  text(page, fonts, 'Beskrivelse', columns.description, y, { bold: true });
  text(page, fonts, 'Antall', columns.quantity, y, { bold: true, align: 'right' });
  text(page, fonts, 'Pris', columns.unit, y, { bold: true, align: 'right' });
  text(page, fonts, 'MVA', columns.vat, y, { bold: true, align: 'right' });
  text(page, fonts, 'Beløp', columns.amount, y, { bold: true, align: 'right' });
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 0.5, color: MUTED });
  for (const line of document.lines) {
    y -= 15;
    text(page, fonts, fit(fonts.regular, line.description, 10, columns.quantity - columns.description - 40), columns.description, y);
    text(page, fonts, String(line.quantity), columns.quantity, y, { align: 'right' });
    text(page, fonts, formatKroner(line.unitPriceOre), columns.unit, y, { align: 'right' });
    text(page, fonts, `${line.vatRatePercent} %`, columns.vat, y, { align: 'right' });
    text(page, fonts, formatKroner(line.lineTotalOre), columns.amount, y, { align: 'right' });
  }
  y -= 8;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 0.5, color: MUTED });

  // Totals
  const totals: [string, string, boolean][] = [
    ['Sum eks. mva', formatKroner(document.totals.netOre), false],
    [`Merverdiavgift ${document.totals.vatRatePercent} %`, formatKroner(document.totals.vatOre), false],
    [document.kind === 'invoice' ? 'Å betale (NOK)' : 'Kreditert (NOK)', formatKroner(document.totals.grossOre), true],
  ];
  for (const [label, value, bold] of totals) {
    y -= 16;
    text(page, fonts, label, columns.vat - 120, y, { bold });
    text(page, fonts, value, columns.amount, y, { bold, align: 'right' });
  }

  // Payment and delivery
  y -= 40;
  if (document.kind === 'invoice') {
    text(page, fonts, `Betales til konto ${formatAccount(seller.bankAccount)} med KID ${document.kid} innen ${formatNorwegianDate(document.dueDate ?? document.issueDate)}.`, MARGIN, y);
  } else {
    text(page, fonts, `Krediterer faktura ${document.creditsDocument} i sin helhet${document.creditReason ? `: ${document.creditReason}` : '.'}`, MARGIN, y);
  }
  y -= 14;
  text(page, fonts, `Levert i butikken: ${document.deliveryPlace}.`, MARGIN, y, { muted: true });
  text(page, fonts, `${seller.name} · Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`, MARGIN, MARGIN - 10, { size: 8, muted: true });
  return pdf.save({ useObjectStreams: false });
}
