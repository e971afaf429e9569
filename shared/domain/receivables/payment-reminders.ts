import { addDays, shopDate } from '../kernel/calendar';
import { ConflictError } from '../kernel/errors';
import { scaleOre, type Ore } from '../kernel/money';
import { retentionDate } from '../invoices/sales-documents';
import { MAX_FEES_PER_CLAIM, MIN_DAYS } from './reminder-limits';
import { isOpenReceivable, settleReceivable, type Receivable } from './receivables';

/**
 * Payment reminders (purring, betalingsoppfordring) for an invoice not paid by its due date.
 *
 * - Inkassoloven § 9: no collection before the creditor has, after the claim fell due, sent a
 *   written notice giving at least 14 days to pay, counted from the day it is sent. So a reminder
 *   goes no sooner than the due date (here: only once the due date has passed, since the customer
 *   may pay on the due date itself), and its own deadline is the send date + payWithinDays (≥ 14).
 *   A reminder states what § 10 second paragraph lists for a betalingsoppfordring, as good practice
 *   for our own: the creditor's name, what the claim is (invoice number and date), the amount with
 *   the principal, fee and interest apart, the interest rate and the date it runs from, and that not
 *   paying may lead to further costs and collection (inndriving). Note: a formal inkassovarsel under
 *   § 9 must be on paper unless the customer agreed otherwise; an e-mailed reminder is a purring.
 * - Inkassoforskriften § 1-2 first paragraph: for a written purring sent no sooner than 14 days after
 *   the claim fell due, stating the claim's size and what it is, the creditor may charge a fee of
 *   one twentieth of the inkassosats (the rate in force the day it is sent; § 1-1 sets the inkassosats,
 *   revised each year). § 1-3: fees for at most two purringer per claim, and the second only if
 *   the debtor let the first one's deadline of at least 14 days pass.
 * - Forsinkelsesrenteloven § 3: late-payment interest runs from the due date at the rate
 *   Finansdepartementet sets each half year (1 January and 1 July); optional in the shop config.
 */
export type PaymentReminderDelivery = 'email' | 'print';

/** Why a reminder carries no fee (said to staff, and kept on the reminder). */
export const FEE_OMITTED_REASONS = ['no_fee_configured', 'within_14_days_of_due_date', 'two_fees_charged', 'earlier_deadline_not_passed', 'only_fees_owing'] as const;
export type FeeOmittedReason = (typeof FEE_OMITTED_REASONS)[number];

export type LateInterest = { rateBasisPoints: number; fromDate: string; toDate: string; days: number; interestOre: Ore };

export type PaymentReminder = {
  documentNumber: number;
  /** 1 for the first reminder of the invoice, 2 for the second…: with the number, its idempotency key. */
  sequence: number;
  sentAt: string;
  /** The shop day it was sent, from which the deadline counts. */
  sentOn: string;
  /** The new deadline: sentOn + at least 14 days (inkassoloven § 9 second paragraph). */
  payBy: string;
  delivery: PaymentReminderDelivery;
  /** What is left of the invoice itself (its gross amount less credit notes and payments). */
  principalOre: Ore;
  /** Fees of earlier reminders still on the balance. */
  earlierFeesOre: Ore;
  /** This reminder's fee; 0 with feeOmitted saying why. */
  feeOre: Ore;
  feeOmitted?: FeeOmittedReason;
  /** Late-payment interest from the due date to the day sent, when the shop charges it; not added to the balance (it runs on until paid). */
  interest?: LateInterest;
  /** principal + earlier fees + fee + interest: what the reminder asks for. */
  totalOre: Ore;
  /** When staff marked the printed reminder as posted (print delivery only). */
  printedAt?: string;
  retainUntil: string;
};

export type PaymentReminderSettings = {
  /** Days after the due date on which the job sends the first, second… reminder. */
  afterDaysOverdue: number[];
  /** Days to pay, from the day sent: at least 14 (inkassoloven § 9). */
  payWithinDays: number;
  fee?: { ore: Ore; inkassosatsOre: Ore; source: string };
  lateInterest?: { rateBasisPoints: number; source: string };
};

