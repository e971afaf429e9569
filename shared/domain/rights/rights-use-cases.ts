import { randomUUID } from 'node:crypto';
import type { CustomerDataRepository, PageRequest, PrivacyRequestRepository } from '../../ports/repositories';
import type { RightsWorkflowStarter } from '../../ports/rights-workflow';
import { buildExport, exportCounts } from './customer-export';
import type { CounterDeps } from '../kernel/deps';
import { eraseCustomerData, releaseClaimHold, waitingHolds } from './erasure';
import { requestPseudonym, waitingExplanation } from './claim-hold';
import { isErasurePseudonym } from '../kernel/pseudonyms';
import { getDocumentWithBalance, type ReceivableDeps } from '../receivables/receivable-use-cases';
import { mobileNumberOf } from '../customers/customers';
import { ConflictError, NotFoundError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { secondsUntilNextShopDay, shopDate } from '../kernel/calendar';
import {
  MAX_SELF_SERVICE_REQUESTS_PER_DAY,
  requestDeadline,
  resumedDeadline,
  type ExtensionReason,
  type PrivacyRequest,
  type RequestStatus,
  type RequestType,
  type VerificationMethod,
  type WaitingReason,
} from './privacy-requests';

export type RightsDeps = CounterDeps & { requests: PrivacyRequestRepository; customerData: CustomerDataRepository };

/**
 * Opens a verified request:
 * 1. the customer must exist (404 otherwise);
 * 2. the request, its link from the customer and the customer's one open request of the type are
 *    written in one transaction: a second of the type while one is being answered is a 409 naming
 *    it, however many arrive at once (isUnansweredRequest);
 * 3. a customer's own requests count towards the day's cap in the same transaction (429 with
 *    Retry-After the next shop day); staff at the counter, who checked ID in person, are not capped.
 * Writing it is all the API does: the table's stream starts the workflow, so a request is never
 * lost between the two.
 */
export async function openRequest(deps: RightsDeps, input: { customerId: string; type: RequestType; verifiedBy: VerificationMethod }): Promise<PrivacyRequest> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError(`Customer ${input.customerId} does not exist`);
  const now = deps.clock();
  const request: PrivacyRequest = {
    requestId: randomUUID(),
    customerId: input.customerId,
    type: input.type,
    verifiedBy: input.verifiedBy,
    status: 'received',
    receivedAt: now.toISOString(),
    deadline: requestDeadline(now.toISOString(), 0, deps.shop.timeZone),
    updatedAt: now.toISOString(),
  };
  const today = shopDate(now, deps.shop.timeZone);
  const retryAfterSeconds = secondsUntilNextShopDay(now, deps.shop.timeZone);
  const limit =
    input.verifiedBy === 'sms_code'
      ? { day: today, max: MAX_SELF_SERVICE_REQUESTS_PER_DAY, retryAfterSeconds, expiresAt: Math.floor(now.getTime() / 1000) + retryAfterSeconds + 86_400 }
      : undefined;
  await deps.requests.create(request, limit);
  return request;
}

/**
 * A customer's own request; anyone else's is "not found", never "forbidden". A blocked one says
 * why it waits in the customer's language (art. 12(4)): under a claim's hold, what is kept and why.
 */
export async function getOwnRequest(deps: RightsDeps, customerId: string, requestId: string): Promise<PrivacyRequest & { waiting?: NonNullable<Awaited<ReturnType<typeof waitingOf>>> }> {
  const request = await deps.requests.get(requestId);
  if (!request || request.customerId !== customerId) throw new NotFoundError('No such request');
  const waiting = await waitingOf(deps, request);
  return waiting ? { ...request, waiting } : request;
}

/**
 * The export of a completed access request, built from what is stored now. The request is found
 * among the customer's own (read with the rest), so someone else's is not found at all.
 */
