import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { ConflictError, RateLimitedError } from '#shared/domain/kernel/errors';
import { deliverSms } from '#shared/domain/notices/notice-use-cases';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { MAX_SELF_SERVICE_REQUESTS_PER_DAY, REQUEST_TRANSITIONS, type RequestTransition } from '#shared/domain/rights/privacy-requests';
import { eraseCustomer, extendRequest, notifyAccessAnswered, openRequest, overdueRequests, resumeWaitingErasure } from '#shared/domain/rights/rights-use-cases';
import { fakeClock } from '../../helpers/fake-clock';
import { aCustomer, anOrder, mobileOf } from '../../helpers/fixtures';
import { inMemoryDeps, RecordingRightsWorkflow, RecordingSmsGateway } from '../../helpers/in-memory';

/**
 * Privacy requests without dead ends (issue #18): one open per customer and type, a daily cap, an
 * erasure that waits for garments tells the customer why and finishes by itself, extensions say
 * why, and what the customer reads is in their language. On the in-memory ports, with a clock.
 */
const given = () => {
  const clock = fakeClock('2026-03-02T09:00:00.000Z');
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};
type Deps = ReturnType<typeof given>['deps'];

/** The state machine's own status writes (direct DynamoDB integrations in AWS), on the store. */
function workflowMoves(deps: Deps, requestId: string, transition: RequestTransition, extra: Record<string, unknown> = {}) {
  const request = deps.store.requests.get(requestId);
  const { from, to } = REQUEST_TRANSITIONS[transition];
  if (!request || !(from as readonly string[]).includes(request.status)) throw new Error(`The workflow cannot ${transition} request ${requestId}`);
  deps.store.requests.set(requestId, { ...request, status: to, updatedAt: deps.clock().toISOString(), ...extra });
}

/** What the workflow does with an erasure: start, erase, then block (with the reason) or close. */
async function runErasure(deps: Deps, requestId: string) {
  workflowMoves(deps, requestId, 'start');
  const result = await eraseCustomer(deps, { requestId });
  if (result.outcome === 'blocked') workflowMoves(deps, requestId, 'block', { outcome: { blockedReason: result.reason } });
  else workflowMoves(deps, requestId, 'complete', { completedAt: deps.clock().toISOString() });
  return result.outcome;
}

async function sendAll(deps: Deps, purpose: string) {
  const sms = new RecordingSmsGateway();
  for (const { customerId, messageKey } of [...deps.store.messages.values()].filter((m) => m.purpose === purpose)) await deliverSms({ ...deps, sms }, { customerId, messageKey });
  return sms.sent;
}

describe('one open request per customer and type', () => {
  it('refuses a second request of a type while the first is being answered, naming it, from the customer and from staff alike', async () => {
    const { deps } = given();
    const customer = await registerCustomer(deps, aCustomer());
    const first = await openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy: 'sms_code' });
    const before = deps.store.snapshot();
    for (const verifiedBy of ['sms_code', 'in_person'] as const) {
      const refused = await openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ extensions: { openRequestId: first.requestId, requestType: 'access' } });
    }
    expect(deps.store.snapshot()).toEqual(before); // bad input changes nothing
    // Another type is another request
    await expect(openRequest(deps, { customerId: customer.customerId, type: 'erasure', verifiedBy: 'in_person' })).resolves.toMatchObject({ status: 'received' });
    // Once the access request is answered, a new one may be opened
    workflowMoves(deps, first.requestId, 'start');
    await notifyAccessAnswered(deps, { requestId: first.requestId });
    await expect(openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy: 'sms_code' })).resolves.toMatchObject({ status: 'received' });
  });

  it(`caps a customer's own requests at ${MAX_SELF_SERVICE_REQUESTS_PER_DAY} a shop day, saying when the next day begins; staff at the counter are not capped`, async () => {
    const { deps, clock } = given();
    const customer = await registerCustomer(deps, aCustomer());
    const openAndAnswer = async (verifiedBy: 'sms_code' | 'in_person') => {
      const { requestId } = await openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy });
      workflowMoves(deps, requestId, 'start');
      await notifyAccessAnswered(deps, { requestId });
    };
    for (let i = 0; i < MAX_SELF_SERVICE_REQUESTS_PER_DAY; i++) await openAndAnswer('sms_code');
    const before = deps.store.snapshot();
    const refused = await openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy: 'sms_code' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // 09:00 UTC is 10:00 in Oslo in March: fourteen hours to midnight
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(14 * 3600);
    expect(deps.store.snapshot()).toEqual(before);
    await expect(openAndAnswer('in_person')).resolves.toBeUndefined();
    // The next shop day counts afresh
    clock.set('2026-03-02T23:00:00.000Z');
    await expect(openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy: 'sms_code' })).resolves.toMatchObject({ status: 'received' });
  });
});

