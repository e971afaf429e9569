import * as z from 'zod/mini';
import { ATTENTION_REASONS, PAYMENT_METHODS } from '../domain/receivables/payments';
import { OCR_FILE_MAX_BYTES } from '../domain/receivables/ocr-giro';

export { OCR_FILE_MAX_BYTES };
import { RECEIVABLE_STATUSES, WRITE_OFF_REASONS } from '../domain/receivables/receivables';
import { cursor, pageLimit, plainText, schema, timestamp, withoutFormatCharacters } from './common.schema';

const ore = () => z.int();

/** What an invoice has owing: shown with the invoice, and in the lists of receivables. */
const LateInterestView = () => z.strictObject({ rateBasisPoints: z.int(), fromDate: z.iso.date(), toDate: z.iso.date(), days: z.int(), interestOre: ore() });

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
    /** Reminder fees on the balance (no VAT); see PaymentReminderView. */
    feesOre: z.optional(ore()),
    reminders: z.optional(z.strictObject({ count: z.int(), feesCharged: z.int(), lastSentOn: z.iso.date(), lastPayBy: z.iso.date(), awaitingPost: z.optional(z.int()) })),
    balanceOre: ore(),
    /**
     * On the invoice's read, when the shop charges late-payment interest: what has accrued since the
     * due date on the principal (forsinkelsesrenteloven § 2). Owed, but not in the balance: it is
     * booked only when claimed.
     */
    lateInterest: z.optional(LateInterestView()),
    status: z.enum(RECEIVABLE_STATUSES),
    writeOff: z.optional(z.strictObject({ reason: z.enum(WRITE_OFF_REASONS), at: timestamp(), date: z.iso.date() })),
    version: z.int(),
    updatedAt: timestamp(),
    retainUntil: z.iso.date(),
  }),
);

const BankReference = () => z.strictObject({ transmissionNumber: z.string(), assignmentNumber: z.string(), archiveReference: z.string(), transactionNumber: z.string() });

export const PaymentView = schema(() =>
  z.strictObject({
    documentNumber: z.int(),
    paymentId: z.string(),
    amountOre: ore(),
    paymentDate: z.iso.date(),
    method: z.enum(PAYMENT_METHODS),
    posReceiptRef: z.optional(z.string()),
    bank: z.optional(BankReference()),
    overpaidOre: z.optional(ore()),
    recordedAt: timestamp(),
    retainUntil: z.iso.date(),
  }),
);

/**
 * A payment staff record. Cash at the counter names the register's receipt (posReceiptRef); a
 * bank payment has none. paymentKey, when sent, is the idempotency key (two equal payments on one
 * day are told apart by it); without it the payment's own key is used (the receipt, or the day and
 * amount), so a double click records once.
 */
export const RecordPaymentBody = schema(() =>
  z.strictObject({
    amountOre: z.int().check(z.positive(), z.lte(100_000_000)),
    paymentDate: z.iso.date(),
    method: z.enum(PAYMENT_METHODS),
    posReceiptRef: z.optional(plainText(40)),
    paymentKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, { error: 'Letters, digits and . _ : -, at most 64' }))),
    overpayment: z.optional(z.boolean()),
  }),
);

export const PaymentRecorded = schema(() => z.strictObject({ payment: PaymentView(), receivable: ReceivableView() }));

export const WriteOffBody = schema(() => z.strictObject({ reason: z.enum(WRITE_OFF_REASONS) }));

export const PaymentAttentionView = schema(() =>
  z.strictObject({
    reason: z.enum(ATTENTION_REASONS),
    paymentId: z.string(),
    amountOre: ore(),
    paymentDate: z.iso.date(),
    method: z.enum(PAYMENT_METHODS),
    documentNumber: z.optional(z.int()),
    kid: z.optional(z.string()),
    overpaidOre: z.optional(ore()),
    bank: z.optional(BankReference()),
    recordedAt: timestamp(),
    retainUntil: z.iso.date(),
  }),
);
export const PaymentAttentionList = schema(() => z.strictObject({ payments: z.array(PaymentAttentionView()), nextCursor: z.optional(z.string()) }));
export const PageQuery = schema(() => z.strictObject({ limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }));

/** The bank's OCR giro file as sent (text/plain): bounded here, checked record by record by its parser (ocr-giro.ts). */
export const OcrGiroFile = schema(() => z.string().check(z.minLength(1), z.maxLength(OCR_FILE_MAX_BYTES), withoutFormatCharacters()));
/** What an import left: counts and the total only (no KID, no invoice, no payer). */
export const OcrImportReportView = schema(() =>
  z.strictObject({
    payments: z.number(),
    matched: z.number(),
    partlyPaid: z.number(),
    paid: z.number(),
    overpaid: z.number(),
    unmatched: z.number(),
    reversals: z.number(),
    alreadyRecorded: z.number(),
    totalOre: z.number(),
  }),
);
export const OcrImportResultView = schema(() =>
  z.strictObject({ transmissionNumber: z.string(), alreadyImported: z.boolean(), report: OcrImportReportView(), startedAt: z.string(), completedAt: z.string() }),
);
export const OcrImportView = schema(() =>
  z.strictObject({ transmissionNumber: z.string(), startedAt: z.string(), completedAt: z.optional(z.string()), report: z.optional(OcrImportReportView()), retainUntil: z.string() }),
);
export const OcrImportList = schema(() => z.strictObject({ imports: z.array(OcrImportView()), nextCursor: z.optional(z.string()) }));
