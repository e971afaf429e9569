import { PublishCommand, SNSServiceException } from '@aws-sdk/client-sns';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createMessageSender } from '../../functions/events/message-sender';
import { smsDelivery } from '#shared/composition';
import { deliverSms } from '#shared/domain/notices/notice-use-cases';
import { STREAM_CONSUMERS } from '#shared/events/stream-consumers';
import { sourceLoader } from '../../infra/local/handler-bundles';
import { aReadyOrder, aReceivedOrder, uniqueLandline } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { deliveringEachBatchTwice } from '../helpers/outbox-harness';
import { captureErrorLogs } from '../helpers/error-logs';

/**
 * Exactly one pickup SMS per ready order: not zero, not two, whatever fails. The stream, the
 * table and the sender are real; SNS is replaced at its client, where the faults are injected.
 */
const errorLogs = captureErrorLogs();
const api = apiHarness({ outbox: 'each-test' });
const { call } = api;

const throttled = () => new SNSServiceException({ name: 'ThrottledException', $fault: 'client', $metadata: {}, message: 'Rate exceeded' });
const invalidNumber = () => new SNSServiceException({ name: 'InvalidParameterException', $fault: 'client', $metadata: {}, message: 'Invalid parameter: PhoneNumber' });

const readyOrder = (customerOverrides: Record<string, unknown> = {}) => aReadyOrder(call, api.staff, customerOverrides);

async function messagesOf(orderId: string) {
  const response = await call('GET', `/admin/orders/${orderId}/messages`, { token: api.staff });
  return response.json.messages as { purpose: string; state: string; attempts: number; failureReason?: string }[];
}

it('sends one Transactional SMS from the shop\'s sender id to the E.164 number when an order is ready', async () => {
  const { orderId, phone } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toEqual([
    {
      PhoneNumber: phone,
      Message: `Hei! Tøyet ditt (lapp ${orderId}) er klart til henting hos Eksempel Renseri AS. Velkommen innom!`,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Renseriet' },
      },
    },
  ]);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ purpose: 'pickup_ready', state: 'sent', attempts: 1, sentAt: expect.any(String) })]);
});

it('writes the English template for a customer who reads English', async () => {
  const { orderId } = await readyOrder({ language: 'en' });
  await api.outbox.drain();
  expect(api.outbox.publishes()[0]?.Message).toBe(`Hi! Your garments (ticket ${orderId}) are ready for pickup at Eksempel Renseri AS. Welcome!`);
});

it('sends one SMS when clerks press "ready" twice or at the same time', async () => {
  const { orderId } = await aReceivedOrder(call, api.staff);
  const presses = await Promise.all([1, 2, 3].map(() => call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })));
  expect(presses.map((p) => p.status).sort()).toEqual([200, 409, 409]);
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(409);
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(1);
});

it('retries when SNS throws on the first try, and still sends once', async () => {
  api.outbox.sns.on(PublishCommand).rejectsOnce(throttled()).resolves({ MessageId: 'sns-after-retry' });
  const { orderId } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(2); // the throttled try and the one that went through
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })]);
  expect(api.outbox.deadLetters).toEqual([]);
});

it('never sends twice when the same stream record arrives twice', async () => {
  api.renewOutbox({ loadHandler: deliveringEachBatchTwice });
  const { orderId } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(1);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'sent', attempts: 1 })]);
});

it('never sends twice when the sender dies after publishing but before recording it', async () => {
  let crashes = 1;
  const crashingSender = createMessageSender('sms', (ref) => {
    const deps = smsDelivery();
    return deliverSms({
      ...deps,
      messages: {
        ...deps.messages,
        get: deps.messages.get.bind(deps.messages),
        claim: deps.messages.claim.bind(deps.messages),
        release: deps.messages.release.bind(deps.messages),
        markFailed: deps.messages.markFailed.bind(deps.messages),
        listForOrder: deps.messages.listForOrder.bind(deps.messages),
        listByState: deps.messages.listByState.bind(deps.messages),
        create: deps.messages.create.bind(deps.messages),
        markSent: async (...args: Parameters<typeof deps.messages.markSent>) => {
          if (crashes-- > 0) throw new Error('Lambda crashed between publish and record');
          return deps.messages.markSent(...args);
        },
      },
    }, ref);
  });
  api.renewOutbox({
    loadHandler: async (entry) => (entry === STREAM_CONSUMERS.find((c) => c.id === 'smsSender')?.entry ? { handler: crashingSender } : sourceLoader(entry)),
  });
  const { orderId } = await readyOrder();
  await api.outbox.drain(); // the crash is reported as a batch item failure and the record retried
  expect(api.outbox.publishes()).toHaveLength(1);
  expect(errorLogs.take()).toEqual([expect.objectContaining({ message: 'message delivery failed', purpose: 'pickup_ready', orderId })]);
  // The outcome is unknown to us, so the message stays "sending", where staff can see it.
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'sending', attempts: 1 })]);
  const attention = await call('GET', '/admin/messages?state=sending', { token: api.staff });
  expect((attention.json.messages as { orderId: string }[]).map((m) => m.orderId)).toContain(orderId);
});

