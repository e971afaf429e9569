import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { reminders } from '#shared/composition';
import { addDays, shopDate } from '#shared/domain/kernel/calendar';
import { sendDueReminders } from '#shared/domain/receivables/reminder-use-cases';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { pdfText } from '../helpers/pdf';

/** Payment reminders through the staff API on DynamoDB Local: too early, e-mail or print, the fee, the daily job. */
process.env.SES_CONFIGURATION_SET = 'renseri-invoice-mail';
const api = apiHarness({ outbox: 'file' });
const { call } = api;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const today = () => shopDate(new Date(), 'Europe/Oslo');

/** An invoice for a fresh customer (48 600 øre, due in 14 days), by its number. */
async function anInvoice(customer: Record<string, unknown> = {}): Promise<number> {
  const { orderId, customerId } = await aReadyOrder(call, api.staff, customer);
  const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  expect(picked.status).toBe(200);
  return (picked.json.payment as { documentNumber: number }).documentNumber;
}

/** Given: the invoice fell due `days` ago (its receivable as the issue wrote it, the due date and the open index's key moved back). */
async function dueDaysAgo(documentNumber: number, days: number) {
  const dueDate = addDays(today(), -days);
  await api.env.doc.send(
    new UpdateCommand({
      TableName: api.env.tableName,
      Key: keys.receivable(documentNumber),
      UpdateExpression: 'SET dueDate = :due, gsi3sk = :sk',
      ExpressionAttributeValues: { ':due': dueDate, ':sk': `${dueDate}#${String(documentNumber).padStart(10, '0')}` },
    }),
  );
  return dueDate;
}

const itemsOf = async (documentNumber: number) => (await api.env.allItems()).filter((i) => i.documentNumber === documentNumber || String(i.messageKey ?? '').includes(`invoice-${documentNumber}-`));
const remindersOf = async (documentNumber: number) => (await itemsOf(documentNumber)).filter((i) => i.entity === 'paymentReminder');
const messagesOf = async (documentNumber: number) => (await api.env.allItems()).filter((i) => i.entity === 'message' && String(i.messageKey).includes(`payment_reminder#invoice-${documentNumber}-`));
const remind = (documentNumber: number) => call('POST', `/admin/invoices/${documentNumber}/reminders`, { token: api.staff });
const receivableOf = async (documentNumber: number) => (await call('GET', `/admin/invoices/${documentNumber}`, { token: api.staff })).json.receivable as Record<string, unknown>;

describe('a reminder asked for too early', () => {
  it('is refused with a 409 naming the due date, and writes nothing', async () => {
    const n = await anInvoice();
    const before = await itemsOf(n);
    const { dueDate } = await receivableOf(n);
    const refused = await remind(n);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ status: 409, dueDate, detail: `Invoice ${n} falls due on ${dueDate}: a reminder may be sent from the day after` });
    expect(await itemsOf(n)).toEqual(before);
  });

  it('is refused for an invoice already paid', async () => {
    const n = await anInvoice();
    await dueDaysAgo(n, 20);
    const paid = await call('POST', `/admin/invoices/${n}/payments`, { token: api.staff, body: { amountOre: 48_600, paymentDate: today(), method: 'cash', posReceiptRef: `K-${n}` } });
    expect(paid.status).toBeLessThan(300);
    const refused = await remind(n);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ receivableStatus: 'paid' });
    expect(await remindersOf(n)).toEqual([]);
  });
});

