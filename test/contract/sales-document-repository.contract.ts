import { stageConfig } from '../../infra/config/stages';
import { shopDate } from '#shared/domain/kernel/calendar';
import { vatFromGross } from '#shared/domain/kernel/money';
import type { Order } from '#shared/domain/orders/orders';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { buildInvoice, creditNoteFor, creditRequestOf, NOTHING_CREDITED, replayedCredit, type SalesDocument } from '#shared/domain/invoices/sales-documents';
import type { CollectiveInvoiceIssue, CreditNoteIssue, InvoiceIssue } from '#shared/ports/repositories';
import { buildCollectiveInvoice, periodOf } from '#shared/domain/invoices/collective-invoice';
import { aMessageRecord, RECORD_TIME } from '../helpers/fixtures';
import { anInvoicedOrder, anOrderIn, aStoredCustomer, minutesAfter, refusedWithoutWriting } from './arrange';
import type { PortWorld, WorldFactory } from './world';

const shop = stageConfig('local').shop;
const FIRST = 10001;
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const dateOf = (at: string) => shopDate(new Date(at), shop.timeZone);

/** An invoice issued at `at`, dated that day in the shop or the series' last date if later, as the use case dates it. */
function invoiceAt(at: string, overrides: Partial<InvoiceIssue> = {}): InvoiceIssue {
  return {
    at,
    firstNumber: FIRST,
    build: ({ order, customer, documentNumber, seriesDate }) =>
      buildInvoice({ documentNumber, order, customer, buyerAddress: address, shop, issuedAt: new Date(at), issueDate: seriesDate && seriesDate > dateOf(at) ? seriesDate : dateOf(at) }),
    ...overrides,
  };
}

function creditAt(at: string, overrides: Partial<CreditNoteIssue> = {}): CreditNoteIssue {
  return {
    firstNumber: FIRST,
    build: (original, documentNumber, seriesDate, tally) => creditNoteFor({ documentNumber, original, tally, reason: 'Feil pris', issuedAt: new Date(at), issueDate: seriesDate && seriesDate > dateOf(at) ? seriesDate : dateOf(at) }),
    ...overrides,
  };
}

const READY_AT = minutesAfter(RECORD_TIME, 30);
const PICKUP_AT = minutesAfter(RECORD_TIME, 60);
const readyOrder = (world: PortWorld) => anOrderIn(world, { readyAt: READY_AT });

/**
 * What every SalesDocumentRepository promises: one series from the first number without gaps (a
 * number is used only with its document stored), no document dated before the one numbered
 * before it, the invoice stored with the pickup and its e-mail or not at all, and an invoice
 * credited once.
 */
