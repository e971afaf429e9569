import type { Language } from '../customers/customers';
import { formatAccount } from '../kernel/check-digits';
import { formatNorwegianDate } from '../kernel/calendar';
import { formatKroner, type SalesDocument } from '../invoices/sales-documents';
import type { PaymentReminder } from '../receivables/payment-reminders';

/**
 * The words of a payment reminder, for the e-mail and the printed letter alike, so both say the
 * same: what inkassoloven § 10 second paragraph lists for a betalingsoppfordring (see
 * payment-reminders.ts) — the creditor's name (a), what the claim is (b), its size with principal,
 * fee and interest apart (c), the interest rate and the date it runs from (d), and that not paying
 * may bring further costs and collection (e); and the new deadline of at least 14 days (§ 9).
 */
export type ReminderText = {
  subject: string;
  greeting: string;
  intro: string;
  /** Label and amount, the total last. */
  amounts: { label: string; amount: string; total?: boolean }[];
  payment: string[];
  consequence: string;
  feeNote?: string;
  closing: string;
  filename: string;
};

const percent = (basisPoints: number, language: Language) => (basisPoints / 100).toLocaleString(language === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 2 });

export function paymentReminderText(document: SalesDocument, reminder: PaymentReminder, language: Language): ReminderText {
  const seller = document.seller.name;
  const n = document.documentNumber;
  const date = (iso: string) => formatNorwegianDate(iso);
  const kr = (ore: number) => `${language === 'en' ? 'NOK' : 'kr'} ${formatKroner(ore)}`;
  const interest = reminder.interest;
  const account = formatAccount(document.seller.bankAccount);
  if (language === 'en') {
    return {
      subject: `Payment reminder: invoice ${n} from ${seller}`,
      greeting: 'Hello,',
      intro: `We have not received payment of invoice ${n} of ${date(document.issueDate)} (ticket ${document.orderId}), which fell due on ${date(document.dueDate ?? document.issueDate)}. If you have paid in the last few days, please disregard this reminder.`,
      amounts: [
        { label: `Left to pay on invoice ${n}`, amount: kr(reminder.principalOre) },
        ...(reminder.earlierFeesOre > 0 ? [{ label: 'Fees of earlier reminders', amount: kr(reminder.earlierFeesOre) }] : []),
        ...(reminder.feeOre > 0 ? [{ label: 'Reminder fee (no VAT)', amount: kr(reminder.feeOre) }] : []),
        ...(interest ? [{ label: `Late-payment interest, ${percent(interest.rateBasisPoints, language)} % a year from ${date(interest.fromDate)} to ${date(interest.toDate)}`, amount: kr(interest.interestOre) }] : []),
        { label: 'To pay', amount: kr(reminder.totalOre), total: true },
      ],
      payment: [`Please pay by ${date(reminder.payBy)}.`, `Account: ${account}`, `KID: ${document.kid ?? ''}`],
      consequence: `If the amount is not paid by ${date(reminder.payBy)}, the claim may be sent for collection (inndriving), which brings further costs for you${interest ? ', and interest runs until it is paid' : ''}. If you believe the claim is wrong, please contact us before that date.`,
      closing: seller,
      filename: `reminder-${n}-${reminder.sequence}.pdf`,
    };
  }
  return {
    subject: `Betalingspåminnelse: faktura ${n} fra ${seller}`,
    greeting: 'Hei,',
    intro: `Vi har ikke mottatt betaling for faktura ${n} datert ${date(document.issueDate)} (lapp ${document.orderId}), som forfalt ${date(document.dueDate ?? document.issueDate)}. Har du betalt de siste dagene, kan du se bort fra denne påminnelsen.`,
    amounts: [
      { label: `Utestående på faktura ${n}`, amount: kr(reminder.principalOre) },
      ...(reminder.earlierFeesOre > 0 ? [{ label: 'Gebyr for tidligere purringer', amount: kr(reminder.earlierFeesOre) }] : []),
      ...(reminder.feeOre > 0 ? [{ label: 'Purregebyr (uten mva.)', amount: kr(reminder.feeOre) }] : []),
      ...(interest ? [{ label: `Forsinkelsesrente, ${percent(interest.rateBasisPoints, language)} % p.a. fra ${date(interest.fromDate)} til ${date(interest.toDate)}`, amount: kr(interest.interestOre) }] : []),
      { label: 'Å betale', amount: kr(reminder.totalOre), total: true },
    ],
    payment: [`Betal innen ${date(reminder.payBy)}.`, `Konto: ${account}`, `KID: ${document.kid ?? ''}`],
    consequence: `Blir beløpet ikke betalt innen ${date(reminder.payBy)}, kan kravet bli sendt til inndriving (inkasso), noe som gir deg ytterligere kostnader${interest ? ', og renten løper til kravet er betalt' : ''}. Mener du at kravet er feil, ber vi deg kontakte oss før fristen.`,
    closing: `Hilsen ${seller}`,
    filename: `purring-${n}-${reminder.sequence}.pdf`,
  };
}
