import type { MessageRepository, PageRequest } from '../../ports/repositories';
import { NotSentError } from '../../ports/delivery';
import { EmailRejectedError, type EmailGateway } from '../../ports/email-gateway';
import { SmsRejectedError, type SmsGateway } from '../../ports/sms-gateway';
import { renderSalesDocumentPdf } from '../../documents/invoice-pdf';
import { renderDocumentEmail, renderErasureWaitingEmail, renderRequestAnsweredEmail, renderPaymentReminderEmail } from './email-templates';
import { renderPaymentReminderPdf } from '../../documents/reminder-pdf';
import type { PaymentReminderRepository } from '../../ports/payment-reminders';
import { mobileNumberOf, type Customer } from '../customers/customers';
import type { CounterDeps } from '../kernel/deps';
import { NotFoundError, ValidationError } from '../kernel/errors';
import { CHANNEL_OF, MAX_SEND_ATTEMPTS, newMessage, type SmsPurpose, type Message, type MessageState, type StaffMessagePurpose } from '../kernel/outbox-message';
import { shopDate, monthsBefore, addDays, formatNorwegianDate } from '../kernel/calendar';
import type { NoticeMethod, Order } from '../orders/orders';
import { isInShop } from '../orders/garments';
import { renderSms } from './sms-templates';

export type NoticeDeps = CounterDeps & { messages: MessageRepository };
/** Only the outbox senders talk to SNS and SES, one channel each; every other notice function just writes the outbox. */
/** `openCode` decrypts a sign-in code sealed for the SMS sender; only the sender is given the key. */
export type SmsDeliveryDeps = NoticeDeps & { sms: SmsGateway; openCode?: (sealed: string) => Promise<string> };
export type EmailDeliveryDeps = NoticeDeps & { email: EmailGateway; paymentReminders: PaymentReminderRepository };

/**
 * Garments not collected: håndverkertjenesteloven § 47 obliges the shop to take proper care of
 * them and lets it sell them only under lov 29. mai 1953 nr. 1 om rett for handverkarar o.a. til å
 * selja ting som ikkje vert henta. As the brief reads §§ 2–3 of that act (its text was not in the
 * sources available here): the work must be done, payment due, more than three months passed, and
 * a request to collect, saying the item will otherwise be sold or discarded, given by registered
 * letter to an address the customer gave, or where none is known, posted where items are handed
 * in and out. SMS reminders are a courtesy before that and satisfy none of it.
 */
export const UNCOLLECTED_AFTER_MONTHS = 3;

/**
 * Orders ready before this instant have waited more than three months. Calendar months, capped at
 * the month's end: on 31 May the line is 28 February, never "31 February", which Date rolls over
 * to 3 March and would let an order in on the 30th, out on the 1st and in again on the 2nd.
 */
export function uncollectedCutoff(asOf: Date): string {
  return monthsBefore(asOf, UNCOLLECTED_AFTER_MONTHS).toISOString();
}

export type StaffMessageInput = { purpose: StaffMessagePurpose; newReadyAt?: string; note?: string };

/**
 * Staff tell a customer about a delay or ask them to call. Templated only; one SMS per order and
 * occasion (a delay to the same date, or a question on the same day), so a double click sends one.
 * 1. Check the input the purpose needs (a delay needs a new date, not in the past).
 * 2. Write the message, and for a delay the new promised date, in one transaction.
 */