describe('a reminder to a customer with an invoice address', () => {
  it('is e-mailed in their language, with the fee on the balance once 14 days have passed, and a second waits for the deadline', async () => {
    const n = await anInvoice({ email: 'kari.purring@example.no', invoiceByEmail: true });
    const dueDate = await dueDaysAgo(n, 20);
    const sent = await remind(n);
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ documentNumber: n, sequence: 1, delivery: 'email', sentOn: today(), payBy: addDays(today(), 14), principalOre: 48_600, feeOre: 3_500, totalOre: 52_100 });
    expect(sent.json).not.toHaveProperty('feeOmitted');
    expect(await receivableOf(n)).toMatchObject({ dueDate, amountOre: 48_600, feesOre: 3_500, balanceOre: 52_100, status: 'open', reminders: { count: 1, feesCharged: 1, lastPayBy: addDays(today(), 14) } });

    await api.outbox.drain();
    await api.outbox.drain();
    const mails = api.outbox.emails().filter((m) => m.subject === `Betalingspåminnelse: faktura ${n} fra Eksempel Renseri AS`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toContain('kari.purring@example.no');
    expect(mails[0]!.text).toContain('Purregebyr (uten mva.): kr 35,00');
    expect(mails[0]!.attachments).toEqual([expect.objectContaining({ filename: `purring-${n}-1.pdf`, contentType: 'application/pdf' })]);
    expect(pdfText(mails[0]!.attachments[0]!.content)).toContain('Kari Nordmann');

    const toPrint = await call('GET', '/admin/reminders/to-print?limit=100', { token: api.staff });
    expect((toPrint.json.reminders as { documentNumber: number }[]).map((r) => r.documentNumber)).not.toContain(n);
    const again = await remind(n);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ payBy: addDays(today(), 14) });
    expect(await remindersOf(n)).toHaveLength(1);
  });
});

describe('a reminder to a customer without an invoice address', () => {
  it('goes on the print list without a fee inside 14 days of the due date, prints as a letter, and leaves the list once posted', async () => {
    const n = await anInvoice();
    await dueDaysAgo(n, 3);
    const sent = await remind(n);
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ delivery: 'print', feeOre: 0, feeOmitted: 'within_14_days_of_due_date', totalOre: 48_600 });
    expect(await messagesOf(n)).toEqual([]);
    expect(await receivableOf(n)).toMatchObject({ balanceOre: 48_600, feesOre: 0, reminders: { count: 1, feesCharged: 0 } });

    const listed = async () => ((await call('GET', '/admin/reminders/to-print?limit=100', { token: api.staff })).json.reminders as { documentNumber: number }[]).map((r) => r.documentNumber);
    expect(await listed()).toContain(n);
    const pdf = await call('GET', `/admin/invoices/${n}/reminders/1/pdf`, { token: api.staff, headers: { accept: 'application/pdf' } });
    expect(pdf.status).toBe(200);
    const text = pdfText(pdf.bytes);
    for (const words of ['BETALINGSPÅMINNELSE', 'Kari Nordmann', 'Storgata 5', `faktura ${n}`, 'inndriving']) expect(text).toContain(words);

    const printed = await call('POST', `/admin/invoices/${n}/reminders/1/printed`, { token: api.staff });
    expect(printed.status).toBe(200);
    expect(printed.json).toMatchObject({ printedAt: expect.any(String) });
    expect(await listed()).not.toContain(n);
    expect((await call('POST', `/admin/invoices/${n}/reminders/1/printed`, { token: api.staff })).status).toBe(409);
    expect((await call('GET', `/admin/invoices/${n}/reminders`, { token: api.staff })).json).toMatchObject({ reminders: [{ sequence: 1, delivery: 'print' }] });
  });
});

describe('a printed reminder posted days after it was queued', () => {
  it('prints its letter dated the day printed with 14 days from then, and once marked posted owes by 14 days from the posting day', async () => {
    // Given a reminder queued for the post five days ago, its deadline 14 days from then
    const n = await anInvoice();
    await dueDaysAgo(n, 10);
    expect((await remind(n)).status).toBe(201);
    const queuedOn = addDays(today(), -5);
    await api.env.doc.send(
      new UpdateCommand({ TableName: api.env.tableName, Key: keys.paymentReminder(n, 1), UpdateExpression: 'SET sentOn = :on, payBy = :by', ExpressionAttributeValues: { ':on': queuedOn, ':by': addDays(queuedOn, 14) } }),
    );
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.receivable(n), UpdateExpression: 'SET reminders.lastSentOn = :on, reminders.lastPayBy = :by', ExpressionAttributeValues: { ':on': queuedOn, ':by': addDays(queuedOn, 14) } }));
    const dotted = (day: string) => day.split('-').reverse().join('.');

    // When it is printed today, the letter is dated today and gives 14 days from today (inkassoloven § 9)
    const text = pdfText((await call('GET', `/admin/invoices/${n}/reminders/1/pdf`, { token: api.staff, headers: { accept: 'application/pdf' } })).bytes);
    expect(text).toContain(`Dato: ${dotted(today())}`);
    expect(text).toContain(`Betal innen ${dotted(addDays(today(), 14))}`);
    expect(text).not.toContain(dotted(addDays(queuedOn, 14)));

    // And once marked posted, the reminder and the receivable's tally hold that deadline
    const posted = await call('POST', `/admin/invoices/${n}/reminders/1/printed`, { token: api.staff });
    expect(posted.json).toMatchObject({ sequence: 1, payBy: addDays(today(), 14), printedAt: expect.any(String) });
    expect(await receivableOf(n)).toMatchObject({ reminders: { count: 1, lastPayBy: addDays(today(), 14) } });
    // The next reminder waits for it
    expect((await remind(n)).json).toMatchObject({ status: 409, payBy: addDays(today(), 14) });
  });
});

