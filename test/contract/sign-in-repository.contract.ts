import { aMobile, mobileOf, RECORD_TIME, uniqueMobile } from '../helpers/fixtures';
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

  it('answers no code once it has expired, and replaces a code (and its tries) with a new one', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 600)).toBeUndefined();
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW + 599)).toMatchObject({ attempts: 1 });
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId, { codeHash: 'hash-2' }));
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toEqual({ customerId: kari.customerId, codeHash: 'hash-2', attempts: 1 });
  });

  it('sends at most the hour\'s and the day\'s codes, writing nothing for one over the limit', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    const inHour = (hour: string) => aCode(mobileOf(kari), kari.customerId, { hour: `${RECORD_TIME.slice(0, 11)}${hour}`, codeHash: `hash-${hour}` });
    for (let i = 0; i < 3; i++) expect(await world.signIn.issueCode(inHour('09'))).toBe('issued');
    const before = await world.snapshot();
    expect(await world.signIn.issueCode(inHour('09'))).toBe('rate_limited');
    expect(await world.snapshot()).toEqual(before);
    for (let i = 0; i < 3; i++) expect(await world.signIn.issueCode(inHour('10'))).toBe('issued');
    expect(await world.signIn.issueCode(inHour('11'))).toBe('rate_limited'); // the day's six are used
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toMatchObject({ codeHash: 'hash-10' });
  });

  it('uses a code up once, at the try it was checked at, while the number is still the customer\'s', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    await world.signIn.countAttempt(mobileOf(kari), 5, NOW);
    await world.signIn.countAttempt(mobileOf(kari), 5, NOW);
    expect(await world.signIn.consume(mobileOf(kari), 1, kari.customerId)).toBe(false); // another try came between
    expect(await world.signIn.consume(mobileOf(kari), 2, 'someone-else')).toBe(false);
    expect(await world.signIn.consume(mobileOf(kari), 2, kari.customerId)).toBe(true);
    expect(await world.signIn.consume(mobileOf(kari), 2, kari.customerId)).toBe(false);
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toBeUndefined();
  });

  it('voids a code sent to a number the customer has moved away from', async () => {
    const world = await fresh();
    const kari = await aStoredCustomer(world);
    await world.signIn.issueCode(aCode(mobileOf(kari), kari.customerId));
    const attempt = await world.signIn.countAttempt(mobileOf(kari), 5, NOW);
    await world.customers.replace(kari, { ...kari, phone: aMobile(), version: 2 });
    expect(await world.signIn.consume(mobileOf(kari), attempt?.attempts as number, kari.customerId)).toBe(false);
    expect(await world.signIn.countAttempt(mobileOf(kari), 5, NOW)).toBeUndefined();
  });
}