export async function sendStaffMessage(deps: NoticeDeps, orderId: string, input: StaffMessageInput) {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  if (input.purpose === 'delay') {
    if (!input.newReadyAt) throw new ValidationError('A delay needs the new date', [{ pointer: '/newReadyAt', detail: 'Required for purpose delay' }]);
    if (input.newReadyAt < today) throw new ValidationError('The new date is in the past', [{ pointer: '/newReadyAt', detail: `Must be ${today} or later` }]);
  } else if (input.newReadyAt) {
    throw new ValidationError('Only a delay carries a new date', [{ pointer: '/newReadyAt', detail: 'Leave it out for a question' }]);
  }
  const delay = input.purpose === 'delay';
  return deps.orders.addMessage(
    orderId,
    { allowedStatuses: delay ? ['received'] : ['received', 'ready'], ...(delay ? { promisedReadyAt: input.newReadyAt } : {}) },
    (order) =>
      newMessage({
        ...order,
        purpose: input.purpose,
        occasion: delay ? (input.newReadyAt as string) : today,
        params: { ticket: order.orderId, ...(delay ? { date: input.newReadyAt } : {}) },
        ...(input.note ? { note: input.note } : {}),
        now,
        retentionDays: deps.shop.messageRetentionDays,
      }),
  );
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'unknown';
export type MessageRef = { customerId: string; messageKey: string };

type Send = () => Promise<{ providerMessageId: string }>;
/**
 * Why a message cannot be sent at all, recorded as its failure for staff: no one to send it to
 * (the customer is gone, or keeps no address for the purpose), or, for an SMS, a customer whose
 * number is a landline or who gave none (staff call them, or tell them at the counter).
 */
type NotSendable = 'no_recipient' | 'no_mobile_number';
type Prepare = (message: Message, customer: Customer | undefined) => Send | NotSendable | Promise<Send | NotSendable>;

/** Sends one outbox SMS, at most once (see deliver). */
export function deliverSms(deps: SmsDeliveryDeps, ref: MessageRef): Promise<DeliveryOutcome> {
  return deliver(deps, ref, (message, customer) => prepareSms(deps, message, customer));
}

/** Sends one outbox e-mail, at most once (see deliver). */
export function deliverEmail(deps: EmailDeliveryDeps, ref: MessageRef): Promise<DeliveryOutcome> {
  return deliver(deps, ref, (message, customer) => prepareEmail(deps, message, customer));
}

/**
 * Sends one outbox message, at most once.
 * 1. Claim it (pending → sending); if it is not pending, another delivery has it: skip.
 * 2. Look up the recipient now, so no number is copied into the outbox; render the template.
 * 3. Send. A refusal is final (failed, with the reason). If the provider certainly did not take
 *    it (throttled, refused, unreachable), or anything failed before the provider was called, the
 *    claim is released for a retry, until the attempts run out.
 * 4. Record the provider's message id. If the outcome of step 3 is unknown (a timeout, a server
 *    error) or the process dies before step 4, the message stays "sending" and is never sent
 *    again: a possible missing SMS, listed for staff, is preferred to a duplicate.
 */
async function deliver(deps: NoticeDeps, ref: MessageRef, prepare: Prepare): Promise<DeliveryOutcome> {
  const at = () => deps.clock().toISOString();
  const message = await deps.messages.claim(ref.customerId, ref.messageKey, at());
  if (!message) return 'skipped';
  let providerCalled = false;
  let providerMessageId: string;
  try {
    const customer = await deps.customers.get(ref.customerId);
    const send = await prepare(message, customer);
    if (typeof send === 'string') {
      await deps.messages.markFailed(message, send, at());
      return 'failed';
    }
    providerCalled = true;
    ({ providerMessageId } = await send());
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    if (error instanceof SmsRejectedError || error instanceof EmailRejectedError) {
      await deps.messages.markFailed(message, `rejected: ${error.reason}`, at());
      return 'failed';
    }
    if (providerCalled && !(error instanceof NotSentError)) return 'unknown'; // stays "sending", for staff
    if (message.attempts >= MAX_SEND_ATTEMPTS) {
      await deps.messages.markFailed(message, `gave up after ${message.attempts} attempts: ${error instanceof NotSentError ? error.reason : name}`, at());
      return 'failed';
    }
    await deps.messages.release(message, at());
    return 'retry';
  }
  await deps.messages.markSent(message, providerMessageId, at());
  return 'sent';
}

/** A message of the other channel here means the stream filters are wrong: loud (retries, then the dead-letter queue), never sent. */
class WrongChannelError extends Error {
  override name = 'WrongChannelError';
}

/**
 * An SMS goes to the number the message names (an erasure's confirmation, once the profile is
 * gone), or else to the customer's mobile, read now. Never to a landline: whatever queued the
 * message, one for a customer without a mobile is failed at once, for staff to see, and not retried.
 */
async function prepareSms(deps: SmsDeliveryDeps, message: Message, customer: Customer | undefined): Promise<Send | NotSendable> {
  if (CHANNEL_OF[message.purpose] !== 'sms') throw new WrongChannelError();
  if (message.recipient === undefined && customer && !mobileNumberOf(customer)) return 'no_mobile_number';
  const phone = message.recipient ?? (customer ? mobileNumberOf(customer) : undefined);
  if (!phone) return 'no_recipient';
  // Opened here, before the provider is called: a missing or unreadable key releases the claim for a retry.
  const { sealedCode, ...params } = message.params;
  if (sealedCode !== undefined) {
    if (!deps.openCode) throw new Error('A sealed sign-in code, and no key to open it');
    params.code = await deps.openCode(sealedCode);
  }
  const text = renderSms(message.purpose as SmsPurpose, customer?.language ?? message.params.language ?? deps.shop.defaultLanguage, params, { shopName: deps.shop.name, shopPhone: deps.shop.phone });
  return () => deps.sms.send({ phone, text, senderId: deps.shop.smsSenderId });
}

/** Only an address kept for the purpose is used: invoices to an e-invoice address, privacy answers to one kept for those. */
async function prepareEmail(deps: EmailDeliveryDeps, message: Message, customer: Customer | undefined): Promise<Send | NotSendable> {
  if (CHANNEL_OF[message.purpose] !== 'email') throw new WrongChannelError();
  const tags = { customerId: message.customerId, messageKey: message.messageKey };
  if (message.purpose === 'request_completed_email' || message.purpose === 'erasure_waiting_email') {
    if (!customer?.email || !customer.emailPurposes.includes('privacy_requests')) return 'no_recipient';
    const email = message.purpose === 'erasure_waiting_email' ? renderErasureWaitingEmail(deps.shop.name, customer.language, message.params.waitingFor) : renderRequestAnsweredEmail(deps.shop.name, customer.language);
    const to = customer.email;
    return () => deps.email.send({ to, from: deps.shop.invoiceEmailFrom, ...email, attachments: [], tags });
  }
  const documentNumber = message.params.documentNumber;
  if (!customer?.email || !customer.emailPurposes.includes('invoice') || documentNumber === undefined) return 'no_recipient';
  const document = await deps.documents.get(documentNumber);
  if (!document) return 'no_recipient';
  if (message.purpose === 'payment_reminder') {
    // The stored reminder, rendered now in the customer's language: the same letter the print list would give.
    const reminder = message.params.reminder === undefined ? undefined : await deps.paymentReminders.get(documentNumber, message.params.reminder);
    if (!reminder) return 'no_recipient';
    const email = renderPaymentReminderEmail(document, reminder, customer.language);
    const pdf = renderPaymentReminderPdf(document, reminder, customer.language);
    const to = customer.email;
    return () =>
      deps.email.send({ to, from: deps.shop.invoiceEmailFrom, subject: email.subject, text: email.text, attachments: [{ filename: email.filename, contentType: 'application/pdf', content: pdf }], tags });
  }
  const email = renderDocumentEmail(document, customer.language);
  const pdf = renderSalesDocumentPdf(document);
  const to = customer.email;
  return () =>
    deps.email.send({ to, from: deps.shop.invoiceEmailFrom, subject: email.subject, text: email.text, attachments: [{ filename: email.filename, contentType: 'application/pdf', content: pdf }], tags });
}

export type ReminderRun = { considered: number; sent: number; alreadySent: number; notDue: number };

/**
 * Courtesy reminders for ready orders not collected after the configured days (14 and 30 by
 * default), until the three-month point where the statutory path takes over. Reads only orders
 * that became ready in that window (a range on the status index), and writes each reminder with
 * its record on the order in one transaction, keyed by order and interval, so a second run the
 * same day sends nothing new. When the job was down, only the latest due reminder is sent.
 */
export async function sendReminders(deps: NoticeDeps, asOf: Date): Promise<ReminderRun> {
  const intervals = [...deps.shop.reminderDays].sort((a, b) => a - b);
  const run: ReminderRun = { considered: 0, sent: 0, alreadySent: 0, notDue: 0 };
  const first = intervals[0];
  if (first === undefined) return run;
  const daysBefore = (days: number) => new Date(asOf.getTime() - days * 86_400_000).toISOString();
  let cursor: string | undefined;
  do {
    const page = await deps.orders.listInStatusBetween('ready', uncollectedCutoff(asOf), daysBefore(first), { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const order of page.items) {
      run.considered += 1;
      const readyAt = order.readyAt ?? order.statusChangedAt;
      const due = intervals.filter((days) => readyAt <= daysBefore(days)).at(-1);
      const latestSent = Math.max(0, ...(order.reminders ?? []).map((r) => r.afterDays));
      if (due === undefined || due <= latestSent) {
        run.notDue += 1;
        continue;
      }
      const { duplicate } = await deps.orders.addMessage(
        order.orderId,
        { allowedStatuses: ['ready'], reminder: { afterDays: due, sentAt: asOf.toISOString() } },
        (ref) =>
          newMessage({
            ...ref,
            purpose: 'uncollected_reminder',
            occasion: `after-${due}-days`,
            params: { ticket: ref.orderId, date: shopDate(new Date(readyAt), deps.shop.timeZone) },
            now: asOf,
            retentionDays: deps.shop.messageRetentionDays,
          }),
      );
      if (duplicate) run.alreadySent += 1;
      else run.sent += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return run;
}

export function listUncollectedOrders(deps: CounterDeps, page: PageRequest) {
  return deps.orders.listInStatusBetween('ready', '0', uncollectedCutoff(deps.clock()), page);
}

/** Records that the statutory request to collect was given, as evidence kept on the order. */
export function recordStatutoryNotice(deps: NoticeDeps, orderId: string, input: { method: NoticeMethod; givenOn: string }, recordedBy: string): Promise<Order> {
  const now = deps.clock();
  if (input.givenOn > shopDate(now, deps.shop.timeZone)) {
    throw new ValidationError('The notice cannot be given in the future', [{ pointer: '/givenOn', detail: 'Use the date it was sent or posted' }]);
  }
  return deps.orders.recordNotice(orderId, { ...input, recordedAt: now.toISOString(), recordedBy }, uncollectedCutoff(now));
}

export async function listOrderMessages(deps: NoticeDeps, orderId: string): Promise<Message[]> {
  const customerId = await deps.orders.customerIdOf(orderId);
  if (!customerId) throw new NotFoundError(`Order ${orderId} does not exist`);
  return deps.messages.listForOrder(customerId, orderId);
}

export function listMessagesNeedingAttention(deps: NoticeDeps, state: Exclude<MessageState, 'sent'>, page: PageRequest) {
  return deps.messages.listByState(state, page);
}

/** The days a posted notice gives before items may be sold or discarded; the shop's choice. */
export const NOTICE_PERIOD_DAYS = 30;

/**
 * The in-shop notice for garments not collected, printable, for the wall where items are handed
 * in and out. It lists ticket numbers and dates only: never names or phone numbers in public.
 */
export async function uncollectedNoticePage(deps: NoticeDeps): Promise<string> {
  const now = deps.clock();
  const orders: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUncollectedOrders(deps, { limit: 100, ...(cursor ? { cursor } : {}) });
    orders.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const date = (iso: string) => formatNorwegianDate(shopDate(new Date(iso), deps.shop.timeZone));
  // Calendar days from the shop's date: 30 times 24 hours is 29 days when the clocks go back.
  const deadline = formatNorwegianDate(addDays(shopDate(now, deps.shop.timeZone), NOTICE_PERIOD_DAYS));
  // What is still in the shop: an order partly collected is listed with the garments left (an order
  // from before garments were tagged has no count to give).
  const left = (o: Order) => (o.garments.length ? String(o.garments.filter(isInShop).length) : '');
  const rows = orders
    .map((o) => `<tr><td>${escapeHtml(o.orderId)}</td><td>${date(o.readyAt ?? o.statusChangedAt)}</td><td>${left(o)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Tøy som ikke er hentet – ${escapeHtml(deps.shop.name)}</title>
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:.4em;text-align:left}@media print{body{margin:0}}</style></head>
<body>
<h1>Tøy som ikke er hentet</h1>
<p>Tøyet med lappene nedenfor har vært klart til henting i mer enn ${UNCOLLECTED_AFTER_MONTHS} måneder. Vi ber eierne hente det innen <strong>${deadline}</strong>.
Tøy som ikke er hentet innen da, kan bli solgt eller kastet, jf. håndverkertjenesteloven § 47 og lov 29. mai 1953 nr. 1 om rett for handverkarar o.a. til å selja ting som ikkje vert henta.</p>
<table><thead><tr><th>Lapp</th><th>Klart siden</th><th>Plagg igjen</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="3">Ingen</td></tr>'}
</tbody></table>
<p>${escapeHtml(deps.shop.name)}, ${escapeHtml(deps.shop.address.street)}, ${escapeHtml(deps.shop.address.postalCode)} ${escapeHtml(deps.shop.address.city)}. Oppslått ${date(now.toISOString())}.</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * SES reports what happened after it accepted an e-mail. A permanent bounce, a complaint or a
 * rejection makes the message failed again, so staff see that the invoice did not arrive and can
 * print it instead. The notification names the message by the ids it was tagged with.
 */
export type EmailFeedback = { kind: 'bounce' | 'complaint' | 'reject'; permanent: boolean; customerId: string; messageKey: string };

export async function recordEmailFeedback(deps: NoticeDeps, feedback: EmailFeedback): Promise<'recorded' | 'ignored'> {
  if (feedback.kind === 'bounce' && !feedback.permanent) return 'ignored'; // SES retries transient bounces itself
  const reason = feedback.kind === 'bounce' ? 'bounced' : feedback.kind === 'complaint' ? 'complaint' : 'rejected by SES';
  const marked = await deps.messages.markUndeliverable(feedback.customerId, feedback.messageKey, reason, deps.clock().toISOString());
  return marked ? 'recorded' : 'ignored';
}
