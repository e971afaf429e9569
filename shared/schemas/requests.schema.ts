import * as z from 'zod/mini';
import { EXTENSION_REASONS, REQUEST_STATUSES, REQUEST_TYPES, WAITING_REASONS } from '../domain/rights/privacy-requests';
import { cursor, pageLimit, schema, timestamp } from './common.schema';

export const MyRequestBody = schema(() => z.strictObject({ type: z.enum(REQUEST_TYPES) }));
/** At the counter: staff checked the customer's identity document in person. */
export const CounterRequestBody = schema(() => z.strictObject({ type: z.enum(REQUEST_TYPES), verifiedBy: z.literal('in_person') }));
/** The reason is a code from a closed list (art. 12(3)); the SMS says it in the customer's language. */
export const ExtendRequestBody = schema(() => z.strictObject({ months: z.union([z.literal(1), z.literal(2)]), reason: z.enum(EXTENSION_REASONS) }));
export const RequestIdParams = schema(() => z.strictObject({ requestId: z.uuid() }));
export const RequestQueueQuery = schema(() =>
  z.strictObject({ status: z.enum(REQUEST_STATUSES), limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }),
);

export const RequestView = schema(() =>
  z.strictObject({
    requestId: z.string(),
    customerId: z.optional(z.string()),
    type: z.enum(REQUEST_TYPES),
    verifiedBy: z.enum(['sms_code', 'in_person']),
    status: z.enum(REQUEST_STATUSES),
    receivedAt: timestamp(),
    deadline: z.iso.date(),
    extension: z.optional(z.strictObject({ months: z.union([z.literal(1), z.literal(2)]), reason: z.enum(EXTENSION_REASONS), decidedAt: timestamp() })),
    outcome: z.optional(z.strictObject({ items: z.optional(z.record(z.string(), z.int())), blockedReason: z.optional(z.enum(WAITING_REASONS)) })),
    failedStep: z.optional(z.string()),
    /** A blocked request's reason explained in the customer's language; under a claim's hold, the invoices still open. */
    waiting: z.optional(z.strictObject({ reason: z.enum(WAITING_REASONS), explanation: z.string(), openInvoices: z.optional(z.array(z.int())) })),
    completedAt: z.optional(timestamp()),
    updatedAt: timestamp(),
  }),
);
export const RequestQueue = schema(() => z.strictObject({ requests: z.array(RequestView()), nextCursor: z.optional(z.string()) }));
