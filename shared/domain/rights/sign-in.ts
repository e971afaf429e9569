import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ClientCounter, SignInRepository, SignInSends } from '../../ports/repositories';
import type { CounterDeps } from '../kernel/deps';
import { AuthenticationError, RateLimitedError } from '../kernel/errors';
import { newMessage, type Message } from '../kernel/outbox-message';
import { mobileNumberIn } from '../customers/phone';

/**
 * Customers prove who they are with what they already have (GDPR recital 64; EDPB guidelines on
 * the right of access): a one-time code sent to the mobile number on file. Never to a number given
 * in the request, and never a copy of an ID document. A customer with a landline or no number
 * cannot sign in: staff open their requests after checking their ID at the counter.
 *  - Both answers (code and token) are the same whether or not the number is registered, in
 *    content and in time (AnswerFloor), and the same for a landline, registered or not.
 *  - Codes are 6 digits, live CODE_MINUTES, and are stored only as an HMAC keyed with a secret of
 *    their own (not the one that signs tokens: a leak of either does not give the other). The SMS
 *    sender needs the code itself: the outbox message (and so the table's stream) carries it only
 *    encrypted to the sender's key, which nothing else can read.
 *
 * Abuse: the attacker knows a number (or many) and calls from one address, or a few.
 *  - Locking the owner out by asking for codes. A request while the number's code is live re-sends
 *    that same code: it never voids the code the owner holds, and every SMS a stranger causes
 *    carries a code that works for the owner. Sends are capped per number (SENDS_PER_HOUR,
 *    SENDS_PER_DAY), which bounds SMS spam to a phone; each client is capped lower across all
 *    numbers (CLIENT_CODE_REQUESTS), so no single client can use up a number's budget. A stranger
 *    with several addresses (an IPv6 /64 counts as one) can use it up, but not the owner's own:
 *    a device that signed in before holds a known-device token (knownDeviceToken), and a code
 *    request that shows it counts against the number's allowance for known devices
 *    (DEVICE_SENDS_PER_HOUR, DEVICE_SENDS_PER_DAY), which no one without the token can touch,
 *    and not against the caller's address (which a stranger may share, behind one NAT). A new
 *    device signs in once with the ordinary budget, or staff open the request at the counter.
 *  - Locking the owner out by guessing. A client's tries at one code are its own
 *    (TRIES_PER_CLIENT_AND_CODE): a stranger's wrong guesses never use up the owner's. The
 *    per-number brake is MAX_ATTEMPTS_PER_CODE across all clients, high enough that only many
 *    addresses at once reach it within a code's ten minutes, and then the owner's next request
 *    gets a fresh code.
 *  - Guessing codes. The main brake is per client, across all numbers (CLIENT_TRIES): a client
 *    gets 20 tries a day in all, one chance in 50 000 of hitting any code, however many numbers it
 *    knows. Against one number, many addresses get at most MAX_ATTEMPTS_PER_CODE tries per code and
 *    SENDS_PER_DAY codes (new ones only when none is live): 1 in 2 000 a day for a number a botnet
 *    singles out, the price of never letting one address lock a number.
 *  - A client over its limit gets a 429 with Retry-After, counted before the number is looked at,
 *    so it is the same for every number. The client is the caller's address as API Gateway saw it,
 *    stored only as a keyed hash (an address is personal data), for a day at most.
 *  - Tries are counted before the comparison, so the sixth try from a client fails even with the
 *    right code; a used, expired or exhausted code fails exactly like a wrong one.
 */
