import type { Language } from '../domain/customers/customers';
import { formatNorwegianDate } from '../domain/kernel/calendar';
import { formatOrganisationNumber, type SalesDocument } from '../domain/invoices/sales-documents';
import { paymentReminderText } from '../domain/notices/payment-reminder-texts';
import type { PaymentReminder } from '../domain/receivables/payment-reminders';
import { type Colour, type Face, PdfDocument, type PdfPage, textWidth } from './pdf-writer';
import { wrap } from './text-layout';

/**
 * A payment reminder as an A4 letter: the shop at the top, the buyer's name and address where a
 * window envelope shows it (the invoice's, as the law required it on the credit sale), then the
 * same words as the e-mail (payment-reminder-texts.ts). Rendered from the stored reminder and
 * invoice whenever needed, never stored; dated by the reminder's send time, so the same reminder
 * always renders to the same bytes. One page: a reminder has at most five amount lines.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK: Colour = [0.1, 0.1, 0.1];
const MUTED: Colour = [0.4, 0.4, 0.4];

function text(page: PdfPage, value: string, x: number, y: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right'; muted?: boolean } = {}) {
  const face: Face = options.bold ? 'bold' : 'regular';
  const size = options.size ?? 10;
  page.text(value, options.align === 'right' ? x - textWidth(value, size, face) : x, y, { size, face, colour: options.muted ? MUTED : INK });
}

/** Prints `value` wrapped to the text width; returns the baseline of its last line. */
function paragraph(page: PdfPage, value: string, y: number, width: number, options: { bold?: boolean } = {}): number {
  const lines = wrap(value, 10, width, options.bold ? 'bold' : 'regular');
  lines.forEach((line, i) => text(page, line, MARGIN, y - 14 * i, options));
  return y - 14 * Math.max(lines.length - 1, 0);
}

export function renderPaymentReminderPdf(document: SalesDocument, reminder: PaymentReminder, language: Language): Uint8Array {
  const t = paymentReminderText(document, reminder, language);
  const pdf = new PdfDocument(A4.width, A4.height);
  const page = pdf.addPage();
  const right = A4.width - MARGIN;
  const width = right - MARGIN;
  const seller = document.seller;
  let y = A4.height - MARGIN;
  text(page, seller.name, MARGIN, y, { size: 14, bold: true });
  text(page, language === 'en' ? 'PAYMENT REMINDER' : 'BETALINGSPÅMINNELSE', right, y, { size: 14, bold: true, align: 'right' });
  text(page, `${seller.address.street}, ${seller.address.postalCode} ${seller.address.city}`, MARGIN, (y -= 16));
  text(page, `Org.nr. ${formatOrganisationNumber(seller.organisationNumber)}${seller.vatRegistered ? ' MVA' : ''}`, MARGIN, (y -= 13));
  text(page, `${language === 'en' ? 'Date' : 'Dato'}: ${formatNorwegianDate(reminder.sentOn)}`, right, y, { align: 'right' });

  // The buyer, where a C5 window envelope shows it.
  y = A4.height - 160;
  text(page, document.buyer.name, MARGIN, y, { bold: true });
  text(page, document.buyer.address.street, MARGIN, (y -= 13));
  text(page, `${document.buyer.address.postalCode} ${document.buyer.address.city}`, MARGIN, (y -= 13));

  y -= 50;
  y = paragraph(page, t.subject, y, width, { bold: true });
  y = paragraph(page, t.intro, y - 24, width);
  y -= 12;
  for (const line of t.amounts) {
    y -= 16;
    if (line.total) page.line([MARGIN, y + 11], [right, y + 11], { thickness: 0.5, colour: MUTED });
    text(page, line.label, MARGIN, y, { bold: line.total === true });
    text(page, line.amount, right, y, { bold: line.total === true, align: 'right' });
  }
  y -= 14;
  for (const line of t.payment) y = paragraph(page, line, y - 14, width, { bold: true });
  y = paragraph(page, t.consequence, y - 24, width);
  paragraph(page, t.closing, y - 24, width);
  text(page, `${seller.name} · ${language === 'en' ? 'Reminder' : 'Påminnelse'} ${reminder.sequence} · ${language === 'en' ? 'invoice' : 'faktura'} ${document.documentNumber}`, MARGIN, MARGIN - 10, { size: 8, muted: true });
  return pdf.toBytes({ title: t.subject, author: seller.name, producer: 'renseri-backend', created: new Date(reminder.sentAt) });
}
