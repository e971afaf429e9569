import * as z from 'zod/mini';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../domain/privacy-requests';
import { Cursor, PageLimit, plainText, Timestamp } from './common.schema';

export const MyRequestBody = z.strictObject({ type: z.enum(REQUEST_TYPES) });
/** At the counter: staff checked the customer's identity document in person. */
export const CounterRequestBody = z.strictObject({ type: z.enum(REQUEST_TYPES), verifiedBy: z.literal('in_person') });
export const ExtendRequestBody = z.strictObject({ months: z.union([z.literal(1), z.literal(2)]), reason: plainText(300) });
export const RequestIdParams = z.strictObject({ requestId: z.uuid() });
export const RequestQueueQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES), limit: z.optional(PageLimit), cursor: z.optional(Cursor) });

export const RequestView = z.strictObject({
  requestId: z.string(),
  customerId: z.optional(z.string()),
  type: z.enum(REQUEST_TYPES),
  verifiedBy: z.enum(['sms_code', 'in_person']),
  status: z.enum(REQUEST_STATUSES),
  receivedAt: Timestamp,
  deadline: z.iso.date(),
  extension: z.optional(z.strictObject({ months: z.union([z.literal(1), z.literal(2)]), reason: z.string(), decidedAt: Timestamp })),
  outcome: z.optional(z.strictObject({ items: z.optional(z.record(z.string(), z.int())), blockedReason: z.optional(z.literal('open_orders')) })),
  failedStep: z.optional(z.string()),
  completedAt: z.optional(Timestamp),
  updatedAt: Timestamp,
});
export const RequestQueue = z.strictObject({ requests: z.array(RequestView), nextCursor: z.optional(z.string()) });
