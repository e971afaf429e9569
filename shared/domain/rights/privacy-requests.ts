import { addMonths, shopDate } from '../kernel/calendar';
import { ConflictError } from '../kernel/errors';

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
 * - start: a new request, a failed one run again, a blocked one resumed, or a start retried after it was written;
 * - block: garments are in the shop, so an erasure waits;
 * - complete: answered (again, when the close is retried after it was written);
 * - fail: a step failed after its retries (only an open request: a closed one stays as it is).
 */
export const REQUEST_TRANSITIONS = {
  // From blocked too: an erasure waiting for garments is run again when the last one is collected (resumeWaitingErasure).
  start: { from: ['received', 'failed', 'in_progress', 'blocked'], to: 'in_progress' },
  // From blocked too: a retry after a write that succeeded but whose answer was lost must hold.
  block: { from: ['in_progress', 'blocked'], to: 'blocked' },
  complete: { from: ['in_progress', 'completed'], to: 'completed' },
  fail: { from: ['received', 'in_progress'], to: 'failed' },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus }>;
export type RequestTransition = keyof typeof REQUEST_TRANSITIONS;

/**
 * One open request per customer and type (GDPR art. 12(5): a request that repeats one being
 * answered is "manifestly unfounded or excessive"; answering it twice would only send two runs and
 * two SMS). A request is open from receipt until it is completed: blocked (waiting for the
 * customer's garments) and failed (staff run it again) are still being answered, so a second one
 * is refused with the open one's id. The marker that makes this race-safe is written in the same
 * transaction as the request and released when it is answered.
 */
export const isUnansweredRequest = (request: Pick<PrivacyRequest, 'status'>): boolean => request.status !== 'completed';

/** The 409 for a second request of a type while one is being answered: it names the open one. */
export const requestAlreadyOpen = (type: RequestType, openRequestId: string) =>
  new ConflictError(`An ${type} request is being answered already: ${openRequestId}`, { openRequestId, requestType: type });

/**
 * Requests a signed-in customer may open in one shop day, of all types together. With one open
 * per type this only stops a loop of open–answer–open, each of which costs a workflow run and an
 * SMS; staff opening one at the counter (identity checked in person) are not counted.
 */
export const MAX_SELF_SERVICE_REQUESTS_PER_DAY = 4;

/**
 * Why an extension is needed, from a closed list (art. 12(3): "taking into account the complexity
 * and number of the requests", and the customer is told the reasons): the SMS says it in the
 * customer's language, and no free text about the person is stored on the request.
 */
export const EXTENSION_REASONS = ['complex_request', 'many_requests', 'records_to_collect'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/**
 * Why a request waits, as a code staff see in the queue and the customer is told about:
 * - open_orders: garments in the shop; nothing is erased until they have left it;
 * - open_balance: an invoice not yet paid, credited or written off; everything else is erased at
 *   once and what the claim needs is kept under the legal-claim hold (claim-hold.ts) until then;
 * - uninvoiced_pickups: a business's pickups on account waiting for their collective invoice;
 *   nothing is erased until that invoice is issued (the sale must get its document).
 */
export const WAITING_REASONS = ['open_orders', 'open_balance', 'uninvoiced_pickups'] as const;
export type WaitingReason = (typeof WAITING_REASONS)[number];

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
  extension?: { months: 1 | 2; reason: ExtensionReason; decidedAt: string };
  /** What was done: counts per kind of item, or why erasure waits (the waiting reason's code). */
  outcome?: { items?: Record<string, number>; blockedReason?: WaitingReason };
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

/**
 * The deadline while an erasure waits for the customer's garments (status blocked, reason
 * open_orders), and after:
 * - While garments are in the shop the data is needed to perform the contract (art. 6(1)(b)): to
 *   hand the garments back and take payment. None of the grounds of art. 17(1) applies yet, so the
 *   shop does not act on the request and, as art. 12(4) requires, tells the customer without
 *   delay, and at the latest within the month of art. 12(3), why, and what happens next (the
 *   `erasure_waiting` message, sent when the workflow blocks, once per request). That answer is
 *   given in time, so a blocked request never counts as overdue while it waits (overdueRequests).
 * - The wait ends when the last garment leaves the shop: the ground of art. 17(1)(a) applies from
 *   that day and the erasure is due "without undue delay". The request is run again at once
 *   (resumeWaitingErasure) with a fresh month counted from that day, never earlier than its
 *   deadline before (an extension already given stands). Should that resume be missed (a run
 *   still in progress when the garment left), the daily deadlines job resumes it the next morning
 *   (resumeStrandedErasures), its month counted from then.
 * - "When the hold ends" (ERASURE_HOLDS in erasure.ts): garments in the shop make the whole
 *   erasure wait. An open balance (an invoice not paid, credited or written off) does not: the
 *   erasure is done at once but for what the claim needs (art. 17(3)(e)), kept under the
 *   legal-claim hold, and the customer is told what is kept and why (`erasure_held`); the request
 *   waits, blocked with reason open_balance, and completes by itself when the last such invoice
 *   closes (the receivable's change on the stream), or the next morning should that be missed.
 *   Documents under the bookkeeping hold (bokføringsloven § 13) never make an erasure wait.
 */
export function resumedDeadline(current: string, resumedAt: string, timeZone: string): string {
  const fresh = requestDeadline(resumedAt, 0, timeZone);
  return fresh > current ? fresh : current;
}