export { feeWithinCap, MAX_FEE_SHARE_OF_INKASSOSATS, MAX_FEES_PER_CLAIM, MIN_DAYS } from './reminder-limits';

/** Whether the next reminder may carry a fee, and if not, why (inkassoforskriften §§ 1-2, 1-3). */
export function feeFor(r: Receivable, sentOn: string, settings: PaymentReminderSettings): { feeOre: Ore; feeOmitted?: FeeOmittedReason } {
  if (!settings.fee || settings.fee.ore === 0) return { feeOre: 0, feeOmitted: 'no_fee_configured' };
  if (sentOn < addDays(r.dueDate, MIN_DAYS)) return { feeOre: 0, feeOmitted: 'within_14_days_of_due_date' };
  // The invoice itself is paid and only earlier fees are owing: a fee is compensation for reminding
  // of the claim (inkassoforskriften § 1-2), not for reminding of a fee.
  if (r.balanceOre - (r.feesOre ?? 0) <= 0) return { feeOre: 0, feeOmitted: 'only_fees_owing' };
  const tally = r.reminders;
  if ((tally?.feesCharged ?? 0) >= MAX_FEES_PER_CLAIM) return { feeOre: 0, feeOmitted: 'two_fees_charged' };
  // A printed reminder not yet posted has not been sent: its deadline has not even begun to run (§ 1-3).
  if (tally?.awaitingPost !== undefined) return { feeOre: 0, feeOmitted: 'earlier_deadline_not_passed' };
  // A second fee only when the customer let an earlier reminder's deadline pass (§ 1-3).
  if (tally && tally.feesCharged > 0 && sentOn <= tally.lastPayBy) return { feeOre: 0, feeOmitted: 'earlier_deadline_not_passed' };
  return { feeOre: settings.fee.ore };
}

/** Simple interest, by the day, on the principal from the due date to the day sent (forsinkelsesrenteloven § 3). */
export function lateInterest(principalOre: Ore, dueDate: string, sentOn: string, rateBasisPoints: number): LateInterest {
  const days = Math.max(0, Math.round((Date.parse(sentOn) - Date.parse(dueDate)) / 86_400_000));
  return { rateBasisPoints, fromDate: dueDate, toDate: sentOn, days, interestOre: principalOre > 0 ? scaleOre(principalOre, rateBasisPoints * days, 10_000 * 365) : 0 };
}

/**
 * Late-payment interest accrued by a day on what is left of an invoice, for staff to see, when the
 * shop charges it. Forsinkelsesrenteloven § 2: interest runs from the due date on the amount not
 * paid, at the rate of § 3; the creditor is owed it as it accrues but need not book it until it is
 * claimed (on a reminder, at collection). So it is shown beside the balance and never in it: the
 * balance and the reskontro are what the ledger's account 1500 holds. Computed as a reminder
 * computes it: simple interest on the principal as it stands (fees earn none), from the due date;
 * after a part payment this overstates the days before it a little, which a claim would correct.
 */
export function accruedLateInterest(principalOre: Ore, dueDate: string, day: string, settings: Pick<PaymentReminderSettings, 'lateInterest'>): LateInterest | undefined {
  if (!settings.lateInterest || principalOre <= 0 || day <= dueDate) return undefined;
  return lateInterest(principalOre, dueDate, day, settings.lateInterest.rateBasisPoints);
}

/** The interest accrued on a receivable by a day (accruedLateInterest): only while money is expected on it. */
export function receivableLateInterest(r: Receivable, day: string, settings: Pick<PaymentReminderSettings, 'lateInterest'>): LateInterest | undefined {
  return isOpenReceivable(r) ? accruedLateInterest(r.balanceOre - (r.feesOre ?? 0), r.dueDate, day, settings) : undefined;
}

