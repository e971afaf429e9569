import { signIn } from '#shared/composition';
import { requestSignInCode } from '#shared/domain/rights/sign-in';
import { aCustomer, anOrder, aRegisteredCustomer, aSignInCode, uniqueLandline, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/** Customers prove who they are with a code sent to the number on file, and then see only their own data. */
const api = apiHarness({ outbox: 'file' });
const { call } = api;

async function registered(overrides: Record<string, unknown> = {}) {
  const { customerId, phone } = await aRegisteredCustomer(call, api.staff, overrides);
  return { customerId, phone };
}


async function tokenFor(phone: string): Promise<string> {
  const response = await call('POST', '/auth/token', { body: { phone, code: await aSignInCode(call, api.outbox, phone) } });
  expect(response.status).toBe(200);
  return response.json.accessToken as string;
}

describe('signing in with a one-time code', () => {
  it('sends a code to the number on file and exchanges it for a token that opens /me', async () => {
    const kari = await registered();
    const token = await tokenFor(kari.phone);
    const me = await call('GET', '/me', { token });
    expect(me).toMatchObject({ status: 200, json: { customerId: kari.customerId, phone: kari.phone } });
  });

  it('answers a number nobody has exactly as it answers a customer\'s, and writes nothing for it', async () => {
    const kari = await registered();
    const known = await call('POST', '/auth/code', { body: { phone: kari.phone } });
    const before = await api.env.allItems();
    const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile() } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.json).toEqual(known.json);
    const knownHeaders = known.headers;
    const unknownHeaders = unknown.headers;
    expect(unknownHeaders).toEqual(knownHeaders);
    expect(await api.env.allItems()).toEqual(before);
  });

  it('answers a customer\'s landline as it answers a number nobody has: nothing is sent, and no code is taken for it', async () => {
    const hotel = await registered({ name: 'Hotell Gjest', phone: uniqueLandline() });
    const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile() } });
    await api.outbox.drain(); // what earlier cases queued goes out now, not in the count below
    const before = await api.env.allItems();
    const sent = api.outbox.publishes().length;
    const landline = await call('POST', '/auth/code', { body: { phone: hotel.phone } });
    expect(landline.status).toBe(unknown.status);
    expect(landline.json).toEqual(unknown.json);
    expect(landline.headers).toEqual(unknown.headers);
    await api.outbox.drain();
    expect(api.outbox.publishes().length).toBe(sent);
    expect(await api.env.allItems()).toEqual(before);
    // Trying a code for it fails as a wrong code does, for a number nobody has.
    const exchanges = await Promise.all([hotel.phone, uniqueMobile()].map((phone) => call('POST', '/auth/token', { body: { phone, code: '123456' } })));
    expect(exchanges.map((e) => e.status)).toEqual([401, 401]);
    const withoutInstance = ({ instance: _instance, ...problem }: Record<string, unknown> = {}) => problem;
    expect(withoutInstance(exchanges[0]?.json)).toEqual(withoutInstance(exchanges[1]?.json));
  });

  it('takes as long to answer a number nobody has as a customer\'s: both are padded to the same floor', async () => {
    const kari = await registered();
    const waits: Record<string, number[]> = {};
    const floored = (path: string) => ({ ...signIn(), answerFloor: { ms: 5_000, wait: async (ms: number) => void (waits[path] ??= []).push(ms) } });
    await requestSignInCode(floored('known'), kari.phone);
    await requestSignInCode(floored('unknown'), uniqueMobile());
    await requestSignInCode(floored('landline'), (await registered({ phone: uniqueLandline() })).phone);
    // Each path waited out the rest of the floor once, however long its own work took.
    for (const path of ['known', 'unknown', 'landline']) {
      expect(waits[path]).toHaveLength(1);
      expect(waits[path]?.[0]).toBeGreaterThan(4_000);
      expect(waits[path]?.[0]).toBeLessThanOrEqual(5_000);
    }
    // A malformed number is a 400 at once: it tells nothing about anyone.
    await expect(requestSignInCode(floored('malformed'), 'not a number')).rejects.toThrow(/not a valid mobile number/);
    expect(waits.malformed).toBeUndefined();
  });

  it('fails the sixth try even with the right code', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: wrong } })).status).toBe(401);
    const sixth = await call('POST', '/auth/token', { body: { phone: kari.phone, code } });
    expect(sixth.status).toBe(401);
  });

  it('accepts a code once; a used code fails like a wrong one', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code } })).status).toBe(200);
    const again = await call('POST', '/auth/token', { body: { phone: kari.phone, code } });
    const wrong = await call('POST', '/auth/token', { body: { phone: kari.phone, code: code === '123456' ? '654321' : '123456' } });
    expect(again.status).toBe(401);
    expect({ ...again.json, instance: undefined }).toEqual({ ...wrong.json, instance: undefined });
  });

  it('lets only one of two simultaneous correct tries through', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const tries = await Promise.all([1, 2, 3].map(() => call('POST', '/auth/token', { body: { phone: kari.phone, code } })));
    expect(tries.map((t) => t.status).sort()).toEqual([200, 401, 401]);
  });

  it('voids a code when the number is no longer the customer\'s (a change of number at the counter)', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const moved = await call('PATCH', `/admin/customers/${kari.customerId}`, { token: api.staff, body: { phone: aCustomer().phone } });
    expect(moved.status).toBe(200);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code } })).status).toBe(401);
  });

  it('refuses an expired code', async () => {
    const kari = await registered();
    const earlier = { ...signIn(), clock: () => new Date(Date.now() - 11 * 60_000) };
    await requestSignInCode(earlier, kari.phone);
    const before = api.outbox.publishes().length;
    await api.outbox.drain();
    const code = /^(\d{6})/.exec(api.outbox.publishes().slice(before).at(-1)?.Message ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code } })).status).toBe(401);
  });

  it('sends at most three codes an hour to a number, answering the same', async () => {
    const kari = await registered();
    const before = api.outbox.publishes().length;
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => call('POST', '/auth/code', { body: { phone: kari.phone } })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    await api.outbox.drain();
    expect(api.outbox.publishes().slice(before).filter((p) => p.PhoneNumber === kari.phone)).toHaveLength(3);
  });

  it('keeps neither the code nor its text once the SMS is sent, only a keyed hash until it is used', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const stored = JSON.stringify((await api.env.allItems()).filter((i) => String(i.pk).includes(kari.phone) || i.customerId === kari.customerId));
    expect(stored).not.toContain(`"${code}"`);
    expect(stored).not.toContain('er koden din');
  });
});