export function salesDocumentRepositoryContract(fresh: WorldFactory): void {
  describe('invoices', () => {
    it('issues the first invoice at the series\' first number with the pickup, and answers what is stored', async () => {
      const world = await fresh();
      const order = await readyOrder(world);
      const customer = await world.customers.get(order.customerId);
      const seen: unknown[] = [];
      const issued = await world.documents.issueInvoice(order, invoiceAt(PICKUP_AT, { build: (context) => (seen.push(context), invoiceAt(PICKUP_AT).build(context)) }));
      expect(seen).toEqual([{ order, customer, documentNumber: FIRST, seriesDate: undefined }]);
      expect(issued.document).toMatchObject({ documentNumber: FIRST, kind: 'invoice', orderId: order.orderId, customerId: order.customerId, issueDate: dateOf(PICKUP_AT) });
      expect(issued.order).toEqual({
        ...order,
        status: 'picked_up',
        pickedUpAt: PICKUP_AT,
        statusChangedAt: PICKUP_AT,
        updatedAt: PICKUP_AT,
        payment: { method: 'invoice', documentNumber: FIRST },
        version: 3,
        garments: order.garments.map((g) => ({ ...g, state: 'handed_out', leftAt: PICKUP_AT })),
      });
      expect(await world.orders.get(order.orderId)).toEqual(issued.order);
      expect(await world.documents.get(FIRST)).toEqual(issued.document);
      expect(await world.documents.get(FIRST + 1)).toBeUndefined();
    });

    it('numbers each next document one on, handing the builder the series\' last date', async () => {
      const world = await fresh();
      const first = await world.documents.issueInvoice(await readyOrder(world), invoiceAt('2026-03-02T22:30:00.000Z')); // 23:30 in Oslo
      const dates: unknown[] = [];
      const second = await world.documents.issueInvoice(
        await readyOrder(world),
        invoiceAt('2026-03-03T08:00:00.000Z', { build: (context) => (dates.push(context.seriesDate), invoiceAt('2026-03-03T08:00:00.000Z').build(context)) }),
      );
      expect([first.document.documentNumber, second.document.documentNumber]).toEqual([FIRST, FIRST + 1]);
      expect(dates).toEqual(['2026-03-02']);
      expect(second.document.issueDate).toBe('2026-03-03');
    });

    it('refuses an order that is not ready, one that does not exist, and one at a stale version, using no number and writing nothing', async () => {
      const world = await fresh();
      const received = await anOrderIn(world);
      await refusedWithoutWriting(world, () => world.documents.issueInvoice(received, invoiceAt(PICKUP_AT)), ConflictError, {
        extensions: { orderId: received.orderId, currentStatus: 'received', allowedFrom: ['ready'] },
      });
      await refusedWithoutWriting(world, () => world.documents.issueInvoice({ customerId: received.customerId, orderId: '999999' }, invoiceAt(PICKUP_AT)), NotFoundError);
      const ready = await readyOrder(world);
      await refusedWithoutWriting(world, () => world.documents.issueInvoice(ready, invoiceAt(PICKUP_AT, { expectedVersion: 1 })), PreconditionFailedError);
      const issued = await world.documents.issueInvoice(ready, invoiceAt(PICKUP_AT, { expectedVersion: 2 }));
      expect(issued.document.documentNumber).toBe(FIRST);
      await refusedWithoutWriting(world, () => world.documents.issueInvoice(ready, invoiceAt(PICKUP_AT)), ConflictError, { extensions: { currentStatus: 'picked_up' } });
    });

    it('refuses an order named with another customer as its buyer, using no number and writing nothing', async () => {
      const world = await fresh();
      const ready = await readyOrder(world);
      const other = await anOrderIn(world);
      await refusedWithoutWriting(world, () => world.documents.issueInvoice({ customerId: other.customerId, orderId: ready.orderId }, invoiceAt(PICKUP_AT)), ValidationError, {
        issues: [{ pointer: '/customerId', detail: expect.any(String) }],
      });
      expect((await world.documents.issueInvoice(ready, invoiceAt(PICKUP_AT))).document.documentNumber).toBe(FIRST);
    });

    it('refuses a document dated before the one numbered before it, and writes nothing', async () => {
      const world = await fresh();
      await world.documents.issueInvoice(await readyOrder(world), invoiceAt('2026-03-03T08:00:00.000Z'));
      const order = await readyOrder(world);
      const backdated = invoiceAt('2026-03-03T08:00:00.000Z', { build: (context) => ({ ...invoiceAt('2026-03-03T08:00:00.000Z').build(context), issueDate: '2026-03-02' }) });
      await refusedWithoutWriting(world, () => world.documents.issueInvoice(order, backdated), ConflictError);
    });

    it('queues the e-mail with the invoice, and none when there is none to send', async () => {
      const world = await fresh();
      const emailed = await readyOrder(world);
      const notify = (document: SalesDocument) => aMessageRecord({ customerId: document.customerId, orderId: document.orderId, purpose: 'invoice_sent', occasion: `document-${document.documentNumber}`, at: PICKUP_AT });
      await world.documents.issueInvoice(emailed, invoiceAt(PICKUP_AT, { notify }));
      expect(await world.messages.listForOrder(emailed.customerId, emailed.orderId)).toEqual([
        aMessageRecord({ customerId: emailed.customerId, orderId: emailed.orderId, purpose: 'invoice_sent', occasion: `document-${FIRST}`, at: PICKUP_AT }),
      ]);
      const printed = await readyOrder(world);
      await world.documents.issueInvoice(printed, invoiceAt(PICKUP_AT, { notify: () => undefined }));
      expect(await world.messages.listForOrder(printed.customerId, printed.orderId)).toEqual([]);
    });

    it('numbers invoices issued at the same moment without gaps or repeats, each order carrying its own', async () => {
      const world = await fresh();
      const orders = [];
      for (let i = 0; i < 6; i++) orders.push(await readyOrder(world));
      const issued = await Promise.all(orders.map((o) => world.documents.issueInvoice(o, invoiceAt(PICKUP_AT))));
      expect(issued.map((i) => i.document.documentNumber).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5].map((n) => FIRST + n));
      for (const { order, document } of issued) {
        expect(document.orderId).toBe(order.orderId);
        expect(await world.orders.get(order.orderId)).toEqual(order);
        expect(order.payment).toEqual({ method: 'invoice', documentNumber: document.documentNumber });
      }
    });
  });

  describe('credit notes', () => {
    async function anInvoice(world: PortWorld): Promise<SalesDocument> {
      return (await world.documents.issueInvoice(await readyOrder(world), invoiceAt(PICKUP_AT))).document;
    }

    it('reverses an invoice with the next number of the same series', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      const seen: unknown[] = [];
      const credit = await world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT, { build: (...args) => (seen.push(args), creditAt(PICKUP_AT).build(...args)) }));
      expect(seen).toEqual([[invoice, FIRST + 1, invoice.issueDate, NOTHING_CREDITED]]);
      expect(credit).toMatchObject({ documentNumber: FIRST + 1, kind: 'credit_note', creditsDocument: invoice.documentNumber, totals: { grossOre: -invoice.totals.grossOre } });
      expect(await world.documents.get(FIRST + 1)).toEqual(credit);
      expect((await anInvoice(world)).documentNumber).toBe(FIRST + 2);
    });

    it('credits an invoice once, naming the credit note, and refuses credit notes and unknown numbers, writing nothing', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      const credit = await world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT));
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT)), ConflictError, { extensions: { creditedBy: credit.documentNumber } });
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(credit.documentNumber, creditAt(PICKUP_AT)), ConflictError);
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(99_999, creditAt(PICKUP_AT)), NotFoundError);
    });

    it('refuses to credit an invoice while its buyer is being erased, writing nothing, and credits it once the erasure is undone', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      expect(await world.customerData.beginErasure(invoice.customerId, PICKUP_AT)).toBe('started');
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT)), ConflictError);
      await world.customerData.abortErasure(invoice.customerId);
      expect((await world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT))).creditsDocument).toBe(invoice.documentNumber);
    });

    it('never lets partial credits at once together exceed the invoice: each is judged on the tally the others left', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      const third = Math.floor(invoice.totals.grossOre / 3);
      const partial = (amountOre: number): CreditNoteIssue => ({
        firstNumber: FIRST,
        build: (original, documentNumber, seriesDate, tally) => creditNoteFor({ documentNumber, original, tally, selection: { amountOre }, reason: 'Flekk', issuedAt: new Date(PICKUP_AT), issueDate: seriesDate && seriesDate > dateOf(PICKUP_AT) ? seriesDate : dateOf(PICKUP_AT) }),
      });
      const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => world.documents.issueCreditNote(invoice.documentNumber, partial(third))));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      for (const o of outcomes.filter((o) => o.status === 'rejected')) expect(o.reason).toMatchObject({ kind: 'conflict', extensions: { remainingOre: invoice.totals.grossOre - 3 * third } });
      const credits = (await world.documents.listIssuedBetween('2000-01-01', '2999-12-31')).filter((d) => d.kind === 'credit_note');
      expect(credits.map((c) => c.totals.grossOre)).toEqual([-third, -third, -third]);
      // What is left is credited to the øre; then nothing more, and no full credit either.
      await world.documents.issueCreditNote(invoice.documentNumber, partial(invoice.totals.grossOre - 3 * third));
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(invoice.documentNumber, partial(1)), ConflictError);
      await refusedWithoutWriting(world, () => world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT)), ConflictError);
    });

    it('answers a credit retried under its key with the credit note the first issued, taking no number and writing nothing', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      const request = creditRequestOf('retry-1', 'Feil pris', undefined);
      const keyed = creditAt(PICKUP_AT, { replayed: (tally) => replayedCredit(tally, request), build: (original, documentNumber, seriesDate, tally) => creditNoteFor({ documentNumber, original, tally, reason: 'Feil pris', issuedAt: new Date(PICKUP_AT), issueDate: seriesDate ?? dateOf(PICKUP_AT), ...(request ? { request } : {}) }) });
      const first = await world.documents.issueCreditNote(invoice.documentNumber, keyed);
      const before = await world.snapshot();
      expect(await world.documents.issueCreditNote(invoice.documentNumber, keyed)).toEqual(first);
      expect(await world.snapshot()).toEqual(before);
      expect((await anInvoice(world)).documentNumber).toBe(first.documentNumber + 1);
    });

    it('lets one of several credits of the same invoice at once win', async () => {
      const world = await fresh();
      const invoice = await anInvoice(world);
      const outcomes = await Promise.allSettled([1, 2, 3].map(() => world.documents.issueCreditNote(invoice.documentNumber, creditAt(PICKUP_AT))));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((o) => o.status === 'rejected')) expect(o.reason).toBeInstanceOf(ConflictError);
      expect(await world.documents.listIssuedBetween('2000-01-01', '2999-12-31')).toHaveLength(2);
    });
  });

  it('lists a business\'s pickups on account, written with the pickup, by ticket and pickup, and no one else\'s', async () => {
    const world = await fresh();
    const pickUpOnAccount = async (order: Order, n: number) =>
      world.orders.changeOpen(order.orderId, undefined, (current) => ({
        order: { ...current, version: current.version + 1 },
        accountItem: { customerId: current.customerId, orderId: current.orderId, n, at: PICKUP_AT, date: dateOf(PICKUP_AT), lines: [{ line: 1, name: 'Skjorte', quantity: 1, amountOre: 7_900 }], totals: vatFromGross(7_900, 25) },
      }));
    const first = await readyOrder(world);
    const customer = await world.customers.get(first.customerId);
    if (!customer) throw new Error('The order\'s customer is not stored');
    const second = await anOrderIn(world, { customer, readyAt: READY_AT });
    const someoneElses = await readyOrder(world);
    await pickUpOnAccount(second, 1);
    await pickUpOnAccount(first, 2);
    await pickUpOnAccount(first, 1);
    await pickUpOnAccount(someoneElses, 1);
    expect((await world.documents.listAccountItems(first.customerId)).map((i) => [i.orderId, i.n])).toEqual([[first.orderId, 1], [first.orderId, 2], [second.orderId, 1]]);
    expect(await world.documents.listAccountItems('no-such-customer')).toEqual([]);
    // Once per pickup: the same pickup again is refused, and the first item stays.
    await expect(pickUpOnAccount(first, 1)).rejects.toThrow();
    expect(await world.documents.listAccountItems(someoneElses.customerId)).toHaveLength(1);
  });

  describe('collective invoices', () => {
    const business = { organisationNumber: '923609016', invoiceAddress: address, reference: 'Resepsjonen', onAccount: true, ehf: false };
    const november = periodOf('2026-11-15', 'month');
    const collective = (customerId: string, at = '2026-12-01T06:00:00.000Z'): CollectiveInvoiceIssue => ({
      at,
      customerId,
      period: november,
      firstNumber: FIRST,
      build: ({ customer, items, documentNumber, seriesDate }) => buildCollectiveInvoice({ documentNumber, customer, items, period: november, shop, issuedAt: new Date(at), issueDate: seriesDate && seriesDate > dateOf(at) ? seriesDate : dateOf(at) }),
    });
    async function pickupsOnAccount(world: PortWorld, dates: string[]) {
      const customer = await aStoredCustomer(world, { business });
      for (const date of dates) {
        const order = await anOrderIn(world, { customer, readyAt: READY_AT });
        await world.orders.changeOpen(order.orderId, undefined, (current) => ({
          order: { ...current, version: current.version + 1 },
          accountItem: { customerId: current.customerId, orderId: current.orderId, n: 1, at: `${date}T10:00:00.000Z`, date, lines: [{ line: 1, name: 'Duk', quantity: 2, amountOre: 8_000 }], totals: vatFromGross(8_000, 25) },
        }));
      }
      return customer;
    }

    it('issues one invoice of the period\'s pickups with its receivable, consumes them, and answers a rerun with the same invoice', async () => {
      const world = await fresh();
      const customer = await pickupsOnAccount(world, ['2026-11-03', '2026-11-20', '2026-12-01']);
      expect(await world.documents.listBusinessesWithAccountItems('2026-11-30')).toEqual([customer.customerId]);
      const issued = await world.documents.issueCollectiveInvoice(collective(customer.customerId));
      if (issued.outcome === 'nothing_due') throw new Error('Two pickups are due');
      expect(issued).toMatchObject({ outcome: 'issued', document: { documentNumber: FIRST, orderId: '2026-11', totals: vatFromGross(16_000, 25) } });
      expect(issued.document.collectiveOrders?.map((o) => o.date)).toEqual(['2026-11-03', '2026-11-20']);
      expect(await world.receivables.get(FIRST)).toMatchObject({ amountOre: 16_000, status: 'open' });
      // December's pickup waits for December's invoice.
      expect((await world.documents.listAccountItems(customer.customerId)).map((i) => i.date)).toEqual(['2026-12-01']);
      expect(await world.documents.listBusinessesWithAccountItems('2026-11-30')).toEqual([]);
      const again = await world.documents.issueCollectiveInvoice(collective(customer.customerId, '2026-12-01T07:00:00.000Z'));
      expect(again).toEqual({ outcome: 'already_issued', document: issued.document });
      expect(await world.documents.listIssuedBetween('2000-01-01', '2999-12-31')).toHaveLength(1);
    });

    it('takes no number when nothing is due (for an account not on account too), and refuses an unknown customer, writing nothing', async () => {
      const world = await fresh();
      const customer = await pickupsOnAccount(world, ['2026-12-01']);
      expect(await world.documents.issueCollectiveInvoice(collective(customer.customerId))).toEqual({ outcome: 'nothing_due' });
      await refusedWithoutWriting(world, () => world.documents.issueCollectiveInvoice(collective('no-such-customer')), NotFoundError);
      const offAccount = await aStoredCustomer(world, { business: { ...business, organisationNumber: '974760673', onAccount: false } });
      expect(await world.documents.issueCollectiveInvoice(collective(offAccount.customerId))).toEqual({ outcome: 'nothing_due' });
      const first = await anInvoicedOrder(world);
      expect(first.invoice.documentNumber).toBe(FIRST);
    });

    it('issues one invoice when two runs start at once', async () => {
      const world = await fresh();
      const customer = await pickupsOnAccount(world, ['2026-11-03', '2026-11-04']);
      const outcomes = await Promise.all([world.documents.issueCollectiveInvoice(collective(customer.customerId)), world.documents.issueCollectiveInvoice(collective(customer.customerId))]);
      const numbers = outcomes.map((o) => (o.outcome === 'nothing_due' ? undefined : o.document.documentNumber));
      expect(numbers).toEqual([FIRST, FIRST]);
      expect(await world.documents.listIssuedBetween('2000-01-01', '2999-12-31')).toHaveLength(1);
      expect(await world.documents.listAccountItems(customer.customerId)).toEqual([]);
    });
  });

  it('lists the documents issued on the days from..to inclusive, across a year end, in number order', async () => {
    const world = await fresh();
    const issueAt = async (at: string) => (await world.documents.issueInvoice(await readyOrder(world), invoiceAt(at))).document.documentNumber;
    const newYearsEve = await issueAt('2026-12-31T10:00:00.000Z');
    const lateOnNewYearsEve = await issueAt('2026-12-31T23:30:00.000Z'); // 00:30 on 1 January in Oslo
    const secondOfJanuary = await issueAt('2027-01-02T10:00:00.000Z');
    const numbers = async (from: string, to: string) => (await world.documents.listIssuedBetween(from, to)).map((d) => d.documentNumber);
    expect(await numbers('2026-12-31', '2027-01-01')).toEqual([newYearsEve, lateOnNewYearsEve]);
    expect(await numbers('2027-01-01', '2027-01-02')).toEqual([lateOnNewYearsEve, secondOfJanuary]);
    expect(await numbers('2026-12-31', '2026-12-31')).toEqual([newYearsEve]);
    expect(await numbers('2027-01-03', '2027-12-31')).toEqual([]);
    expect(await world.documents.listIssuedBetween('2026-01-01', '2027-12-31')).toEqual(await Promise.all([newYearsEve, lateOnNewYearsEve, secondOfJanuary].map(async (n) => world.documents.get(n))));
  });
}
