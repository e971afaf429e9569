import { randomUUID } from 'node:crypto';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { salesJournal } from '#shared/domain/invoices/sales-journal';
import { monthsBefore } from '#shared/domain/kernel/calendar';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { inactivityPseudonym, runRetentionSweep, type SweepOptions } from '#shared/domain/retention/retention-sweep';
import { openRequest } from '#shared/domain/rights/rights-use-cases';
import { requestSignInCode } from '#shared/domain/rights/sign-in';
import type { ShopConfig } from '#shared/config/shop-config';
import { fakeClock } from '../../helpers/fake-clock';
import { aCustomer, anOrder, mobileOf } from '../../helpers/fixtures';
import { inMemoryDeps, type InMemoryStore } from '../../helpers/in-memory';

/** The retention sweep on the in-memory ports, with a clock the test sets. */
function aShop(shop: Partial<ShopConfig> = {}) {
  const clock = fakeClock('2026-01-01T10:00:00.000Z');
  const deps = inMemoryDeps({ clock: clock.now, shop });
  return {
    deps,
    /** The deps at a moment, for arranging with the use cases. */
    at: (iso: string) => (clock.set(iso), deps),
    sweep: (asOf: string, options: SweepOptions = {}) => {
      clock.set(asOf);
      return runRetentionSweep(deps, { asOf: new Date(asOf), ...options });
    },
  };
}
type Shop = ReturnType<typeof aShop>;

const ADDRESS = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const ITEM = { service: 'Dress', description: 'Flekk på jakka', quantity: 1, unitPriceOre: 24_900 };

/** A customer whose one order was collected at `when` (on invoice or at the counter), and optionally another still in the shop. */
async function customerWithSales(shop: Shop, when: string, options: { open?: boolean; invoice?: boolean } = {}) {
  const deps = shop.at(when);
  const customer = await registerCustomer(deps, aCustomer({ name: `Kunde ${randomUUID().slice(0, 8)}` }));
  const sale = await createOrder(deps, anOrder(customer.customerId, { items: [ITEM] }));
  await markOrderReady(deps, sale.orderId);
  await recordPickup(deps, sale.orderId, options.invoice ? { method: 'invoice', buyerAddress: ADDRESS, customerId: sale.customerId } : { method: 'counter', posReceiptRef: 'K-1' });
  if (options.open) await createOrder(deps, anOrder(customer.customerId, { items: [ITEM] }));
  return customer;
}

/** Everything stored but the sweep's own state and reports. */
function shopData(store: InMemoryStore) {
  const { sweep: _sweep, sweepReports: _reports, ...rest } = store.snapshot() as Record<string, unknown>;
  return rest;
}
const mentions = (value: unknown, text: string) => JSON.stringify(value).includes(text);