export async function exportForRequest(deps: RightsDeps, customerId: string, requestId: string) {
  const data = await deps.customerData.readAll(customerId);
  const request = data?.requests.find((r) => r.requestId === requestId);
  if (!data || !request) throw new NotFoundError('No such request');
  if (request.type !== 'access' || request.status !== 'completed') throw new ConflictError('The export is ready when the access request is completed', { requestStatus: request.status });
  return buildExport(data, deps.clock(), deps.shop);
}

export function listRequests(deps: RightsDeps, status: RequestStatus, page: PageRequest) {
  return deps.requests.listByStatus(status, page);
}

/**
 * Art. 12(3): the deadline may be extended by up to two months where necessary, telling the
 * customer why within the first month. Once per request.
 */
export async function extendRequest(deps: RightsDeps, requestId: string, input: { months: 1 | 2; reason: ExtensionReason }): Promise<PrivacyRequest> {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFoundError('No such request');
  const now = deps.clock();
  const deadline = requestDeadline(request.receivedAt, input.months, deps.shop.timeZone);
  const extended: PrivacyRequest = { ...request, deadline, extension: { ...input, decidedAt: now.toISOString() }, updatedAt: now.toISOString() };
  const refused = () => new ConflictError('Only an open request, not extended before, can be extended, and only within its first month');
  if (!request.customerId) throw refused();
  const notice = newMessage({ customerId: request.customerId, purpose: 'request_extended', occasion: requestId, params: { date: deadline, reason: input.reason }, now, retentionDays: deps.shop.messageRetentionDays });
  if (!(await deps.requests.extend(request, extended, shopDate(now, deps.shop.timeZone), notice))) throw refused();
  return extended;
}

// The workflow's Lambda steps: the ones where logic lives. Starting, blocking, closing and
// marking a request failed are plain writes the state machine makes itself (REQUEST_TRANSITIONS).
// Each step takes the request id and returns codes only: Step Functions keeps execution history
// for 90 days, so no personal data may pass through it, and the customer id (personal data, see
// the inventory) is read from the request by the step that needs it, never passed along.
/** `run` is the workflow run's name (request id and occasion: no personal data), for the erasing step's hold. */
export type StepInput = { requestId: string; run?: string };
/** What erasing came to: erased (now or on an earlier run) or blocked, with the reason's code. */
export type ErasureStepResult = { outcome: 'erased' | 'gone' | 'busy' } | { outcome: 'blocked'; reason: WaitingReason };

async function customerOf(deps: RightsDeps, requestId: string): Promise<string> {
  const request = await deps.requests.get(requestId);
  if (!request?.customerId) throw new NotFoundError(`Request ${requestId} is gone or closed`);
  return request.customerId;
}

/** Access: checks the export can be assembled and records what it holds (counts, not contents). */
export async function assembleExport(deps: RightsDeps, { requestId }: StepInput): Promise<void> {
  const data = await deps.customerData.readAll(await customerOf(deps, requestId));
  if (!data) throw new NotFoundError('No customer');
  await deps.requests.recordOutcome(requestId, { items: exportCounts(data) }, deps.clock().toISOString());
}

/**
 * Erases the customer (see eraseCustomerData, which reads the customer's records once, after
 * marking the profile) and records what was done, in counts. Garments still in the shop (open
 * orders) make the erasure wait: that is an answer, "blocked", never a failure, however late the
 * order was taken in. Invoices do not block it: they stay, under legal hold, with what the
 * document requires.
 */
