import type { ShopConfig } from '../../config/shop-config';
import type { Customer, EmailPurpose, Language } from '../customers/customers';
import type { Message, MessagePurpose } from '../kernel/outbox-message';
import type { Order, OrderStatus } from '../orders/orders';
import type { PrivacyRequest, RequestStatus, RequestType } from './privacy-requests';
import type { SalesDocument } from '../invoices/sales-documents';
import type { Receivable } from '../receivables/receivables';
import type { Payment } from '../receivables/payments';
import type { PaymentReminder } from '../receivables/payment-reminders';
import type { AccountItem, CollectiveClaim } from '../invoices/account-items';
import { shopDate } from '../kernel/calendar';
import { formatAmount, formatLongDate, formatPhoneNumber } from '../kernel/readable-format';
import { privacyNotice } from '../inventory/privacy-statement';
import type { PersonalCategory } from '../inventory/category-texts';
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
  /** What each of the customer's invoices still has owing (an open one makes erasure keep the claim's data). */
  receivables: Receivable[];
  /** The payments on the customer's invoices (art. 15: what we hold about how they paid, though it names no payer). */
  payments: Payment[];
  /** The payment reminders sent about the customer's invoices, with their fees and interest. */
  reminders: PaymentReminder[];
  requests: PrivacyRequest[];
  /**
   * A business's pickups on account not invoiced yet (issue #17): each carries the order's
   * reference, free text that may name a person (art. 15), and while any waits the erasure waits
   * (ERASURE_HOLDS: the sale must still get its collective invoice).
   */
  accountItems: AccountItem[];
  /** The business's collective-invoice claims, one per period invoiced; an unfinished one holds its invoice as built. */
  collectiveClaims: CollectiveClaim[];
};

/**
 * The export's format, named in every export: the portability copy (art. 20) is this JSON, and
 * docs/EXPORT-FORMAT.md describes it field by field (generated from the inventory; a test keeps
 * the two in step). Raise the number when a field changes meaning or goes.
 */
export const EXPORT_FORMAT = 'renseri-export/1';

const ORDER_STATUS: Record<OrderStatus, Record<Language, string>> = {
  received: { nb: 'ikke hentet ennå: tøyet er hos oss', en: 'not collected yet: the garments are with us' },
  ready: { nb: 'klar til henting, ikke hentet ennå', en: 'ready for pickup, not collected yet' },
  picked_up: { nb: 'hentet', en: 'collected' },
  cancelled: { nb: 'avbestilt', en: 'cancelled' },
  returned: { nb: 'avbestilt, og tøyet er levert tilbake', en: 'cancelled, and the garments handed back' },
};
const EMAIL_PURPOSE: Record<EmailPurpose, Record<Language, string>> = {
  invoice: { nb: 'faktura på e-post', en: 'invoices by e-mail' },
  privacy_requests: { nb: 'svar på henvendelser om personvern', en: 'answers to privacy requests' },
};
const LANGUAGE_NAME: Record<Language, Record<Language, string>> = {
  nb: { nb: 'norsk', en: 'Norwegian' },
  en: { nb: 'engelsk', en: 'English' },
};
const MESSAGE_PURPOSE: Record<MessagePurpose, Record<Language, string>> = {
  pickup_ready: { nb: 'tøyet er klart', en: 'garments ready' },
  part_ready: { nb: 'noe av tøyet er klart', en: 'part of the garments ready' },
  delay: { nb: 'forsinkelse', en: 'delay' },
  question: { nb: 'spørsmål om bestillingen', en: 'a question about the order' },
  uncollected_reminder: { nb: 'påminnelse om tøy som ikke er hentet', en: 'reminder of garments not collected' },
  verification_code: { nb: 'engangskode', en: 'one-time code' },
  invoice_sent: { nb: 'faktura på e-post', en: 'invoice by e-mail' },
  request_completed: { nb: 'henvendelsen er besvart (SMS)', en: 'request answered (SMS)' },
  request_extended: { nb: 'fristen for henvendelsen er forlenget', en: 'request deadline extended' },
  request_completed_email: { nb: 'henvendelsen er besvart (e-post)', en: 'request answered (e-mail)' },
  erasure_waiting: { nb: 'slettingen venter på tøy i butikken', en: 'erasure waiting for garments in the shop' },
  erasure_held: { nb: 'slettingen er utført, bortsett fra det vi trenger for å kreve inn en ubetalt faktura', en: 'erasure done but for what we need to claim an unpaid invoice' },
  erasure_waiting_email: { nb: 'slettingen venter på tøy i butikken (e-post)', en: 'erasure waiting for garments in the shop (e-mail)' },
  payment_reminder: { nb: 'betalingspåminnelse (purring) på e-post', en: 'payment reminder by e-mail' },
};
const REQUEST_TYPE: Record<RequestType, Record<Language, string>> = {
  access: { nb: 'innsyn', en: 'access' },
  erasure: { nb: 'sletting', en: 'erasure' },
};
const REQUEST_STATUS: Record<RequestStatus, Record<Language, string>> = {
  received: { nb: 'mottatt', en: 'received' },
  in_progress: { nb: 'under behandling', en: 'in progress' },
  completed: { nb: 'besvart', en: 'answered' },
  blocked: { nb: 'venter', en: 'waiting' },
  failed: { nb: 'feilet, vi følger opp', en: 'failed; we follow it up' },
};

