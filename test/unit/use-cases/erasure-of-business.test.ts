import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { renderErasureWaitingEmail } from '#shared/domain/notices/email-templates';
import type { AccountItem, CollectiveClaim } from '#shared/domain/invoices/account-items';
import { vatFromGross } from '#shared/domain/kernel/money';
import type { CustomerData } from '#shared/domain/rights/customer-export';
import { eraseCustomerData, erasureHolds, waitingHolds } from '#shared/domain/rights/erasure';
import { inactivityPseudonym } from '#shared/domain/retention/retention-sweep';
import { fakeClock } from '../../helpers/fake-clock';
import { aBusiness, aCustomer, aCustomerRecord } from '../../helpers/fixtures';
import { inMemoryDeps } from '../../helpers/in-memory';
import { accountItemId, collectiveClaimId } from '../../helpers/in-memory/store';

/**
 * A business's pickups on account are sales with no document until the period's collective
 * invoice (bokføringsforskriften § 5-1-1), and a claimed collective invoice not stored yet is a
 * number of the series with no document: either keeps the whole erasure waiting (uninvoiced_pickups).
 */
const NOW = '2026-12-10T09:00:00.000Z';
const customer = aCustomerRecord({ customerId: 'hotel-1' });
const nothing: CustomerData = { customer, orders: [], messages: [], documents: [], receivables: [], payments: [], reminders: [], requests: [], accountItems: [], collectiveClaims: [] };
const aPickup = (customerId: string): AccountItem => ({ customerId, orderId: '1001', n: 1, at: NOW, date: '2026-12-10', lines: [{ line: 1, name: 'Duk', quantity: 2, amountOre: 8_000 }], totals: vatFromGross(8_000, 25), reference: 'Kjøkkenet' });
const aClaim = (customerId: string, completed: boolean): CollectiveClaim => ({ customerId, period: '2026-11', documentNumber: 10001, claimedAt: NOW, ...(completed ? { completedAt: NOW } : {}) });

describe('the uninvoiced_pickups hold', () => {
  it.each([
    ['a pickup on account waiting', { accountItems: [aPickup('hotel-1')] }, ['uninvoiced_pickups']],
    ['a collective invoice claimed but not stored', { collectiveClaims: [aClaim('hotel-1', false)] }, ['uninvoiced_pickups']],
    ['only completed collective invoices', { collectiveClaims: [aClaim('hotel-1', true)] }, []],
    ['nothing on account', {}, []],
  ] as const)('with %s', (_case, extra, holds) => {
    const data = { ...nothing, ...extra } as CustomerData;
    expect(erasureHolds(data)).toEqual(holds);
    // It erases nothing while it lasts, as garments in the shop.
    expect(waitingHolds(data)).toEqual(holds);
  });
});

describe('erasing a business with pickups not invoiced', () => {
  it.each([
    ['its own request', {}],
    ['the inactivity sweep', { onlyIfInactiveSince: NOW }],
  ])('by %s is blocked and deletes neither the pickups nor an unfinished claim', async (_by, options) => {
    const deps = inMemoryDeps({ clock: () => new Date(NOW) });
    const hotel = await registerCustomer({ ...deps, clock: fakeClock('2026-01-05T09:00:00.000Z').now }, aCustomer({ name: 'Hotell Vente AS', business: aBusiness({ onAccount: true }) }) as never);
    const pickup = aPickup(hotel.customerId);
    deps.store.accountItems.set(accountItemId(pickup), pickup);
    deps.store.collectiveClaims.set(collectiveClaimId(hotel.customerId, '2026-11'), aClaim(hotel.customerId, false));
    const before = deps.store.snapshot();

    const result = await eraseCustomerData(deps, { customerId: hotel.customerId, pseudonym: inactivityPseudonym(hotel.customerId), ...options });

    expect(result).toEqual({ outcome: 'blocked', reason: 'uninvoiced_pickups' });
    // Everything as it was, the erasure mark lifted.
    expect(deps.store.snapshot()).toEqual(before);

    // Once the pickup is invoiced and the claim completed, nothing holds it any more.
    deps.store.accountItems.delete(accountItemId(pickup));
    deps.store.collectiveClaims.set(collectiveClaimId(hotel.customerId, '2026-11'), aClaim(hotel.customerId, true));
    expect(await eraseCustomerData(deps, { customerId: hotel.customerId, pseudonym: inactivityPseudonym(hotel.customerId), ...options })).toMatchObject({ outcome: 'erased', items: { collectiveClaim: 1 } });
  });
});

describe('the waiting notice by e-mail', () => {
  it.each(['nb', 'en'] as const)('tells a business in %s that the erasure waits for the collective invoice, not for garments', (language) => {
    const business = renderErasureWaitingEmail('Eksempel Renseri AS', language, 'uninvoiced_pickups');
    expect(business.text).toMatch(language === 'nb' ? /samlefakturaen/ : /collective invoice/);
    expect(business.text).not.toMatch(language === 'nb' ? /tøyet/ : /garments/);
    expect(renderErasureWaitingEmail('Eksempel Renseri AS', language).text).toMatch(language === 'nb' ? /tøyet/ : /garments/);
  });
});
