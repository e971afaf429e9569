import { NotFoundError, ValidationError } from '#shared/domain/kernel/errors';
import { deliverSms, listOrderMessages, listUncollectedOrders, recordStatutoryNotice, sendReminders, sendStaffMessage, uncollectedNoticePage } from '#shared/domain/notices/notice-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { NotSentError } from '#shared/ports/delivery';
import { SmsRejectedError } from '#shared/ports/sms-gateway';
import { DAY_MS, fakeClock } from '../../helpers/fake-clock';
import { updateCustomer } from '#shared/domain/customers/customer-use-cases';
import { aReadyOrderThrough, aReceivedOrderThrough, mobileOf, uniqueLandline } from '../../helpers/fixtures';
import { inMemoryDeps, RecordingSmsGateway } from '../../helpers/in-memory';

/** Notices on the in-memory ports, with a clock the test sets and an SMS gateway that records. */
const given = () => {
  const clock = fakeClock('2026-03-02T09:00:00.000Z');
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};

describe('staff messages', () => {
  it('sends one delay per new date, moving the promised date once: a double click writes nothing more', async () => {
    // Given an order in the shop
    const { deps } = given();
    const { order } = await aReceivedOrderThrough(deps);
    // When a clerk tells the customer of a delay to 9 March, twice
    const first = await sendStaffMessage(deps, order.orderId, { purpose: 'delay', newReadyAt: '2026-03-09', note: 'Venter på knapper' });
    const before = deps.store.snapshot();
    const again = await sendStaffMessage(deps, order.orderId, { purpose: 'delay', newReadyAt: '2026-03-09' });
    // Then one message is queued, the second click is answered with it, and the order moved once
    expect(first).toMatchObject({ duplicate: false, message: { purpose: 'delay', params: { ticket: order.orderId, date: '2026-03-09' }, note: 'Venter på knapper', state: 'pending' } });
    expect(again).toEqual({ message: first.message, duplicate: true });
    expect(deps.store.snapshot()).toEqual(before);
    expect(await deps.orders.get(order.orderId)).toMatchObject({ promisedReadyAt: '2026-03-09', version: 2 });
    // And a delay to another date is another occasion
    expect(await sendStaffMessage(deps, order.orderId, { purpose: 'delay', newReadyAt: '2026-03-12' })).toMatchObject({ duplicate: false });
    expect(await deps.orders.get(order.orderId)).toMatchObject({ promisedReadyAt: '2026-03-12', version: 3 });
  });

  it('asks a question once a day, about a received or a ready order', async () => {
    const { clock, deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    expect((await sendStaffMessage(deps, order.orderId, { purpose: 'question' })).duplicate).toBe(false);
    expect((await sendStaffMessage(deps, order.orderId, { purpose: 'question' })).duplicate).toBe(true);
    clock.advance(DAY_MS);
    expect((await sendStaffMessage(deps, order.orderId, { purpose: 'question' })).duplicate).toBe(false);
    expect((await listOrderMessages(deps, order.orderId)).map((m) => m.messageKey)).toEqual([
      `${order.orderId}#pickup_ready#ready`,
      `${order.orderId}#question#2026-03-02`,
      `${order.orderId}#question#2026-03-03`,
    ]);
  });

  it('refuses a delay of an order already ready, a date in the past, and a date on a question, writing nothing', async () => {
    const { deps } = given();
    const { order: ready } = await aReadyOrderThrough(deps);
    const { order: received } = await aReceivedOrderThrough(deps);
    const before = deps.store.snapshot();
    await expect(sendStaffMessage(deps, ready.orderId, { purpose: 'delay', newReadyAt: '2026-03-09' })).rejects.toMatchObject({ name: 'ConflictError', extensions: { currentStatus: 'ready' } });
    await expect(sendStaffMessage(deps, received.orderId, { purpose: 'delay', newReadyAt: '2026-03-01' })).rejects.toBeInstanceOf(ValidationError);
    await expect(sendStaffMessage(deps, received.orderId, { purpose: 'question', newReadyAt: '2026-03-09' })).rejects.toBeInstanceOf(ValidationError);
    await expect(sendStaffMessage(deps, '999999', { purpose: 'question' })).rejects.toBeInstanceOf(NotFoundError);
    expect(deps.store.snapshot()).toEqual(before);
  });
});

describe('an order partly collected', () => {
  it('is still reminded, listed as uncollected and on the in-shop notice, with the garments left', async () => {
    // Given a ready order of two garments on 2 March, one collected at once
    const { clock, deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    const [taken] = order.garments.map((g) => g.tag);
    const partly = await recordPickup(deps, order.orderId, { method: 'counter', posReceiptRef: 'K-5', tags: [taken as string] });
    expect(partly.status).toBe('ready');
    // Then the reminders count it, as they count what is still in the shop
    expect(await sendReminders(deps, new Date(clock.now().getTime() + 14 * DAY_MS + 1))).toMatchObject({ considered: 1, sent: 1 });
    // …and past three months it is uncollected, on the notice with the one garment left
    clock.advance(100 * DAY_MS);
    expect((await listUncollectedOrders(deps, { limit: 10 })).items.map((o) => o.orderId)).toEqual([order.orderId]);
    expect(await uncollectedNoticePage(deps)).toContain(`<tr><td>${order.orderId}</td><td>02.03.2026</td><td>1</td></tr>`);
  });
});

describe('courtesy reminders', () => {
  it('sends the 14-day reminder once however often the job runs, then the 30-day one, and none past three months', async () => {
    // Given an order ready on 2 March
    const { clock, deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    // When the job runs at 14 days (the window ends just before), a moment after, and again that day
    expect(await sendReminders(deps, new Date(clock.now().getTime() + 14 * DAY_MS))).toMatchObject({ considered: 0, sent: 0 });
    expect(await sendReminders(deps, new Date(clock.now().getTime() + 14 * DAY_MS + 1))).toMatchObject({ considered: 1, sent: 1 });
    expect(await sendReminders(deps, new Date(clock.now().getTime() + 14 * DAY_MS + 3_600_000))).toMatchObject({ considered: 1, sent: 0, notDue: 1 });
    expect(await sendReminders(deps, new Date(clock.now().getTime() + 30 * DAY_MS))).toMatchObject({ sent: 1 });
    expect(await sendReminders(deps, new Date('2026-06-02T09:00:00.001Z'))).toMatchObject({ considered: 0 });
    // Then the order records both, and the outbox holds one message for each
    expect((await deps.orders.get(order.orderId))?.reminders?.map((r) => r.afterDays)).toEqual([14, 30]);
    expect((await listOrderMessages(deps, order.orderId)).map((m) => m.messageKey)).toEqual([
      `${order.orderId}#pickup_ready#ready`,
      `${order.orderId}#uncollected_reminder#after-14-days`,
      `${order.orderId}#uncollected_reminder#after-30-days`,
    ]);
  });

  it('records the statutory notice only once the order has waited three months', async () => {
    const { clock, deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    clock.set('2026-06-02T09:00:00.000Z');
    await expect(recordStatutoryNotice(deps, order.orderId, { method: 'registered_letter', givenOn: '2026-06-02' }, 'clerk-1')).rejects.toMatchObject({ name: 'ConflictError' });
    clock.advance(1);
    expect(await recordStatutoryNotice(deps, order.orderId, { method: 'registered_letter', givenOn: '2026-06-02' }, 'clerk-1')).toMatchObject({ notices: [{ method: 'registered_letter', givenOn: '2026-06-02', recordedBy: 'clerk-1' }] });
  });
});

describe('delivering an SMS from the outbox', () => {
  it('sends the pickup SMS once, to the number on file, and skips it when delivered again', async () => {
    const { deps } = given();
    const { customer, order } = await aReadyOrderThrough(deps);
    const sms = new RecordingSmsGateway();
    const ref = { customerId: customer.customerId, messageKey: `${order.orderId}#pickup_ready#ready` };
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('sent');
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('skipped');
    expect(sms.sent).toEqual([{ phone: mobileOf(customer), senderId: 'Renseriet', text: `Hei! Tøyet ditt (lapp ${order.orderId}) er klart til henting hos Eksempel Renseri AS. Velkommen innom!` }]);
    expect(await deps.messages.get(ref.customerId, ref.messageKey)).toMatchObject({ state: 'sent', attempts: 1, providerMessageId: 'sms-1' });
  });

  it.each([
    ['a landline', { phone: uniqueLandline() }, 'call'],
    ['no number', { phone: undefined }, 'wait'],
  ])('queues no SMS for a customer with %s: the order says the counter must %s instead', async (_case, registered, noticeBy) => {
    const { deps } = given();
    const { customer, order } = await aReadyOrderThrough(deps, registered);
    expect(order).toMatchObject({ status: 'ready', noticeBy });
    expect(await deps.messages.listForOrder(customer.customerId, order.orderId)).toEqual([]);
  });

  it.each([
    ['a mobile, changed to a landline after the SMS was queued', { phone: '22 12 34 56' }],
    ['a mobile, withdrawn after the SMS was queued', { phone: null }],
  ])('never sends to a customer with %s: the message is failed at once, for staff, and not retried', async (_case, changed) => {
    const { deps } = given();
    // Intake found a mobile, so the move to ready queued the SMS; the number changed after it.
    const { customer, order } = await aReadyOrderThrough(deps);
    await updateCustomer(deps, customer.customerId, changed);
    const sms = new RecordingSmsGateway();
    const ref = { customerId: customer.customerId, messageKey: `${order.orderId}#pickup_ready#ready` };
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('failed');
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('skipped');
    expect(sms.sent).toEqual([]);
    expect(await deps.messages.get(ref.customerId, ref.messageKey)).toMatchObject({ state: 'failed', attempts: 1, failureReason: 'no_mobile_number' });
  });

  it('releases a message the provider certainly did not take, and gives up on one it refused', async () => {
    const { deps } = given();
    const { customer, order } = await aReadyOrderThrough(deps);
    const ref = { customerId: customer.customerId, messageKey: `${order.orderId}#pickup_ready#ready` };
    const sms = new RecordingSmsGateway().failNext(() => new NotSentError('ThrottledException'), () => new SmsRejectedError('opted out'));
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('retry');
    expect(await deps.messages.get(ref.customerId, ref.messageKey)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await deliverSms({ ...deps, sms }, ref)).toBe('failed');
    expect(await deps.messages.get(ref.customerId, ref.messageKey)).toMatchObject({ state: 'failed', attempts: 2, failureReason: 'rejected: opted out' });
    expect(sms.sent).toEqual([]);
  });
});