/**
 * Why no reminder may be sent today, or undefined when one may: the invoice must still be owed,
 * its due date passed, and any earlier reminder's deadline passed too (a new one while the last
 * is running would shorten nothing and confuse the customer).
 */
export function reminderRefusal(r: Receivable, today: string): ConflictError | undefined {
  if (!isOpenReceivable(r)) return new ConflictError(`Invoice ${r.documentNumber} is ${r.status.replace('_', ' ')}: nothing to remind of`, { receivableStatus: r.status });
  if (today <= r.dueDate) return new ConflictError(`Invoice ${r.documentNumber} falls due on ${r.dueDate}: a reminder may be sent from the day after`, { dueDate: r.dueDate });
  // A letter left on the print list was never sent: the customer has had no notice, so nothing may
  // follow it until it is posted and its own 14 days from that day have passed (inkassoloven § 9).
  if (r.reminders?.awaitingPost !== undefined) {
    const sequence = r.reminders.awaitingPost;
    return new ConflictError(`Reminder ${sequence} of invoice ${r.documentNumber} is waiting to be posted: mark it posted, and the next reminder may be sent once its deadline from the posting day has passed`, { awaitingPost: sequence });
  }
  if (r.reminders && today <= r.reminders.lastPayBy) {
    return new ConflictError(`Invoice ${r.documentNumber} was reminded on ${r.reminders.lastSentOn} with a deadline of ${r.reminders.lastPayBy}: the next reminder may be sent from the day after`, { payBy: r.reminders.lastPayBy });
  }
  return undefined;
}

/**
 * The next reminder of a receivable, and the receivable after it (its fee on the balance, the
 * tally moved on). Throws the refusal when none may be sent today.
 */
export function nextReminder(
  r: Receivable,
  input: { now: Date; today: string; delivery: PaymentReminderDelivery; settings: PaymentReminderSettings },
): { reminder: PaymentReminder; receivable: Receivable } {
  const refusal = reminderRefusal(r, input.today);
  if (refusal) throw refusal;
  const { settings, today } = input;
  const earlierFeesOre = r.feesOre ?? 0;
  const principalOre = r.balanceOre - earlierFeesOre;
  const fee = feeFor(r, today, settings);
  const interest = settings.lateInterest ? lateInterest(principalOre, r.dueDate, today, settings.lateInterest.rateBasisPoints) : undefined;
  const sequence = (r.reminders?.count ?? 0) + 1;
  const payBy = addDays(today, Math.max(MIN_DAYS, settings.payWithinDays));
  const reminder: PaymentReminder = {
    documentNumber: r.documentNumber,
    sequence,
    sentAt: input.now.toISOString(),
    sentOn: today,
    payBy,
    delivery: input.delivery,
    principalOre,
    earlierFeesOre,
    ...fee,
    ...(interest ? { interest } : {}),
    totalOre: principalOre + earlierFeesOre + fee.feeOre + (interest?.interestOre ?? 0),
    // A fee is a posting of the year it is charged: the receivable and its reminders are kept five years after that year ends (bokføringsloven § 13).
    retainUntil: [r.retainUntil, retentionDate(today)].sort().at(-1) as string,
  };
  const receivable = settleReceivable(
    r,
    {
      feesOre: earlierFeesOre + fee.feeOre,
      reminders: {
        count: sequence,
        feesCharged: (r.reminders?.feesCharged ?? 0) + (fee.feeOre > 0 ? 1 : 0),
        lastSentOn: today,
        lastPayBy: payBy,
        ...(input.delivery === 'print' ? { awaitingPost: sequence } : {}),
      },
    },
    reminder.sentAt,
    reminder.retainUntil,
  );
  return { reminder, receivable };
}

