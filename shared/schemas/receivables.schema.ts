import * as z from 'zod/mini';
import { RECEIVABLE_STATUSES, WRITE_OFF_REASONS } from '../domain/receivables/receivables';
import { schema, timestamp } from './common.schema';

const ore = () => z.int();

/** What an invoice has owing: shown with the invoice, and in the lists of receivables. */
export const ReceivableView = schema(() =>
  z.strictObject({
    documentNumber: z.int(),
    customerId: z.string(),
    kid: z.string(),
    issueDate: z.iso.date(),
    dueDate: z.iso.date(),
    amountOre: ore(),
    creditedOre: ore(),
    creditNotes: z.array(z.int()),
    paidOre: ore(),
    balanceOre: ore(),
    status: z.enum(RECEIVABLE_STATUSES),
    writeOff: z.optional(z.strictObject({ reason: z.enum(WRITE_OFF_REASONS), at: timestamp(), date: z.iso.date() })),
    version: z.int(),
    updatedAt: timestamp(),
    retainUntil: z.iso.date(),
  }),
);
