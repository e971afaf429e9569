import { formatOrganisationNumber } from '#shared/domain/customers/business';
import { aBusiness, aCustomer, anOrderTakenIn, uniqueLandline, uniqueMobile, uniqueOrganisationNumber } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Business customers (issue 17, point 1) through the staff API on DynamoDB Local: a hotel on its
 * switchboard, its organisation number unique among customers, found by that number and by its
 * legal name, and corrected without ever leaving a claim behind.
 */
const api = apiHarness();
const { call } = api;

const spaced = (digits: string) => formatOrganisationNumber(digits);
const claims = async () => (await api.env.allItems()).filter((i) => i.entity === 'organisationClaim');
const registerBusiness = async (overrides: Record<string, unknown> = {}, business: Record<string, unknown> = {}) => {
  const response = await call('POST', '/admin/customers', { token: api.staff, body: { name: 'Fjordhotellet AS', phone: uniqueLandline(), ...overrides, business: aBusiness(business) } });
  expect(response.status).toBe(201);
  return response.json as { customerId: string; version: number; business: { organisationNumber: string } } & Record<string, unknown>;
};

describe('registering a business', () => {
  it('takes a hotel on its switchboard, the number typed with spaces, stored as digits and shown both ways, on account and without EHF by default', async () => {
    const digits = uniqueOrganisationNumber();
    const switchboard = uniqueLandline();
    const created = await call('POST', '/admin/customers', {
      token: api.staff,
      body: {
        name: 'Fjordhotellet AS',
        phone: switchboard.replace('+47', ''),
        email: 'faktura@fjordhotellet.no',
        invoiceByEmail: true,
        business: { organisationNumber: spaced(digits), invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' }, contactName: 'Kari Hansen', reference: 'Housekeeping 4410' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Fjordhotellet AS',
      phone: switchboard,
      phoneKind: 'landline',
      email: 'faktura@fjordhotellet.no',
      emailPurposes: ['invoice'],
      business: {
        organisationNumber: digits,
        organisationNumberFormatted: spaced(digits),
        invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' },
        contactName: 'Kari Hansen',
        reference: 'Housekeeping 4410',
        onAccount: true,
        ehf: false,
      },
    });
    const customerId = created.json.customerId as string;
    // The switchboard claims nothing (it may be shared); the organisation number claims the business.
    const items = await api.env.allItems();
    expect(items.filter((i) => i.entity === 'phoneClaim' && i.customerId === customerId)).toEqual([]);
    expect(items.filter((i) => i.entity === 'organisationClaim' && i.customerId === customerId)).toEqual([
      { pk: `ORGNO#${digits}`, sk: 'CLAIM', entity: 'organisationClaim', customerId },
    ]);
    // The profile reads back as registered.
    expect((await call('GET', `/admin/customers/${customerId}`, { token: api.staff })).json.customer).toEqual(created.json);
    // Told by a call, never by SMS: the order's notice is "call".
    expect((await anOrderTakenIn(call, api.staff, customerId)).noticeBy).toBe('call');
  });

  it('takes a business whose number is a mobile too: that one gets the SMS, as any mobile does', async () => {
    const created = await registerBusiness({ phone: uniqueMobile() }, { onAccount: false, ehf: true });
    expect(created).toMatchObject({ phoneKind: 'mobile', business: { onAccount: false, ehf: true } });
    expect((await anOrderTakenIn(call, api.staff, created.customerId)).noticeBy).toBe('sms');
  });

  it.each([
    ['a wrong check digit', '923 609 017'],
    ['eight digits', '92360901'],
    ['dashes', '923-609-016'],
  ])('refuses %s with 400 naming /business/organisationNumber, and writes nothing', async (_case, organisationNumber) => {
    const before = await api.env.allItems();
    const response = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ business: aBusiness({ organisationNumber }) }) });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ pointer: '/business/organisationNumber' })]);
    expect(await api.env.allItems()).toEqual(before);
  });

  it('refuses a business without an invoice address, naming it', async () => {
    const response = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ business: { organisationNumber: uniqueOrganisationNumber() } }) });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ pointer: '/business/invoiceAddress' })]);
  });

  it('answers 409 naming the field and the business that has the number, and writes nothing, its mobile not claimed either', async () => {
    const first = await registerBusiness();
    const before = await api.env.allItems();
    const again = await call('POST', '/admin/customers', {
      token: api.staff,
      body: aCustomer({ name: 'Fjordhotellet (igjen)', business: aBusiness({ organisationNumber: spaced(first.business.organisationNumber) }) }),
    });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ existingCustomerId: first.customerId, errors: [{ pointer: '/business/organisationNumber', detail: expect.any(String) }] });
    expect(await api.env.allItems()).toEqual(before);
  });

  it('keeps one business per number when several clerks register it at once', async () => {
    const organisationNumber = uniqueOrganisationNumber();
    const attempts = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ business: aBusiness({ organisationNumber }) }) })));
    const winners = attempts.filter((a) => a.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of attempts.filter((a) => a.status !== 201)) expect(loser.json).toMatchObject({ status: 409, existingCustomerId: winners[0]?.json.customerId });
    expect((await claims()).filter((c) => c.pk === `ORGNO#${organisationNumber}`)).toHaveLength(1);
  });
});

