import { formatAccount } from '../kernel/check-digits';
import { formatNorwegianDate } from '../kernel/calendar';
import type { Language } from '../customers/customers';
import { formatKroner, type SalesDocument } from '../invoices/sales-documents';
import type { PaymentReminder } from '../receivables/payment-reminders';
import type { WaitingReason } from '../rights/privacy-requests';
import { paymentReminderText } from './payment-reminder-texts';

/** The e-mail that carries a sales document, in the customer's language; the PDF is the document. */
export function renderDocumentEmail(document: SalesDocument, language: Language): { subject: string; text: string; filename: string } {
  const isInvoice = document.kind === 'invoice';
  const seller = document.seller.name;
  const amount = formatKroner(document.totals.grossOre);
  // A collective invoice is for a period's pickups, not one ticket.
  const period = document.collectivePeriod?.key;
  if (language === 'en') {
    const kind = isInvoice ? 'Invoice' : 'Credit note';
    return {
      subject: `${kind} ${document.documentNumber} from ${seller}`,
      filename: `${isInvoice ? 'invoice' : 'credit-note'}-${document.documentNumber}.pdf`,
      text: isInvoice
        ? `Hello,\n\nAttached is invoice ${document.documentNumber} for ${period ? `what you picked up on account in ${period}` : `ticket ${document.orderId}`}.\nAmount: NOK ${amount}\nDue: ${formatNorwegianDate(document.dueDate ?? document.issueDate)}\nAccount: ${formatAccount(document.seller.bankAccount)}\nKID: ${document.kid}\n\nThank you for your custom.\n${seller}\n`
        : `Hello,\n\nAttached is credit note ${document.documentNumber}, which credits invoice ${document.creditsDocument} in full (NOK ${amount}).\n\n${seller}\n`,
    };
  }
  const kind = isInvoice ? 'Faktura' : 'Kreditnota';
  return {
    subject: `${kind} ${document.documentNumber} fra ${seller}`,
    filename: `${isInvoice ? 'faktura' : 'kreditnota'}-${document.documentNumber}.pdf`,
    text: isInvoice
      ? `Hei,\n\nVedlagt er ${period ? `samlefaktura ${document.documentNumber} for det dere hentet på konto i ${period}` : `faktura ${document.documentNumber} for lapp ${document.orderId}`}.\nBeløp: kr ${amount}\nForfall: ${formatNorwegianDate(document.dueDate ?? document.issueDate)}\nKonto: ${formatAccount(document.seller.bankAccount)}\nKID: ${document.kid}\n\nTakk for handelen.\n${seller}\n`
      : `Hei,\n\nVedlagt er kreditnota ${document.documentNumber}, som krediterer faktura ${document.creditsDocument} i sin helhet (kr ${amount}).\n\n${seller}\n`,
  };
}

/** Tells a customer their access request is answered; the data itself is fetched signed in, never mailed. */
export function renderRequestAnsweredEmail(shopName: string, language: Language): { subject: string; text: string } {
  return language === 'en'
    ? { subject: `Your data from ${shopName} is ready`, text: `Hello,\n\nYour request to see what ${shopName} stores about you is answered.\nSign in with your mobile number to see and download it.\n\n${shopName}\n` }
    : { subject: `Innsynet ditt hos ${shopName} er klart`, text: `Hei,\n\nVi har svart på forespørselen din om innsyn i det ${shopName} har lagret om deg.\nLogg inn med mobilnummeret ditt for å se og laste det ned.\n\nHilsen ${shopName}\n` };
}

/** Art. 12(4), for a customer with no mobile who keeps an address for privacy answers: why the erasure waits, and that it completes by itself. */
export function renderErasureWaitingEmail(shopName: string, language: Language, waitingFor?: WaitingReason): { subject: string; text: string } {
  // A business's pickups on account must be invoiced first (ERASURE_HOLDS in erasure.ts).
  if (waitingFor === 'uninvoiced_pickups') {
    return language === 'en'
      ? { subject: `Your erasure request to ${shopName}`, text: `Hello,\n\nWe will erase the business's data at ${shopName} once its pickups on account have been invoiced on the period's collective invoice, as the law requires an invoice for every sale.\nIt happens by itself: there is no need to ask again.\n\n${shopName}\n` }
      : { subject: `Sletting av opplysningene hos ${shopName}`, text: `Hei,\n\nVi sletter bedriftens opplysninger hos ${shopName} når hentingene på konto er fakturert på samlefakturaen for perioden, for loven krever faktura for hvert salg.\nDet skjer av seg selv: dere trenger ikke spørre igjen.\n\nHilsen ${shopName}\n` };
  }
  return language === 'en'
    ? { subject: `Your erasure request to ${shopName}`, text: `Hello,\n\nWe will erase your data at ${shopName} once you have collected your garments, as we need it to hand them back.\nIt happens by itself: there is no need to ask again.\n\n${shopName}\n` }
    : { subject: `Sletting av opplysningene dine hos ${shopName}`, text: `Hei,\n\nVi sletter opplysningene dine hos ${shopName} når du har hentet tøyet ditt, for vi trenger dem til å levere det.\nDet skjer av seg selv: du trenger ikke spørre igjen.\n\nHilsen ${shopName}\n` };
}

/** The e-mail that carries a payment reminder; the PDF attached is the same letter. */
export function renderPaymentReminderEmail(document: SalesDocument, reminder: PaymentReminder, language: Language): { subject: string; text: string; filename: string } {
  const t = paymentReminderText(document, reminder, language);
  const amounts = t.amounts.map((a) => `${a.label}: ${a.amount}`).join('\n');
  return { subject: t.subject, filename: t.filename, text: `${t.greeting}\n\n${t.intro}\n\n${amounts}\n\n${t.payment.join('\n')}\n\n${t.consequence}\n\n${t.closing}\n` };
}
