import { renderPaymentReminderPdf } from '../../documents/reminder-pdf';
import type { PaymentReminderRepository } from '../../ports/payment-reminders';
import type { PageRequest } from '../../ports/repositories';
import type { Customer } from '../customers/customers';
import { addDays, shopDate } from '../kernel/calendar';
import { ConflictError, NotFoundError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { getSalesDocument } from '../invoices/invoice-use-cases';
import { nextReminder, postedReminder, printedReminder, reminderDueToday, reminderRefusal, type PaymentReminder, type PaymentReminderDelivery } from './payment-reminders';
import type { ReceivableDeps } from './receivable-use-cases';
import type { Receivable } from './receivables';

export type ReminderDeps = ReceivableDeps & { paymentReminders: PaymentReminderRepository };

/** By e-mail to an address the customer keeps for invoices; otherwise (none, or the customer gone) printed for the post. */
const deliveryFor = (customer: Customer | undefined): PaymentReminderDelivery => (customer?.email && customer.emailPurposes.includes('invoice') ? 'email' : 'print');

/** The message that e-mails a reminder: its key (invoice and sequence) is the reminder's idempotency key too. */
function reminderMessage(deps: ReminderDeps, r: Receivable, reminder: PaymentReminder, now: Date) {
  return newMessage({
    customerId: r.customerId,
    purpose: 'payment_reminder',
    occasion: `invoice-${r.documentNumber}-reminder-${reminder.sequence}`,
    params: { documentNumber: r.documentNumber, reminder: reminder.sequence },
    now,
    retentionDays: deps.shop.messageRetentionDays,
  });
}

/** Decides and writes the next reminder of a receivable read just now (nextReminder throws the refusal). */
async function remind(deps: ReminderDeps, r: Receivable, now: Date, today: string) {
  const customer = await deps.customers.get(r.customerId);
  const delivery = deliveryFor(customer);
  const { reminder, receivable } = nextReminder(r, { now, today, delivery, settings: deps.shop.paymentReminders });
  const { duplicate } = await deps.paymentReminders.record(r, receivable, reminder, delivery === 'email' ? reminderMessage(deps, r, reminder, now) : undefined);
  return { reminder: duplicate ? ((await deps.paymentReminders.get(r.documentNumber, reminder.sequence)) ?? reminder) : reminder, duplicate };
}

/**
 * Staff send a payment reminder for an invoice now.
 * 1. Read the receivable; refuse (409, naming the due date or the last reminder's deadline) an
 *    invoice paid, credited, written off, not yet overdue, or whose last reminder still runs.
 * 2. Read the customer, for the channel: e-mail to an invoice address, else the print list.
 * 3. Write the reminder, the receivable's fee and tally, and the e-mail's outbox message in one
 *    transaction. Round trips: three (the receivable names the customer, whose record decides the
 *    channel; the write is conditioned on both reads).
 */
export async function sendPaymentReminder(deps: ReminderDeps, documentNumber: number) {
  const now = deps.clock();
  const r = await deps.receivables.get(documentNumber);
  if (!r) throw new NotFoundError(`Invoice ${documentNumber} does not exist or has no receivable`);
  const today = shopDate(now, deps.shop.timeZone);
  // Refused on the receivable alone, before the customer is read.
  const refusal = reminderRefusal(r, today);
  if (refusal) throw refusal;
  return remind(deps, r, now, today);
}

export type PaymentReminderRun = { considered: number; sent: number; emailed: number; toPrint: number; alreadySent: number; notDue: number; changed: number };

/**
 * The daily job: reminders for open invoices whose next reminder is due (the n-th interval after
 * the due date passed, the last reminder's deadline passed). Reads only the open receivables due
 * long enough ago (a range on the open index), and writes each reminder keyed by invoice and
 * sequence, so a second run the same day sends nothing new. An invoice paid between the read and
 * the write refuses the write (its version moved) and is counted as changed.
 */
export async function sendDueReminders(deps: ReminderDeps, asOf: Date): Promise<PaymentReminderRun> {
  const settings = deps.shop.paymentReminders;
  const run: PaymentReminderRun = { considered: 0, sent: 0, emailed: 0, toPrint: 0, alreadySent: 0, notDue: 0, changed: 0 };
  const first = Math.min(...settings.afterDaysOverdue);
  if (!Number.isFinite(first)) return run;
  const today = shopDate(asOf, deps.shop.timeZone);
  // Keys are "<due date>#<number>": up to the day after the last due date that may be reminded.
  const dueBefore = addDays(today, 1 - first);
  let cursor: string | undefined;
  do {
    const page = await deps.receivables.listOpen({ limit: 100, ...(cursor ? { cursor } : {}) }, { dueBefore });
    for (const r of page.items) {
      run.considered += 1;
      if (!reminderDueToday(r, today, settings)) {
        run.notDue += 1;
        continue;
      }
      try {
        const { reminder, duplicate } = await remind(deps, r, asOf, today);
        if (duplicate) run.alreadySent += 1;
        else {
          run.sent += 1;
          if (reminder.delivery === 'email') run.emailed += 1;
          else run.toPrint += 1;
        }
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        run.changed += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return run;
}

async function reminderOf(deps: ReminderDeps, documentNumber: number, sequence: number): Promise<PaymentReminder> {
  const reminder = await deps.paymentReminders.get(documentNumber, sequence);
  if (!reminder) throw new NotFoundError(`Invoice ${documentNumber} has no reminder ${sequence}`);
  return reminder;
}

/** An invoice's reminders, for staff. */
export async function listInvoiceReminders(deps: ReminderDeps, documentNumber: number): Promise<PaymentReminder[]> {
  await getSalesDocument(deps, documentNumber);
  return deps.paymentReminders.listForInvoice(documentNumber);
}

/** A reminder as the letter to print (the invoice and the reminder read together: one round trip's wait), in the customer's language. */
export async function paymentReminderPdf(deps: ReminderDeps, documentNumber: number, sequence: number): Promise<Uint8Array> {
  const [document, reminder] = await Promise.all([getSalesDocument(deps, documentNumber), reminderOf(deps, documentNumber, sequence)]);
  const customer = await deps.customers.get(document.customerId);
  // A letter not yet posted is dated the day it is printed, its deadline 14 days (at least) from it.
  const letter = printedReminder(reminder, shopDate(deps.clock(), deps.shop.timeZone), deps.shop.paymentReminders);
  return renderPaymentReminderPdf(document, letter, customer?.language ?? deps.shop.defaultLanguage);
}

export function listRemindersToPrint(deps: ReminderDeps, page: PageRequest) {
  return deps.paymentReminders.listToPrint(page);
}

/** Tries at marking a reminder posted while payments keep moving its receivable: more than a counter ever sees. */
const POSTING_RACES = 5;

/**
 * Staff posted a printed reminder: it leaves the print list, and its deadline counts from today,
 * the day it was sent (inkassoloven § 9; postedReminder), on the reminder and, for the latest, on
 * the receivable's tally.
 */
export async function markReminderPrinted(deps: ReminderDeps, documentNumber: number, sequence: number): Promise<PaymentReminder> {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  for (let race = 0; race < POSTING_RACES; race++) {
    const [reminder, r] = await Promise.all([reminderOf(deps, documentNumber, sequence), deps.receivables.get(documentNumber)]);
    if (reminder.delivery !== 'print' || reminder.printedAt !== undefined) throw notToPrint(reminder, documentNumber, sequence);
    const { payBy, receivable } = postedReminder(reminder, r, today, now.toISOString(), deps.shop.paymentReminders);
    let printed: PaymentReminder | undefined;
    try {
      printed = await deps.paymentReminders.markPrinted(documentNumber, sequence, now.toISOString(), { payBy, ...(r && receivable ? { receivable: { before: r, after: receivable } } : {}) });
    } catch (error) {
      // The receivable moved (a payment) between the read and the write: decide again on what it is now.
      if (error instanceof ConflictError) continue;
      throw error;
    }
    if (printed) return printed;
    throw notToPrint(await reminderOf(deps, documentNumber, sequence), documentNumber, sequence);
  }
  throw new ConflictError(`Invoice ${documentNumber} keeps changing; try again`);
}

function notToPrint(reminder: PaymentReminder, documentNumber: number, sequence: number): ConflictError {
  return new ConflictError(reminder.delivery === 'email' ? `Reminder ${sequence} of invoice ${documentNumber} was e-mailed, not printed` : `Reminder ${sequence} of invoice ${documentNumber} was marked printed at ${reminder.printedAt}`);
}
