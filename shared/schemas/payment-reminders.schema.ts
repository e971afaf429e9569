import * as z from 'zod/mini';
import { FEE_OMITTED_REASONS } from '../domain/receivables/payment-reminders';
import { cursor, pageLimit, schema, timestamp } from './common.schema';

const ore = () => z.int();

/** A payment reminder as staff see it: the amounts it asked for, apart, and how it went out. */
export const PaymentReminderView = schema(() =>
  z.strictObject({
    documentNumber: z.int(),
    sequence: z.int(),
    sentAt: timestamp(),
    sentOn: z.iso.date(),
    payBy: z.iso.date(),
    delivery: z.enum(['email', 'print']),
    principalOre: ore(),
    earlierFeesOre: ore(),
    feeOre: ore(),
    feeOmitted: z.optional(z.enum(FEE_OMITTED_REASONS)),
    interest: z.optional(z.strictObject({ rateBasisPoints: z.int(), fromDate: z.iso.date(), toDate: z.iso.date(), days: z.int(), interestOre: ore() })),
    totalOre: ore(),
    printedAt: z.optional(timestamp()),
    retainUntil: z.iso.date(),
  }),
);

export const PaymentReminderList = schema(() => z.strictObject({ reminders: z.array(PaymentReminderView()), nextCursor: z.optional(z.string()) }));

export const ReminderParams = schema(() => z.strictObject({ invoiceId: z.string().check(z.regex(/^\d{1,10}$/)), sequence: z.string().check(z.regex(/^[1-9]\d{0,2}$/)) }));

export const RemindersToPrintQuery = schema(() => z.strictObject({ limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }));