/**
 * The deadline of a printed reminder, counted from the day it goes in the post. Inkassoloven § 9
 * counts the 14 days from when the notice is sent, and a letter is sent when it is posted, not
 * when the job or staff queued it: so the deadline is postedOn + payWithinDays (≥ 14) when that is
 * later than the one set at queueing. The letter is printed with the deadline from the day it is
 * printed (printedReminder), and staff post it that day; marking it posted stores the deadline
 * from the posting day (postedReminder), so a letter posted a day late gives the customer the
 * longer time in the books even if its paper says a day less. (Print it again on the day it goes
 * out: the PDF of an unposted reminder always counts from the day it is printed.)
 */
export function deadlineFrom(reminder: Pick<PaymentReminder, 'payBy'>, day: string, settings: Pick<PaymentReminderSettings, 'payWithinDays'>): string {
  const fromDay = addDays(day, Math.max(MIN_DAYS, settings.payWithinDays));
  return fromDay > reminder.payBy ? fromDay : reminder.payBy;
}

/** The reminder as its letter is printed on `printDay`: dated that day, its deadline from it, unless it was posted already (then as stored). */
export function printedReminder(reminder: PaymentReminder, printDay: string, settings: Pick<PaymentReminderSettings, 'payWithinDays'>): PaymentReminder {
  if (reminder.delivery !== 'print' || reminder.printedAt !== undefined) return reminder;
  return { ...reminder, sentOn: printDay > reminder.sentOn ? printDay : reminder.sentOn, payBy: deadlineFrom(reminder, printDay, settings) };
}

/**
 * A printed reminder posted on `postedOn`: its deadline from that day (deadlineFrom), and, when it
 * is the invoice's latest reminder, the receivable's tally with it: no longer waiting for the post,
 * and its deadline moved, since the next reminder and a second fee wait for the deadline to pass
 * (inkassoforskriften § 1-3).
 */
export function postedReminder(reminder: PaymentReminder, r: Receivable | undefined, postedOn: string, at: string, settings: Pick<PaymentReminderSettings, 'payWithinDays'>): { payBy: string; receivable?: Receivable } {
  const payBy = deadlineFrom(reminder, postedOn, settings);
  const tally = r?.reminders;
  if (!r || !tally || tally.count !== reminder.sequence) return { payBy };
  const awaiting = tally.awaitingPost === reminder.sequence;
  if (!awaiting && payBy <= tally.lastPayBy) return { payBy };
  const { awaitingPost: _posted, ...rest } = tally;
  return { payBy, receivable: settleReceivable(r, { reminders: { ...rest, lastPayBy: payBy > tally.lastPayBy ? payBy : tally.lastPayBy } }, at, r.retainUntil) };
}

/**
 * The shop day a reminder's fee counts as charged, or undefined while it is not yet: the day the
 * reminder was sent. Inkassoforskriften § 1-2 allows a fee for a purring sent, and a letter is sent
 * the day it goes in the post, so a printed reminder's fee is charged the day it was marked posted;
 * one still on the print list has charged nothing on any day before today. (The fee is put on the
 * balance when the reminder is queued, so that the letter, the invoice's read and a payment of the
 * whole balance agree on it while the letter waits; the reskontro as of a past day, what the books
 * held then, counts it only from the posting day.)
 */
export function feeChargedOn(reminder: Pick<PaymentReminder, 'delivery' | 'sentOn' | 'printedAt'>, timeZone: string): string | undefined {
  if (reminder.delivery !== 'print') return reminder.sentOn;
  return reminder.printedAt === undefined ? undefined : shopDate(new Date(reminder.printedAt), timeZone);
}

/**
 * Whether the daily job sends the next reminder today: the n-th reminder from the n-th interval
 * after the due date, never while the last one's deadline runs, and no more than the intervals
 * configured. When the job was down, the next one due is sent, once.
 */
export function reminderDueToday(r: Receivable, today: string, settings: PaymentReminderSettings): boolean {
  const next = (r.reminders?.count ?? 0) + 1;
  const days = settings.afterDaysOverdue[next - 1];
  if (days === undefined) return false;
  return today >= addDays(r.dueDate, days) && reminderRefusal(r, today) === undefined;
}
