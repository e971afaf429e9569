import type { Customer } from '../customers/customers';
import type { Message } from '../kernel/outbox-message';
import type { Order } from '../orders/orders';
import type { PrivacyRequest } from './privacy-requests';
import type { SalesDocument } from '../invoices/sales-documents';
import { formatKroner } from '../invoices/sales-documents';
import { exportCategories } from '../inventory/export-plan';

/**
 * Everything stored about one customer (GDPR art. 15), as machine-readable JSON with a readable
 * summary in the customer's language and, per category of personal data, what it holds
 * (export-plan.ts, from the data inventory). Built only from the customer's own partition and the
 * documents their orders point to, so nothing about anyone else can enter it.
 */
export type CustomerData = {
  customer: Customer;
  orders: Order[];
  messages: Message[];
  documents: SalesDocument[];
  requests: PrivacyRequest[];
};

/** `messageRetentionDays` is the shop's, so the summary says how long delivery records are really kept. */
export function buildExport(data: CustomerData, generatedAt: Date, messageRetentionDays: number) {
  const { customer } = data;
  const en = customer.language === 'en';
  const number = customer.phone;
  const phoneEn = !number ? 'no phone number' : number.kind === 'mobile' ? `mobile number ${number.e164}` : `landline number ${number.e164}`;
  const phoneNb = !number ? 'ikke noe telefonnummer' : number.kind === 'mobile' ? `mobilnummer ${number.e164}` : `fasttelefonnummer ${number.e164}`;
  const spent = data.orders.reduce((sum, o) => sum + (o.status === 'picked_up' ? o.totals.grossOre : 0), 0);
  const summary = en
    ? [
        `This is everything ${customer.name} has stored with us, as of ${generatedAt.toISOString().slice(0, 10)}.`,
        `Profile: name, ${phoneEn}${customer.email ? `, e-mail ${customer.email} (${customer.emailPurposes.join(', ')})` : ', no e-mail address'}, language ${customer.language}.`,
        `Orders: ${data.orders.length} (collected for NOK ${formatKroner(spent)} in all).`,
        `Invoices and credit notes: ${data.documents.length}. These are kept five years after the end of their fiscal year, as bookkeeping law requires.`,
        `Message delivery records still held: ${data.messages.length} (deleted when the shop's retention period for them ends, now ${messageRetentionDays} ${messageRetentionDays === 1 ? 'day' : 'days'}; the texts are not stored).`,
        `Privacy requests: ${data.requests.length}.`,
      ]
    : [
        `Dette er alt ${customer.name} har registrert hos oss, per ${generatedAt.toISOString().slice(0, 10)}.`,
        `Profil: navn, ${phoneNb}${customer.email ? `, e-post ${customer.email} (${customer.emailPurposes.join(', ')})` : ', ingen e-postadresse'}, språk ${customer.language}.`,
        `Bestillinger: ${data.orders.length} (hentet for kr ${formatKroner(spent)} til sammen).`,
        `Fakturaer og kreditnotaer: ${data.documents.length}. Disse oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven krever.`,
        `Meldingslogg som fortsatt finnes: ${data.messages.length} (slettes når butikkens lagringstid for dem er ute, nå ${messageRetentionDays} ${messageRetentionDays === 1 ? 'dag' : 'dager'}; selve tekstene lagres ikke).`,
        `Henvendelser om personvern: ${data.requests.length}.`,
      ];
  // What the export holds, per category of the privacy notice, as the inventory declares it.
  const categories = exportCategories({ customer: data.customer, orders: data.orders, messages: data.messages, documents: data.documents, requests: data.requests });
  return { generatedAt: generatedAt.toISOString(), summary, categories, ...data };
}

export function exportCounts(data: CustomerData): Record<string, number> {
  return { customer: 1, orders: data.orders.length, messages: data.messages.length, documents: data.documents.length, requests: data.requests.length };
}
