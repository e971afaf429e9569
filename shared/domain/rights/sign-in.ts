import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SignInRepository } from '../../ports/repositories';
import type { CounterDeps } from '../kernel/deps';
import { AuthenticationError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { mobileNumberIn } from '../customers/phone';

/**
 * Customers prove who they are with what they already have (GDPR recital 64; EDPB guidelines on
 * the right of access): a one-time code sent to the mobile number on file. Never to a number given
 * in the request, and never a copy of an ID document. A customer with a landline or no number
 * cannot sign in: staff open their requests after checking their ID at the counter.
 *  - The answer to "send me a code" is the same whether or not the number is registered, in
 *    content and in time (AnswerFloor), and the same for a landline, registered or not.
 *  - Codes are 6 digits, live CODE_MINUTES, and are stored only as an HMAC keyed with the server's
 *    secret (a leaked table does not reveal them, and six digits cannot be brute-forced offline
 *    without the key).
 *  - At most MAX_ATTEMPTS tries per code, counted before the comparison, so the sixth try fails
 *    even with the right code; a used, expired or exhausted code fails exactly like a wrong one.
 *  - At most CODES_PER_HOUR codes per number and hour, and CODES_PER_DAY a day.
 */
export const CODE_MINUTES = 10;
export const MAX_ATTEMPTS = 5;
export const CODES_PER_HOUR = 3;
/** With five tries a code, at most 30 guesses a day against one number (1 in 33 000). */
export const CODES_PER_DAY = 6;

/**
 * The answer to "send me a code" takes at least `ms`, registered number or not: an unknown number
 * costs one read and a known one a read and a transaction, and the difference would tell who is a
 * customer as plainly as a different answer would.
 */
export type AnswerFloor = { ms: number; wait: (ms: number) => Promise<void> };

export type SignInDeps = CounterDeps & { signIn: SignInRepository; codeKey: () => Promise<Uint8Array>; answerFloor?: AnswerFloor };

export class InvalidCodeError extends AuthenticationError {
  constructor() {
    super('The code is wrong, used or expired');
  }
}

async function codeHash(deps: SignInDeps, phone: string, code: string): Promise<string> {
  return createHmac('sha256', await deps.codeKey()).update(`${phone}:${code}`).digest('hex');
}

/** Sends a sign-in code to the number, if it belongs to a customer. Answers nothing about which. */
export async function requestSignInCode(deps: SignInDeps, rawPhone: string): Promise<void> {
  const mobile = mobileNumberIn(rawPhone, deps.shop.phoneCountries);
  const started = performance.now();
  try {
    // A landline can receive no code, and claims no customer: it is answered as an unknown number is.
    if (mobile) await issueCodeIfCustomer(deps, mobile);
  } finally {
    const remaining = deps.answerFloor ? deps.answerFloor.ms - (performance.now() - started) : 0;
    if (remaining > 0) await deps.answerFloor?.wait(remaining);
  }
}

async function issueCodeIfCustomer(deps: SignInDeps, phone: string): Promise<void> {
  const customerId = await deps.customers.findIdByPhone(phone);
  if (!customerId) return;
  const now = deps.clock();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.signIn.issueCode({
    phone,
    customerId,
    codeHash: await codeHash(deps, phone, code),
    hour: now.toISOString().slice(0, 13),
    maxPerHour: CODES_PER_HOUR,
    day: now.toISOString().slice(0, 10),
    maxPerDay: CODES_PER_DAY,
    expiresAt: Math.floor(now.getTime() / 1000) + CODE_MINUTES * 60,
    createdAt: now.toISOString(),
    message: newMessage({
      customerId,
      purpose: 'verification_code',
      occasion: randomUUID(),
      params: { code, minutes: CODE_MINUTES },
      now,
      retentionDays: deps.shop.messageRetentionDays,
    }),
  });
}

/** Exchanges a phone number and code for the customer id, once. */
export async function verifySignInCode(deps: SignInDeps, rawPhone: string, code: string): Promise<string> {
  const phone = mobileNumberIn(rawPhone, deps.shop.phoneCountries);
  if (!phone) throw new InvalidCodeError(); // no code was ever sent to a landline: as a wrong code
  const now = deps.clock();
  const attempt = await deps.signIn.countAttempt(phone, MAX_ATTEMPTS, Math.floor(now.getTime() / 1000));
  if (!attempt) throw new InvalidCodeError();
  const expected = Buffer.from(attempt.codeHash, 'hex');
  const given = Buffer.from(await codeHash(deps, phone, code), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCodeError();
  // Used up only while the number is still the customer's: a code sent before a change of number, or an erasure, is void.
  if (!(await deps.signIn.consume(phone, attempt.attempts, attempt.customerId))) throw new InvalidCodeError();
  return attempt.customerId;
}