export async function eraseCustomer(deps: RightsDeps, { requestId, run }: StepInput): Promise<ErasureStepResult> {
  const now = deps.clock();
  const pseudonym = requestPseudonym(requestId);
  const customerId = await customerOf(deps, requestId);
  const result = await eraseCustomerData(deps, {
    customerId,
    pseudonym,
    answeringRequestId: requestId,
    ...(run ? { run } : {}),
    // To the mobile just forgotten; a customer with a landline or no number was seen at the counter, and is told there.
    confirmation: (data) => {
      const recipient = mobileNumberOf(data.customer);
      // In the customer's language, taken now: when it is sent, the profile it would be read from is gone.
      const params = { requestType: 'erasure' as const, language: data.customer.language };
      return recipient ? newMessage({ customerId: pseudonym, purpose: 'request_completed', occasion: requestId, params, recipient, now, retentionDays: 1 }) : undefined;
    },
  });
  switch (result.outcome) {
    case 'erased':
      await deps.requests.recordOutcome(requestId, { items: result.items }, now.toISOString());
      return { outcome: 'erased' };
    case 'gone':
      return { outcome: 'gone' }; // finished on an earlier run
    case 'held':
      // Erased but for the claim of an open invoice (the customer was told what is kept and why:
      // erasure_held). The request waits, blocked, and is run again when the last such invoice
      // closes (resumeHeldErasure), which releases the hold and sends the confirmation.
      if (Object.keys(result.items).length > 0) await deps.requests.recordOutcome(requestId, { items: result.items }, now.toISOString());
      return { outcome: 'blocked', reason: result.reason };
    case 'busy':
      // Another run (a resume from the stream beside the daily one) is erasing: it records the
      // outcome and closes the request; this run ends without touching either.
      return { outcome: 'busy' };
    case 'blocked':
      if (result.reason === 'open_request') throw new Error('An erasure request does not wait for open requests');
      // Only the inactivity sweep waits for open requests (waitForOpenRequests), so this is a hold (ERASURE_HOLDS).
      // Art. 12(4): the customer is told why it waits and that it completes by itself, once per
      // request (the message key is the request's: a rerun that blocks again sends nothing new).
      // By SMS; to a customer with no mobile, by e-mail when they keep an address for privacy
      // answers. With neither, the SMS fails as "no mobile" in the messages staff see, and the
      // request shows staff why it waits (outcome.blockedReason): they tell the customer at the counter.
      await deps.customerData.queueMessage(newMessage({ customerId, purpose: await waitingNoticePurpose(deps, customerId), occasion: requestId, params: { waitingFor: result.reason }, now, retentionDays: deps.shop.messageRetentionDays }));
      return { outcome: 'blocked', reason: result.reason };
    case 'active':
      throw new Error('An erasure request has no inactivity condition');
  }
}

async function waitingNoticePurpose(deps: RightsDeps, customerId: string): Promise<'erasure_waiting' | 'erasure_waiting_email'> {
  const customer = await deps.customers.get(customerId);
  const byEmail = customer && !mobileNumberOf(customer) && customer.email && customer.emailPurposes.includes('privacy_requests');
  return byEmail ? 'erasure_waiting_email' : 'erasure_waiting';
}

/**
 * Tells the customer an access request is answered (an erasure's confirmation is queued while
 * erasing), and frees their one open access request: the export is ready, so a new request may
 * follow. An erasure's marker goes with the rest of the customer's records.
 */
export async function notifyAccessAnswered(deps: RightsDeps, { requestId }: StepInput): Promise<void> {
  const customerId = await customerOf(deps, requestId);
  const customer = await deps.customers.get(customerId);
  const now = deps.clock();
  const retentionDays = deps.shop.messageRetentionDays;
  await deps.customerData.queueMessage(newMessage({ customerId, purpose: 'request_completed', occasion: requestId, params: { requestType: 'access' }, now, retentionDays }));
  // Also by e-mail, when the customer keeps an address for privacy answers.
  if (customer?.email && customer.emailPurposes.includes('privacy_requests')) {
    await deps.customerData.queueMessage(newMessage({ customerId, purpose: 'request_completed_email', occasion: requestId, params: {}, now, retentionDays }));
  }
  await deps.requests.releaseOpen(customerId, 'access', requestId);
}

/**
 * An order of the customer stopped being open (collected, or its garments handed back): an
 * erasure that waits for the garments is run again, through the workflow, which erases or, while
 * other garments are still in the shop, blocks it again (no second waiting message). Idempotent:
 * the run is named after the request and the order, so a replayed record starts nothing new.
 * 1. the customer's open erasure, by its marker (none: nothing waits);
 * 2. only a blocked one is resumed, with a fresh month from today (resumedDeadline);
 * 3. the workflow is started.
 */