describe('inactive customers', () => {
  it('are anonymised exactly at the end of the configured period, not a moment before, and not while garments are in the shop', async () => {
    // Given a customer last seen exactly 36 months before the run, one a millisecond later, and one with garments in the shop
    const shop = aShop({ inactivityMonths: 36 });
    const asOf = '2029-06-15T03:30:00.000Z';
    const cutoff = monthsBefore(new Date(asOf), 36).toISOString();
    expect(cutoff).toBe('2026-06-15T03:30:00.000Z');
    const outside = await customerWithSales(shop, cutoff, { invoice: true });
    const inside = await customerWithSales(shop, new Date(Date.parse(cutoff) + 1).toISOString());
    const waiting = await customerWithSales(shop, '2026-01-10T12:00:00Z', { open: true });
    // When the sweep runs
    const report = await shop.sweep(asOf);
    // Then the first is anonymised as an erasure would leave them, the others are untouched
    expect(report).toMatchObject({ status: 'completed', dryRun: false, resumed: false });
    expect(report.counts.inactivity).toMatchObject({ found: 2, done: 1, blocked: 1, errors: 0, byEntity: { customer: 1 } });
    expect(await shop.deps.customers.get(outside.customerId)).toBeUndefined();
    expect(await shop.deps.customers.findIdByPhone(mobileOf(outside))).toBeUndefined();
    const { documents, claimHolds, ...rest } = shopData(shop.deps.store);
    for (const trace of [outside.customerId, mobileOf(outside), outside.name]) expect({ trace, left: mentions(rest, trace) }).toEqual({ trace, left: false });
    // Their invoice was never paid: the claim's hold (GDPR art. 17(3)(e)) keeps the name and the number
    // until it is, under the pseudonym, never the customer's id (test/integration/erasure-with-debt.test.ts).
    expect({ name: mentions(claimHolds, outside.name), number: mentions(claimHolds, mobileOf(outside)), id: mentions(claimHolds, outside.customerId) }).toEqual({ name: true, number: true, id: false });
    // …but for the invoice, kept under legal hold with the buyer's name and a pseudonym, until its retention date
    expect(mentions(documents, outside.customerId)).toBe(false);
    expect([...shop.deps.store.documents.values()]).toEqual([
      expect.objectContaining({ customerId: inactivityPseudonym(outside.customerId), retainUntil: '2031-12-31', buyer: expect.objectContaining({ name: outside.name }) }),
    ]);
    expect(await shop.deps.customers.get(inside.customerId)).toEqual(inside);
    expect(await shop.deps.customerData.readAll(waiting.customerId)).toMatchObject({ customer: { name: waiting.name }, orders: [{ status: 'picked_up' }, { status: 'received' }] });
  });

  it.each([
    { months: 24, anonymised: true },
    { months: 36, anonymised: false },
  ])('count the shop\'s configured period ($months months), with nothing to re-index when it changes', async ({ months, anonymised }) => {
    const shop = aShop({ inactivityMonths: months });
    const customer = await customerWithSales(shop, '2026-01-05T10:00:00Z');
    const report = await shop.sweep('2028-01-06T03:30:00Z');
    expect(report.counts.inactivity.done).toBe(anonymised ? 1 : 0);
    expect(await shop.deps.customers.get(customer.customerId)).toEqual(anonymised ? undefined : customer);
  });

  it('are counted from their last order: a customer who came back is kept', async () => {
    const shop = aShop();
    const customer = await customerWithSales(shop, '2026-01-05T10:00:00Z');
    const again = await createOrder(shop.at('2028-12-01T10:00:00Z'), anOrder(customer.customerId, { items: [ITEM] }));
    await markOrderReady(shop.deps, again.orderId);
    await recordPickup(shop.deps, again.orderId, { method: 'counter' });
    const report = await shop.sweep('2029-06-01T03:30:00Z');
    expect(report.counts.inactivity.found).toBe(0); // the index moved with the activity
    expect(await shop.deps.customers.get(customer.customerId)).toMatchObject({ lastActivityAt: '2028-12-01T10:00:00.000Z' });
  });

  it('wait while a privacy request is being answered', async () => {
    const shop = aShop();
    const customer = await customerWithSales(shop, '2026-02-01T10:00:00Z');
    await openRequest(shop.at('2029-02-01T10:00:00Z'), { customerId: customer.customerId, type: 'access', verifiedBy: 'in_person' });
    // (Its delivery records expire on their own rule, not with the customer.)
    const records = async () => ({ ...(await shop.deps.customerData.readAll(customer.customerId)), messages: [] });
    const before = await records();
    const report = await shop.sweep('2029-03-01T03:30:00Z');
    expect(report.counts.inactivity).toMatchObject({ found: 1, blocked: 1, done: 0 });
    expect(await records()).toEqual(before);
    expect(before.requests).toEqual([expect.objectContaining({ status: 'received' })]);
  });

  it('leave a collected counter sale in the sales journal, without the customer or the description, until its retention ends', async () => {
    const shop = aShop();
    const customer = await customerWithSales(shop, '2026-03-01T10:00:00Z');
    await shop.sweep('2029-03-02T03:30:00Z');
    // The pickup's sale was kept apart from the order when it was made: the order goes with the customer, the sale stays.
    expect(shop.deps.store.keptSales.size).toBe(0);
    const kept = [...shop.deps.store.counterSales.values()];
    expect(kept).toEqual([expect.objectContaining({ n: 1, retainUntil: '2031-12-31', posReceiptRef: 'K-1' })]);
    expect(mentions(kept, ITEM.description)).toBe(false); // descriptions are free text about the customer
    expect(mentions(kept, customer.customerId)).toBe(false);
    expect(await salesJournal(shop.deps, '2026-03-01', '2026-03-01')).toEqual([expect.objectContaining({ type: 'Kassesalg', orderId: kept[0]?.orderId })]);

    expect((await shop.sweep('2031-12-31T03:30:00Z')).counts.bookkeeping.done).toBe(0); // its last day
    expect((await shop.sweep('2032-01-01T03:30:00Z')).counts.bookkeeping.byEntity).toEqual({ counterSale: 1 });
    expect(shop.deps.store.counterSales.size).toBe(0);
    expect(await salesJournal(shop.deps, '2026-03-01', '2026-03-01')).toEqual([]);
  });
});

