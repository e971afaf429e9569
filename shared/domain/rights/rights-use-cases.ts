import { randomUUID } from 'node:crypto';
import type { CustomerDataRepository, PageRequest, PrivacyRequestRepository } from '../../ports/repositories';
import { buildExport, exportCounts } from './customer-export';
import type { CounterDeps } from '../kernel/deps';
import { eraseCustomerData } from './erasure';
import { mobileNumberOf } from '../customers/customers';
import { ConflictError, NotFoundError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import { requestDeadline, type PrivacyRequest, type RequestStatus, type RequestType, type VerificationMethod } from './privacy-requests';

export type RightsDeps = CounterDeps & { requests: PrivacyRequestRepository; customerData: CustomerDataRepository };

/**
 * Opens a verified request. Writing it is all the API does: the table's stream starts the
 * workflow, so a request is never lost between the two.
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
  await deps.requests.create(request);
  return request;
}

/** A customer's own request; anyone else's is "not found", never "forbidden". */
export async function getOwnRequest(deps: RightsDeps, customerId: string, requestId: string): Promise<PrivacyRequest> {
  const request = await deps.requests.get(requestId);
  if (!request || request.customerId !== customerId) throw new NotFoundError('No such request');
  return request;
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
export async function extendRequest(deps: RightsDeps, requestId: string, input: { months: 1 | 2; reason: string }): Promise<PrivacyRequest> {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFoundError('No such request');
  const now = deps.clock();
  const deadline = requestDeadline(request.receivedAt, input.months, deps.shop.timeZone);
  const extended: PrivacyRequest = { ...request, deadline, extension: { ...input, decidedAt: now.toISOString() }, updatedAt: now.toISOString() };
  const refused = () => new ConflictError('Only an open request, not extended before, can be extended, and only within its first month');
  if (!request.customerId) throw refused();
  const notice = newMessage({ customerId: request.customerId, purpose: 'request_extended', occasion: requestId, params: { date: deadline }, now, retentionDays: deps.shop.messageRetentionDays });
  if (!(await deps.requests.extend(request, extended, shopDate(now, deps.shop.timeZone), notice))) throw refused();
  return extended;
}

// The workflow's Lambda steps: the ones where logic lives. Starting, blocking, closing and
// marking a request failed are plain writes the state machine makes itself (REQUEST_TRANSITIONS).
// Each step takes the request id and returns codes only: Step Functions keeps execution history
// for 90 days, so no personal data may pass through it, and the customer id (personal data, see
// the inventory) is read from the request by the step that needs it, never passed along.
export type StepInput = { requestId: string };
/** What erasing came to: erased (now or on an earlier run) or blocked, with the reason's code. */
export type ErasureStepResult = { outcome: 'erased' | 'gone' } | { outcome: 'blocked'; reason: 'open_orders' };

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
export async function eraseCustomer(deps: RightsDeps, { requestId }: StepInput): Promise<ErasureStepResult> {
  const now = deps.clock();
  const pseudonym = `erased:${requestId}`;
  const result = await eraseCustomerData(deps, {
    customerId: await customerOf(deps, requestId),
    pseudonym,
    answeringRequestId: requestId,
    // To the mobile just forgotten; a customer with a landline or no number was seen at the counter, and is told there.
    confirmation: (data) => {
      const recipient = mobileNumberOf(data.customer);
      return recipient ? newMessage({ customerId: pseudonym, purpose: 'request_completed', occasion: requestId, params: { requestType: 'erasure' }, recipient, now, retentionDays: 1 }) : undefined;
    },
  });
  switch (result.outcome) {
    case 'erased':
      await deps.requests.recordOutcome(requestId, { items: result.items }, now.toISOString());
      return { outcome: 'erased' };
    case 'gone':
      return { outcome: 'gone' }; // finished on an earlier run
    case 'blocked':
      // Only the inactivity sweep waits for open requests (waitForOpenRequests), so this is open orders.
      return { outcome: 'blocked', reason: 'open_orders' };
    case 'active':
      throw new Error('An erasure request has no inactivity condition');
  }
}

/** Tells the customer an access request is answered (an erasure's confirmation is queued while erasing). */
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
}

/** Requests past their deadline and not answered: received, in progress, failed or waiting (blocked). */
export async function overdueRequests(deps: RightsDeps, asOf: Date): Promise<{ overdue: number; requestIds: string[] }> {
  const today = shopDate(asOf, deps.shop.timeZone);
  const found = (await Promise.all((['received', 'in_progress', 'failed', 'blocked'] as const).map((status) => deps.requests.listDueBefore(status, today)))).flat();
  return { overdue: found.length, requestIds: found.map((r) => r.requestId) };
}