export const CODE_MINUTES = 10;
/** A client's tries at one code. */
export const TRIES_PER_CLIENT_AND_CODE = 5;
/** All clients' tries at one code: the per-number brake, out of reach of a few addresses (see above). */
export const MAX_ATTEMPTS_PER_CODE = 50;
/** SMS to one number, new codes and re-sends alike. */
export const SENDS_PER_HOUR = 5;
export const SENDS_PER_DAY = 10;
/** SMS to one number asked for by a device that signed in to it before (a valid known-device token). */
export const DEVICE_SENDS_PER_HOUR = 5;
export const DEVICE_SENDS_PER_DAY = 10;
/** One client's code requests across all numbers: below a number's SENDS, so one client cannot use them up. */
export const CLIENT_CODE_REQUESTS = { hour: 3, day: 8 };
/** One client's tries across all numbers: the main brake on guessing. */
export const CLIENT_TRIES = { hour: 10, day: 20 };

/**
 * Each answer takes at least `ms`, registered number or not: an unknown number costs one read and
 * a known one a read and a transaction (a token, several), and the difference would tell who is a
 * customer as plainly as a different answer would.
 */
export type AnswerFloor = { ms: number; wait: (ms: number) => Promise<void> };

export type SignInDeps = CounterDeps & {
  signIn: SignInRepository;
  /** Keys the code hashes and the clients' hashes; never the key that signs tokens. */
  codeKey: () => Promise<Uint8Array>;
  /** Encrypts a code so only the SMS sender can read it. */
  sealCode: (code: string) => Promise<string>;
  answerFloor?: AnswerFloor;
};

export class InvalidCodeError extends AuthenticationError {
  constructor() {
    super('The code is wrong, used or expired');
  }
}

async function keyedHash(deps: SignInDeps, value: string): Promise<string> {
  return createHmac('sha256', await deps.codeKey()).update(value).digest('hex');
}

const codeHash = (deps: SignInDeps, phone: string, code: string) => keyedHash(deps, `${phone}:${code}`);

/**
 * The client as the limits count it: an IPv4 address, or an IPv6 address's /64 (one subscriber is
 * handed a whole /64, so counting single IPv6 addresses would count nothing). Anything else (no
 * address at all) is one shared client, which is stricter, not looser.
 */
export function clientOf(sourceIp: string | undefined): string {
  const ip = (sourceIp ?? '').trim().toLowerCase();
  if (!ip.includes(':')) return ip || 'unknown';
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The client's key as stored: a keyed hash, so the table never holds an address. */
const clientHash = async (deps: SignInDeps, client: string) => (await keyedHash(deps, `client:${clientOf(client)}`)).slice(0, 32);

/** The hour's and the day's counter of one kind; each lives a little beyond its period. */
function clientWindows(kind: 'CODES' | 'TRIES', now: Date, limits: { hour: number; day: number }): ClientCounter[] {
  const at = Math.floor(now.getTime() / 1000);
  const iso = now.toISOString();
  return [
    { period: `${kind}#${iso.slice(0, 13)}`, max: limits.hour, expiresAt: at + 3600 },
    { period: `${kind}#${iso.slice(0, 10)}`, max: limits.day, expiresAt: at + 86_400 },
  ];
}

/** Until the next hour: the hour's counter is then new (a client over the day's limit is told again then). */
const retryAfter = (now: Date) => 3600 - (Math.floor(now.getTime() / 1000) % 3600);

async function takeClientAllowance(deps: SignInDeps, client: string, kind: 'CODES' | 'TRIES', now: Date): Promise<string> {
  const hashed = await clientHash(deps, client);
  if (!(await deps.signIn.countClient(hashed, clientWindows(kind, now, kind === 'CODES' ? CLIENT_CODE_REQUESTS : CLIENT_TRIES)))) {
    throw new RateLimitedError('Too many sign-in requests from this address; try again later', retryAfter(now));
  }
  return hashed;
}

/** Waits out the rest of the floor, however `work` ended (an answer, a wrong code, a limit). */
async function floored<T>(deps: SignInDeps, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const remaining = deps.answerFloor ? deps.answerFloor.ms - (performance.now() - started) : 0;
    if (remaining > 0) await deps.answerFloor?.wait(remaining);
  }
}

