import type { Customer } from '#shared/domain/customers/customers';
import { nameSearchPrefix } from '#shared/domain/customers/name-search';
import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import { aCustomerRecord, aLandline, aMessageRecord, aMobile, mobileOf, RECORD_TIME, uniqueMobile, uniqueOrganisationNumber } from '../helpers/fixtures';
import type { BusinessAccount } from '#shared/domain/customers/customers';
import { aStoredCustomer, allPages, anOrderIn, FORGED_CURSOR, minutesAfter, refusedWithoutWriting } from './arrange';
import type { WorldFactory } from './world';

/** What every CustomerRepository promises: one customer per number, changes only at the version read. */
export function customerRepositoryContract(fresh: WorldFactory): void {
  it('stores a registered customer and finds them by id and by number', async () => {
    const world = await fresh();
    const customer = aCustomerRecord({ email: 'kari@example.no', emailPurposes: ['invoice'] });
    await world.customers.register(customer);
    expect(await world.customers.get(customer.customerId)).toEqual(customer);
    expect(await world.customers.findIdByPhone(mobileOf(customer))).toBe(customer.customerId);
    expect(await world.customers.get('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11')).toBeUndefined();
    expect(await world.customers.findIdByPhone(uniqueMobile())).toBeUndefined();
  });

  it('refuses a second customer with the same number, naming the first, and writes nothing', async () => {
    const world = await fresh();
    const first = await aStoredCustomer(world);
    const second = aCustomerRecord({ phone: aMobile(mobileOf(first)) });
    await refusedWithoutWriting(world, () => world.customers.register(second), ConflictError, { extensions: { existingCustomerId: first.customerId } });
    expect(await world.customers.get(second.customerId)).toBeUndefined();
  });

  it('lets one of many simultaneous registrations of a number win, and tells the others who did', async () => {
    const world = await fresh();
    const phone = uniqueMobile();
    const attempts = Array.from({ length: 6 }, () => aCustomerRecord({ phone: aMobile(phone) }));
    const outcomes = await Promise.allSettled(attempts.map((c) => world.customers.register(c)));
    const winners = attempts.filter((_, i) => outcomes[i]?.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.customerId;
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(ConflictError);
      expect(outcome.reason).toMatchObject({ extensions: { existingCustomerId: winner } });
    }
    expect(await world.customers.findIdByPhone(phone)).toBe(winner);
  });

  it('replaces a customer read at the current version', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    const after = { ...before, name: 'Kari Nordmann-Lie', updatedAt: minutesAfter(before.updatedAt, 5), version: 2 };
    await world.customers.replace(before, after);
    expect(await world.customers.get(before.customerId)).toEqual(after);
  });

  it('refuses a replacement from a stale read (another change, or an order taken in since) and writes nothing', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    await world.customers.replace(before, { ...before, name: 'Changed', version: 2 });
    await refusedWithoutWriting(world, () => world.customers.replace(before, { ...before, name: 'Lost update', version: 2 }), PreconditionFailedError);

    // Taking in an order moves the last activity without a new version: a profile read before it is stale too.
    const other = await aStoredCustomer(world);
    await anOrderIn(world, { customer: other, at: minutesAfter(other.createdAt, 60) });
    await refusedWithoutWriting(world, () => world.customers.replace(other, { ...other, name: 'Lost update', version: 2 }), PreconditionFailedError);
    expect(await world.customers.get(other.customerId)).toEqual({ ...other, lastActivityAt: minutesAfter(other.createdAt, 60) });
  });

  it('refuses to replace a customer that does not exist', async () => {
    const world = await fresh();
    const ghost = aCustomerRecord();
    await refusedWithoutWriting(world, () => world.customers.replace(ghost, { ...ghost, version: 2 }), PreconditionFailedError);
    expect(await world.customers.get(ghost.customerId)).toBeUndefined();
  });

  it('moves the number with a replacement: the new one is the customer\'s, the old one free again', async () => {
    const world = await fresh();
    const before = await aStoredCustomer(world);
    const after = { ...before, phone: aMobile(), version: 2 };
    await world.customers.replace(before, after);
    expect(await world.customers.findIdByPhone(mobileOf(after))).toBe(before.customerId);
    expect(await world.customers.findIdByPhone(mobileOf(before))).toBeUndefined();
    await expect(world.customers.register(aCustomerRecord({ phone: before.phone }))).resolves.toBeUndefined();
  });

  it('refuses to move a customer to a number another customer holds, naming them, and writes nothing', async () => {
    const world = await fresh();
    const holder = await aStoredCustomer(world);
    const before = await aStoredCustomer(world);
    await refusedWithoutWriting(world, () => world.customers.replace(before, { ...before, phone: holder.phone, version: 2 }), ConflictError, {
      extensions: { existingCustomerId: holder.customerId },
    });
  });

  describe('customers without a mobile number', () => {
    it('stores a customer with a landline or with no number, and claims nothing for them', async () => {
      const world = await fresh();
      const hotel = aCustomerRecord({ name: 'Hotell Bristol', phone: aLandline() });
      const walkIn = aCustomerRecord({ name: 'Ola' });
      delete walkIn.phone;
      await world.customers.register(hotel);
      await world.customers.register(walkIn);
      expect(await world.customers.get(hotel.customerId)).toEqual(hotel);
      expect(await world.customers.get(walkIn.customerId)).toEqual(walkIn);
      expect(await world.customers.findIdByPhone(hotel.phone?.e164 as string)).toBeUndefined();
    });

    it('lets customers share a landline (a hotel\'s switchboard)', async () => {
      const world = await fresh();
      const switchboard = aLandline();
      const guests = [aCustomerRecord({ name: 'Gjest En', phone: switchboard }), aCustomerRecord({ name: 'Gjest To', phone: switchboard })];
      for (const guest of guests) await world.customers.register(guest);
      for (const guest of guests) expect(await world.customers.get(guest.customerId)).toEqual(guest);
    });

    it.each([
      ['a landline', () => aLandline()],
      ['no number', () => undefined],
    ])('frees the mobile when the customer moves to %s, and voids a sign-in code sent to it', async (_case, number) => {
      const world = await fresh();
      const before = await aStoredCustomer(world);
      const mobile = mobileOf(before);
      const code = { phone: mobile, customerId: before.customerId, codeHash: 'hash-1', sealedCode: 'sealed-1', hour: RECORD_TIME.slice(0, 13), maxPerHour: 3, day: RECORD_TIME.slice(0, 10), maxPerDay: 6, expiresAt: Math.floor(Date.parse(RECORD_TIME) / 1000) + 600, createdAt: RECORD_TIME, now: Math.floor(Date.parse(RECORD_TIME) / 1000), maxAttempts: 5 };
      await world.signIn.issueCode({ ...code, message: aMessageRecord({ customerId: before.customerId, purpose: 'verification_code', params: { sealedCode: 'sealed-1', minutes: 10 } }) });
      const { phone: _mobile, ...rest } = before;
      const phone = number();
      const after: Customer = { ...rest, ...(phone ? { phone } : {}), version: 2 };
      await world.customers.replace(before, after);
      expect(await world.customers.get(before.customerId)).toEqual(after);
      expect(await world.customers.findIdByPhone(mobile)).toBeUndefined();
      expect(await world.signIn.countAttempt(mobile, 5, Math.floor(Date.parse(RECORD_TIME) / 1000))).toBeUndefined();
      await expect(world.customers.register(aCustomerRecord({ phone: aMobile(mobile) }))).resolves.toBeUndefined();
    });

    it('claims a mobile given to a customer who had a landline or none, and refuses one another customer holds, writing nothing', async () => {
      const world = await fresh();
      const holder = await aStoredCustomer(world);
      const hotel = await aStoredCustomer(world, { phone: aLandline() });
      await refusedWithoutWriting(world, () => world.customers.replace(hotel, { ...hotel, phone: holder.phone, version: 2 }), ConflictError, { extensions: { existingCustomerId: holder.customerId } });
      const after = { ...hotel, phone: aMobile(), version: 2 };
      await world.customers.replace(hotel, after);
      expect(await world.customers.findIdByPhone(mobileOf(after))).toBe(hotel.customerId);
    });
  });

  describe('findByName', () => {
    const search = (world: Awaited<ReturnType<WorldFactory>>, typed: string, page: { limit: number; cursor?: string } = { limit: 10 }) => world.customers.findByName(nameSearchPrefix(typed), page);
    const names = (page: { items: Customer[] }) => page.items.map((c) => c.name);

    it('finds customers by a prefix of any word of the name, case, accents and æ, ø, å folded, with the profile as stored', async () => {
      const world = await fresh();
      const boe = await aStoredCustomer(world, { name: 'Kari Bøe' });
      await aStoredCustomer(world, { name: 'Åse Ærlig' });
      await aStoredCustomer(world, { name: 'Ola Nordmann' });
      for (const typed of ['bo', 'boe', 'bø', 'BØE', 'kari b']) expect(await search(world, typed)).toEqual({ items: [boe] });
      expect(names(await search(world, 'aase'))).toEqual(['Åse Ærlig']);
      expect(names(await search(world, 'aerl'))).toEqual(['Åse Ærlig']);
      expect(await search(world, 'hansen')).toEqual({ items: [] });
    });

    it('gives the matches in the order of the matched words, page by page, each once', async () => {
      const world = await fresh();
      for (const name of ['Hanne Lie', 'Kari Hansen', 'Hans Berg', 'Per Hansen-Dahl', 'Ola Nordmann', 'Hannah Ås']) await aStoredCustomer(world, { name });
      const { items } = await allPages(2, (page) => search(world, 'han', page));
      expect(items.map((c) => c.name)).toEqual(['Hannah Ås', 'Hanne Lie', 'Hans Berg', 'Kari Hansen', 'Per Hansen-Dahl']);
    });

    it('lists a customer once on a page even when two words of the name match', async () => {
      const world = await fresh();
      const anna = await aStoredCustomer(world, { name: 'Anna Annesen' });
      expect(await search(world, 'ann')).toEqual({ items: [anna] });
    });

    it('follows a change of name: the old name finds nothing, the new one finds the customer', async () => {
      const world = await fresh();
      const before = await aStoredCustomer(world, { name: 'Kari Nordmann Lie Berg' });
      const after = { ...before, name: 'Kari Bøe', version: 2 };
      await world.customers.replace(before, after);
      for (const gone of ['nordmann', 'lie', 'berg', 'kari n']) expect(await search(world, gone)).toEqual({ items: [] });
      expect(await search(world, 'boe')).toEqual({ items: [after] });
      expect(await search(world, 'kari')).toEqual({ items: [after] });
    });

    it('refuses a cursor it did not hand out, or one of another search', async () => {
      const world = await fresh();
      for (const name of ['Berit', 'Bente', 'Bjørn', 'Bodil']) await aStoredCustomer(world, { name });
      const other = await search(world, 'b', { limit: 1 });
      expect(other.nextCursor).toEqual(expect.any(String));
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, other.nextCursor as string]) {
        await expect(search(world, 'bo', { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });

  describe('business customers', () => {
    const anAccount = (overrides: Partial<BusinessAccount> = {}): BusinessAccount => ({
      organisationNumber: uniqueOrganisationNumber(),
      invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' },
      contactName: 'Kari Hansen',
      reference: 'Housekeeping 4410',
      onAccount: true,
      ehf: false,
      ...overrides,
    });
    const organisationTaken = (existingCustomerId: string) => ({ extensions: { existingCustomerId, errors: [{ pointer: '/business/organisationNumber' }] } });

    it('stores a business on its switchboard with its account as given, and finds it by its organisation number', async () => {
      const world = await fresh();
      const hotel = aCustomerRecord({ name: 'Fjordhotellet AS', phone: aLandline(), business: anAccount() });
      await world.customers.register(hotel);
      expect(await world.customers.get(hotel.customerId)).toEqual(hotel);
      expect(await world.customers.findIdByOrganisationNumber(hotel.business?.organisationNumber as string)).toBe(hotel.customerId);
      expect(await world.customers.findIdByOrganisationNumber(uniqueOrganisationNumber())).toBeUndefined();
      // Without a contact or a reference, the account has neither.
      const bare = aCustomerRecord({ phone: aLandline(), business: anAccount({ contactName: undefined, reference: undefined }) });
      const { contactName: _c, reference: _r, ...account } = bare.business as BusinessAccount;
      const stored = { ...bare, business: account };
      await world.customers.register(stored);
      expect(await world.customers.get(bare.customerId)).toEqual(stored);
    });

    it('refuses a second customer with the same organisation number, naming the first and the field, and writes nothing', async () => {
      const world = await fresh();
      const first = await aStoredCustomer(world, { phone: aLandline(), business: anAccount() });
      const second = aCustomerRecord({ name: 'Fjordhotellet (kopi)', business: anAccount({ organisationNumber: first.business?.organisationNumber as string }) });
      await refusedWithoutWriting(world, () => world.customers.register(second), ConflictError, organisationTaken(first.customerId));
      expect(await world.customers.get(second.customerId)).toBeUndefined();
      expect(await world.customers.findIdByPhone(mobileOf(second))).toBeUndefined(); // its mobile was not claimed either
    });

    it('lets one of many simultaneous registrations of a business win', async () => {
      const world = await fresh();
      const organisationNumber = uniqueOrganisationNumber();
      const attempts = Array.from({ length: 4 }, () => aCustomerRecord({ business: anAccount({ organisationNumber }) }));
      const outcomes = await Promise.allSettled(attempts.map((c) => world.customers.register(c)));
      const winners = attempts.filter((_, i) => outcomes[i]?.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) expect(outcome.reason).toMatchObject(organisationTaken(winners[0]?.customerId as string));
      expect(await world.customers.findIdByOrganisationNumber(organisationNumber)).toBe(winners[0]?.customerId);
    });

    it('moves the claim with a corrected number, claims one for a customer becoming a business, and keeps it through other changes', async () => {
      const world = await fresh();
      const before = await aStoredCustomer(world, { business: anAccount() });
      const corrected = { ...before, business: anAccount({ organisationNumber: uniqueOrganisationNumber() }), version: 2 };
      await world.customers.replace(before, corrected);
      expect(await world.customers.findIdByOrganisationNumber(corrected.business.organisationNumber)).toBe(before.customerId);
      expect(await world.customers.findIdByOrganisationNumber(before.business?.organisationNumber as string)).toBeUndefined();
      const renamed = { ...corrected, name: 'Fjordhotellet Drift AS', business: { ...corrected.business, contactName: 'Ola Berg' }, version: 3 };
      await world.customers.replace(corrected, renamed);
      expect(await world.customers.get(before.customerId)).toEqual(renamed);
      expect(await world.customers.findIdByOrganisationNumber(corrected.business.organisationNumber)).toBe(before.customerId);

      const privateCustomer = await aStoredCustomer(world);
      const nowBusiness = { ...privateCustomer, business: anAccount(), version: 2 };
      await world.customers.replace(privateCustomer, nowBusiness);
      expect(await world.customers.findIdByOrganisationNumber(nowBusiness.business.organisationNumber)).toBe(privateCustomer.customerId);
    });

    it('refuses to move a business to a number another customer holds, naming them, and writes nothing', async () => {
      const world = await fresh();
      const holder = await aStoredCustomer(world, { business: anAccount() });
      const before = await aStoredCustomer(world, { business: anAccount() });
      const clash = { ...before, business: anAccount({ organisationNumber: holder.business?.organisationNumber as string }), version: 2 };
      await refusedWithoutWriting(world, () => world.customers.replace(before, clash), ConflictError, organisationTaken(holder.customerId));
      expect(await world.customers.findIdByOrganisationNumber(before.business?.organisationNumber as string)).toBe(before.customerId);
    });
  });

  describe('getWithOrders', () => {
    it('is undefined for a customer that does not exist, and an empty page for one without orders', async () => {
      const world = await fresh();
      expect(await world.customers.getWithOrders('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11', { limit: 10 })).toBeUndefined();
      const customer = await aStoredCustomer(world);
      const found = await world.customers.getWithOrders(customer.customerId, { limit: 10 });
      expect(found).toEqual({ customer, orders: { items: [] } });
    });

    it('gives the customer\'s own orders newest ticket first, page by page, each once', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const orders = [];
      for (let i = 0; i < 5; i++) {
        orders.push(await anOrderIn(world, { customer, at: minutesAfter(customer.createdAt, i) }));
        await anOrderIn(world); // someone else's, between them
      }
      const { items } = await allPages(2, async (page) => {
        const found = await world.customers.getWithOrders(customer.customerId, page);
        expect(found?.customer).toEqual({ ...customer, lastActivityAt: minutesAfter(customer.createdAt, 4) });
        return found?.orders ?? { items: [] };
      });
      expect(items.map((o) => o.orderId)).toEqual(orders.map((o) => o.orderId).reverse());
      expect(items[0]).toEqual(orders[4]);
    });

    it('refuses a cursor it did not hand out, or one from another customer\'s list', async () => {
      const world = await fresh();
      const customer = await aStoredCustomer(world);
      const other = await aStoredCustomer(world);
      await anOrderIn(world, { customer: other });
      await anOrderIn(world, { customer: other });
      const othersPage = await world.customers.getWithOrders(other.customerId, { limit: 1 });
      expect(othersPage?.orders.nextCursor).toEqual(expect.any(String));
      for (const cursor of ['not-a-cursor', FORGED_CURSOR, othersPage?.orders.nextCursor as string]) {
        await expect(world.customers.getWithOrders(customer.customerId, { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });
}
