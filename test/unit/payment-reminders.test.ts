import { renderPaymentReminderPdf } from '#shared/documents/reminder-pdf';
import type { Customer } from '#shared/domain/customers/customers';
import { buildInvoice } from '#shared/domain/invoices/sales-documents';
import { renderPaymentReminderEmail } from '#shared/domain/notices/email-templates';
import { priceOrder, type Order } from '#shared/domain/orders/orders';
import { feeChargedOn, feeFor, lateInterest, nextReminder, postedReminder, receivableLateInterest, reminderDueToday, reminderRefusal, type PaymentReminderSettings } from '#shared/domain/receivables/payment-reminders';
import { receivableFor, settleReceivable, type Receivable } from '#shared/domain/receivables/receivables';
import { ConflictError } from '#shared/domain/kernel/errors';
import { stageConfig } from '../../infra/config/stages';
import { pdfText } from '../helpers/pdf';

const shop = stageConfig('prod').shop;
const customer = { customerId: 'c', name: 'Kari Nordmann', emailPurposes: [], language: 'nb' } as unknown as Customer;
const order = { orderId: '1042', customerId: 'c', ...priceOrder([{ service: 'Dress', quantity: 1, unitPriceOre: 48_600 }]) } as unknown as Order;
// Issued 1 March, due 15 March 2027 (14 days).
const invoice = buildInvoice({ documentNumber: 10001, order, customer, buyerAddress: { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date('2027-03-01T10:00:00Z'), issueDate: '2027-03-01' });
const open = receivableFor(invoice);
const settings: PaymentReminderSettings = { afterDaysOverdue: [7, 28], payWithinDays: 14, fee: { ore: 3_500, inkassosatsOre: 70_000, source: 'test' } };
const at = (day: string) => ({ now: new Date(`${day}T08:00:00Z`), today: day, delivery: 'email' as const, settings });

describe('when a reminder may be sent', () => {
  it('is refused until the due date has passed, naming the due date', () => {
    expect(open.dueDate).toBe('2027-03-15');
    for (const day of ['2027-03-01', '2027-03-15']) {
      const attempt = () => nextReminder(open, at(day));
      expect(attempt).toThrow(ConflictError);
      expect(attempt).toThrow('Invoice 10001 falls due on 2027-03-15: a reminder may be sent from the day after');
    }
    expect(nextReminder(open, at('2027-03-16')).reminder.sequence).toBe(1);
  });

  it('gives at least 14 days to pay from the day it is sent, more if configured', () => {
    expect(nextReminder(open, at('2027-03-16')).reminder.payBy).toBe('2027-03-30');
    expect(nextReminder(open, { ...at('2027-03-16'), settings: { ...settings, payWithinDays: 21 } }).reminder.payBy).toBe('2027-04-06');
    // A setting below the law's 14 days cannot shorten it (the config refuses it too).
    expect(nextReminder(open, { ...at('2027-03-16'), settings: { ...settings, payWithinDays: 7 } }).reminder.payBy).toBe('2027-03-30');
  });

  it('is refused while the last reminder\'s deadline runs, and for an invoice paid, credited or written off', () => {
    const { receivable: reminded } = nextReminder(open, at('2027-03-16'));
    expect(() => nextReminder(reminded, at('2027-03-30'))).toThrow('with a deadline of 2027-03-30');
    expect(nextReminder(reminded, at('2027-03-31')).reminder.sequence).toBe(2);
    const paid = settleReceivable(open, { paidOre: open.amountOre }, '2027-03-20T10:00:00Z', open.retainUntil);
    const written = settleReceivable(open, { writeOff: { reason: 'small_amount', at: '2027-03-20T10:00:00Z', date: '2027-03-20' } }, '2027-03-20T10:00:00Z', open.retainUntil);
    const credited = settleReceivable(open, { creditedOre: open.amountOre }, '2027-03-20T10:00:00Z', open.retainUntil);
    for (const r of [paid, written, credited]) expect(() => nextReminder(r, at('2027-04-20'))).toThrow(/nothing to remind of/);
  });

  it('is sent by the job on each configured day after the due date, once, and not beyond the intervals', () => {
    expect(reminderDueToday(open, '2027-03-21', settings)).toBe(false);
    expect(reminderDueToday(open, '2027-03-22', settings)).toBe(true);
    const { receivable: first } = nextReminder(open, at('2027-03-22'));
    expect(reminderDueToday(first, '2027-03-23', settings)).toBe(false);
    // The second interval (28 days after due: 12 April) has come, but the first's deadline (5 April) had to pass too.
    expect(reminderDueToday(first, '2027-04-11', settings)).toBe(false);
    expect(reminderDueToday(first, '2027-04-12', settings)).toBe(true);
    const { receivable: second } = nextReminder(first, at('2027-04-12'));
    expect(reminderDueToday(second, '2027-06-01', settings)).toBe(false);
    expect(reminderDueToday(open, '2027-06-01', { ...settings, afterDaysOverdue: [] })).toBe(false);
  });
});

describe('the reminder fee (inkassoforskriften §§ 1-2, 1-3)', () => {
  it('is left out within 14 days of the due date, and charged from the 14th day', () => {
    expect(feeFor(open, '2027-03-28', settings)).toEqual({ feeOre: 0, feeOmitted: 'within_14_days_of_due_date' });
    expect(feeFor(open, '2027-03-29', settings)).toEqual({ feeOre: 3_500 });
  });

  it('is charged for two reminders at most, the second only after the first\'s deadline, and adds to the balance apart', () => {
    const first = nextReminder(open, at('2027-03-29'));
    expect(first.reminder).toMatchObject({ feeOre: 3_500, principalOre: 48_600, earlierFeesOre: 0, totalOre: 52_100 });
    expect(first.receivable).toMatchObject({ feesOre: 3_500, balanceOre: 52_100, amountOre: 48_600, status: 'open', version: open.version + 1, reminders: { count: 1, feesCharged: 1 } });
    const second = nextReminder(first.receivable, at('2027-04-13'));
    expect(second.reminder).toMatchObject({ sequence: 2, feeOre: 3_500, earlierFeesOre: 3_500, principalOre: 48_600, totalOre: 55_600 });
    const third = nextReminder(second.receivable, at('2027-04-28'));
    expect(third.reminder).toMatchObject({ sequence: 3, feeOre: 0, feeOmitted: 'two_fees_charged', totalOre: 55_600 });
    // A fee on a reminder sent after one without a fee whose deadline has passed is fine; one before it would not be.
    const early: Receivable = { ...first.receivable, reminders: { count: 1, feesCharged: 1, lastSentOn: '2027-03-29', lastPayBy: '2027-04-20' } };
    expect(feeFor(early, '2027-04-15', settings)).toEqual({ feeOre: 0, feeOmitted: 'earlier_deadline_not_passed' });
  });

  it('is not charged when only earlier fees are owing: the invoice itself is paid', () => {
    const first = nextReminder(open, at('2027-03-29'));
    const principalPaid = settleReceivable(first.receivable, { paidOre: 48_600 }, '2027-04-20T10:00:00Z', first.receivable.retainUntil);
    expect(principalPaid).toMatchObject({ balanceOre: 3_500, status: 'partly_paid' });
    expect(feeFor(principalPaid, '2027-04-25', settings)).toEqual({ feeOre: 0, feeOmitted: 'only_fees_owing' });
  });

  it('falls away with an invoice credited in full: what was paid is then owed back, fees or not', () => {
    const { receivable } = nextReminder(open, at('2027-03-29'));
    const paidSome = settleReceivable(receivable, { paidOre: 10_000 }, '2027-04-01T10:00:00Z', receivable.retainUntil);
    const credited = settleReceivable(paidSome, { creditedOre: 48_600 }, '2027-04-02T10:00:00Z', receivable.retainUntil);
    expect(credited).toMatchObject({ status: 'credited', balanceOre: -10_000, feesOre: 3_500 });
  });

  it('is none when the shop charges none', () => {
    const { reminder } = nextReminder(open, { ...at('2027-04-20'), settings: { ...settings, fee: undefined } });
    expect(reminder).toMatchObject({ feeOre: 0, feeOmitted: 'no_fee_configured', totalOre: 48_600 });
  });
});

describe('a printed reminder waiting to be posted (inkassoloven § 9, inkassoforskriften § 1-3)', () => {
  const printed = (day: string) => ({ ...at(day), delivery: 'print' as const });

  it('holds back the next reminder and a second fee, for staff and the job, however long it waits', () => {
    // Given a first reminder with a fee queued for the post on 30 March (deadline 13 April) and never posted
    const { reminder, receivable: queued } = nextReminder(open, printed('2027-03-30'));
    expect(reminder.feeOre).toBe(3_500);
    expect(queued.reminders).toMatchObject({ count: 1, feesCharged: 1, lastPayBy: '2027-04-13', awaitingPost: 1 });
    // When its queued deadline and the job's second interval have passed, nothing may follow it
    const refusal = reminderRefusal(queued, '2027-05-01');
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal?.message).toBe('Reminder 1 of invoice 10001 is waiting to be posted: mark it posted, and the next reminder may be sent once its deadline from the posting day has passed');
    expect(refusal?.extensions).toEqual({ awaitingPost: 1 });
    expect(reminderDueToday(queued, '2027-05-01', settings)).toBe(false);
    expect(feeFor(queued, '2027-05-01', settings)).toEqual({ feeOre: 0, feeOmitted: 'earlier_deadline_not_passed' });
  });

  it('once posted, lets the next reminder and its fee follow after the deadline from the posting day', () => {
    const { reminder, receivable: queued } = nextReminder(open, printed('2027-03-30'));
    // Posted on 2 May: its 14 days run to 16 May
    const { payBy, receivable: posted } = postedReminder(reminder, queued, '2027-05-02', '2027-05-02T09:00:00Z', settings);
    expect(payBy).toBe('2027-05-16');
    expect(posted?.reminders).toEqual({ count: 1, feesCharged: 1, lastSentOn: '2027-03-30', lastPayBy: '2027-05-16' });
    expect(reminderRefusal(posted!, '2027-05-16')?.message).toContain('with a deadline of 2027-05-16');
    expect(reminderDueToday(posted!, '2027-05-17', settings)).toBe(true);
    expect(feeFor(posted!, '2027-05-17', settings)).toEqual({ feeOre: 3_500 });
    // Posted the day it was queued, the deadline does not move, and the tally still leaves the wait
    const sameDay = postedReminder(reminder, queued, '2027-03-30', '2027-03-30T15:00:00Z', settings);
    expect(sameDay.receivable?.reminders).toEqual({ count: 1, feesCharged: 1, lastSentOn: '2027-03-30', lastPayBy: '2027-04-13' });
  });

  it('an e-mailed reminder waits for nothing', () => {
    expect(nextReminder(open, at('2027-03-30')).receivable.reminders).not.toHaveProperty('awaitingPost');
  });

  it('charges its fee the day it is posted, an e-mailed one the day it is sent', () => {
    const { reminder } = nextReminder(open, printed('2027-03-30'));
    expect(feeChargedOn(reminder, 'Europe/Oslo')).toBeUndefined();
    // Posted 23:30 UTC on 1 May is 2 May in Oslo
    expect(feeChargedOn({ ...reminder, printedAt: '2027-05-01T23:30:00Z' }, 'Europe/Oslo')).toBe('2027-05-02');
    expect(feeChargedOn(nextReminder(open, at('2027-03-30')).reminder, 'Europe/Oslo')).toBe('2027-03-30');
  });
});

