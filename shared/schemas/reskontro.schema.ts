import * as z from 'zod/mini';
import { AGING_BUCKETS } from '../domain/receivables/reskontro';
import { schema } from './common.schema';

const ore = () => z.int();

/** The day the list is drawn up for (a year's end, say), and CSV instead of JSON (or send Accept: text/csv). */
export const ReskontroQuery = schema(() => z.strictObject({ asOf: z.optional(z.iso.date()), format: z.optional(z.enum(['json', 'csv'])) }));

const AgingTotalsView = () =>
  z.strictObject({
    not_due: ore(),
    days_0_30: ore(),
    days_31_60: ore(),
    days_61_90: ore(),
    days_over_90: ore(),
    credit: ore(),
    outstandingOre: ore(),
  });

/** The accounts-receivable list: per customer, the invoices with money owing either way, aged on the day. */
export const ReskontroView = schema(() =>
  z.strictObject({
    asOf: z.iso.date(),
    customers: z.array(
      z.strictObject({
        customerId: z.string(),
        name: z.string(),
        items: z.array(
          z.strictObject({
            customerId: z.string(),
            documentNumber: z.int(),
            issueDate: z.iso.date(),
            dueDate: z.iso.date(),
            amountOre: ore(),
            paidOre: ore(),
            creditedOre: ore(),
            /** Reminder fees charged by the day, owed on top of the invoice. */
            feesOre: ore(),
            outstandingOre: ore(),
            daysOverdue: z.int(),
            bucket: z.enum(AGING_BUCKETS),
            /** Late-payment interest accrued by the day, when the shop charges it: owed, not booked until claimed, so in no total. */
            lateInterestOre: z.optional(ore()),
          }),
        ),
        totals: AgingTotalsView(),
      }),
    ),
    totals: AgingTotalsView(),
  }),
);