export async function resumeWaitingErasure(
  deps: RightsDeps,
  workflow: RightsWorkflowStarter,
  input: { customerId: string; occasion: string },
): Promise<'not_waiting' | 'started' | 'already-started'> {
  const requestId = await deps.requests.openRequestOf(input.customerId, 'erasure');
  const request = requestId ? await deps.requests.get(requestId) : undefined;
  return resumeBlocked(deps, workflow, request, input.occasion);
}

/** Runs a blocked request again with a fresh month from today (resumedDeadline); any other is not waiting. */
async function resumeBlocked(deps: RightsDeps, workflow: RightsWorkflowStarter, request: PrivacyRequest | undefined, occasion: string): Promise<'not_waiting' | 'started' | 'already-started'> {
  if (!request || request.status !== 'blocked') return 'not_waiting';
  const now = deps.clock();
  await deps.requests.moveDeadline(request, resumedDeadline(request.deadline, now.toISOString(), deps.shop.timeZone), now.toISOString());
  return workflow.start(request.requestId, `${request.requestId}-after-${occasion}`);
}

/**
 * An invoice stopped being open (paid, credited or written off; the stream's receivable change):
 * if its customer was erased but for the claim (its customer id is then the erasure's pseudonym,
 * which names the hold), the hold ends once none of its invoices is open. Idempotent and
 * conditional (releaseClaimHold), so a replayed record, two invoices closing at once or an
 * erasure finishing at the same moment end in one release:
 * 1. the hold, by the receivable's customer id (none: a live customer's invoice, nothing held);
 * 2. of an erasure request still blocked on it: the request is run again (its run releases the
 *    hold, sends the confirmation and closes the request, as any erasure), named after the
 *    invoice and its status so a replay starts nothing new;
 * 3. otherwise (the sweep's hold, or a request whose run has not blocked yet): released here; a
 *    request left blocked is closed by the daily safety net, which finds nothing left to erase.
 */
export async function resumeHeldErasure(
  deps: RightsDeps,
  workflow: RightsWorkflowStarter,
  input: { holder: string; occasion: string },
): Promise<'not_held' | 'still_owed' | 'released' | 'started' | 'already-started'> {
  const hold = await deps.customerData.claimHold(input.holder);
  if (!hold) return 'not_held';
  if (hold.openInvoices.length > 0) return 'still_owed';
  const request = hold.requestId ? await deps.requests.get(hold.requestId) : undefined;
  const resumed = await resumeBlocked(deps, workflow, request, input.occasion);
  if (resumed !== 'not_waiting') return resumed;
  const released = await releaseClaimHold(deps, input.holder);
  return released === 'none' ? 'not_held' : released;
}

/**
 * A sales document as staff look it up (with its balance), and, when its buyer was erased but for
 * the claim, why: the hold with the name and number kept to claim it, since when, and which of
 * its invoices are still open. Only a pseudonym can name a hold, so a live customer's invoice
 * costs no further read.
 */
export async function getDocumentForStaff(deps: ReceivableDeps & Pick<RightsDeps, 'customerData'>, documentNumber: number) {
  const document = await getDocumentWithBalance(deps, documentNumber);
  const claimHold = isErasurePseudonym(document.customerId) ? await deps.customerData.claimHold(document.customerId) : undefined;
  return claimHold ? { ...document, claimHold } : document;
}

/**
 * Why a request waits, in the customer's language, for the `/me` view and staff's: the code
 * (outcome.blockedReason) with its explanation. Under a claim's hold the language is the hold's
 * (the profile is gone), and the invoices still open are named for staff.
 */
export async function waitingOf(deps: RightsDeps, request: PrivacyRequest): Promise<{ reason: WaitingReason; explanation: string; openInvoices?: number[] } | undefined> {
  const reason = request.status === 'blocked' ? request.outcome?.blockedReason : undefined;
  if (!reason) return undefined;
  if (reason === 'open_balance') {
    const hold = await deps.customerData.claimHold(requestPseudonym(request.requestId));
    return { reason, explanation: waitingExplanation(reason, hold?.language ?? deps.shop.defaultLanguage), ...(hold ? { openInvoices: hold.openInvoices } : {}) };
  }
  const customer = request.customerId ? await deps.customers.get(request.customerId) : undefined;
  return { reason, explanation: waitingExplanation(reason, customer?.language ?? deps.shop.defaultLanguage) };
}