describe('late-payment interest (forsinkelsesrenteloven § 3)', () => {
  it('runs from the due date to the day sent, by the day, on the principal only, and is shown, not added to the balance', () => {
    // 48 600 øre × 12.25 % × 30/365 = 489.3 øre.
    expect(lateInterest(48_600, '2027-03-15', '2027-04-14', 1_225)).toEqual({ rateBasisPoints: 1_225, fromDate: '2027-03-15', toDate: '2027-04-14', days: 30, interestOre: 489 });
    const { reminder, receivable } = nextReminder(open, { ...at('2027-04-14'), settings: { ...settings, lateInterest: { rateBasisPoints: 1_225, source: 'test' } } });
    expect(reminder).toMatchObject({ interest: { interestOre: 489 }, totalOre: 48_600 + 3_500 + 489 });
    expect(receivable.balanceOre).toBe(48_600 + 3_500);
  });
});

describe('late-payment interest accrued, shown beside the balance (forsinkelsesrenteloven § 2)', () => {
  const charging = { lateInterest: { rateBasisPoints: 1_225, source: 'test' } };
  it('accrues from the due date on the principal, not on fees, only when the shop charges it and the invoice is still owed', () => {
    expect(receivableLateInterest(open, '2027-04-14', charging)).toEqual({ rateBasisPoints: 1_225, fromDate: '2027-03-15', toDate: '2027-04-14', days: 30, interestOre: 489 });
    const withFee = settleReceivable(open, { feesOre: 3_500 }, '2027-04-01T08:00:00Z', open.retainUntil);
    expect(receivableLateInterest(withFee, '2027-04-14', charging)?.interestOre).toBe(489);
    expect(receivableLateInterest(open, '2027-03-15', charging)).toBeUndefined();
    expect(receivableLateInterest(open, '2027-04-14', {})).toBeUndefined();
    const paid = settleReceivable(open, { paidOre: 48_600 }, '2027-04-01T08:00:00Z', open.retainUntil);
    expect(receivableLateInterest(paid, '2027-04-14', charging)).toBeUndefined();
  });
});