describe('finding a business', () => {
  it('by its organisation number, typed with or without spaces, in two reads by key', async () => {
    const hotel = await registerBusiness();
    for (const typed of [hotel.business.organisationNumber, spaced(hotel.business.organisationNumber)]) {
      const found = await call('GET', `/admin/customers?organisationNumber=${encodeURIComponent(typed)}`, { token: api.staff });
      expect(found.status).toBe(200);
      expect(found.json).toEqual(hotel);
    }
  });

  it('answers 404 for a valid number no customer has, and 400 naming the parameter for one failing MOD11', async () => {
    expect((await call('GET', `/admin/customers?organisationNumber=${uniqueOrganisationNumber()}`, { token: api.staff })).status).toBe(404);
    const invalid = await call('GET', '/admin/customers?organisationNumber=923609017', { token: api.staff });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors).toEqual([expect.objectContaining({ pointer: '#/query/organisationNumber' })]);
    // One lookup at a time: a number and a name together are refused.
    expect((await call('GET', '/admin/customers?organisationNumber=923609016&name=fjord', { token: api.staff })).status).toBe(400);
  });

  it('by its legal name, listed with its organisation number beside namesakes that are people', async () => {
    const mark = uniqueOrganisationNumber();
    const hotel = await registerBusiness({ name: `Bøe Bilpleie ${mark} AS` });
    const person = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: `Kari Bøe Bilpleie ${mark}` }) });
    const found = await call('GET', `/admin/customers?name=${encodeURIComponent(`bøe bilpleie ${mark}`)}`, { token: api.staff });
    expect(found.status).toBe(200);
    expect(found.json.customers).toEqual(
      expect.arrayContaining([
        { customerId: hotel.customerId, name: `Bøe Bilpleie ${mark} AS`, phone: hotel.phone, phoneKind: 'landline', organisationNumber: spaced(hotel.business.organisationNumber) },
        expect.objectContaining({ customerId: person.json.customerId, name: `Kari Bøe Bilpleie ${mark}` }),
      ]),
    );
    expect((found.json.customers as Record<string, unknown>[]).find((c) => c.customerId === person.json.customerId)).not.toHaveProperty('organisationNumber');
  });
});

describe('correcting a business', () => {
  it('moves the claim with a corrected number: the old one finds no one and is free to register, the new one finds the business', async () => {
    const hotel = await registerBusiness();
    const old = hotel.business.organisationNumber;
    const corrected = uniqueOrganisationNumber();
    const changed = await call('PATCH', `/admin/customers/${hotel.customerId}`, { token: api.staff, headers: { 'if-match': '"1"' }, body: { business: { organisationNumber: spaced(corrected), contactName: null, ehf: true } } });
    expect(changed.status).toBe(200);
    const { contactName: _removed, ...unchanged } = hotel.business as Record<string, unknown>;
    expect(changed.json.business).toStrictEqual({ ...unchanged, organisationNumber: corrected, organisationNumberFormatted: spaced(corrected), ehf: true });
    expect((await call('GET', `/admin/customers?organisationNumber=${corrected}`, { token: api.staff })).json.customerId).toBe(hotel.customerId);
    expect((await call('GET', `/admin/customers?organisationNumber=${old}`, { token: api.staff })).status).toBe(404);
    expect((await claims()).filter((c) => c.customerId === hotel.customerId).map((c) => c.pk)).toEqual([`ORGNO#${corrected}`]);
    await registerBusiness({}, { organisationNumber: old });
  });

  it('makes a private customer a business, and refuses one without the number or the address, naming what is missing', async () => {
    const person = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: 'Kari Frisør' }) });
    const customerId = person.json.customerId as string;
    const incomplete = await call('PATCH', `/admin/customers/${customerId}`, { token: api.staff, body: { business: { contactName: 'Kari' } } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.errors).toEqual([expect.objectContaining({ pointer: '/business/organisationNumber' }), expect.objectContaining({ pointer: '/business/invoiceAddress' })]);
    const business = aBusiness();
    const becomes = await call('PATCH', `/admin/customers/${customerId}`, { token: api.staff, body: { name: 'Kari Frisør AS', business } });
    expect(becomes.status).toBe(200);
    expect(becomes.json).toMatchObject({ name: 'Kari Frisør AS', business: { organisationNumber: business.organisationNumber, onAccount: true, ehf: false } });
    expect((await call('GET', `/admin/customers?organisationNumber=${business.organisationNumber}`, { token: api.staff })).json.customerId).toBe(customerId);
  });

  it('refuses a number another business has with 409 naming it, and a number failing MOD11 with 400, changing nothing', async () => {
    const holder = await registerBusiness();
    const hotel = await registerBusiness();
    const before = await api.env.allItems();
    const taken = await call('PATCH', `/admin/customers/${hotel.customerId}`, { token: api.staff, body: { business: { organisationNumber: holder.business.organisationNumber } } });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ existingCustomerId: holder.customerId, errors: [{ pointer: '/business/organisationNumber' }] });
    const invalid = await call('PATCH', `/admin/customers/${hotel.customerId}`, { token: api.staff, body: { business: { organisationNumber: '923 609 017' } } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors).toEqual([expect.objectContaining({ pointer: '/business/organisationNumber' })]);
    expect(await api.env.allItems()).toEqual(before);
  });
});