describe('sales documents', () => {
  it('are deleted the day after their retention date in the shop, on each side of a year end, with their credit claims', async () => {
    const shop = aShop({ inactivityMonths: 120 }); // keep the customers out of this test
    await customerWithSales(shop, '2025-12-31T12:00:00Z', { invoice: true });
    await customerWithSales(shop, '2026-01-01T12:00:00Z', { invoice: true });
    const [first] = [...shop.deps.store.documents.values()];
    await creditInvoice(shop.at('2026-01-02T12:00:00Z'), first?.documentNumber as number, 'Feil pris');
    const kept = () => [...shop.deps.store.documents.values()].map((d) => `${d.kind}:${d.issueDate}`).sort();
    expect(kept()).toEqual(['credit_note:2026-01-02', 'invoice:2025-12-31', 'invoice:2026-01-01']);

    expect((await shop.sweep('2030-12-31T22:59:59Z')).counts.bookkeeping.found).toBe(0); // 23:59:59 in Oslo: still its last day
    const newYear = await shop.sweep('2030-12-31T23:00:00Z'); // midnight in Oslo
    expect(newYear.counts.bookkeeping).toMatchObject({ found: 1, done: 1, byEntity: { salesDocument: 1 } });
    expect(kept()).toEqual(['credit_note:2026-01-02', 'invoice:2026-01-01']);

    expect((await shop.sweep('2031-12-31T12:00:00Z')).counts.bookkeeping.done).toBe(0);
    expect((await shop.sweep('2032-01-01T12:00:00Z')).counts.bookkeeping.byEntity).toEqual({ salesDocument: 2, creditClaim: 1, receivable: 2 }); // each invoice's receivable goes with it
    expect(kept()).toEqual([]);
    expect(shop.deps.store.creditClaims.size).toBe(0);
  });
});

describe('expired messages, codes and counters', () => {
  it('are deleted once their time has passed, not a moment before', async () => {
    // Given a "ready" SMS (kept 14 days) and a sign-in code (live ten minutes) with its hour's and day's counters
    const shop = aShop();
    await customerWithSales(shop, '2026-01-05T10:00:00Z');
    const customer = await registerCustomer(shop.at('2026-01-05T11:00:00Z'), aCustomer());
    await requestSignInCode({ ...shop.deps, codeKey: async () => new Uint8Array(32), sealCode: async () => 'sealed' }, mobileOf(customer), '192.0.2.1');
    const store = shop.deps.store;
    const ephemeral = () => ({ messages: store.messages.size, codes: store.signInCodes.size, counters: store.signInRates.size });
    // The number's hour and day, and the client's hour and day.
    expect(ephemeral()).toEqual({ messages: 2, codes: 1, counters: 4 });
    // Then each goes on the run after its time, and not on the one before
    expect((await shop.sweep('2026-01-05T11:09:59Z')).counts.expiry.done).toBe(0);
    expect((await shop.sweep('2026-01-05T11:10:00Z')).counts.expiry.byEntity).toEqual({ signInCode: 1 });
    expect((await shop.sweep('2026-01-06T11:10:00Z')).counts.expiry.byEntity).toEqual({ signInRate: 4 });
    expect((await shop.sweep('2026-01-19T12:00:00Z')).counts.expiry.byEntity).toEqual({ message: 2 });
    expect(ephemeral()).toEqual({ messages: 0, codes: 0, counters: 0 });
  });
});