const W = {
  nb: {
    intro: (name: string, date: string) => `Dette er alt vi har lagret om deg, ${name}, per ${date}. Under står hver kategori med hva vi har, hvorfor, hvem som får det og hvor lenge vi beholder det; alle opplysningene følger også med som maskinlesbar JSON.`,
    why: 'Hvorfor',
    who: 'Hvem som får det',
    howLong: 'Hvor lenge',
    none: 'ingen',
    customerNumber: 'kundenummer',
    noPhone: 'ikke noe telefonnummer',
    mobile: 'mobilnummer',
    landline: 'fasttelefonnummer',
    email: (address: string, purposes: string) => `e-post ${address} (til ${purposes})`,
    noEmail: 'ingen e-postadresse',
    language: (name: string) => `meldinger på ${name}`,
    order: (id: string, date: string, amount: string, status: string) => `bestilling ${id}, levert inn ${date}: ${amount}, ${status}`,
    pickedUp: (date: string) => `hentet ${date}`,
    onAccount: (id: string, date: string, amount: string, reference: string | undefined) => `henting på konto fra bestilling ${id}, ${date}: ${amount}${reference ? `, referanse «${reference}»` : ''}, ikke fakturert ennå`,
    document: (kind: 'invoice' | 'credit_note', number: number, date: string, amount: string) => `${kind === 'invoice' ? 'faktura' : 'kreditnota'} ${number} av ${date}: ${amount}`,
    balance: (number: number, amount: string) => `faktura ${number}: ${amount} står igjen å betale`,
    payment: (number: number, date: string, amount: string) => `innbetaling på faktura ${number} ${date}: ${amount}`,
    reminder: (number: number, date: string, fee: string) => `purring på faktura ${number} sendt ${date}, gebyr ${fee}`,
    messages: (count: number) => (count === 0 ? 'ingen meldinger lagret nå' : `${count} ${count === 1 ? 'melding' : 'meldinger'} (selve tekstene lagres ikke)`),
    message: (purpose: string, date: string) => `${purpose}, ${date}`,
    request: (type: string, date: string, status: string) => `${type}, mottatt ${date}, ${status}`,
    signIn: 'engangskoder lagres i høyst 10 minutter og er ikke med i innsynet',
    rights: 'Dine rettigheter',
  },
  en: {
    intro: (name: string, date: string) => `This is everything we store about you, ${name}, as of ${date}. Below is each category with what we hold, why, who receives it and how long we keep it; all the data also comes with this as machine-readable JSON.`,
    why: 'Why',
    who: 'Who receives it',
    howLong: 'How long',
    none: 'none',
    customerNumber: 'customer number',
    noPhone: 'no phone number',
    mobile: 'mobile number',
    landline: 'landline number',
    email: (address: string, purposes: string) => `e-mail ${address} (for ${purposes})`,
    noEmail: 'no e-mail address',
    language: (name: string) => `messages in ${name}`,
    order: (id: string, date: string, amount: string, status: string) => `order ${id}, handed in ${date}: ${amount}, ${status}`,
    pickedUp: (date: string) => `collected ${date}`,
    onAccount: (id: string, date: string, amount: string, reference: string | undefined) => `pickup on account from order ${id}, ${date}: ${amount}${reference ? `, reference "${reference}"` : ''}, not invoiced yet`,
    document: (kind: 'invoice' | 'credit_note', number: number, date: string, amount: string) => `${kind === 'invoice' ? 'invoice' : 'credit note'} ${number} of ${date}: ${amount}`,
    balance: (number: number, amount: string) => `invoice ${number}: ${amount} left to pay`,
    payment: (number: number, date: string, amount: string) => `payment on invoice ${number} on ${date}: ${amount}`,
    reminder: (number: number, date: string, fee: string) => `payment reminder for invoice ${number} sent ${date}, fee ${fee}`,
    messages: (count: number) => (count === 0 ? 'no messages stored now' : `${count} ${count === 1 ? 'message' : 'messages'} (the texts themselves are not stored)`),
    message: (purpose: string, date: string) => `${purpose}, ${date}`,
    request: (type: string, date: string, status: string) => `${type}, received ${date}, ${status}`,
    signIn: 'one-time codes are kept for at most 10 minutes and are not part of this answer',
    rights: 'Your rights',
  },
} as const;