/**
 * The known-device token a client gets with its access token: `d2.<day issued>.<random id>.<MAC>`,
 * the MAC keyed with the code key over the number, the customer, the day and the id. Nothing of it
 * is stored: the client keeps it, and it proves only that this device signed in to this number as
 * this customer within the last DEVICE_TOKEN_DAYS (a number that passes to someone else, or an
 * erased customer, voids it at once). It opens nothing but the known devices' SMS allowance:
 * signing in still takes the code. It expires because a phone sold or lost with the token on it
 * should not keep that allowance for good; each sign-in gives a fresh one.
 */
export const DEVICE_TOKEN_DAYS = 180;
const DAY_MS = 86_400_000;

export async function knownDeviceToken(deps: SignInDeps, rawPhone: string, customerId: string): Promise<string> {
  const phone = mobileNumberIn(rawPhone, deps.shop.phoneCountries) ?? rawPhone;
  const id = randomBytes(16).toString('base64url');
  const day = deps.clock().toISOString().slice(0, 10).replaceAll('-', '');
  return `d2.${day}.${id}.${await deviceMac(deps, phone, customerId, day, id)}`;
}

const DEVICE_TOKEN = /^d2\.(\d{8})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const deviceMac = async (deps: SignInDeps, phone: string, customerId: string, day: string, id: string) =>
  Buffer.from(await keyedHash(deps, `device:${phone}:${customerId}:${day}:${id}`), 'hex').toString('base64url');

