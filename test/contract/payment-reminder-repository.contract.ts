import { ConflictError } from '#shared/domain/kernel/errors';
import { newMessage } from '#shared/domain/kernel/outbox-message';
import { nextReminder, type PaymentReminderSettings } from '#shared/domain/receivables/payment-reminders';
import { addDays } from '#shared/domain/kernel/calendar';
import { settleReceivable } from '#shared/domain/receivables/receivables';
import { anInvoicedOrder, refusedWithoutWriting } from './arrange';
import type { PortWorld, WorldFactory } from './world';

const settings: PaymentReminderSettings = { afterDaysOverdue: [7], payWithinDays: 14, fee: { ore: 3_500, inkassosatsOre: 70_000, source: 'test' } };

/** The first reminder of a fresh invoice, decided 20 days after its due date (with the fee), and its e-mail. */
async function aReminderDecided(world: PortWorld, delivery: 'email' | 'print') {
  const { invoice } = await anInvoicedOrder(world, { at: '2026-03-02T10:00:00.000Z' });
  const before = (await world.receivables.get(invoice.documentNumber))!;
  const today = addDays(before.dueDate, 20);
  const now = new Date(`${today}T08:00:00.000Z`);
  const decided = nextReminder(before, { now, today, delivery, settings });
  const message =
    delivery === 'email'
      ? newMessage({ customerId: before.customerId, purpose: 'payment_reminder', occasion: `invoice-${before.documentNumber}-reminder-1`, params: { documentNumber: before.documentNumber, reminder: 1 }, now, retentionDays: 14 })
      : undefined;
  return { before, ...decided, message };
}

/**
 * What every PaymentReminderRepository promises: a reminder stored with its receivable's fee and
 * tally and its e-mail in one write, once per invoice and sequence, never on a receivable changed
 * since it was read; the print list holds reminders for the post until they are marked printed.
 */
export function paymentReminderRepositoryContract(fresh: WorldFactory): void {
  it('stores the reminder, the receivable after it and the e-mail together, and a second write of the same occasion is a duplicate that writes nothing', async () => {
    const world = await fresh();
    const { before, reminder, receivable, message } = await aReminderDecided(world, 'email');
    expect(await world.paymentReminders.record(before, receivable, reminder, message)).toEqual({ duplicate: false });
    expect(await world.paymentReminders.get(before.documentNumber, 1)).toEqual(reminder);
    expect(await world.receivables.get(before.documentNumber)).toEqual(receivable);
    expect(await world.messages.get(before.customerId, message!.messageKey)).toMatchObject({ purpose: 'payment_reminder', params: { documentNumber: before.documentNumber, reminder: 1 } });
    const snapshot = await world.snapshot();
    expect(await world.paymentReminders.record(before, receivable, reminder, message)).toEqual({ duplicate: true });
    expect(await world.snapshot()).toEqual(snapshot);
    expect(await world.paymentReminders.listForInvoice(before.documentNumber)).toEqual([reminder]);
  });

  it('refuses a reminder decided on a receivable that changed since (a payment meanwhile), writing nothing', async () => {
    const world = await fresh();
    const first = await aReminderDecided(world, 'print');
    const stale = { ...first.before, version: first.before.version - 1 };
    await refusedWithoutWriting(world, () => world.paymentReminders.record(stale, first.receivable, first.reminder, undefined), ConflictError);
  });

  it('lists reminders for the post until they are marked printed, once', async () => {
    const world = await fresh();
    const { before, reminder, receivable } = await aReminderDecided(world, 'print');
    await world.paymentReminders.record(before, receivable, reminder, undefined);
    expect((await world.paymentReminders.listToPrint({ limit: 10 })).items).toEqual([reminder]);
    const printed = await world.paymentReminders.markPrinted(before.documentNumber, 1, '2026-04-10T09:00:00.000Z', { payBy: reminder.payBy });
    expect(printed).toEqual({ ...reminder, printedAt: '2026-04-10T09:00:00.000Z' });
    expect((await world.paymentReminders.listToPrint({ limit: 10 })).items).toEqual([]);
    expect(await world.paymentReminders.markPrinted(before.documentNumber, 1, '2026-04-11T09:00:00.000Z', { payBy: reminder.payBy })).toBeUndefined();
    expect(await world.paymentReminders.markPrinted(before.documentNumber, 2, '2026-04-11T09:00:00.000Z', { payBy: reminder.payBy })).toBeUndefined();
  });

  it('marks a reminder posted with its deadline from the posting day and the receivable\'s tally with it, together, never on a receivable changed since', async () => {
    const world = await fresh();
    const { before, reminder, receivable } = await aReminderDecided(world, 'print');
    await world.paymentReminders.record(before, receivable, reminder, undefined);
    const postedOn = addDays(reminder.sentOn, 3);
    const payBy = addDays(postedOn, 14);
    const at = `${postedOn}T09:00:00.000Z`;
    const after = settleReceivable(receivable, { reminders: { ...receivable.reminders!, lastPayBy: payBy } }, at, receivable.retainUntil);
    const stale = { ...receivable, version: receivable.version - 1 };
    await refusedWithoutWriting(world, () => world.paymentReminders.markPrinted(before.documentNumber, 1, at, { payBy, receivable: { before: stale, after } }), ConflictError);
    expect(await world.paymentReminders.markPrinted(before.documentNumber, 1, at, { payBy, receivable: { before: receivable, after } })).toEqual({ ...reminder, printedAt: at, payBy });
    expect(await world.receivables.get(before.documentNumber)).toEqual(after);
    expect((await world.paymentReminders.listToPrint({ limit: 10 })).items).toEqual([]);
  });
}