/** The readable summary: one line per fact, category by category, then the rights, in the customer's language. */
export function exportSummary(data: CustomerData, generatedAt: Date, shop: ShopConfig): string[] {
  const { customer } = data;
  const language = customer.language;
  const w = W[language];
  const notice = privacyNotice(shop, language);
  const date = (instant: string) => formatLongDate(instant.length === 10 ? instant : shopDate(new Date(instant), shop.timeZone), language);
  const list = (items: string[]) => (items.length === 0 ? w.none : items.join('; '));

  const phone = customer.phone ? `${customer.phone.kind === 'mobile' ? w.mobile : w.landline} ${formatPhoneNumber(customer.phone.e164)}` : w.noPhone;
  const email = customer.email ? w.email(customer.email, customer.emailPurposes.map((p) => EMAIL_PURPOSE[p][language]).join(language === 'nb' ? ' og ' : ' and ')) : w.noEmail;
  const held: Record<PersonalCategory, string> = {
    identity: `${customer.name}, ${w.customerNumber} ${customer.customerId}`,
    contact: [phone, email, w.language(LANGUAGE_NAME[customer.language][language])].join(', '),
    orders: list([
      ...data.orders.map((o) => w.order(o.orderId, date(o.receivedAt), formatAmount(o.totals.grossOre, language), o.status === 'picked_up' && o.pickedUpAt ? w.pickedUp(date(o.pickedUpAt)) : ORDER_STATUS[o.status][language])),
      // A business's pickups waiting for the collective invoice, with the reference it gave (free text).
      ...data.accountItems.map((i) => w.onAccount(i.orderId, date(i.date), formatAmount(i.totals.grossOre, language), i.reference)),
    ]),
    messages: `${w.messages(data.messages.length)}${data.messages.length ? `: ${data.messages.map((m) => w.message(MESSAGE_PURPOSE[m.purpose][language], date(m.createdAt))).join('; ')}` : ''}`,
    sales_documents: list([
      ...data.documents.map((d) => w.document(d.kind, d.documentNumber, date(d.issueDate), formatAmount(d.totals.grossOre, language))),
      ...data.receivables.filter((r) => r.balanceOre > 0).map((r) => w.balance(r.documentNumber, formatAmount(r.balanceOre, language))),
      ...data.payments.map((p) => w.payment(p.documentNumber, date(p.paymentDate), formatAmount(p.amountOre, language))),
      ...data.reminders.map((r) => w.reminder(r.documentNumber, date(r.sentOn), formatAmount(r.feeOre, language))),
    ]),
    privacy_requests: list(data.requests.map((r) => w.request(REQUEST_TYPE[r.type][language], date(r.receivedAt), REQUEST_STATUS[r.status][language]))),
    sign_in: w.signIn,
  };
  return [
    w.intro(customer.name, formatLongDate(shopDate(generatedAt, shop.timeZone), language)),
    ...notice.categories.map(
      (c) => `${c.title}: ${held[c.category]}. ${w.why}: ${c.purpose} ${w.who}: ${c.recipients.map((r) => r.name).join(', ')}. ${w.howLong}: ${c.retention}`,
    ),
    `${w.rights}:`,
    ...notice.rights.map((r) => `${r.title} (${r.article}): ${r.text}`),
  ];
}

/** The shop's configuration, so the summary states its real periods (message retention, inactivity) and contact. */
export function buildExport(data: CustomerData, generatedAt: Date, shop: ShopConfig) {
  // What the export holds, per category of the privacy notice, as the inventory declares it.
  const categories = exportCategories({
    customer: data.customer,
    orders: data.orders,
    messages: data.messages,
    documents: data.documents,
    receivables: data.receivables,
    payments: data.payments,
    reminders: data.reminders,
    requests: data.requests,
    accountItems: data.accountItems,
    collectiveClaims: data.collectiveClaims,
  });
  return { format: EXPORT_FORMAT, generatedAt: generatedAt.toISOString(), summary: exportSummary(data, generatedAt, shop), categories, ...data };
}

export function exportCounts(data: CustomerData): Record<string, number> {
  return {
    customer: 1,
    orders: data.orders.length,
    messages: data.messages.length,
    documents: data.documents.length,
    receivables: data.receivables.length,
    payments: data.payments.length,
    reminders: data.reminders.length,
    requests: data.requests.length,
    accountItems: data.accountItems.length,
    collectiveClaims: data.collectiveClaims.length,
  };
}