/** The day a token was issued, as a time, if the token says a real day. */
function issuedAt(day: string): number {
  return Date.parse(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00Z`);
}

async function isKnownDevice(deps: SignInDeps, phone: string, customerId: string, token: string, now: Date): Promise<boolean> {
  const [, day = '', id = '', mac = ''] = DEVICE_TOKEN.exec(token) ?? [];
  if (!id) return false;
  const issued = issuedAt(day);
  // Valid until DEVICE_TOKEN_DAYS after the start (UTC) of the day it was issued; a day not yet
  // come is a forgery (the MAC would not match either).
  if (Number.isNaN(issued) || issued > now.getTime() || now.getTime() - issued >= DEVICE_TOKEN_DAYS * DAY_MS) return false;
  const expected = Buffer.from(await deviceMac(deps, phone, customerId, day, id), 'base64url');
  const given = Buffer.from(mac, 'base64url');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Sends a sign-in code to the number, if it belongs to a customer. Answers nothing about which.
 * 1. A malformed number is a 400 at once (it tells nothing about anyone).
 * 2. A valid known-device token for the customer's mobile: the code is sent (or re-sent) on the
 *    known devices' allowance, and the client's is not counted.
 * 3. Otherwise count the request against the client (429 over its limit, for any number alike),
 *    and for a customer's mobile re-send the live code, or send a new one if none is live.
 * A token that is not valid (malformed, expired, another number's or customer's, forged) is as none, so
 * the answer for a number nobody has is the same with or without one.
 */
export async function requestSignInCode(deps: SignInDeps, rawPhone: string, client: string, deviceToken?: string): Promise<void> {
  const mobile = mobileNumberIn(rawPhone, deps.shop.phoneCountries);
  await floored(deps, async () => {
    const now = deps.clock();
    if (mobile && deviceToken) {
      const customerId = await deps.customers.findIdByPhone(mobile);
      if (customerId && (await isKnownDevice(deps, mobile, customerId, deviceToken, now))) {
        await sendCode(deps, mobile, customerId, now, 'DEVICE');
        return;
      }
    }
    await takeClientAllowance(deps, client, 'CODES', now);
    // A landline can receive no code, and claims no customer: it is answered as an unknown number is.
    if (mobile) await sendCodeIfCustomer(deps, mobile, now);
  });
}

async function sendCodeIfCustomer(deps: SignInDeps, phone: string, now: Date): Promise<void> {
  const customerId = await deps.customers.findIdByPhone(phone);
  if (customerId) await sendCode(deps, phone, customerId, now, 'ANYONE');
}

/** Re-sends the live code or sends a new one, counted against anyone's budget for the number or the known devices'. */
async function sendCode(deps: SignInDeps, phone: string, customerId: string, now: Date, budget: 'ANYONE' | 'DEVICE'): Promise<void> {
  const at = Math.floor(now.getTime() / 1000);
  const [prefix, perHour, perDay] = budget === 'DEVICE' ? ['DEVICE#', DEVICE_SENDS_PER_HOUR, DEVICE_SENDS_PER_DAY] : ['', SENDS_PER_HOUR, SENDS_PER_DAY];
  const sends: SignInSends = { hour: `${prefix}${now.toISOString().slice(0, 13)}`, maxPerHour: perHour, day: `${prefix}${now.toISOString().slice(0, 10)}`, maxPerDay: perDay };
  const live = await deps.signIn.liveCode(phone, at, MAX_ATTEMPTS_PER_CODE);
  if (live && live.customerId === customerId) {
    const minutesLeft = Math.max(1, Math.ceil((live.expiresAt - at) / 60));
    await deps.signIn.resendCode({ phone, codeHash: live.codeHash, ...sends, message: codeMessage(deps, customerId, live.sealedCode, minutesLeft, now) });
    return;
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sealedCode = await deps.sealCode(code);
  await deps.signIn.issueCode({
    phone,
    customerId,
    codeHash: await codeHash(deps, phone, code),
    sealedCode,
    ...sends,
    expiresAt: at + CODE_MINUTES * 60,
    createdAt: now.toISOString(),
    now: at,
    maxAttempts: MAX_ATTEMPTS_PER_CODE,
    message: codeMessage(deps, customerId, sealedCode, CODE_MINUTES, now),
  });
}

/** The code's SMS: its params hold the code only sealed, for the sender to open. */
function codeMessage(deps: SignInDeps, customerId: string, sealedCode: string, minutes: number, now: Date): Message {
  return newMessage({ customerId, purpose: 'verification_code', occasion: randomUUID(), params: { sealedCode, minutes }, now, retentionDays: deps.shop.messageRetentionDays });
}

/**
 * Exchanges a phone number and code for the customer id, once.
 * 1. Count the try against the client across all numbers (429 over its limit, for any number alike).
 * 2. Count it against the client's tries at this code, then against the code's tries in all.
 * 3. Compare in constant time; use the code up while the number is still the customer's.
 */
export async function verifySignInCode(deps: SignInDeps, rawPhone: string, code: string, client: string): Promise<string> {
  const phone = mobileNumberIn(rawPhone, deps.shop.phoneCountries);
  return floored(deps, async () => {
    const now = deps.clock();
    const at = Math.floor(now.getTime() / 1000);
    const hashedClient = await takeClientAllowance(deps, client, 'TRIES', now);
    if (!phone) throw new InvalidCodeError(); // no code was ever sent to a landline: as a wrong code
    const live = await deps.signIn.liveCode(phone, at, MAX_ATTEMPTS_PER_CODE);
    if (!live) throw new InvalidCodeError();
    // Keyed by the code's hash, so a new code starts the client's tries afresh; lives as long as the code.
    const ownTries = [{ period: `TRIES#${live.codeHash.slice(0, 32)}`, max: TRIES_PER_CLIENT_AND_CODE, expiresAt: live.expiresAt }];
    if (!(await deps.signIn.countClient(hashedClient, ownTries))) throw new InvalidCodeError();
    const attempt = await deps.signIn.countAttempt(phone, MAX_ATTEMPTS_PER_CODE, at, live.codeHash);
    if (!attempt) throw new InvalidCodeError();
    const expected = Buffer.from(attempt.codeHash, 'hex');
    const given = Buffer.from(await codeHash(deps, phone, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCodeError();
    // Used up only while the number is still the customer's: a code sent before a change of number, or an erasure, is void.
    if (!(await deps.signIn.consume(phone, attempt.codeHash, attempt.customerId))) throw new InvalidCodeError();
    return attempt.customerId;
  });
}
