import { findCustomerByOrganisationNumber, findCustomerByPhone, findCustomersByName, getCustomerWithOrders, registerCustomer, updateCustomer } from '#shared/domain/customers/customer-use-cases';
import { pickupNoticeChannel } from '#shared/domain/customers/customers';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { fakeClock } from '../../helpers/fake-clock';
import { createOrder } from '#shared/domain/orders/order-use-cases';
import { aCustomer, aReceivedOrderThrough, anOrder, mobileOf, uniqueLandline, uniqueMobile } from '../../helpers/fixtures';
import { inMemoryDeps } from '../../helpers/in-memory';

/** The customers' use cases on the in-memory ports, with a clock the test sets. */
const given = () => {
  const clock = fakeClock('2026-03-02T09:00:00.000Z');
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};

describe('registering a customer', () => {
  it('stores the number in E.164 at version 1, stamped with the clock, and finds them by any spelling of it', async () => {
    // Given a counter
    const { deps } = given();
    // When a clerk registers Ola with the number as he says it
    const ola = await registerCustomer(deps, { name: 'Ola Nordmann', phone: '917 65 432' });
    // Then he is stored under +4791765432, in the shop's language, without an e-mail address
    expect(ola).toEqual({
      customerId: expect.any(String),
      name: 'Ola Nordmann',
      phone: { e164: '+4791765432', kind: 'mobile' },
      emailPurposes: [],
      language: 'nb',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
      lastActivityAt: '2026-03-02T09:00:00.000Z',
      version: 1,
    });
    expect(await findCustomerByPhone(deps, '+47 917 65 432')).toEqual(ola);
    await expect(findCustomerByPhone(deps, uniqueMobile())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a number already registered, naming the customer who has it, and stores nothing', async () => {
    // Given Kari is registered
    const { deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    const before = deps.store.snapshot();
    // When someone registers her number again, spelled differently
    const again = registerCustomer(deps, aCustomer({ name: 'Kari Kopi', phone: mobileOf(kari).replace('+47', '') }));
    // Then it is a conflict that names Kari, and nothing was stored
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ extensions: { existingCustomerId: kari.customerId } });
    expect(deps.store.snapshot()).toEqual(before);
  });

  it('keeps an e-mail address only with a purpose', async () => {
    const { deps } = given();
    await expect(registerCustomer(deps, aCustomer({ email: 'kari@example.no' }))).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/invoiceByEmail' }] });
    expect(await registerCustomer(deps, aCustomer({ email: 'Kari@Example.NO', invoiceByEmail: true }))).toMatchObject({ email: 'Kari@example.no', emailPurposes: ['invoice'] });
    await expect(registerCustomer(deps, aCustomer({ phone: '800 12 345' }))).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('a customer without a mobile number', () => {
  it('is registered with a landline, which claims nothing: a hotel switchboard can be two guests\' number', async () => {
    // Given a hotel's switchboard number
    const { deps } = given();
    const switchboard = uniqueLandline();
    // When two guests are registered with it
    const first = await registerCustomer(deps, { name: 'Gjest En', phone: switchboard.replace('+47', '') });
    const second = await registerCustomer(deps, { name: 'Gjest To', phone: switchboard });
    // Then both are stored with the landline, to be called when their garments are ready
    for (const guest of [first, second]) {
      expect(await deps.customers.get(guest.customerId)).toEqual({ ...guest, phone: { e164: switchboard, kind: 'landline' } });
      expect(pickupNoticeChannel(guest)).toBe('call');
    }
    // And the number finds no one: the counter is sent to the name search instead
    await expect(findCustomerByPhone(deps, switchboard)).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/phone' }] });
    expect(deps.store.phoneClaims.size).toBe(0);
  });

  it('is registered with no number at all, and the counter waits for them', async () => {
    const { deps } = given();
    const walkIn = await registerCustomer(deps, { name: 'Ola' });
    expect(walkIn).not.toHaveProperty('phone');
    expect(await deps.customers.get(walkIn.customerId)).toEqual(walkIn);
    expect(pickupNoticeChannel(walkIn)).toBe('wait');
  });

  it('moves between mobile, landline and none, keeping the mobile\'s claim right', async () => {
    const { deps } = given();
    const mobile = uniqueMobile();
    const kari = await registerCustomer(deps, { name: 'Kari', phone: mobile });
    // To a landline: the mobile is free for someone else
    const landline = await updateCustomer(deps, kari.customerId, { phone: '22 12 34 56' });
    expect(landline.phone).toEqual({ e164: '+4722123456', kind: 'landline' });
    await expect(findCustomerByPhone(deps, mobile)).rejects.toBeInstanceOf(NotFoundError);
    // To no number
    const none = await updateCustomer(deps, kari.customerId, { phone: null });
    expect(none).not.toHaveProperty('phone');
    expect(pickupNoticeChannel(none)).toBe('wait');
    // Back to the mobile: claimed again, and refused to anyone else
    await updateCustomer(deps, kari.customerId, { phone: mobile });
    expect((await findCustomerByPhone(deps, mobile)).customerId).toBe(kari.customerId);
    await expect(registerCustomer(deps, { name: 'Ola', phone: mobile })).rejects.toMatchObject({ name: 'ConflictError', extensions: { existingCustomerId: kari.customerId } });
  });

  it('refuses a number that is neither mobile nor landline, naming /phone, and changes nothing', async () => {
    const { deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    const before = deps.store.snapshot();
    for (const phone of ['800 12 345', '815 00 000', '12']) {
      await expect(updateCustomer(deps, kari.customerId, { phone })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/phone' }] });
      await expect(registerCustomer(deps, { name: 'Ola', phone })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/phone' }] });
    }
    expect(deps.store.snapshot()).toEqual(before);
  });
});

describe('finding customers by name', () => {
  it('finds them by what the clerk types, whatever their number, a page at a time', async () => {
    // Given three customers called Bøe, with a mobile, a landline and no number, and one Hansen
    const { deps } = given();
    const boes = [
      await registerCustomer(deps, { name: 'Kari Bøe', phone: uniqueMobile() }),
      await registerCustomer(deps, { name: 'Ola Bøe', phone: uniqueLandline() }),
      await registerCustomer(deps, { name: 'Per Bøe' }),
    ];
    await registerCustomer(deps, { name: 'Kari Hansen' });
    // When the clerk types "boe", two at a time
    const first = await findCustomersByName(deps, 'boe', { limit: 2 });
    const second = await findCustomersByName(deps, 'boe', { limit: 2, cursor: first.nextCursor as string });
    // Then the three come, each once, and the Hansen does not
    expect([...first.items, ...second.items].map((c) => c.customerId).sort()).toEqual(boes.map((c) => c.customerId).sort());
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses a search with nothing to search for, naming the parameter', async () => {
    const { deps } = given();
    await expect(findCustomersByName(deps, ' - ', { limit: 10 })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '#/query/name' }] });
  });
});

describe('updating a customer', () => {
  it('applies a change read at the current version (If-Match), and refuses one from a stale read, changing nothing', async () => {
    // Given Kari, registered an hour ago
    const { clock, deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    clock.advance(3_600_000);
    // When one clerk corrects her name at version 1
    const first = await updateCustomer(deps, kari.customerId, { name: 'Kari A' }, 1);
    // Then the change is stored at version 2, stamped with the clock
    expect(first).toEqual({ ...kari, name: 'Kari A', updatedAt: '2026-03-02T10:00:00.000Z', version: 2 });
    // And a second clerk who also read version 1 is refused, and the first change stands
    await expect(updateCustomer(deps, kari.customerId, { name: 'Kari B' }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await deps.customers.get(kari.customerId)).toEqual(first);
  });

  it('moves the number, freeing the old one, and refuses a number another customer holds', async () => {
    const { deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    const ola = await registerCustomer(deps, aCustomer({ name: 'Ola' }));
    const newPhone = uniqueMobile();
    await updateCustomer(deps, kari.customerId, { phone: newPhone });
    expect((await findCustomerByPhone(deps, newPhone)).customerId).toBe(kari.customerId);
    await expect(findCustomerByPhone(deps, mobileOf(kari))).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCustomer(deps, ola.customerId, { phone: newPhone })).rejects.toMatchObject({ name: 'ConflictError', extensions: { existingCustomerId: kari.customerId } });
  });

  it('refuses a change made from a profile read before an order was taken in', async () => {
    // Given a clerk read Kari's profile, and then an order was taken in for her
    const { clock, deps } = given();
    const kari = await registerCustomer(deps, aCustomer());
    clock.advance(60_000);
    await createOrder(deps, anOrder(kari.customerId));
    // When the profile read before is written back, it is refused: the retention clock would run early
    await expect(deps.customers.replace(kari, { ...kari, name: 'Stale', version: 2 })).rejects.toBeInstanceOf(PreconditionFailedError);
    // Then the last activity is the order's, at the same version
    expect(await deps.customers.get(kari.customerId)).toEqual({ ...kari, lastActivityAt: clock.iso() });
  });

  it('is not found for a customer that does not exist', async () => {
    const { deps } = given();
    await expect(updateCustomer(deps, '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { name: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomerWithOrders(deps, '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

it('gives a customer with their orders, newest first, a page at a time', async () => {
  // Given Kari with three orders, and Ola with one
  const { deps } = given();
  const { customer: kari, order: first } = await aReceivedOrderThrough(deps);
  const second = await createOrder(deps, anOrder(kari.customerId));
  await aReceivedOrderThrough(deps);
  const third = await createOrder(deps, anOrder(kari.customerId));
  // When the counter reads her two at a time
  const page1 = await getCustomerWithOrders(deps, kari.customerId, { limit: 2 });
  const page2 = await getCustomerWithOrders(deps, kari.customerId, { limit: 2, cursor: page1.orders.nextCursor as string });
  // Then her own orders come newest first, each once
  expect(page1.customer).toMatchObject({ customerId: kari.customerId });
  expect([...page1.orders.items, ...page2.orders.items].map((o) => o.orderId)).toEqual([third.orderId, second.orderId, first.orderId]);
  expect(page2.orders.nextCursor).toBeUndefined();
});

describe('a business customer', () => {
  const invoiceAddress = { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' };

  it('is registered on its switchboard with its number as digits, on account, and found by the number and by its legal name', async () => {
    // Given a hotel that gives its switchboard and its organisation number as printed on its letters
    const { deps } = given();
    const switchboard = uniqueLandline();
    // When a clerk registers it
    const hotel = await registerCustomer(deps, { name: 'Fjordhotellet AS', phone: switchboard, business: { organisationNumber: '923 609 016', invoiceAddress, contactName: 'Kari Hansen' } });
    // Then the number is stored as its nine digits, the account on account and without EHF, and the shop calls rather than texts
    expect(hotel.business).toEqual({ organisationNumber: '923609016', invoiceAddress, contactName: 'Kari Hansen', onAccount: true, ehf: false });
    expect(pickupNoticeChannel(hotel)).toBe('call');
    expect(await findCustomerByOrganisationNumber(deps, '923609016')).toEqual(hotel);
    expect((await findCustomersByName(deps, 'fjordhot', { limit: 10 })).items).toEqual([hotel]);
  });

  it('is refused a number failing MOD11 or one another customer has, naming the field, and nothing is stored', async () => {
    const { deps } = given();
    const first = await registerCustomer(deps, { name: 'Fjordhotellet AS', business: { organisationNumber: '923609016', invoiceAddress } });
    const before = deps.store.snapshot();
    await expect(registerCustomer(deps, aCustomer({ business: { organisationNumber: '923609017', invoiceAddress } }))).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/business/organisationNumber' }] });
    await expect(registerCustomer(deps, aCustomer({ business: { organisationNumber: '923 609 016', invoiceAddress } }))).rejects.toMatchObject({
      name: 'ConflictError',
      extensions: { existingCustomerId: first.customerId, errors: [{ pointer: '/business/organisationNumber' }] },
    });
    expect(deps.store.snapshot()).toEqual(before);
  });

  it('is not found by a number no one has, and a search by a malformed one names the parameter', async () => {
    const { deps } = given();
    await expect(findCustomerByOrganisationNumber(deps, '974760673')).rejects.toBeInstanceOf(NotFoundError);
    await expect(findCustomerByOrganisationNumber(deps, '97476067')).rejects.toMatchObject({ issues: [{ pointer: '#/query/organisationNumber' }] });
  });

  it('is corrected: a new number moves its claim, the contact can be removed, and a private customer can become one', async () => {
    const { deps } = given();
    const hotel = await registerCustomer(deps, { name: 'Fjordhotellet AS', business: { organisationNumber: '923609016', invoiceAddress, contactName: 'Kari Hansen', reference: 'Resepsjonen' } });
    const corrected = await updateCustomer(deps, hotel.customerId, { business: { organisationNumber: '974 760 673', contactName: null } });
    expect(corrected.business).toEqual({ organisationNumber: '974760673', invoiceAddress, reference: 'Resepsjonen', onAccount: true, ehf: false });
    expect(deps.store.organisationClaims).toEqual(new Map([['974760673', hotel.customerId]]));

    const kari = await registerCustomer(deps, aCustomer({ name: 'Kari Frisør' }));
    await expect(updateCustomer(deps, kari.customerId, { business: { ehf: true } })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ pointer: '/business/organisationNumber' }, { pointer: '/business/invoiceAddress' }] });
    await expect(updateCustomer(deps, kari.customerId, { business: { organisationNumber: '974760673', invoiceAddress } })).rejects.toMatchObject({ name: 'ConflictError', extensions: { existingCustomerId: hotel.customerId } });
    const business = await updateCustomer(deps, kari.customerId, { name: 'Kari Frisør AS', business: { organisationNumber: '923609016', invoiceAddress, ehf: true } });
    expect(business.business).toEqual({ organisationNumber: '923609016', invoiceAddress, onAccount: true, ehf: true });
    expect(await findCustomerByOrganisationNumber(deps, '923 609 016')).toEqual(business);
  });
});
