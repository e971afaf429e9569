import { formatAccount } from './check-digits';
import type { Language } from './customers';
import { formatKroner, formatNorwegianDate, type SalesDocument } from './sales-documents';

/** The e-mail that carries a sales document, in the customer's language; the PDF is the document. */
export function renderDocumentEmail(document: SalesDocument, language: Language): { subject: string; text: string; filename: string } {
  const isInvoice = document.kind === 'invoice';
  const seller = document.seller.name;
  const amount = formatKroner(document.totals.grossOre);
  if (language === 'en') {
    const kind = isInvoice ? 'Invoice' : 'Credit note';
    return {
      subject: `${kind} ${document.documentNumber} from ${seller}`,
      filename: `${isInvoice ? 'invoice' : 'credit-note'}-${document.documentNumber}.pdf`,
      text: isInvoice
        ? `Hello,\n\nAttached is invoice ${document.documentNumber} for ticket ${document.orderId}.\nAmount: NOK ${amount}\nDue: ${formatNorwegianDate(document.dueDate ?? document.issueDate)}\nAccount: ${formatAccount(document.seller.bankAccount)}\nKID: ${document.kid}\n\nThank you for your custom.\n${seller}\n`
        : `Hello,\n\nAttached is credit note ${document.documentNumber}, which credits invoice ${document.creditsDocument} in full (NOK ${amount}).\n\n${seller}\n`,
    };
  }
  const kind = isInvoice ? 'Faktura' : 'Kreditnota';
  return {
    subject: `${kind} ${document.documentNumber} fra ${seller}`,
    filename: `${isInvoice ? 'faktura' : 'kreditnota'}-${document.documentNumber}.pdf`,
    text: isInvoice
      ? `Hei,\n\nVedlagt er faktura ${document.documentNumber} for lapp ${document.orderId}.\nBeløp: kr ${amount}\nForfall: ${formatNorwegianDate(document.dueDate ?? document.issueDate)}\nKonto: ${formatAccount(document.seller.bankAccount)}\nKID: ${document.kid}\n\nTakk for handelen.\n${seller}\n`
      : `Hei,\n\nVedlagt er kreditnota ${document.documentNumber}, som krediterer faktura ${document.creditsDocument} i sin helhet (kr ${amount}).\n\n${seller}\n`,
  };
}
