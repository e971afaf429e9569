import { addMonths, shopDate } from '../kernel/calendar';

/**
 * Requests under GDPR arts. 15 (access) and 17 (erasure). Answered within one month of receipt,
 * extendable by up to two further months when necessary, with the customer told of the extension
 * and why within the first month (art. 12(3)); free of charge. The record of a request proves it
 * was honoured (type, dates, outcome) and holds no personal data once it is closed.
 */
export const REQUEST_TYPES = ['access', 'erasure'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** How identity was proven: a code to the number on file, or staff checking ID at the counter. */
export const VERIFICATION_METHODS = ['sms_code', 'in_person'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const REQUEST_STATUSES = ['received', 'in_progress', 'completed', 'blocked', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * How the workflow moves a request, one row per write: the statuses it may come from (the write's
 * condition) and the one it goes to. The state machine writes these itself (direct DynamoDB
 * integrations in infra/constructs/rights-workflow.ts), so this table is their only source.
 * - start: a new request, a failed one run again, or a start retried after it was written;
 * - block: garments are in the shop, so an erasure waits;
 * - complete: answered (again, when the close is retried after it was written);
 * - fail: a step failed after its retries (only an open request: a closed one stays as it is).
 */
export const REQUEST_TRANSITIONS = {
  start: { from: ['received', 'failed', 'in_progress'], to: 'in_progress' },
  // From blocked too: a retry after a write that succeeded but whose answer was lost must hold.
  block: { from: ['in_progress', 'blocked'], to: 'blocked' },
  complete: { from: ['in_progress', 'completed'], to: 'completed' },
  fail: { from: ['received', 'in_progress'], to: 'failed' },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type RequestTransition = keyof typeof REQUEST_TRANSITIONS;

/** A request still being answered: it keeps the customer (for the inactivity sweep) from being anonymised under it. */
export const isOpenRequest = (request: Pick<PrivacyRequest, 'status'>): boolean => request.status === 'received' || request.status === 'in_progress';

export type PrivacyRequest = {
  requestId: string;
  /** Removed when an erasure closes, so the record keeps no link to the person. */
  customerId?: string;
  type: RequestType;
  verifiedBy: VerificationMethod;
  status: RequestStatus;
  receivedAt: string;
  /** YYYY-MM-DD: one month from receipt, or later if extended. */
  deadline: string;
  extension?: { months: 1 | 2; reason: string; decidedAt: string };
  /** What was done: counts per kind of item, or why erasure could not proceed. */
  outcome?: { items?: Record<string, number>; blockedReason?: 'open_orders' };
  failedStep?: string;
  completedAt?: string;
  updatedAt: string;
};

/**
 * GDPR art. 12(3): one month from receipt, counted from the shop's date of receipt (just after
 * midnight in Oslo the UTC date is still the day before), plus any extension of one or two months.
 */
export function requestDeadline(receivedAt: string, extensionMonths: number, timeZone: string): string {
  return addMonths(shopDate(new Date(receivedAt), timeZone), 1 + extensionMonths);
}
