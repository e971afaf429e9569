import { NotFoundError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import { newMessage, type Message } from '#shared/domain/kernel/outbox-message';
import type { Order } from '#shared/domain/orders/orders';
import { addDays } from '#shared/domain/kernel/calendar';
import { vatFromGross } from '#shared/domain/kernel/money';
import { buildCollectiveInvoice, periodOf } from '#shared/domain/invoices/collective-invoice';
import { stageConfig } from '../../infra/config/stages';
import { nextReminder } from '#shared/domain/receivables/payment-reminders';
import { applyPayment, paymentKey, type PaymentInput } from '#shared/domain/receivables/payments';
import type { CustomerData } from '#shared/domain/rights/customer-export';
import type { PrivacyRequest } from '#shared/domain/rights/privacy-requests';
import { aCustomerRecord, aLandline, aMessageRecord, anOrderRecord, mobileOf, RECORD_TIME, uniqueOrganisationNumber } from '../helpers/fixtures';
import { aCode, aCounterSale, aCreditNoteFor, aStoredCustomer, anInvoicedOrder, anOrderIn, CODE_NOW, minutesAfter, refusedWithoutWriting } from './arrange';
import type { PortWorld, WorldFactory } from './world';

const LATER = minutesAfter(RECORD_TIME, 120);
const NEXT_DAY = minutesAfter(RECORD_TIME, 24 * 60);
const PSEUDONYM = 'erased:req-contract';
const shop = stageConfig('local').shop;

let sequence = 0;
function aRequest(customerId: string, overrides: Partial<PrivacyRequest> = {}): PrivacyRequest {
  sequence += 1;
  return { requestId: `req-${process.pid}-data-${sequence}`, customerId, type: 'access', verifiedBy: 'sms_code', status: 'completed', receivedAt: RECORD_TIME, deadline: '2026-04-02', updatedAt: RECORD_TIME, ...overrides };
}

/** The parts whose order the port does not promise, in one order, so two reads compare. */
const comparable = (data: CustomerData | undefined) =>
  data && { ...data, messages: [...data.messages].sort((a, b) => a.messageKey.localeCompare(b.messageKey)), requests: [...data.requests].sort((a, b) => a.requestId.localeCompare(b.requestId)) };

/** A customer with one of everything: orders (open, invoiced and credited, paid at the counter), messages, a request, a sign-in code. */
async function aCustomerWithHistory(world: PortWorld) {
  const customer = await aStoredCustomer(world, { email: 'kari@example.no', emailPurposes: ['invoice'] });
  const open = await anOrderIn(world, { customer });
  const { order: invoiced, invoice } = await anInvoicedOrder(world, { customer });
  const creditNote = await aCreditNoteFor(world, invoice);
  const counterSale = await aCounterSale(world, { customer });
  const question = aMessageRecord({ customerId: customer.customerId, orderId: open.orderId });
  await world.messages.create(question);
  const request = aRequest(customer.customerId);
  await world.requests.create(request);
  const code = aCode(mobileOf(customer), customer.customerId);
  await world.signIn.issueCode(code);
  return { customer, open, invoiced, invoice, creditNote, counterSale, request, messages: [question, code.message] };
}

/**
 * What every CustomerDataRepository promises: everything about one customer read from their
 * records (and nothing about anyone else), and an erasure in steps that can each be run again:
 * the mark that stops new orders, the pseudonym on documents under legal hold, the sales kept for
 * the books, the records and the number's claim deleted (never a number someone else now holds),
 * the profile last.
 */
export function customerDataRepositoryContract(fresh: WorldFactory): void {
  describe('readAll', () => {
    it('reads the profile, orders, messages, invoices and credit notes, and requests of the customer, and nothing of anyone else\'s', async () => {
      const world = await fresh();
      const other = await aCustomerWithHistory(world);
      const kari = await aCustomerWithHistory(world);
      const data = await world.customerData.readAll(kari.customer.customerId);
      expect(comparable(data)).toEqual(
        comparable({
          customer: (await world.customers.get(kari.customer.customerId)) as CustomerData['customer'],
          // In ticket order.
          orders: (await Promise.all([kari.open, kari.invoiced, kari.counterSale].map((o) => world.orders.get(o.orderId)))) as Order[],
          messages: kari.messages,
          // In number order.
          documents: [kari.invoice, kari.creditNote],
          // The invoice's, credited in full: the only one the customer has.
          receivables: [await world.receivables.get(kari.invoice.documentNumber)].filter((r) => r !== undefined),
          // Credited before anything was paid or reminded.
          payments: [],
          reminders: [],
          requests: [kari.request],
          accountItems: [],
          collectiveClaims: [],
        }),
      );
      const text = JSON.stringify(data);
      for (const foreign of [other.customer.customerId, mobileOf(other.customer), other.request.requestId]) expect(text).not.toContain(foreign);
    });

    it('reads the payments and reminders of the customer\'s invoices with their receivables, and no one else\'s', async () => {
      const world = await fresh();
      const { invoice } = await anInvoicedOrder(world);
      const other = await anInvoicedOrder(world);
      const paidOn = invoice.issueDate;
      const input: PaymentInput = { amountOre: 1_000, paymentDate: paidOn, method: 'cash', posReceiptRef: 'K-9' };
      const { payment } = await world.receivables.recordPayment(invoice.documentNumber, paymentKey(input), (r) => applyPayment(r, input, `${paidOn}T12:00:00.000Z`, paidOn));
      await world.receivables.recordPayment(other.invoice.documentNumber, paymentKey(input), (r) => applyPayment(r, input, `${paidOn}T12:00:00.000Z`, paidOn));
      const before = (await world.receivables.get(invoice.documentNumber))!;
      const today = addDays(before.dueDate, 20);
      const { reminder, receivable } = nextReminder(before, { now: new Date(`${today}T08:00:00.000Z`), today, delivery: 'print', settings: { afterDaysOverdue: [7], payWithinDays: 14 } });
      await world.paymentReminders.record(before, receivable, reminder, undefined);
      const data = await world.customerData.readAll(invoice.customerId);
      expect(data).toMatchObject({ receivables: [receivable], payments: [payment], reminders: [reminder] });
    });

    it('is undefined for a customer that does not exist, and for one whose profile is deleted', async () => {
      const world = await fresh();
      expect(await world.customerData.readAll(aCustomerRecord().customerId)).toBeUndefined();
      const kari = await aStoredCustomer(world);
      await world.customerData.deleteProfile(kari.customerId);
      expect(await world.customerData.readAll(kari.customerId)).toBeUndefined();
    });

    it('still reads a customer being erased, without the mark', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      await world.customerData.beginErasure(kari.customerId, LATER);
      expect(await world.customerData.readAll(kari.customerId)).toEqual({ customer: kari, orders: [], messages: [], documents: [], receivables: [], payments: [], reminders: [], requests: [], accountItems: [], collectiveClaims: [] });
    });

    it('reads a business\'s pickups on account still waiting and its collective-invoice claims with their state, and no one else\'s', async () => {
      const world = await fresh();
      const onAccount = (organisationNumber: string) => ({ organisationNumber, invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' }, contactName: 'Kari Hansen', onAccount: true, ehf: false });
      const pickUpOnAccount = async (customer: CustomerData['customer'], date: string, reference?: string) => {
        const order = await anOrderIn(world, { customer, readyAt: minutesAfter(RECORD_TIME, 30) });
        await world.orders.changeOpen(order.orderId, undefined, (current) => ({
          order: { ...current, version: current.version + 1 },
          accountItem: { customerId: current.customerId, orderId: current.orderId, n: 1, at: `${date}T10:00:00.000Z`, date, lines: [{ line: 1, name: 'Duk', quantity: 2, amountOre: 8_000 }], totals: vatFromGross(8_000, 25), ...(reference ? { reference } : {}) },
        }));
        return order;
      };
      const hotel = await aStoredCustomer(world, { phone: aLandline(), business: onAccount(uniqueOrganisationNumber()) });
      const other = await aStoredCustomer(world, { phone: aLandline(), business: onAccount(uniqueOrganisationNumber()) });
      await pickUpOnAccount(hotel, '2026-11-03');
      const december = await pickUpOnAccount(hotel, '2026-12-01', 'Kjøkkenet, Per Hansen');
      await pickUpOnAccount(other, '2026-11-04');
      const november = periodOf('2026-11-15', 'month');
      const at = '2026-12-01T06:00:00.000Z';
      const issued = await world.documents.issueCollectiveInvoice({
        at,
        customerId: hotel.customerId,
        period: november,
        firstNumber: 10001,
        build: ({ customer, items, documentNumber }) => buildCollectiveInvoice({ documentNumber, customer, items, period: november, shop, issuedAt: new Date(at), issueDate: '2026-12-01' }),
      });
      if (issued.outcome === 'nothing_due') throw new Error('November\'s pickup is due');

      const data = await world.customerData.readAll(hotel.customerId);
      // November's pickup was consumed by its invoice; December's waits, with its reference (free text).
      expect(data?.accountItems).toEqual([expect.objectContaining({ customerId: hotel.customerId, orderId: december.orderId, n: 1, date: '2026-12-01', reference: 'Kjøkkenet, Per Hansen' })]);
      // The claim completed: its number, and no copy of the invoice (that is among the documents).
      expect(data?.collectiveClaims).toEqual([{ customerId: hotel.customerId, period: '2026-11', documentNumber: issued.document.documentNumber, claimedAt: at, completedAt: at }]);
      expect(data?.documents).toEqual([issued.document]);
      expect(JSON.stringify(data)).not.toContain(other.customerId);
    });
  });

  describe('the erasure mark', () => {
    it('refuses new orders, profile changes and requests from the moment it is set, writing nothing, until it is lifted', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      expect(await world.customerData.beginErasure(kari.customerId, LATER)).toBe('started');
      const ticket = await world.orders.nextTicketNumber();
      await refusedWithoutWriting(world, () => world.orders.create(anOrderRecord(kari.customerId, ticket, { createdAt: LATER })), NotFoundError);
      await refusedWithoutWriting(world, () => world.customers.replace(kari, { ...kari, name: 'Kari Endret', version: 2 }), PreconditionFailedError);
      await refusedWithoutWriting(world, () => world.requests.create(aRequest(kari.customerId, { status: 'received' })), NotFoundError);

      await world.customerData.abortErasure(kari.customerId);
      await world.orders.create(anOrderRecord(kari.customerId, ticket, { createdAt: LATER }));
      expect((await world.customerData.readAll(kari.customerId))?.orders.map((o) => o.orderId)).toEqual([ticket]);
    });

    it('is "gone" for a customer that does not exist, and neither setting nor lifting it writes anything then', async () => {
      const world = await fresh();
      const ghost = aCustomerRecord().customerId;
      const before = await world.snapshot();
      expect(await world.customerData.beginErasure(ghost, LATER)).toBe('gone');
      expect(await world.customerData.beginErasure(ghost, LATER, RECORD_TIME)).toBe('gone');
      await world.customerData.abortErasure(ghost);
      expect(await world.snapshot()).toEqual(before);
    });

    it("held by a workflow run, is that run's alone: another run's try is 'busy' and writes nothing, until the hold is lifted or goes stale", async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      const run = (name: string, at: string) => ({ name, staleBefore: minutesAfter(at, -15) });
      expect(await world.customerData.beginErasure(kari.customerId, LATER, undefined, run('req-1', LATER))).toBe('started');
      const held = await world.snapshot();
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 1), undefined, run('req-1-after-daily', minutesAfter(LATER, 1)))).toBe('busy');
      expect(await world.snapshot()).toEqual(held);
      // The same run's retried step goes on
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 2), undefined, run('req-1', minutesAfter(LATER, 2)))).toBe('started');
      // A run that stopped trying is taken over once its hold is stale
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 10), undefined, run('req-1-after-daily', minutesAfter(LATER, 10)))).toBe('busy');
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 20), undefined, run('req-1-after-daily', minutesAfter(LATER, 20)))).toBe('started');
      // A run whose step failed lets go (only of its own hold): the next run goes on at once
      await world.customerData.releaseErasureHold(kari.customerId, 'req-1');
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 20), undefined, run('req-1-again', minutesAfter(LATER, 20)))).toBe('busy');
      await world.customerData.releaseErasureHold(kari.customerId, 'req-1-after-daily');
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 20), undefined, run('req-1-again', minutesAfter(LATER, 20)))).toBe('started');
      // Lifted (the erasure waits again), any run may begin it
      await world.customerData.abortErasure(kari.customerId);
      expect(await world.customerData.beginErasure(kari.customerId, minutesAfter(LATER, 21), undefined, run('req-1-after-order', minutesAfter(LATER, 21)))).toBe('started');
    });

    it('with an inactivity bound, is set only while the last activity is at or before it, and an erasure begun goes on', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world); // last active at RECORD_TIME
      const before = await world.snapshot();
      expect(await world.customerData.beginErasure(kari.customerId, LATER, minutesAfter(RECORD_TIME, -1))).toBe('active');
      expect(await world.snapshot()).toEqual(before);
      expect(await world.customerData.beginErasure(kari.customerId, LATER, RECORD_TIME)).toBe('started');
      // Begun: it goes on, whatever the bound.
      expect(await world.customerData.beginErasure(kari.customerId, NEXT_DAY, minutesAfter(RECORD_TIME, -1))).toBe('started');

      // An order taken in moves the last activity past the bound the sweep read it under.
      const ola = await aStoredCustomer(world);
      await anOrderIn(world, { customer: ola, at: LATER });
      expect(await world.customerData.beginErasure(ola.customerId, NEXT_DAY, RECORD_TIME)).toBe('active');
      await expect(anOrderIn(world, { customer: ola, at: NEXT_DAY })).resolves.toMatchObject({ customerId: ola.customerId });
    });
  });

  describe('the legal-claim hold', () => {
    it('is kept while an invoice of it is open, and released once, with its confirmation, when none is, however many releases race', async () => {
      // Given a hold placed (twice, as a rerun would) for a customer's open invoice
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const { invoice } = await anInvoicedOrder(world, { customer });
      const hold = { holder: PSEUDONYM, requestId: 'req-contract', name: customer.name, language: 'nb' as const, invoices: [invoice.documentNumber], since: RECORD_TIME };
      await world.customerData.placeClaimHold(hold);
      await world.customerData.placeClaimHold({ ...hold, since: LATER });
      expect(await world.customerData.claimHold(PSEUDONYM)).toEqual({ ...hold, openInvoices: [invoice.documentNumber] });
      // and listed among the holds (the daily backstop's list), once
      const listed = async () => (await world.customerData.listClaimHolds({ limit: 100 })).items.filter((h) => h.holder === PSEUDONYM);
      expect(await listed()).toEqual([hold]);
      const confirmation = newMessage({ customerId: PSEUDONYM, purpose: 'request_completed', occasion: 'req-contract', params: { requestType: 'erasure', language: 'nb' }, recipient: mobileOf(customer), now: new Date(LATER), retentionDays: 1 });
      // When it is released while the invoice is open, nothing changes
      expect(await world.customerData.releaseClaimHold(hold, confirmation)).toBe('still_owed');
      expect(await world.customerData.claimHold(PSEUDONYM)).toMatchObject({ holder: PSEUDONYM });
      expect(await world.messages.get(PSEUDONYM, confirmation.messageKey)).toBeUndefined();
      // When the invoice is credited and three releases race, one releases it and queues the message
      await aCreditNoteFor(world, invoice);
      expect((await world.customerData.claimHold(PSEUDONYM))?.openInvoices).toEqual([]);
      const outcomes = await Promise.all([1, 2, 3].map(() => world.customerData.releaseClaimHold(hold, confirmation)));
      expect(outcomes.sort()).toEqual(['gone', 'gone', 'released']);
      expect(await world.customerData.claimHold(PSEUDONYM)).toBeUndefined();
      expect(await world.messages.get(PSEUDONYM, confirmation.messageKey)).toMatchObject({ purpose: 'request_completed', state: 'pending' });
      expect(await listed()).toEqual([]);
      // A later release finds nothing to do
      expect(await world.customerData.releaseClaimHold(hold, confirmation)).toBe('gone');
      // A hold put back after its release (its confirmation queued already) is still released, the message not queued twice
      await world.customerData.placeClaimHold(hold);
      expect(await world.customerData.releaseClaimHold(hold, confirmation)).toBe('released');
      expect(await world.customerData.claimHold(PSEUDONYM)).toBeUndefined();
      expect(await world.messages.get(PSEUDONYM, confirmation.messageKey)).toMatchObject({ purpose: 'request_completed' });
    });
  });

  it('replaces the customer\'s own documents by their kept form only, and a rerun changes nothing', async () => {
    const world = await fresh();
    const kari = await aCustomerWithHistory(world);
    const { invoice: othersInvoice } = await anInvoicedOrder(world);
    // What erasure writes: the pseudonym, the credit note's reason gone (the kept form is erasure-plan's; any form will do here).
    const { creditReason: _reason, ...creditNote } = kari.creditNote;
    const keptInvoice = { ...kari.invoice, customerId: PSEUDONYM };
    const keptCreditNote = { ...creditNote, customerId: PSEUDONYM };
    const notTheirs = { ...othersInvoice, customerId: PSEUDONYM };
    const noSuchDocument = { ...kari.invoice, documentNumber: 99_999, customerId: PSEUDONYM };
    await world.customerData.keepDocuments(kari.customer.customerId, [keptInvoice, keptCreditNote, notTheirs, noSuchDocument]);
    expect(await world.documents.get(kari.invoice.documentNumber)).toEqual(keptInvoice);
    expect(await world.documents.get(kari.creditNote.documentNumber)).toEqual(keptCreditNote);
    expect(await world.documents.get(kari.creditNote.documentNumber)).not.toHaveProperty('creditReason');
    expect(await world.documents.get(othersInvoice.documentNumber)).toEqual(othersInvoice);
    expect(await world.documents.get(99_999)).toBeUndefined();
    expect((await world.customerData.readAll(kari.customer.customerId))?.documents).toEqual([]);

    const before = await world.snapshot();
    await world.customerData.keepDocuments(kari.customer.customerId, [{ ...keptInvoice, customerId: 'erased:another-run' }]);
    expect(await world.snapshot()).toEqual(before);
  });

  it('queues a message once, outside the customer\'s records: a second of the same key leaves the first, and erasing the customer leaves it', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    const confirmation: Message = { ...aMessageRecord({ customerId: PSEUDONYM, purpose: 'request_completed', occasion: 'req-contract', params: { requestType: 'erasure' } }), recipient: mobileOf(kari) };
    await world.customerData.queueMessage(confirmation);
    await world.customerData.queueMessage({ ...confirmation, params: { requestType: 'access' } });
    await world.customerData.deleteCustomerRecords(kari.customerId, mobileOf(kari));
    await world.customerData.deleteProfile(kari.customerId);
    expect(await world.messages.get(PSEUDONYM, confirmation.messageKey)).toEqual(confirmation);
  });

  it('keeps sales for the books under the pseudonym, once however often archived: in the picked-up queue the journal reads, reached by no ticket', async () => {
    const world = await fresh();
    const kari = await aCustomerWithHistory(world);
    const { description: _d, ...line } = kari.counterSale.items[0] as Order['items'][number];
    const kept: Order = { ...kari.counterSale, customerId: PSEUDONYM, items: [line], retainUntil: '2031-12-31' };
    await world.customerData.archiveSales([kept]);
    await world.customerData.archiveSales([kept]);
    // Not the customer's: their own order is still theirs until their records go.
    expect((await world.customerData.readAll(kari.customer.customerId))?.orders).toContainEqual(kari.counterSale);
    expect((await world.customerData.readAll(kari.customer.customerId))?.orders).not.toContainEqual(kept);

    await world.customerData.deleteCustomerRecords(kari.customer.customerId, mobileOf(kari.customer));
    const pickedUp = await world.orders.listInStatusBetween('picked_up', RECORD_TIME, NEXT_DAY, { limit: 10 });
    expect(pickedUp.items).toEqual([kept]);
    expect(await world.orders.get(kept.orderId)).toBeUndefined();
    expect(await world.orders.customerIdOf(kept.orderId)).toBeUndefined();
  });

  describe('deleteCustomerRecords', () => {
    it('deletes the orders and their pointers, the messages, the request links and the number\'s claim and code, counting each kind, and leaves the profile, the requests and everyone else', async () => {
      const world = await fresh();
      const other = await aCustomerWithHistory(world);
      const othersBefore = comparable(await world.customerData.readAll(other.customer.customerId));
      const kari = await aCustomerWithHistory(world);
      const counts = await world.customerData.deleteCustomerRecords(kari.customer.customerId, mobileOf(kari.customer));

      // The claim, the code and the hour's and the day's counters; a pointer per order; an entry per word of the name; the open request's marker.
      expect(counts).toEqual({ order: 3, message: 2, requestRef: 1, phone: 4, orderRef: 3, nameEntry: 2, openRequest: 1 });
      const profile = await world.customers.get(kari.customer.customerId);
      expect(profile).toMatchObject({ customerId: kari.customer.customerId });
      expect(await world.customerData.readAll(kari.customer.customerId)).toEqual({ customer: profile, orders: [], messages: [], documents: [], receivables: [], payments: [], reminders: [], requests: [], accountItems: [], collectiveClaims: [] });
      for (const order of [kari.open, kari.invoiced, kari.counterSale]) {
        expect(await world.orders.get(order.orderId)).toBeUndefined();
        expect(await world.orders.customerIdOf(order.orderId)).toBeUndefined();
      }
      for (const message of kari.messages) expect(await world.messages.get(kari.customer.customerId, message.messageKey)).toBeUndefined();
      expect(await world.customers.findIdByPhone(mobileOf(kari.customer))).toBeUndefined();
      expect(await world.signIn.countAttempt(mobileOf(kari.customer), 5, CODE_NOW)).toBeUndefined();
      // The request stays (the workflow forgets its customer separately), and so do the documents under legal hold.
      expect(await world.requests.get(kari.request.requestId)).toEqual(kari.request);
      expect(await world.documents.get(kari.invoice.documentNumber)).toEqual(kari.invoice);
      expect(comparable(await world.customerData.readAll(other.customer.customerId))).toEqual(othersBefore);

      // The number is free, its counters gone with it: the next holder starts the hour afresh.
      const ola = await aStoredCustomer(world, { phone: kari.customer.phone });
      expect(await world.signIn.issueCode(aCode(mobileOf(ola), ola.customerId, { maxPerHour: 1, message: aMessageRecord({ customerId: ola.customerId, purpose: 'verification_code' }) }))).toBe('issued');
    });

    it('deletes a business\'s organisation-number claim with its records, and on a rerun leaves it alone once another business holds it', async () => {
      const world = await fresh();
      const organisationNumber = uniqueOrganisationNumber();
      const account = { organisationNumber, invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' }, contactName: 'Kari Hansen', onAccount: true, ehf: false };
      const hotel = await aStoredCustomer(world, { phone: aLandline(), business: account });
      const counts = await world.customerData.deleteCustomerRecords(hotel.customerId, undefined, organisationNumber);
      expect(counts).toMatchObject({ organisationClaim: 1 });
      await world.customerData.deleteProfile(hotel.customerId);
      expect(await world.customers.findIdByOrganisationNumber(organisationNumber)).toBeUndefined();

      // The number is free: the business registered again holds it, and a rerun of the old erasure leaves it be.
      const again = await aStoredCustomer(world, { phone: aLandline(), business: account });
      const before = await world.snapshot();
      expect(await world.customerData.deleteCustomerRecords(hotel.customerId, undefined, organisationNumber)).not.toHaveProperty('organisationClaim');
      expect(await world.snapshot()).toEqual(before);
      expect(await world.customers.findIdByOrganisationNumber(organisationNumber)).toBe(again.customerId);
    });

    it('on a rerun, leaves the number alone once another customer holds it', async () => {
      const world = await fresh();
      const kari = await aStoredCustomer(world);
      await world.customerData.deleteCustomerRecords(kari.customerId, mobileOf(kari));
      await world.customerData.deleteProfile(kari.customerId);
      const ola = await aStoredCustomer(world, { phone: kari.phone });
      await world.signIn.issueCode(aCode(mobileOf(ola), ola.customerId));
      const before = await world.snapshot();

      expect(await world.customerData.deleteCustomerRecords(kari.customerId, mobileOf(kari))).toEqual({ phone: 0, orderRef: 0 });
      expect(await world.snapshot()).toEqual(before);
      expect(await world.customers.findIdByPhone(mobileOf(kari))).toBe(ola.customerId);
      expect(await world.signIn.countAttempt(mobileOf(ola), 5, CODE_NOW)).toMatchObject({ customerId: ola.customerId });
    });
  });

  it('deletes the profile last: nothing leads to the customer then, and deleting it again is harmless', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.customerData.beginErasure(kari.customerId, LATER);
    await world.customerData.deleteCustomerRecords(kari.customerId, mobileOf(kari));
    await world.customerData.deleteProfile(kari.customerId);
    expect(await world.customers.get(kari.customerId)).toBeUndefined();
    expect(await world.customerData.beginErasure(kari.customerId, NEXT_DAY)).toBe('gone');
    const before = await world.snapshot();
    await world.customerData.deleteProfile(kari.customerId);
    expect(await world.snapshot()).toEqual(before);
  });
}
