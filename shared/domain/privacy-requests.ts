import { shopDate } from './order-use-cases';

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

/** One calendar month later; a day the month lacks becomes its last day (31 Jan → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * GDPR art. 12(3): one month from receipt, counted from the shop's date of receipt (just after
 * midnight in Oslo the UTC date is still the day before), plus any extension of one or two months.
 */
export function requestDeadline(receivedAt: string, extensionMonths: number, timeZone: string): string {
  return addMonths(shopDate(new Date(receivedAt), timeZone), 1 + extensionMonths);
}
