import { ValidationError } from '#shared/domain/kernel/errors';
import type { Message } from '#shared/domain/kernel/outbox-message';
import { aMessageRecord, RECORD_TIME } from '../helpers/fixtures';
import { allPages, FORGED_CURSOR, minutesAfter } from './arrange';
import type { WorldFactory } from './world';

const customerId = '3f1c1a52-8a0c-4b8e-9c51-2b2f8f7c0a11';
const at = (minutes: number) => minutesAfter(RECORD_TIME, minutes);

/**
 * What every MessageRepository promises: a message is written once per key, and moves
 * pending → sending (one claim, counting the attempt) → sent or failed, or back to pending, only
 * by the holder of the current attempt; secrets leave it once it is settled.
 */
export function messageRepositoryContract(fresh: WorldFactory): void {
  it('writes a message once per key: the same key again answers the stored one', async () => {
    const world = await fresh();
    const code = aMessageRecord({ customerId, purpose: 'verification_code', params: { code: '123456', minutes: 10 } });
    expect(await world.messages.create(code)).toEqual({ message: code, duplicate: false });
    expect(await world.messages.create({ ...code, params: { code: '654321', minutes: 10 } })).toEqual({ message: code, duplicate: true });
    expect(await world.messages.get(customerId, code.messageKey)).toEqual(code);
    expect(await world.messages.get(customerId, 'none#verification_code#unknown')).toBeUndefined();
  });

  it('lets one sender claim a pending message, counting the attempt, and nobody claim it again until released', async () => {
    const world = await fresh();
    const message = aMessageRecord({ customerId, orderId: '1001' });
    await world.messages.create(message);
    const claims = await Promise.all([world.messages.claim(customerId, message.messageKey, at(1)), world.messages.claim(customerId, message.messageKey, at(1))]);
    const claimed = claims.filter((c): c is Message => c !== undefined);
    expect(claimed).toEqual([{ ...message, state: 'sending', attempts: 1, updatedAt: at(1) }]);
    expect(await world.messages.get(customerId, message.messageKey)).toEqual(claimed[0]);
    expect(await world.messages.claim(customerId, 'none#question#unknown', at(1))).toBeUndefined();

    await world.messages.release(claimed[0] as Message, at(2));
    expect(await world.messages.get(customerId, message.messageKey)).toEqual({ ...message, state: 'pending', attempts: 1, updatedAt: at(2) });
    expect(await world.messages.claim(customerId, message.messageKey, at(3))).toMatchObject({ state: 'sending', attempts: 2 });
  });

  it('records a send, dropping the code and the recipient, and never lets it be claimed again', async () => {
    const world = await fresh();
    const message = { ...aMessageRecord({ customerId, purpose: 'verification_code', params: { code: '123456', minutes: 10 } }), recipient: '+4791234567' };
    await world.messages.create(message);
    const claimed = (await world.messages.claim(customerId, message.messageKey, at(1))) as Message;
    await world.messages.markSent(claimed, 'provider-1', at(2));
    const { recipient: _recipient, ...withoutRecipient } = message;
    expect(await world.messages.get(customerId, message.messageKey)).toEqual({
      ...withoutRecipient,
      params: { minutes: 10 },
      state: 'sent',
      attempts: 1,
      updatedAt: at(2),
      sentAt: at(2),
      providerMessageId: 'provider-1',
    });
    expect(await world.messages.claim(customerId, message.messageKey, at(3))).toBeUndefined();
  });

  it('records a failure with its reason, dropping the code', async () => {
    const world = await fresh();
    const message = aMessageRecord({ customerId, purpose: 'verification_code', params: { code: '123456', minutes: 10 } });
    await world.messages.create(message);
    const claimed = (await world.messages.claim(customerId, message.messageKey, at(1))) as Message;
    await world.messages.markFailed(claimed, 'rejected: opted out', at(2));
    expect(await world.messages.get(customerId, message.messageKey)).toEqual({ ...message, params: { minutes: 10 }, state: 'failed', attempts: 1, updatedAt: at(2), failureReason: 'rejected: opted out' });
  });

  it('refuses to settle an attempt the caller no longer holds, and changes nothing', async () => {
    const world = await fresh();
    const message = aMessageRecord({ customerId, orderId: '1001' });
    await world.messages.create(message);
    const first = (await world.messages.claim(customerId, message.messageKey, at(1))) as Message;
    await world.messages.release(first, at(2));
    const second = (await world.messages.claim(customerId, message.messageKey, at(3))) as Message;
    const before = await world.snapshot();
    await expect(world.messages.markSent(first, 'late', at(4))).rejects.toThrow();
    await expect(world.messages.markFailed(first, 'late', at(4))).rejects.toThrow();
    await expect(world.messages.release(first, at(4))).rejects.toThrow();
    expect(await world.snapshot()).toEqual(before);
    await world.messages.markSent(second, 'provider-2', at(5));
    await expect(world.messages.markSent(second, 'twice', at(6))).rejects.toThrow();
    expect(await world.messages.get(customerId, message.messageKey)).toMatchObject({ state: 'sent', providerMessageId: 'provider-2' });
  });

  it('marks a sent message undeliverable once, and nothing else', async () => {
    const world = await fresh();
    const message = aMessageRecord({ customerId, orderId: '1001', purpose: 'invoice_sent', occasion: 'document-10001' });
    await world.messages.create(message);
    expect(await world.messages.markUndeliverable(customerId, message.messageKey, 'bounced', at(1))).toBe(false); // still pending
    await world.messages.markSent((await world.messages.claim(customerId, message.messageKey, at(1))) as Message, 'ses-1', at(2));
    expect(await world.messages.markUndeliverable(customerId, message.messageKey, 'bounced', at(3))).toBe(true);
    expect(await world.messages.get(customerId, message.messageKey)).toMatchObject({ state: 'failed', failureReason: 'bounced', updatedAt: at(3), sentAt: at(2) });
    expect(await world.messages.markUndeliverable(customerId, message.messageKey, 'complaint', at(4))).toBe(false);
    expect(await world.messages.markUndeliverable(customerId, 'none#question#unknown', 'bounced', at(4))).toBe(false);
    expect((await world.messages.listByState('failed', { limit: 10 })).items.map((m) => m.messageKey)).toEqual([message.messageKey]);
  });

  it('lists one order\'s messages of a customer, in key order, and no other\'s', async () => {
    const world = await fresh();
    const mine = [
      aMessageRecord({ customerId, orderId: '1001', purpose: 'question', occasion: '2026-03-02' }),
      aMessageRecord({ customerId, orderId: '1001', purpose: 'delay', occasion: '2026-03-09' }),
      aMessageRecord({ customerId, orderId: '1001', purpose: 'pickup_ready', occasion: 'ready' }),
    ];
    const others = [
      aMessageRecord({ customerId, orderId: '10010', purpose: 'pickup_ready', occasion: 'ready' }), // a ticket that starts like it
      aMessageRecord({ customerId, orderId: '1002', purpose: 'pickup_ready', occasion: 'ready' }),
      aMessageRecord({ customerId, purpose: 'verification_code', params: { code: '1', minutes: 10 } }),
      aMessageRecord({ customerId: 'another-customer', orderId: '1001', purpose: 'pickup_ready', occasion: 'ready' }),
    ];
    for (const m of [...mine, ...others]) await world.messages.create(m);
    expect(await world.messages.listForOrder(customerId, '1001')).toEqual([mine[1], mine[2], mine[0]]);
    expect(await world.messages.listForOrder(customerId, '1003')).toEqual([]);
  });

  it('lists the messages needing attention by state, oldest change first, page by page; sent ones never', async () => {
    const world = await fresh();
    const messages = [3, 0, 2, 1, 4].map((m, i) => aMessageRecord({ customerId, orderId: String(1001 + i), at: at(m) }));
    for (const m of messages) await world.messages.create(m);
    const { items } = await allPages(2, (page) => world.messages.listByState('pending', page));
    expect(items.map((m) => m.messageKey)).toEqual([1, 3, 2, 0, 4].map((i) => messages[i]?.messageKey));

    const sending = (await world.messages.claim(customerId, messages[0]?.messageKey as string, at(10))) as Message;
    expect((await world.messages.listByState('sending', { limit: 10 })).items).toEqual([sending]);
    await world.messages.markSent(sending, 'provider-1', at(11));
    expect((await world.messages.listByState('sending', { limit: 10 })).items).toEqual([]);
    expect((await world.messages.listByState('pending', { limit: 10 })).items).toHaveLength(4);
  });

  it('refuses a cursor it did not hand out, or one from another state\'s list', async () => {
    const world = await fresh();
    for (let i = 0; i < 3; i++) await world.messages.create(aMessageRecord({ customerId, orderId: String(1001 + i) }));
    const failedKey = aMessageRecord({ customerId, orderId: '2001' });
    await world.messages.create(failedKey);
    const claimed = await world.messages.claim(customerId, failedKey.messageKey, at(1));
    await world.messages.markFailed(claimed as Message, 'no_recipient', at(2));
    const pendingPage = await world.messages.listByState('pending', { limit: 1 });
    for (const cursor of ['not-a-cursor', FORGED_CURSOR, pendingPage.nextCursor as string]) {
      await expect(world.messages.listByState('failed', { limit: 1, cursor })).rejects.toBeInstanceOf(ValidationError);
    }
  });
}
