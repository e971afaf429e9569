import type { ClientCounter, NewSignInCode, SignInRepository, SignInResend, SignInSends } from '#shared/ports/repositories';
import { copy, messageId, type InMemoryStore } from './store';

/** SignInRepository in memory: the number's one live code, its tries, its SMS budget, and each client's counters. */
export class InMemorySignInRepository implements SignInRepository {
  constructor(private readonly store: InMemoryStore) {}

  async liveCode(phone: string, nowEpochSeconds: number, maxAttempts: number) {
    const code = this.store.signInCodes.get(phone);
    if (!code || code.expiresAt <= nowEpochSeconds || code.attempts >= maxAttempts) return undefined;
    return { customerId: code.customerId, codeHash: code.codeHash, sealedCode: code.sealedCode, attempts: code.attempts, expiresAt: code.expiresAt };
  }

  async issueCode(code: NewSignInCode): Promise<'issued' | 'rate_limited'> {
    const counters = this.sendCounters(code.phone, code, code.expiresAt);
    const current = this.store.signInCodes.get(code.phone);
    const live = current && current.expiresAt > code.now && current.attempts < code.maxAttempts && current.customerId === code.customerId;
    // The adapter's transaction fails as a whole.
    if (!this.allowed(counters) || live || this.store.messages.has(messageId(code.message.customerId, code.message.messageKey))) return 'rate_limited';
    this.count(counters);
    this.store.signInCodes.set(code.phone, { customerId: code.customerId, codeHash: code.codeHash, sealedCode: code.sealedCode, attempts: 0, createdAt: code.createdAt, expiresAt: code.expiresAt });
    this.store.messages.set(messageId(code.message.customerId, code.message.messageKey), copy(code.message));
    return 'issued';
  }

  async resendCode(resend: SignInResend): Promise<'sent' | 'rate_limited'> {
    const counters = this.sendCounters(resend.phone, resend, Math.floor(Date.parse(resend.message.createdAt) / 1000));
    const unchanged = this.store.signInCodes.get(resend.phone)?.codeHash === resend.codeHash;
    if (!this.allowed(counters) || !unchanged || this.store.messages.has(messageId(resend.message.customerId, resend.message.messageKey))) return 'rate_limited';
    this.count(counters);
    this.store.messages.set(messageId(resend.message.customerId, resend.message.messageKey), copy(resend.message));
    return 'sent';
  }

  async countClient(client: string, counters: ClientCounter[]): Promise<boolean> {
    const keyed = counters.map((c) => ({ key: `CLIENT#${client}#${c.period}`, max: c.max, expiresAt: c.expiresAt }));
    if (!this.allowed(keyed)) return false;
    this.count(keyed);
    return true;
  }

  async countAttempt(phone: string, maxAttempts: number, nowEpochSeconds: number, codeHash?: string) {
    const code = this.store.signInCodes.get(phone);
    if (!code || (codeHash !== undefined && code.codeHash !== codeHash) || code.attempts >= maxAttempts || code.expiresAt <= nowEpochSeconds) return undefined;
    code.attempts += 1;
    return { customerId: code.customerId, codeHash: code.codeHash, attempts: code.attempts };
  }

  async consume(phone: string, codeHash: string, customerId: string): Promise<boolean> {
    const code = this.store.signInCodes.get(phone);
    if (code?.codeHash !== codeHash || this.store.phoneClaims.get(phone) !== customerId) return false;
    this.store.signInCodes.delete(phone);
    return true;
  }

  private sendCounters(phone: string, sends: SignInSends, from: number) {
    return [
      { key: `${phone}#${sends.hour}`, max: sends.maxPerHour, expiresAt: from + 3600 },
      { key: `${phone}#${sends.day}`, max: sends.maxPerDay, expiresAt: from + 86_400 },
    ];
  }

  private allowed(counters: { key: string; max: number }[]): boolean {
    return counters.every((c) => (this.store.signInRates.get(c.key)?.count ?? 0) < c.max);
  }

  private count(counters: { key: string; expiresAt: number }[]): void {
    for (const c of counters) {
      const before = this.store.signInRates.get(c.key);
      this.store.signInRates.set(c.key, { count: (before?.count ?? 0) + 1, expiresAt: before?.expiresAt ?? c.expiresAt });
    }
  }
}
