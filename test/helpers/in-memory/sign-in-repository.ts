import type { NewSignInCode, SignInRepository } from '#shared/ports/repositories';
import { copy, messageId, type InMemoryStore } from './store';

/** SignInRepository in memory: the number's one live code, its tries, and the hour's and day's limits. */
export class InMemorySignInRepository implements SignInRepository {
  constructor(private readonly store: InMemoryStore) {}

  async issueCode(code: NewSignInCode): Promise<'issued' | 'rate_limited'> {
    const periods = [
      { key: `${code.phone}#${code.hour}`, max: code.maxPerHour, expiresAt: code.expiresAt + 3600 },
      { key: `${code.phone}#${code.day}`, max: code.maxPerDay, expiresAt: code.expiresAt + 86_400 },
    ];
    if (periods.some((p) => (this.store.signInRates.get(p.key)?.count ?? 0) >= p.max)) return 'rate_limited';
    const message = messageId(code.message.customerId, code.message.messageKey);
    if (this.store.messages.has(message)) return 'rate_limited'; // the adapter's transaction fails as a whole
    for (const p of periods) this.store.signInRates.set(p.key, { count: (this.store.signInRates.get(p.key)?.count ?? 0) + 1, expiresAt: p.expiresAt });
    // A new code replaces the old one, and with it the old one's tries.
    this.store.signInCodes.set(code.phone, { customerId: code.customerId, codeHash: code.codeHash, attempts: 0, createdAt: code.createdAt, expiresAt: code.expiresAt });
    this.store.messages.set(message, copy(code.message));
    return 'issued';
  }

  async countAttempt(phone: string, maxAttempts: number, nowEpochSeconds: number) {
    const code = this.store.signInCodes.get(phone);
    if (!code || code.attempts >= maxAttempts || code.expiresAt <= nowEpochSeconds) return undefined;
    code.attempts += 1;
    return { customerId: code.customerId, codeHash: code.codeHash, attempts: code.attempts };
  }

  async consume(phone: string, attempts: number, customerId: string): Promise<boolean> {
    const code = this.store.signInCodes.get(phone);
    if (code?.attempts !== attempts || this.store.phoneClaims.get(phone) !== customerId) return false;
    this.store.signInCodes.delete(phone);
    return true;
  }
}
