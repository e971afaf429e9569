import * as z from 'zod/mini';
import { MESSAGE_PURPOSES, MESSAGE_STATES, STAFF_MESSAGE_PURPOSES } from '../domain/kernel/outbox-message';
import { NOTICE_METHODS } from '../domain/orders/orders';
import { cursor, pageLimit, plainText, schema, timestamp } from './common.schema';

export const StaffMessageBody = schema(() =>
  z.strictObject({
    purpose: z.enum(STAFF_MESSAGE_PURPOSES),
    /** For a delay: the new date the garments will be ready. */
    newReadyAt: z.optional(z.iso.date()),
    /** Staff's own reason, kept with the delivery record; never sent to the customer. */
    note: z.optional(plainText(200)),
  }),
);

export const MessageView = schema(() =>
  z.strictObject({
    messageKey: z.string(),
    customerId: z.string(),
    orderId: z.optional(z.string()),
    purpose: z.enum(MESSAGE_PURPOSES),
    state: z.enum(MESSAGE_STATES),
    attempts: z.int(),
    note: z.optional(z.string()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    sentAt: z.optional(timestamp()),
    failureReason: z.optional(z.string()),
  }),
);

export const MessageList = schema(() => z.strictObject({ messages: z.array(MessageView()), nextCursor: z.optional(z.string()) }));

export const MessagesQuery = schema(() =>
  z.strictObject({
    state: z.enum(['pending', 'sending', 'failed']),
    limit: z.optional(pageLimit()),
    cursor: z.optional(cursor()),
  }),
);

export const StatutoryNoticeBody = schema(() =>
  z.strictObject({
    method: z.enum(NOTICE_METHODS),
    /** The day the registered letter was sent or the notice was posted in the shop. */
    givenOn: z.iso.date(),
  }),
);