describe('a printed reminder left on the print list past its queued deadline', () => {
  it('holds back the next reminder and its fee, from staff (409 naming it) and the job, until it is posted and its own deadline has passed', async () => {
    // Given a first reminder with a fee queued for the post 20 days ago (its queued deadline 6 days ago), never posted
    const n = await anInvoice();
    await dueDaysAgo(n, 60);
    expect((await remind(n)).json).toMatchObject({ delivery: 'print', feeOre: 3_500 });
    const queuedOn = addDays(today(), -20);
    await api.env.doc.send(
      new UpdateCommand({ TableName: api.env.tableName, Key: keys.paymentReminder(n, 1), UpdateExpression: 'SET sentOn = :on, payBy = :by', ExpressionAttributeValues: { ':on': queuedOn, ':by': addDays(queuedOn, 14) } }),
    );
    await api.env.doc.send(new UpdateCommand({ TableName: api.env.tableName, Key: keys.receivable(n), UpdateExpression: 'SET reminders.lastSentOn = :on, reminders.lastPayBy = :by', ExpressionAttributeValues: { ':on': queuedOn, ':by': addDays(queuedOn, 14) } }));
    expect(await receivableOf(n)).toMatchObject({ feesOre: 3_500, reminders: { count: 1, feesCharged: 1, awaitingPost: 1 } });

    // When staff ask for the next one, it is refused naming the reminder waiting to be posted, and nothing is written
    const before = await itemsOf(n);
    const refused = await remind(n);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ status: 409, awaitingPost: 1, detail: `Reminder 1 of invoice ${n} is waiting to be posted: mark it posted, and the next reminder may be sent once its deadline from the posting day has passed` });
    // And the daily job (both intervals passed) skips it
    await sendDueReminders(reminders(), new Date());
    expect(await itemsOf(n)).toEqual(before);

    // When it is posted today, the next waits for 14 days from today
    expect((await call('POST', `/admin/invoices/${n}/reminders/1/printed`, { token: api.staff })).status).toBe(200);
    const posted = await receivableOf(n);
    expect(posted).toMatchObject({ feesOre: 3_500, reminders: { count: 1, feesCharged: 1, lastPayBy: addDays(today(), 14) } });
    expect(posted.reminders).not.toHaveProperty('awaitingPost');
    expect((await remind(n)).json).toMatchObject({ status: 409, payBy: addDays(today(), 14) });
    await sendDueReminders(reminders(), new Date());
    expect(await remindersOf(n)).toHaveLength(1);
  });
});

describe('the daily job', () => {
  it('sends each due reminder once, however often and however concurrently it runs, and none for an invoice not yet due one', async () => {
    const due = await anInvoice({ email: 'ola.jobb@example.no', invoiceByEmail: true });
    await dueDaysAgo(due, 10); // the first interval is 7 days
    const notYet = await anInvoice();
    await dueDaysAgo(notYet, 3);
    const runs = await Promise.all([sendDueReminders(reminders(), new Date()), sendDueReminders(reminders(), new Date())]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBeGreaterThanOrEqual(1);
    expect(await remindersOf(due)).toEqual([expect.objectContaining({ sequence: 1, delivery: 'email', feeOmitted: 'within_14_days_of_due_date' })]);
    // One outbox message, under the key that is the reminder's idempotency key.
    expect((await messagesOf(due)).map((m) => m.messageKey)).toEqual([`none#payment_reminder#invoice-${due}-reminder-1`]);
    expect(await remindersOf(notYet)).toEqual([]);
    const third = await sendDueReminders(reminders(), new Date());
    expect(third.sent).toBe(0);
    expect(await remindersOf(due)).toHaveLength(1);
  });
});