describe('an erasure that waits for garments', () => {
  it('tells an English customer in English why it waits, is not overdue while it waits, and completes by itself once the last garment is collected', async () => {
    const { deps, clock } = given();
    const workflow = new RecordingRightsWorkflow();
    const customer = await registerCustomer(deps, aCustomer({ language: 'en' }));
    const garments = [];
    for (let i = 0; i < 2; i++) garments.push((await createOrder(deps, anOrder(customer.customerId))).orderId);
    const { requestId, deadline } = await openRequest(deps, { customerId: customer.customerId, type: 'erasure', verifiedBy: 'sms_code' });

    // When the workflow finds garments in the shop, it blocks, and the customer is told why (art. 12(4))
    expect(await runErasure(deps, requestId)).toBe('blocked');
    expect(await sendAll(deps, 'erasure_waiting')).toEqual([
      expect.objectContaining({ phone: mobileOf(customer), text: expect.stringMatching(/^We will erase your data at .* once you have collected your garments/) }),
    ]);
    // Staff see why it waits; past its deadline it is not overdue, since it waits for the customer
    expect((await deps.requests.listByStatus('blocked', { limit: 10 })).items).toEqual([expect.objectContaining({ requestId, outcome: { blockedReason: 'open_orders' } })]);
    expect(await overdueRequests(deps, new Date('2026-04-15T09:00:00.000Z'))).toEqual({ overdue: 0, requestIds: [] });

    // One order collected: run again, still blocked, and no second message
    clock.set('2026-04-10T09:00:00.000Z');
    await markOrderReady(deps, garments[0] as string);
    await recordPickup(deps, garments[0] as string, { method: 'counter', posReceiptRef: 'K-1' });
    expect(await resumeWaitingErasure(deps, workflow, { customerId: customer.customerId, occasion: `order-${garments[0]}` })).toBe('started');
    expect(await runErasure(deps, requestId)).toBe('blocked');
    expect([...deps.store.messages.values()].filter((m) => m.purpose === 'erasure_waiting')).toHaveLength(1);

    // The last collected: it runs again with a fresh month from that day, and completes
    clock.set('2026-04-20T09:00:00.000Z');
    await markOrderReady(deps, garments[1] as string);
    await recordPickup(deps, garments[1] as string, { method: 'counter', posReceiptRef: 'K-2' });
    expect(await resumeWaitingErasure(deps, workflow, { customerId: customer.customerId, occasion: `order-${garments[1]}` })).toBe('started');
    expect((await deps.requests.get(requestId))?.deadline).toBe('2026-05-20');
    expect(deadline).toBe('2026-04-02');
    // A replayed stream record starts nothing new
    expect(await resumeWaitingErasure(deps, workflow, { customerId: customer.customerId, occasion: `order-${garments[1]}` })).toBe('already-started');
    expect(workflow.started).toEqual([`${requestId}-after-order-${garments[0]}`, `${requestId}-after-order-${garments[1]}`]);
    expect(await runErasure(deps, requestId)).toBe('erased');
    expect(await deps.customers.get(customer.customerId)).toBeUndefined();
    // The confirmation, sent after the profile is gone, is in her language too
    expect(await sendAll(deps, 'request_completed')).toEqual([expect.objectContaining({ phone: mobileOf(customer), text: expect.stringContaining('We have erased your data') })]);
    // Nothing waits any more: a later pickup elsewhere finds nothing to resume
    expect(await resumeWaitingErasure(deps, workflow, { customerId: customer.customerId, occasion: 'order-x' })).toBe('not_waiting');
  });
});

describe('extensions', () => {
  it.each([
    ['nb', 'many_requests', 'fordi vi har mange henvendelser nå'],
    ['en', 'complex_request', 'because it is complex'],
  ] as const)('tell the customer (%s) the reason, from the closed list', async (language, reason, said) => {
    const { deps } = given();
    const customer = await registerCustomer(deps, aCustomer({ language }));
    const { requestId } = await openRequest(deps, { customerId: customer.customerId, type: 'access', verifiedBy: 'sms_code' });
    await expect(extendRequest(deps, requestId, { months: 1, reason })).resolves.toMatchObject({ extension: { months: 1, reason }, deadline: '2026-05-02' });
    expect(await sendAll(deps, 'request_extended')).toEqual([expect.objectContaining({ text: expect.stringContaining(said) })]);
  });
});