/**
 * The daily safety net under resumeWaitingErasure. The stream's resume can miss: it reads the
 * request while the run that is about to block it is still in progress (and so gives up), or its
 * record ages out of the stream after failing. A blocked erasure would then wait with nothing to
 * wake it. So each day, for every blocked erasure:
 * 1. the customer's records are read: while a hold that keeps it all waiting applies (waitingHolds) it waits on;
 * 2. otherwise it is resumed as the stream would have, the run named after the request and the
 *    shop day, so a job retried the same day starts nothing new (the name is the idempotency key)
 *    and a run of the stream's started meanwhile is harmless (the workflow's steps are idempotent).
 * A customer already gone (erased by an earlier run whose close was lost) is resumed too: the run
 * finds nothing to erase and closes the request.
 * 3. Every legal-claim hold no request waits for (the sweep's, of an inactive customer) is released
 *    once none of its invoices is open: its release on the stream may be lost too, and the name and
 *    number it keeps must then not outlive the claim (GDPR art. 5(1)(e); art. 17(3)(e) keeps them
 *    only while the claim needs them). A hold a request waits for ends with that request's run.
 */
export async function resumeStrandedErasures(deps: RightsDeps, workflow: RightsWorkflowStarter, asOf: Date): Promise<{ resumed: string[]; holdsReleased: number; holdsFailed: number }> {
  const resumed: string[] = [];
  const day = shopDate(asOf, deps.shop.timeZone);
  let cursor: string | undefined;
  do {
    const page = await deps.requests.listByStatus('blocked', { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const request of page.items) {
      if (request.type !== 'erasure' || !request.customerId) continue;
      const data = await deps.customerData.readAll(request.customerId);
      if (data && waitingHolds(data).length > 0) continue;
      // Erased but for a claim whose invoices are still open: it waits on (a run would only block again).
      if (!data && ((await deps.customerData.claimHold(requestPseudonym(request.requestId)))?.openInvoices.length ?? 0) > 0) continue;
      if (data) {
        const outcome = await resumeWaitingErasure(deps, workflow, { customerId: request.customerId, occasion: `daily-${day}` });
        if (outcome === 'started') resumed.push(request.requestId);
      } else if ((await workflow.start(request.requestId, `${request.requestId}-after-daily-${day}`)) === 'started') {
        resumed.push(request.requestId);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  let holdsReleased = 0;
  let holdsFailed = 0;
  let holdsCursor: string | undefined;
  do {
    const page = await deps.customerData.listClaimHolds({ limit: 100, ...(holdsCursor ? { cursor: holdsCursor } : {}) });
    for (const hold of page.items) {
      if (hold.requestId) continue;
      // One hold that cannot be released today (a throttle) must not stop the others, nor the
      // deadline count after this: it is counted, and tried again tomorrow.
      try {
        if ((await releaseClaimHold(deps, hold.holder)) === 'released') holdsReleased++;
      } catch {
        holdsFailed++;
      }
    }
    holdsCursor = page.nextCursor;
  } while (holdsCursor);
  return { resumed, holdsReleased, holdsFailed };
}

/**
 * Requests past their deadline and not answered: received, in progress or failed. A blocked
 * erasure is not among them: the customer was told why it waits (art. 12(4)), and its month starts
 * again when the last garment is collected (resumedDeadline in privacy-requests.ts).
 */
export async function overdueRequests(deps: RightsDeps, asOf: Date): Promise<{ overdue: number; requestIds: string[] }> {
  const today = shopDate(asOf, deps.shop.timeZone);
  const found = (await Promise.all((['received', 'in_progress', 'failed'] as const).map((status) => deps.requests.listDueBefore(status, today)))).flat();
  return { overdue: found.length, requestIds: found.map((r) => r.requestId) };
}