describe('what a signed-in customer can reach', () => {
  it('corrects their own name and e-mail, and sees their own orders', async () => {
    const kari = await registered();
    await call('POST', '/admin/orders', { token: api.staff, body: anOrder(kari.customerId) });
    const token = await tokenFor(kari.phone);
    const corrected = await call('PATCH', '/me', { token, body: { name: 'Kari Nordmann-Berg', email: 'kari@example.no', invoiceByEmail: true } });
    expect(corrected).toMatchObject({ status: 200, json: { name: 'Kari Nordmann-Berg', email: 'kari@example.no', invoiceByEmail: true } });
    expect((await call('PATCH', '/me', { token, body: { phone: '+4799999999' } })).status).toBe(400); // the number is what they signed in with
    const orders = await call('GET', '/me/orders', { token });
    expect((orders.json.orders as { customerId: string }[]).map((o) => o.customerId)).toEqual([kari.customerId]);
  });

  it('never reaches another customer or the counter routes', async () => {
    const kari = await registered();
    const ola = await registered();
    const token = await tokenFor(kari.phone);
    expect((await call('GET', `/admin/customers/${ola.customerId}`, { token })).status).toBe(403);
    expect((await call('GET', `/admin/customers?phone=${encodeURIComponent(ola.phone)}`, { token })).status).toBe(403);
    const me = await call('GET', '/me', { token });
    expect(me.json.customerId).toBe(kari.customerId);
  });
});