describe('the reminder\'s words', () => {
  const { reminder } = nextReminder(open, { ...at('2027-04-14'), settings: { ...settings, lateInterest: { rateBasisPoints: 1_225, source: 'test' } } });

  it('name the creditor, the claim, the amounts apart, the KID and account, the deadline and the consequence, in Norwegian', () => {
    const email = renderPaymentReminderEmail(invoice, reminder, 'nb');
    expect(email.subject).toBe('Betalingspåminnelse: faktura 10001 fra Eksempel Renseri AS');
    expect(email.filename).toBe('purring-10001-1.pdf');
    expect(email.text).toContain('faktura 10001 datert 01.03.2027');
    expect(email.text).toContain('forfalt 15.03.2027');
    expect(email.text).toContain('Utestående på faktura 10001: kr 486,00');
    expect(email.text).toContain('Purregebyr (uten mva.): kr 35,00');
    expect(email.text).toContain('Forsinkelsesrente, 12,25 % p.a. fra 15.03.2027 til 14.04.2027: kr 4,89');
    expect(email.text).toContain('Å betale: kr 525,89');
    expect(email.text).toContain('Betal innen 28.04.2027');
    expect(email.text).toContain(`KID: ${invoice.kid}`);
    expect(email.text).toContain('Konto: 8601.11.17947');
    expect(email.text).toMatch(/kan kravet bli sendt til inndriving \(inkasso\)/);
  });

  it('follow the customer\'s language', () => {
    const email = renderPaymentReminderEmail(invoice, reminder, 'en');
    expect(email.subject).toBe('Payment reminder: invoice 10001 from Eksempel Renseri AS');
    expect(email.text).toContain('Reminder fee (no VAT): NOK 35,00');
    expect(email.text).toContain('Please pay by 28.04.2027');
    expect(email.text).toMatch(/sent for collection \(inndriving\)/);
  });

  it('are the printed letter\'s too, with the buyer\'s address for a window envelope', () => {
    const text = pdfText(renderPaymentReminderPdf(invoice, reminder, 'nb'));
    for (const words of ['BETALINGSPÅMINNELSE', 'Kari Nordmann', 'Kirkegata 12', '2815 Gjøvik', 'Purregebyr (uten mva.)', 'kr 525,89', 'Betal innen 28.04.2027', `KID: ${invoice.kid}`]) expect(text).toContain(words);
    // The same reminder renders to the same bytes (dated by when it was sent, not when printed).
    expect(renderPaymentReminderPdf(invoice, reminder, 'nb')).toEqual(renderPaymentReminderPdf(invoice, reminder, 'nb'));
  });
});
