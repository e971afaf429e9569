import { randomUUID } from 'node:crypto';
import type { CustomerDataRepository, PageRequest, PrivacyRequestRepository } from '../../ports/repositories';
import { buildExport, exportCounts } from './customer-export';
import type { CounterDeps } from '../kernel/deps';
import { eraseCustomerData } from './erasure';
import { ConflictError, NotFoundError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import { isOpenOrder } from '../orders/orders';
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
  return buildExport(data, deps.clock(), deps.shop.messageRetentionDays);
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

// The workflow's steps. Each takes and returns ids and codes only: Step Functions keeps
// execution history for 90 days, so no personal data may pass through it.
export type StepInput = { requestId: string };
export type StepOutput = { requestId: string; type?: RequestType; erasable?: boolean };

async function load(deps: RightsDeps, requestId: string): Promise<PrivacyRequest & { customerId: string }> {
  const request = await deps.requests.get(requestId);
  if (!request?.customerId) throw new NotFoundError(`Request ${requestId} is gone or closed`);
  return request as PrivacyRequest & { customerId: string };
}

/** Marks the request as being worked on (also when a failed one is run again). */
export async function recordRequestStart(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await load(deps, requestId);
  await deps.requests.update(requestId, { status: 'in_progress', from: ['received', 'failed', 'in_progress'], at: deps.clock().toISOString() });
  return { requestId, type: request.type };
}

/** Access: checks the export can be assembled and records what it holds (counts, not contents). */
export async function assembleExport(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await load(deps, requestId);
  const data = await deps.customerData.readAll(request.customerId);
  if (!data) throw new NotFoundError('No customer');
  await deps.requests.update(requestId, { status: 'in_progress', from: ['in_progress'], at: deps.clock().toISOString(), outcome: { items: exportCounts(data) } });
  return { requestId, type: 'access' };
}

/**
 * Erasure waits while garments are in the shop (open orders): they must go back to their owner.
 * Invoices do not block it: they stay, under legal hold, with what the document requires.
 */
export async function checkErasable(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await load(deps, requestId);
  const data = await deps.customerData.readAll(request.customerId);
  const open = (data?.orders ?? []).some(isOpenOrder);
  return { requestId, type: 'erasure', erasable: !open };
}

/** Erases the customer (see eraseCustomerData) and records what was done, in counts. */
export async function eraseCustomer(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await load(deps, requestId);
  const now = deps.clock();
  const pseudonym = `erased:${requestId}`;
  const result = await eraseCustomerData(deps, {
    customerId: request.customerId,
    pseudonym,
    answeringRequestId: requestId,
    confirmation: (data) =>
      newMessage({ customerId: pseudonym, purpose: 'request_completed', occasion: requestId, params: { requestType: 'erasure' }, recipient: data.customer.phone, now, retentionDays: 1 }),
  });
  if (result.outcome === 'gone') return { requestId, type: 'erasure' }; // finished on an earlier run
  if (result.outcome !== 'erased') throw new ConflictError('Open orders');
  await deps.requests.update(requestId, { status: 'in_progress', from: ['in_progress'], at: now.toISOString(), outcome: { items: result.items } });
  return { requestId, type: 'erasure' };
}

export async function blockErasure(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  await deps.requests.update(requestId, { status: 'blocked', from: ['in_progress'], at: deps.clock().toISOString(), outcome: { blockedReason: 'open_orders' } });
  return { requestId, type: 'erasure' };
}

/** Tells the customer an access request is answered (an erasure's confirmation was queued while erasing). */
export async function notifyRequestDone(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await deps.requests.get(requestId);
  if (request?.type === 'access' && request.customerId) {
    const customer = await deps.customers.get(request.customerId);
    const now = deps.clock();
    const retentionDays = deps.shop.messageRetentionDays;
    await deps.customerData.queueMessage(newMessage({ customerId: request.customerId, purpose: 'request_completed', occasion: requestId, params: { requestType: 'access' }, now, retentionDays }));
    // Also by e-mail, when the customer keeps an address for privacy answers.
    if (customer?.email && customer.emailPurposes.includes('privacy_requests')) {
      await deps.customerData.queueMessage(newMessage({ customerId: request.customerId, purpose: 'request_completed_email', occasion: requestId, params: {}, now, retentionDays }));
    }
  }
  return { requestId, ...(request ? { type: request.type } : {}) };
}

/** Closes the request; an erasure's record then drops the customer id and keeps only what proves it was honoured. */
export async function closeRequest(deps: RightsDeps, { requestId }: StepInput): Promise<StepOutput> {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFoundError(`Request ${requestId} does not exist`);
  if (request.status === 'blocked') return { requestId, type: request.type };
  await deps.requests.update(requestId, {
    status: 'completed',
    from: ['in_progress', 'completed'],
    at: deps.clock().toISOString(),
    completed: true,
    forgetCustomer: request.type === 'erasure',
  });
  return { requestId, type: request.type };
}

/** A step failed after its retries: the request shows it, and can be run again (every step is idempotent). */
export async function markRequestFailed(deps: RightsDeps, input: StepInput & { failedStep?: string }): Promise<StepOutput> {
  await deps.requests.update(input.requestId, { status: 'failed', from: ['received', 'in_progress'], at: deps.clock().toISOString(), failedStep: input.failedStep ?? 'unknown' });
  return { requestId: input.requestId };
}


/** Requests past their deadline and not answered: received, in progress, failed or waiting (blocked). */
export async function overdueRequests(deps: RightsDeps, asOf: Date): Promise<{ overdue: number; requestIds: string[] }> {
  const today = shopDate(asOf, deps.shop.timeZone);
  const found = (await Promise.all((['received', 'in_progress', 'failed', 'blocked'] as const).map((status) => deps.requests.listDueBefore(status, today)))).flat();
  return { overdue: found.length, requestIds: found.map((r) => r.requestId) };
}
