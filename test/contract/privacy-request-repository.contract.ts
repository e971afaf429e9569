import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '#shared/domain/kernel/errors';
import type { PrivacyRequest } from '#shared/domain/rights/privacy-requests';
import { aMessageRecord, RECORD_TIME } from '../helpers/fixtures';
import { aStoredCustomer, allPages, FORGED_CURSOR, refusedWithoutWriting } from './arrange';
import type { PortWorld, WorldFactory } from './world';

let sequence = 0;
function aRequest(customerId: string, overrides: Partial<PrivacyRequest> = {}): PrivacyRequest {
  sequence += 1;
  return { requestId: `req-${process.pid}-${sequence}`, customerId, type: 'access', verifiedBy: 'sms_code', status: 'received', receivedAt: RECORD_TIME, deadline: '2026-04-02', updatedAt: RECORD_TIME, ...overrides };
}

async function aStoredRequest(world: PortWorld, overrides: Partial<PrivacyRequest> = {}): Promise<PrivacyRequest> {
  const customer = await aStoredCustomer(world);
  const request = aRequest(customer.customerId, overrides);
  await world.requests.create(request);
  return request;
}

const LATER = '2026-03-05T10:00:00.000Z';

/** What every PrivacyRequestRepository promises: moves only from the statuses given, one extension in time, the queues by deadline. */
export function privacyRequestRepositoryContract(fresh: WorldFactory): void {
  it('stores a request of a customer, and refuses one for a customer that does not exist, writing nothing', async () => {
    const world = await fresh();
    const request = await aStoredRequest(world);
    expect(await world.requests.get(request.requestId)).toEqual(request);
    expect(await world.requests.get('req-unknown')).toBeUndefined();
    await refusedWithoutWriting(world, () => world.requests.create(aRequest('3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11')), NotFoundError);
  });

  it('records what was done only while the request is being answered, and changes nothing else', async () => {
    const world = await fresh();
    const request = await aStoredRequest(world, { type: 'erasure' });
    // Received, not yet in progress: the workflow has not started it, so there is nothing to record.
    expect(await world.requests.recordOutcome(request.requestId, { items: { order: 2 } }, LATER)).toBe(false);
    expect(await world.requests.get(request.requestId)).toEqual(request);
    expect(await world.requests.recordOutcome('req-unknown', { items: { order: 2 } }, LATER)).toBe(false);
    // In progress: the counts are kept, and the status, the queue and the rest stay as they were.
    const answering = await aStoredRequest(world, { type: 'erasure', status: 'in_progress' });
    expect(await world.requests.recordOutcome(answering.requestId, { items: { order: 2 } }, LATER)).toBe(true);
    expect(await world.requests.get(answering.requestId)).toEqual({ ...answering, outcome: { items: { order: 2 } }, updatedAt: LATER });
    expect((await world.requests.listByStatus('in_progress', { limit: 10 })).items.map((r) => r.requestId)).toContain(answering.requestId);
  });

  it('extends an open request once, before its deadline, with the notice to the customer', async () => {
    const world = await fresh();
    const request = await aStoredRequest(world);
    const extended = { ...request, extension: { months: 2 as const, reason: 'many_requests' as const, decidedAt: LATER }, deadline: '2026-06-02', updatedAt: LATER };
    const notice = aMessageRecord({ customerId: request.customerId as string, purpose: 'request_extended', occasion: request.requestId });
    expect(await world.requests.extend(request, extended, '2026-04-03', notice)).toBe(false); // the deadline has passed
    expect(await world.requests.extend(request, extended, '2026-04-02', notice)).toBe(true);
    expect(await world.requests.get(request.requestId)).toEqual(extended);
    expect(await world.messages.get(notice.customerId, notice.messageKey)).toEqual(notice);
    const before = await world.snapshot();
    expect(await world.requests.extend(extended, { ...extended, deadline: '2026-07-02' }, '2026-04-02', aMessageRecord({ customerId: notice.customerId, purpose: 'request_extended' }))).toBe(false);
    expect(await world.snapshot()).toEqual(before);
    const closed = await aStoredRequest(world, { status: 'completed' });
    expect(await world.requests.extend(closed, { ...extended, requestId: closed.requestId }, '2026-03-05', aMessageRecord({ customerId: closed.customerId as string, purpose: 'request_extended' }))).toBe(false);
  });

  it('lists a status nearest deadline first, page by page, and those due before a date', async () => {
    const world = await fresh();
    const requests = [];
    for (const deadline of ['2026-04-03', '2026-04-01', '2026-04-02', '2026-04-01']) requests.push(await aStoredRequest(world, { deadline }));
    await aStoredRequest(world, { status: 'completed', deadline: '2026-01-01' });
    const { items } = await allPages(3, (page) => world.requests.listByStatus('received', page));
    const queueKey = (r: PrivacyRequest) => `${r.deadline}#${r.requestId}`;
    const byQueue = [...requests].sort((a, b) => (queueKey(a) < queueKey(b) ? -1 : 1));
    expect(items).toEqual(byQueue);
    expect((await world.requests.listDueBefore('received', '2026-04-02')).map((r) => r.requestId).sort()).toEqual([requests[1], requests[3]].map((r) => r?.requestId).sort());
    await expect(world.requests.listByStatus('received', { limit: 1, cursor: FORGED_CURSOR })).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps one open request per customer and type: a second is refused naming the first, writing nothing, until the first is released', async () => {
    const world = await fresh();
    const first = await aStoredRequest(world);
    const customerId = first.customerId as string;
    expect(await world.requests.openRequestOf(customerId, 'access')).toBe(first.requestId);
    expect(await world.requests.openRequestOf(customerId, 'erasure')).toBeUndefined();
    const second = aRequest(customerId);
    await refusedWithoutWriting(world, () => world.requests.create(second), ConflictError);
    await expect(world.requests.create(second)).rejects.toMatchObject({ extensions: { openRequestId: first.requestId, requestType: 'access' } });
    await world.requests.create(aRequest(customerId, { type: 'erasure' }));
    // Released only by its own request: another id leaves it
    await world.requests.releaseOpen(customerId, 'access', second.requestId);
    expect(await world.requests.openRequestOf(customerId, 'access')).toBe(first.requestId);
    await world.requests.releaseOpen(customerId, 'access', first.requestId);
    expect(await world.requests.openRequestOf(customerId, 'access')).toBeUndefined();
    await world.requests.create(second);
    expect(await world.requests.openRequestOf(customerId, 'access')).toBe(second.requestId);
  });

  it('counts a day\'s requests against the limit given, refusing the one over it with when to try again, writing nothing', async () => {
    const world = await fresh();
    const customer = await aStoredCustomer(world);
    const limit = { day: '2026-03-05', max: 2, retryAfterSeconds: 3600, expiresAt: 1_900_000_000 };
    for (const type of ['access', 'erasure'] as const) await world.requests.create(aRequest(customer.customerId, { type }), limit);
    await world.requests.releaseOpen(customer.customerId, 'access', (await world.requests.openRequestOf(customer.customerId, 'access')) as string);
    await refusedWithoutWriting(world, () => world.requests.create(aRequest(customer.customerId), limit), RateLimitedError);
    await expect(world.requests.create(aRequest(customer.customerId), limit)).rejects.toMatchObject({ retryAfterSeconds: 3600, extensions: { maxPerDay: 2 } });
    // Another day, or no limit (staff at the counter), is not refused
    await world.requests.create(aRequest(customer.customerId), { ...limit, day: '2026-03-06' });
  });

  it('moves the deadline of a blocked request only, with its place in the queue', async () => {
    const world = await fresh();
    const blocked = await aStoredRequest(world, { type: 'erasure', status: 'blocked', deadline: '2026-04-02' });
    expect(await world.requests.moveDeadline(blocked, '2026-05-20', LATER)).toBe(true);
    expect(await world.requests.get(blocked.requestId)).toEqual({ ...blocked, deadline: '2026-05-20', updatedAt: LATER });
    expect((await world.requests.listDueBefore('blocked', '2026-05-01')).map((r) => r.requestId)).not.toContain(blocked.requestId);
    expect((await world.requests.listDueBefore('blocked', '2026-05-21')).map((r) => r.requestId)).toContain(blocked.requestId);
    const open = await aStoredRequest(world, { status: 'in_progress' });
    const before = await world.snapshot();
    expect(await world.requests.moveDeadline(open, '2026-05-20', LATER)).toBe(false);
    expect(await world.snapshot()).toEqual(before);
  });

  it('forgets the customer of a request, and does nothing for one that does not exist', async () => {
    const world = await fresh();
    const request = await aStoredRequest(world);
    await world.requests.forgetCustomer(request.requestId);
    const { customerId: _customerId, ...withoutCustomer } = request;
    expect(await world.requests.get(request.requestId)).toEqual(withoutCustomer);
    const before = await world.snapshot();
    await world.requests.forgetCustomer('req-unknown');
    expect(await world.snapshot()).toEqual(before);
  });
}
