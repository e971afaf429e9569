import { aMessageRecord, aMobile, mobileOf, RECORD_TIME, uniqueMobile } from '../helpers/fixtures';
import { aCode, aStoredCustomer, CODE_NOW as NOW } from './arrange';
import type { WorldFactory } from './world';

/** What every SignInRepository promises: one live code per number, a bounded number of tries and codes, used once. */
export function signInRepositoryContract(fresh: WorldFactory): void {
  it('issues a code with its SMS, and counts each try until the tries are used up', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    const code = aCode(mobileOf(kari), kari.customerId);
    expect(await world.signIn.issueCode(code)).toBe('issued');
    expect(await world.messages.get(kari.customerId, code.message.messageKey)).toEqual(code.message);
    for (const attempts of [1, 2, 3]) expect(await world.signIn.countAttempt(mobileOf(kari), 3, NOW)).toEqual({ customerId: kari.customerId, codeHash: 'hash-1', attempts });
    expect(await world.signIn.countAttempt(mobileOf(kari), 3, NOW)).toBeUndefined();
    expect(await world.signIn.countAttempt(uniqueMobile(), 3, NOW)).toBeUndefined();
  });

  it('answers no code once it has expired or its tries are used, and never replaces a live code', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    expect(await world.signIn.liveCode(mobileOf(kari), NOW, 5)).toEqual({ customerId: kari.customerId, codeHash: 'hash-1', sealedCode: 'sealed-1', attempts: 0, expiresAt: NOW + 600 });
    expect(await world.signIn.liveCode(mobileOf(kari), NOW + 600, 5)).toBeUndefined();
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 600)).toBeUndefined();
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 599)).toMatchObject({ attempts: 1 });
    // While it is live, a second code is refused and nothing is written.
    const before = await world.snapshot();
    expect(await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId, { codeHash: 'hash-2' }))).toBe('rate_limited');
    expect(await world.snapshot()).toEqual(before);
    // Once it has expired, a new code (with fresh tries) takes its place.
    expect(await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId, { codeHash: 'hash-2', now: NOW + 600, expiresAt: NOW + 1200 }))).toBe('issued');
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 601)).toEqual({ customerId: kari.customerId, codeHash: 'hash-2', attempts: 1 });
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 601, 'hash-1')).toBeUndefined(); // the try was meant for the old code
    expect(await world.signIn.liveCode(mobileOf(kari), NOW + 601, 1)).toBeUndefined(); // its one try is used
  });

  it('re-sends the live code with another SMS, within the number\'s budget, and not once it changed', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    const first = aCode(mobileOf(kari), kari.customerId, { maxPerHour: 2 });
    await world.signIn.issueCode(first);
    const again = aMessageRecord({ customerId: kari.customerId, purpose: 'verification_code', params: { sealedCode: 'sealed-1', minutes: 7 } });
    const resend = { phone: mobileOf(kari), codeHash: 'hash-1', hour: first.hour, maxPerHour: 2, day: first.day, maxPerDay: 6, message: again };
    expect(await world.signIn.resendCode({ ...resend, codeHash: 'hash-other' })).toBe('rate_limited');
    expect(await world.signIn.resendCode(resend)).toBe('sent');
    expect(await world.messages.get(kari.customerId, again.messageKey)).toEqual(again);
    expect(await world.signIn.liveCode(mobileOf(kari), NOW, 5)).toMatchObject({ codeHash: 'hash-1', attempts: 0 });
    const before = await world.snapshot();
    const third = aMessageRecord({ customerId: kari.customerId, purpose: 'verification_code', params: { sealedCode: 'sealed-1', minutes: 6 } });
    expect(await world.signIn.resendCode({ ...resend, message: third })).toBe('rate_limited'); // the hour's two SMS are sent
    expect(await world.snapshot()).toEqual(before);
  });

  it('counts a client\'s allowances all or none, apart from every number and every other client', async () => {
    const world = await fresh();
    const counters = [{ period: 'TRIES#h', max: 2, expiresAt: NOW + 3600 }, { period: 'TRIES#d', max: 3, expiresAt: NOW + 86_400 }];
    expect(await world.signIn.countClient('client-a', counters)).toBe(true);
    expect(await world.signIn.countClient('client-a', counters)).toBe(true);
    const before = await world.snapshot();
    expect(await world.signIn.countClient('client-a', counters)).toBe(false); // the hour's two are used
    expect(await world.snapshot()).toEqual(before); // and the day's counter did not move either
    expect(await world.signIn.countClient('client-a', [{ period: 'TRIES#d', max: 3, expiresAt: NOW + 86_400 }])).toBe(true);
    expect(await world.signIn.countClient('client-b', counters)).toBe(true);
  });

  it('sends at most the hour\'s and the day\'s codes, writing nothing for one over the limit', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    // Each code after the one before has expired (a live code is re-sent, never replaced).
    let issued = 0;
    const inHour = (hour: string) => {
      const now = NOW + 600 * issued++;
      return aCode(mobileOf(kari), kari.customerId, { hour: `${RECORD_TIME.slice(0, 11)}${hour}`, codeHash: `hash-${hour}`, now, expiresAt: now + 600 });
    };
    for (let i = 0; i < 3; i++) expect(await world.signIn.issueCode(inHour('09'))).toBe('issued');
    const before = await world.snapshot();
    expect(await world.signIn.issueCode(inHour('09'))).toBe('rate_limited');
    expect(await world.snapshot()).toEqual(before);
    for (let i = 0; i < 3; i++) expect(await world.signIn.issueCode(inHour('10'))).toBe('issued');
    expect(await world.signIn.issueCode(inHour('11'))).toBe('rate_limited'); // the day's six are used
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 600 * 5 + 1)).toMatchObject({ codeHash: 'hash-10' });
  });

  it('uses a code up once, the code it checked, while the number is still the customer\'s, whatever tries came between', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    const checked = await world.signIn.countAttempt(mobileOf(kari), 5, NOW);
    await world.signIn.countAttempt(mobileOf(kari), 5, NOW); // a stranger's wrong guess at the same moment
    const codeHash = checked?.codeHash as string;
    expect(await world.signIn.consume(mobileOf(kari), 'another-code', kari.customerId)).toBe(false);
    expect(await world.signIn.consume(mobileOf(kari), codeHash, 'someone-else')).toBe(false);
    expect(await world.signIn.consume(mobileOf(kari), codeHash, kari.customerId)).toBe(true);
    expect(await world.signIn.consume(mobileOf(kari), codeHash, kari.customerId)).toBe(false);
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toBeUndefined();
  });

  it('voids a code sent to a number the customer has moved away from', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    const attempt = await world.signIn.countAttempt(mobileOf(kari), 5, NOW);
    await world.customers.replace(kari, { ...kari, phone: aMobile(), version: 2 });
    expect(await world.signIn.consume(mobileOf(kari), attempt?.codeHash as string, kari.customerId)).toBe(false);
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toBeUndefined();
  });
}