describe('safe to run and re-run', () => {
  async function busyShop() {
    const shop = aShop();
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await customerWithSales(shop, `2026-01-0${i + 1}T10:00:00Z`, { invoice: i % 2 === 0, open: i === 5 }));
    return { shop, customers };
  }
  const AS_OF = '2033-01-10T03:30:00Z';

  it('a dry run reports what the real run then does and changes nothing; a second real run changes nothing', async () => {
    const { shop } = await busyShop();
    const before = shopData(shop.deps.store);
    const dry = await shop.sweep(AS_OF, { dryRun: true });
    expect(shopData(shop.deps.store)).toEqual(before);
    expect(shop.deps.store.sweep.state).toBeUndefined(); // no checkpoint either

    const real = await shop.sweep(AS_OF);
    expect(real.counts).toEqual(dry.counts);
    expect(real.counts.expiry.byEntity).toEqual({ message: 6 });
    expect(real.counts.bookkeeping.byEntity).toEqual({ salesDocument: 3, counterSale: 3, receivable: 3 }); // past 2031-12-31
    expect(real.counts.inactivity).toMatchObject({ found: 6, done: 5, blocked: 1 });

    const after = shopData(shop.deps.store);
    const again = await shop.sweep(AS_OF);
    expect(shopData(shop.deps.store)).toEqual(after);
    expect(again.counts.inactivity).toMatchObject({ found: 1, done: 0, blocked: 1 });
    expect(again.counts.bookkeeping.found + again.counts.expiry.found).toBe(0);
  });

  it('pauses at the time limit, and the next runs pick up from the checkpoint and end as one run would', async () => {
    const { shop } = await busyShop();
    const { shop: reference } = await busyShop();
    const first = await shop.sweep(AS_OF, { pageSize: 2, stopAfter: new Date(0) });
    expect(first).toMatchObject({ status: 'paused', pages: 1 });
    let runs = 1;
    let last = first;
    while (last.status === 'paused' && runs < 100) {
      last = await shop.sweep(AS_OF, { pageSize: 2, stopAfter: new Date(0) });
      runs += 1;
    }
    expect(runs).toBeGreaterThan(3);
    const uninterrupted = await reference.sweep(AS_OF, { pageSize: 2 });
    expect(last).toMatchObject({ status: 'completed', resumed: true, counts: uninterrupted.counts });
    expect(last.counts.inactivity).toMatchObject({ found: 6, done: 5, blocked: 1 });
  });

  it('reports an item it could not settle, settles the rest, and settles that one on the next run', async () => {
    const { shop } = await busyShop();
    const realDelete = shop.deps.retention.deleteIfExpired.bind(shop.deps.retention);
    let deletes = 0;
    shop.deps.retention.deleteIfExpired = async (...args) => {
      if (++deletes === 2) throw Object.assign(new Error('Internal failure with the item'), { name: 'InternalServerError' });
      return realDelete(...args);
    };
    const run = await shop.sweep('2026-12-31T12:00:00Z'); // nothing inactive yet: only expired messages
    expect(run.counts.expiry).toMatchObject({ found: 6, done: 5, errors: 1 });
    expect(run.errors).toEqual([{ rule: 'expiry', entity: 'message', error: 'InternalServerError', count: 1 }]);
    // The report kept is the one returned: counts only.
    expect([...shop.deps.store.sweepReports.values()].map((r) => r.report)).toEqual([run]);
    const next = await shop.sweep('2026-12-31T12:00:00Z');
    expect(next.counts.expiry).toMatchObject({ found: 1, done: 1, errors: 0 });
  });

  it('lets one run work at a time', async () => {
    const shop = aShop();
    await shop.deps.retention.saveState({ fromYears: {} }, { holder: 'another run', now: new Date('2026-06-01T03:30:00Z'), leaseMs: 16 * 60_000 });
    expect((await shop.sweep('2026-06-01T03:31:00Z')).status).toBe('busy');
    expect((await shop.sweep('2026-06-01T03:47:00Z')).status).toBe('completed'); // that run's lease has run out
  });
});
