/**
 * The one error vocabulary of the domain. Adapters re-throw these; the HTTP edge maps them to
 * RFC 9457 problem details in one place (shared/http/problem.ts). Messages are shown to clients,
 * so they never carry personal data: ids only.
 */
export type FieldIssue = { pointer: string; detail: string };

export abstract class DomainError extends Error {
  abstract readonly kind: 'validation' | 'not-found' | 'conflict' | 'precondition' | 'authentication' | 'rate-limited';
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(message: string, readonly issues: FieldIssue[] = []) {
    super(message, issues.length ? { errors: issues } : {});
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

/** The request is well formed but contradicts the current state (duplicate phone, illegal status move). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** An If-Match version did not match: someone else changed the item since the client read it. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition';
}

/** Proof of identity failed. Says nothing about why: a wrong, used or expired code look alike. */
export class AuthenticationError extends DomainError {
  readonly kind = 'authentication';
}

/** A limit on how often something may be done was reached; it may be done again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited';
  constructor(message: string, readonly retryAfterSeconds: number, extensions: Record<string, unknown> = {}) {
    super(message, extensions);
  }
}
