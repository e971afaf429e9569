import { NotFoundError, RateLimitedError } from '#shared/domain/kernel/errors';
import type { Message } from '#shared/domain/kernel/outbox-message';
import { requestAlreadyOpen, type PrivacyRequest, type RequestStatus, type RequestType } from '#shared/domain/rights/privacy-requests';
import type { DailyRequestLimit, Page, PageRequest, PrivacyRequestRepository } from '#shared/ports/repositories';
import { pageOf } from './paging';
import { copy, messageId, openRequestId, requestRateId, requestRefId, type InMemoryStore } from './store';

const EXTENDABLE: readonly RequestStatus[] = ['received', 'in_progress', 'failed'];

/** PrivacyRequestRepository in memory: outcomes recorded while in progress, one extension, the queue by deadline. */
export class InMemoryPrivacyRequestRepository implements PrivacyRequestRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(request: PrivacyRequest, limit?: DailyRequestLimit): Promise<void> {
    const profile = this.store.customers.get(request.customerId as string);
    // Not for a customer being erased: the link would outlive the erasure.
    if (!profile || profile.erasingSince !== undefined) throw new NotFoundError(`Customer ${request.customerId} does not exist`);
    if (this.store.requests.has(request.requestId)) throw new Error('Request id already in use');
    const marker = openRequestId(profile.customer.customerId, request.type);
    const open = this.store.openRequests.get(marker);
    if (open !== undefined) throw requestAlreadyOpen(request.type, open);
    const rate = limit ? requestRateId(profile.customer.customerId, limit.day) : undefined;
    const count = rate ? (this.store.requestRates.get(rate)?.count ?? 0) : 0;
    if (limit && count >= limit.max) throw new RateLimitedError(`At most ${limit.max} requests a day; try again tomorrow`, limit.retryAfterSeconds, { maxPerDay: limit.max });
    this.store.requests.set(request.requestId, copy(request));
    this.store.openRequests.set(marker, request.requestId);
    if (rate && limit) this.store.requestRates.set(rate, { count: count + 1, expiresAt: limit.expiresAt });
    // The link in the customer's partition, by which the export finds the request (and erasure forgets it).
    this.store.requestRefs.set(requestRefId(profile.customer.customerId, request.requestId), { customerId: profile.customer.customerId, requestId: request.requestId });
  }

  async get(requestId: string): Promise<PrivacyRequest | undefined> {
    return copy(this.store.requests.get(requestId));
  }

  async recordOutcome(requestId: string, outcome: NonNullable<PrivacyRequest['outcome']>, at: string): Promise<boolean> {
    const current = this.store.requests.get(requestId);
    // Only while the workflow is answering it; the status moves are the state machine's own writes.
    if (!current || current.status !== 'in_progress') return false;
    this.store.requests.set(requestId, copy({ ...current, outcome, updatedAt: at }));
    return true;
  }

  async extend(request: PrivacyRequest, extended: PrivacyRequest, today: string, notice: Message): Promise<boolean> {
    const current = this.store.requests.get(request.requestId);
    // Once, and only within the first month (art. 12(3)): the original deadline must not have passed.
    if (!current || current.extension !== undefined || !(current.deadline >= today) || !EXTENDABLE.includes(current.status)) return false;
    const message = messageId(notice.customerId, notice.messageKey);
    if (this.store.messages.has(message)) return false;
    this.store.requests.set(current.requestId, copy({ ...current, extension: extended.extension, deadline: extended.deadline, updatedAt: extended.updatedAt }));
    this.store.messages.set(message, copy(notice));
    return true;
  }

  async listByStatus(status: RequestStatus, page: PageRequest): Promise<Page<PrivacyRequest>> {
    return copy(pageOf(`REQUESTS#${status}`, this.queue(status), page));
  }

  async listDueBefore(status: RequestStatus, date: string): Promise<PrivacyRequest[]> {
    // The adapter's range on "<deadline>#<requestId>" below the date.
    return copy(this.queue(status).filter(([key]) => key < date).map(([, request]) => request));
  }

  async openRequestOf(customerId: string, type: RequestType): Promise<string | undefined> {
    return this.store.openRequests.get(openRequestId(customerId, type));
  }

  async releaseOpen(customerId: string, type: RequestType, requestId: string): Promise<void> {
    const marker = openRequestId(customerId, type);
    if (this.store.openRequests.get(marker) === requestId) this.store.openRequests.delete(marker);
  }

  async moveDeadline(request: PrivacyRequest, deadline: string, at: string): Promise<boolean> {
    const current = this.store.requests.get(request.requestId);
    if (current?.status !== 'blocked') return false;
    this.store.requests.set(current.requestId, copy({ ...current, deadline, updatedAt: at }));
    return true;
  }

  async forgetCustomer(requestId: string): Promise<void> {
    const current = this.store.requests.get(requestId);
    if (!current) return;
    const { customerId: _customerId, ...rest } = current;
    this.store.requests.set(requestId, rest);
  }

  private queue(status: RequestStatus) {
    return [...this.store.requests.values()]
      .filter((r) => r.status === status)
      .map((r) => [`${r.deadline}#${r.requestId}`, r] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
