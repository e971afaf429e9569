import { signIn } from '#shared/composition';
import { CLIENT_CODE_REQUESTS, CLIENT_TRIES, DEVICE_TOKEN_DAYS, knownDeviceToken, requestSignInCode, SENDS_PER_HOUR, verifySignInCode } from '#shared/domain/rights/sign-in';
import { addressOf, aCustomer, anOrder, aRegisteredCustomer, aSignInCode, uniqueLandline, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/** Customers prove who they are with a code sent to the number on file, and then see only their own data. */
const api = apiHarness({ outbox: 'file' });
const { call } = api;

async function registered(overrides: Record<string, unknown> = {}) {
  const { customerId, phone } = await aRegisteredCustomer(call, api.staff, overrides);
  return { customerId, phone };
}


/** Another address each call: a caller of its own (the limits count per caller). */
let addresses = 0;
const anAddress = () => `198.51.100.${++addresses}`;
/** Items about numbers and customers: a client's counters (CLIENT#...) are about the caller, whatever the number. */
/** Headers apart from Retry-After, whose seconds count down to the hour's end, whatever the number. */
const headersBesidesRetryAfter = ({ 'retry-after': retryAfter, ...headers }: Record<string, string>) => ({ ...headers, retryAfter: Number(retryAfter) > 0 });
const aboutNumbers = async () => (await api.env.allItems()).filter((i) => !String(i.pk).startsWith('CLIENT#'));

/** The codes that reached the number since `before` (publishes), in order. */
const codesSentTo = (phone: string, before: number) =>
  api.outbox.publishes().slice(before).filter((p) => p.PhoneNumber === phone).map((p) => /^(\d{6}) er koden din/.exec(p.Message ?? '')?.[1]);

async function tokenFor(phone: string): Promise<string> {
  const response = await call('POST', '/auth/token', { body: { phone, code: await aSignInCode(call, api.outbox, phone) }, sourceIp: addressOf(phone) });
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
    const sourceIp = anAddress();
    const known = await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp });
    const before = await aboutNumbers();
    const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp });
    expect(unknown.status).toBe(known.status);
    expect(unknown.json).toEqual(known.json);
    const knownHeaders = known.headers;
    const unknownHeaders = unknown.headers;
    expect(unknownHeaders).toEqual(knownHeaders);
    // Only the caller's own counter moved, as it does for any number.
    expect(await aboutNumbers()).toEqual(before);
  });

  it('answers in the language asked for, Norwegian unless asked otherwise, the same for every number, and says it varies by Accept-Language', async () => {
    const kari = await registered();
    const sourceIp = anAddress();
    const norwegian = await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp });
    expect(norwegian).toMatchObject({ status: 202, headers: { 'content-language': 'nb' }, json: { message: 'Hvis nummeret er registrert hos oss, får du en kode på SMS nå.' } });
    expect(norwegian.headers.vary).toContain('Accept-Language');
    const english = await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english).toMatchObject({ status: 202, headers: { 'content-language': 'en' }, json: { message: 'If the number is registered with us, a code is on its way by SMS.' } });
    // Problems too: a wrong code, and a caller over its limit
    const wrong = await call('POST', '/auth/token', { body: { phone: kari.phone, code: '000000' }, sourceIp: anAddress() });
    expect(wrong).toMatchObject({ status: 401, headers: { 'content-language': 'nb' }, json: { title: 'Innloggingen mislyktes', detail: 'Koden er feil, brukt eller utløpt' } });
    expect(wrong.headers.vary).toContain('Accept-Language');
    const wrongInEnglish = await call('POST', '/auth/token', { body: { phone: kari.phone, code: '000000' }, sourceIp: anAddress(), headers: { 'accept-language': 'en' } });
    expect(wrongInEnglish).toMatchObject({ status: 401, json: { detail: 'The code is wrong, used or expired' } });
    for (let i = 1; i < CLIENT_CODE_REQUESTS.hour; i++) await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp });
    const limited = await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp });
    expect(limited).toMatchObject({ status: 429, headers: { 'content-language': 'nb' }, json: { title: 'For mange forespørsler', detail: 'For mange innlogginger fra denne adressen; prøv igjen senere' } });
  });

  it('answers a customer\'s landline as it answers a number nobody has: nothing is sent, and no code is taken for it', async () => {
    const hotel = await registered({ name: 'Hotell Gjest', phone: uniqueLandline() });
    const sourceIp = anAddress();
    const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp });
    await api.outbox.drain(); // what earlier cases queued goes out now, not in the count below
    const before = await aboutNumbers();
    const sent = api.outbox.publishes().length;
    const landline = await call('POST', '/auth/code', { body: { phone: hotel.phone }, sourceIp });
    expect(landline.status).toBe(unknown.status);
    expect(landline.json).toEqual(unknown.json);
    expect(landline.headers).toEqual(unknown.headers);
    await api.outbox.drain();
    expect(api.outbox.publishes().length).toBe(sent);
    expect(await aboutNumbers()).toEqual(before);
    // Trying a code for it fails as a wrong code does, for a number nobody has.
    const exchanges = await Promise.all([hotel.phone, uniqueMobile()].map((phone) => call('POST', '/auth/token', { body: { phone, code: '123456' }, sourceIp })));
    expect(exchanges.map((e) => e.status)).toEqual([401, 401]);
    const withoutInstance = ({ instance: _instance, ...problem }: Record<string, unknown> = {}) => problem;
    expect(withoutInstance(exchanges[0]?.json)).toEqual(withoutInstance(exchanges[1]?.json));
  });

  it('takes as long to answer a number nobody has as a customer\'s: both are padded to the same floor', async () => {
    const kari = await registered();
    const waits: Record<string, number[]> = {};
    const floored = (path: string) => ({ ...signIn(), answerFloor: { ms: 5_000, wait: async (ms: number) => void (waits[path] ??= []).push(ms) } });
    await requestSignInCode(floored('known'), kari.phone, anAddress());
    await requestSignInCode(floored('unknown'), uniqueMobile(), anAddress());
    await requestSignInCode(floored('landline'), (await registered({ phone: uniqueLandline() })).phone, anAddress());
    // Each path waited out the rest of the floor once, however long its own work took.
    for (const path of ['known', 'unknown', 'landline']) {
      expect(waits[path]).toHaveLength(1);
      expect(waits[path]?.[0]).toBeGreaterThan(0); // the rest of the floor, whatever the work took (a loaded machine takes seconds)
      expect(waits[path]?.[0]).toBeLessThanOrEqual(5_000);
    }
    // A malformed number is a 400 at once: it tells nothing about anyone.
    await expect(requestSignInCode(floored('malformed'), 'not a number', anAddress())).rejects.toThrow(/not a valid mobile number/);
    expect(waits.malformed).toBeUndefined();
  });

  it('fails the sixth try even with the right code', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const sourceIp = addressOf(kari.phone);
    for (let i = 0; i < 5; i++) expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: wrong }, sourceIp })).status).toBe(401);
    const sixth = await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp });
    expect(sixth.status).toBe(401);
  });

  it('accepts a code once; a used code fails like a wrong one', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const sourceIp = addressOf(kari.phone);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp })).status).toBe(200);
    const again = await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp });
    const wrong = await call('POST', '/auth/token', { body: { phone: kari.phone, code: code === '123456' ? '654321' : '123456' }, sourceIp });
    expect(again.status).toBe(401);
    expect({ ...again.json, instance: undefined }).toEqual({ ...wrong.json, instance: undefined });
  });

  it('lets only one of two simultaneous correct tries through', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const tries = await Promise.all([1, 2, 3].map(() => call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: addressOf(kari.phone) })));
    expect(tries.map((t) => t.status).sort()).toEqual([200, 401, 401]);
  });

  it('voids a code when the number is no longer the customer\'s (a change of number at the counter)', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const moved = await call('PATCH', `/admin/customers/${kari.customerId}`, { token: api.staff, body: { phone: aCustomer().phone } });
    expect(moved.status).toBe(200);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: addressOf(kari.phone) })).status).toBe(401);
  });

  it('refuses an expired code', async () => {
    const kari = await registered();
    const earlier = { ...signIn(), clock: () => new Date(Date.now() - 11 * 60_000) };
    await requestSignInCode(earlier, kari.phone, anAddress());
    const before = api.outbox.publishes().length;
    await api.outbox.drain();
    const code = /^(\d{6})/.exec(api.outbox.publishes().slice(before).at(-1)?.Message ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: anAddress() })).status).toBe(401);
  });

  it('re-sends the live code rather than voiding it: the same code arrives twice and signs in once', async () => {
    const kari = await registered();
    const sourceIp = addressOf(kari.phone);
    const before = api.outbox.publishes().length;
    for (let i = 0; i < 2; i++) expect((await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp })).status).toBe(202);
    await api.outbox.drain();
    const [first, second, ...more] = codesSentTo(kari.phone, before);
    expect(first).toMatch(/^\d{6}$/);
    expect(second).toBe(first);
    expect(more).toEqual([]);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: first }, sourceIp })).status).toBe(200);
  });

  it('lets a stranger who asks ten times for the owner\'s number neither void the owner\'s code nor flood the phone', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const before = api.outbox.publishes().length;
    // Given a stranger asking ten times, from five addresses (two each)
    const strangers = [anAddress(), anAddress(), anAddress(), anAddress(), anAddress()];
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp: strangers[i % 5] }));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    await api.outbox.drain();
    // Then the phone got the owner's own code again, at most the hour's SMS in all (one went with the owner's request)
    const resent = codesSentTo(kari.phone, before);
    expect(resent.length).toBe(SENDS_PER_HOUR - 1);
    expect(new Set(resent)).toEqual(new Set([code]));
    // And the owner signs in with the code they received
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: addressOf(kari.phone) })).status).toBe(200);
  });

  it('never lets a stranger with many addresses lock the owner out: a device that signed in before gets its code on an allowance of its own', async () => {
    // Given the owner signed in once on their phone, and keeps the known-device token
    const kari = await registered();
    const owner = addressOf(kari.phone);
    const signedIn = await call('POST', '/auth/token', { body: { phone: kari.phone, code: await aSignInCode(call, api.outbox, kari.phone) }, sourceIp: owner });
    expect(signedIn).toMatchObject({ status: 200, json: { deviceToken: expect.stringMatching(/^d2\.\d{8}\./) } });
    const deviceToken = signedIn.json.deviceToken as string;
    const ola = await registered();
    const olasToken = (await call('POST', '/auth/token', { body: { phone: ola.phone, code: await aSignInCode(call, api.outbox, ola.phone) }, sourceIp: addressOf(ola.phone) })).json.deviceToken as string;

    // When strangers from many addresses (one of them the owner's own, behind one NAT) use up the number's SMS
    const strangers = [owner, ...Array.from({ length: SENDS_PER_HOUR + 2 }, anAddress)];
    for (const sourceIp of strangers) expect((await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp })).status).toBe(202);
    for (let i = 1; i < CLIENT_CODE_REQUESTS.hour; i++) await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp: owner });
    await api.outbox.drain();
    let before = api.outbox.publishes().length;
    // Then the owner without the token gets nothing (the number's budget and the address's are used up) …
    expect((await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp: anAddress() })).status).toBe(202);
    // … nor with a forged token, another customer's, or the owner's own from over DEVICE_TOKEN_DAYS ago
    const forged = `${deviceToken.slice(0, -4)}${deviceToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    // (Counted from the start of the day issued: DEVICE_TOKEN_DAYS before now is past it at any hour, one day less is not.)
    const expired = await knownDeviceToken({ ...signIn(), clock: () => new Date(Date.now() - DEVICE_TOKEN_DAYS * 86_400_000) }, kari.phone, kari.customerId);
    const lastValidDay = await knownDeviceToken({ ...signIn(), clock: () => new Date(Date.now() - (DEVICE_TOKEN_DAYS - 1) * 86_400_000) }, kari.phone, kari.customerId);
    for (const token of [forged, olasToken, expired]) expect((await call('POST', '/auth/code', { body: { phone: kari.phone, deviceToken: token }, sourceIp: anAddress() })).status).toBe(202);
    await api.outbox.drain();
    expect(codesSentTo(kari.phone, before)).toEqual([]);

    // But with a token of its last valid day, a code arrives (it is not signed in with: the newer one below is)
    before = api.outbox.publishes().length;
    expect((await call('POST', '/auth/code', { body: { phone: kari.phone, deviceToken: lastValidDay }, sourceIp: owner })).status).toBe(202);
    await api.outbox.drain();
    expect(codesSentTo(kari.phone, before)).toHaveLength(1);

    // And with the token, from the owner's own (used-up) address, a code arrives and signs in
    before = api.outbox.publishes().length;
    expect((await call('POST', '/auth/code', { body: { phone: kari.phone, deviceToken }, sourceIp: owner })).status).toBe(202);
    await api.outbox.drain();
    const [code] = codesSentTo(kari.phone, before);
    expect(code).toMatch(/^\d{6}$/);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: anAddress() })).status).toBe(200);

    // And a token changes nothing a stranger could see: a number nobody has answers alike with one
    const sourceIp = anAddress();
    const known = await call('POST', '/auth/code', { body: { phone: kari.phone, deviceToken: forged }, sourceIp });
    const unknown = await call('POST', '/auth/code', { body: { phone: uniqueMobile(), deviceToken: forged }, sourceIp });
    expect([unknown.status, unknown.json, unknown.headers]).toEqual([known.status, known.json, known.headers]);
  });

  it('limits one caller\'s code requests across all numbers, answering any number the same', async () => {
    const kari = await registered();
    const sourceIp = anAddress();
    for (let i = 0; i < CLIENT_CODE_REQUESTS.hour; i++) expect((await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp })).status).toBe(202);
    const registeredOne = await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp });
    const unknownOne = await call('POST', '/auth/code', { body: { phone: uniqueMobile() }, sourceIp });
    expect(registeredOne.status).toBe(429);
    expect(Number(registeredOne.headers['retry-after'])).toBeGreaterThan(0);
    expect(unknownOne.status).toBe(registeredOne.status);
    expect(headersBesidesRetryAfter(unknownOne.headers)).toEqual(headersBesidesRetryAfter(registeredOne.headers));
    const withoutInstance = ({ instance: _instance, ...problem }: Record<string, unknown> = {}) => problem;
    expect(withoutInstance(unknownOne.json)).toEqual(withoutInstance(registeredOne.json));
    // Another caller (the owner) is not held up by it.
    await expect(aSignInCode(call, api.outbox, kari.phone)).resolves.toMatch(/^\d{6}$/);
  });

  it('caps one caller\'s guesses across many numbers, and a stranger\'s wrong guesses never use up the owner\'s tries', async () => {
    const owners = [await registered(), await registered(), await registered()];
    const codes = [];
    for (const owner of owners) codes.push(await aSignInCode(call, api.outbox, owner.phone));
    const wrongFor = (code: string | undefined) => (code === '000000' ? '111111' : '000000');
    // A stranger spreads guesses over the owners' numbers (five at the first, its limit there) and numbers nobody has
    const sourceIp = anAddress();
    const targets = [0, 0, 0, 0, 0, 1, 1, 2, 2, 2];
    for (const t of targets.slice(0, CLIENT_TRIES.hour)) {
      const answer = await call('POST', '/auth/token', { body: { phone: owners[t]?.phone, code: wrongFor(codes[t]) }, sourceIp });
      expect(answer.status).toBe(401);
    }
    // Then its next guess is refused, alike for a registered number and one nobody has
    const registeredGuess = await call('POST', '/auth/token', { body: { phone: owners[1]?.phone, code: codes[1] }, sourceIp });
    const unknownGuess = await call('POST', '/auth/token', { body: { phone: uniqueMobile(), code: '123456' }, sourceIp });
    expect([registeredGuess.status, unknownGuess.status]).toEqual([429, 429]);
    expect(headersBesidesRetryAfter(unknownGuess.headers)).toEqual(headersBesidesRetryAfter(registeredGuess.headers));
    expect(unknownGuess.json.type).toBe(registeredGuess.json.type);
    // And every owner still signs in with their code, the first one after five wrong guesses at it
    for (const [i, owner] of owners.entries()) {
      expect((await call('POST', '/auth/token', { body: { phone: owner.phone, code: codes[i] }, sourceIp: addressOf(owner.phone) })).status).toBe(200);
    }
  });

  it('stores the code\'s SMS with the code sealed, and the sender still sends the right code to the right number', async () => {
    const kari = await registered();
    const before = api.outbox.publishes().length;
    expect((await call('POST', '/auth/code', { body: { phone: kari.phone }, sourceIp: addressOf(kari.phone) })).status).toBe(202);
    // What the table (and so its stream) holds before the sender ran
    const queued = (await api.env.allItems()).filter((i) => i.entity === 'message' && i.customerId === kari.customerId && i.purpose === 'verification_code');
    expect(queued).toHaveLength(1);
    const params = queued[0]?.params as Record<string, unknown>;
    expect(Object.keys(params).sort()).toEqual(['minutes', 'sealedCode']);
    await api.outbox.drain();
    const [code, ...more] = codesSentTo(kari.phone, before);
    expect(code).toMatch(/^\d{6}$/);
    expect(more).toEqual([]);
    expect(JSON.stringify(queued)).not.toContain(code);
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code }, sourceIp: addressOf(kari.phone) })).status).toBe(200);
  });

  it('takes as long to answer a token request for a number with a code as for a number nobody has', async () => {
    const kari = await registered();
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const waits: Record<string, number[]> = {};
    const floored = (path: string) => ({ ...signIn(), answerFloor: { ms: 5_000, wait: async (ms: number) => void (waits[path] ??= []).push(ms) } });
    await expect(verifySignInCode(floored('known'), kari.phone, code === '000000' ? '111111' : '000000', anAddress())).rejects.toThrow(/wrong, used or expired/);
    await expect(verifySignInCode(floored('unknown'), uniqueMobile(), '000000', anAddress())).rejects.toThrow(/wrong, used or expired/);
    for (const path of ['known', 'unknown']) {
      expect(waits[path]).toHaveLength(1);
      expect(waits[path]?.[0]).toBeGreaterThan(0); // the rest of the floor, whatever the work took (a loaded machine takes seconds)
      expect(waits[path]?.[0]).toBeLessThanOrEqual(5_000);
    }
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