it('gives up on a number SNS refuses, without retrying, and shows staff why', async () => {
  api.outbox.sns.on(PublishCommand).rejects(invalidNumber());
  const { orderId } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(1);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'failed', failureReason: 'rejected: InvalidParameterException' })]);
  const failed = await call('GET', '/admin/messages?state=failed', { token: api.staff });
  expect((failed.json.messages as { orderId: string }[]).map((m) => m.orderId)).toContain(orderId);
});

it.each([
  ['a landline', () => ({ phone: uniqueLandline() }), 'call'],
  ['no number', () => ({ phone: undefined }), 'wait'],
])('queues no pickup SMS for a customer with %s: the order tells the counter to %s', async (_case, number, noticeBy) => {
  const { orderId } = await readyOrder(number());
  expect((await call('GET', `/admin/orders/${orderId}`, { token: api.staff })).json).toMatchObject({ status: 'ready', noticeBy });
  await api.outbox.drain();
  expect(api.outbox.publishes()).toEqual([]);
  expect(await messagesOf(orderId)).toEqual([]);
});

it('never sends the pickup SMS after the mobile became a landline: failed at once for staff, no retry, nothing dead-lettered', async () => {
  // Intake found a mobile, so the move to ready queued the SMS; the number changed before it went.
  const { orderId, customerId } = await readyOrder();
  expect((await call('PATCH', `/admin/customers/${customerId}`, { token: api.staff, body: { phone: uniqueLandline() } })).status).toBe(200);
  await api.outbox.drain();
  expect(api.outbox.publishes()).toEqual([]);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'failed', attempts: 1, failureReason: 'no_mobile_number' })]);
  expect(api.outbox.deadLetters).toEqual([]);
  const failed = await call('GET', '/admin/messages?state=failed', { token: api.staff });
  expect((failed.json.messages as { orderId: string }[]).map((m) => m.orderId)).toContain(orderId);
});

it('stops after five throttled attempts and marks the message failed', async () => {
  api.outbox.sns.on(PublishCommand).rejects(throttled());
  const { orderId } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(5);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'failed', attempts: 5, failureReason: 'gave up after 5 attempts: ThrottledException' })]);
});

it('never retries when SNS may have sent it (a server error): the message stays "sending" for staff', async () => {
  api.outbox.sns.on(PublishCommand).rejects(new SNSServiceException({ name: 'InternalErrorException', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'Internal error' }));
  const { orderId } = await readyOrder();
  await api.outbox.drain();
  expect(api.outbox.publishes()).toHaveLength(1);
  expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'sending', attempts: 1 })]);
});

it('retries when something fails before SNS is called, so nothing is stuck', async () => {
  const deps = smsDelivery();
  const realGet = deps.customers.get.bind(deps.customers);
  let failures = 1;
  deps.customers.get = async (...args) => {
    if (failures-- > 0) throw new Error('DynamoDB blinked');
    return realGet(...args);
  };
  try {
    const { orderId } = await readyOrder();
    await api.outbox.drain();
    expect(api.outbox.publishes()).toHaveLength(1);
    expect(await messagesOf(orderId)).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })]);
  } finally {
    deps.customers.get = realGet;
  }
});

it('keeps no SMS text and no phone number in the delivery record', async () => {
  const { orderId, phone } = await readyOrder();
  await api.outbox.drain();
  const records = (await api.env.allItems()).filter((i) => i.entity === 'message' && i.orderId === orderId);
  expect(records).toHaveLength(1);
  const stored = JSON.stringify(records);
  expect(stored).not.toContain(phone);
  expect(stored).not.toContain('klart til henting');
  expect(records[0]?.expiresAt).toEqual(expect.any(Number));
});

it('a sender handed a message of the other channel (a wrong stream filter) claims nothing and fails the record loudly', async () => {
  const delivered: unknown[] = [];
  const smsSender = createMessageSender('sms', async (ref) => {
    delivered.push(ref);
    return 'sent';
  });
  const record = (purpose: string, sequence: string) => ({
    eventName: 'INSERT' as const,
    dynamodb: { SequenceNumber: sequence, NewImage: { entity: { S: 'message' }, customerId: { S: 'c-1' }, messageKey: { S: `m-${sequence}` }, purpose: { S: purpose } } },
  });
  const result = await smsSender({ Records: [record('invoice_sent', '1'), record('pickup_ready', '2'), record('no_such_purpose', '3')] } as DynamoDBStreamEvent);
  expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '3' }]);
  expect(delivered).toEqual([{ customerId: 'c-1', messageKey: 'm-2' }]);
  expect(errorLogs.take().map((entry) => [entry.message, entry.purpose])).toEqual([
    ['message delivery failed', 'invoice_sent'],
    ['message delivery failed', 'no_such_purpose'],
  ]);
});
