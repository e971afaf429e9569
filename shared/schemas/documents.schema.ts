import * as z from 'zod/mini';
import { DOCUMENT_KINDS } from '../domain/invoices/sales-documents';
import { plainText, schema, timestamp } from './common.schema';
import { ReceivableView } from './receivables.schema';

const ore = () => z.int();
export const PostalAddressSchema = schema(() =>
  z.strictObject({
    street: plainText(100),
    postalCode: z.string().check(z.regex(/^\d{4}$/, { error: 'A Norwegian postal code: four digits' })),
    city: plainText(60),
  }),
);

export const SalesDocumentView = schema(() =>
  z.strictObject({
    documentNumber: z.int(),
    kind: z.enum(DOCUMENT_KINDS),
    issueDate: z.iso.date(),
    issuedAt: timestamp(),
    orderId: z.string(),
    customerId: z.string(),
    buyer: z.strictObject({
      name: z.string(),
      address: z.strictObject({ street: z.string(), postalCode: z.string(), city: z.string() }),
      /** A business buyer's organisation number, 9 digits. */
      organisationNumber: z.optional(z.string()),
      /** "Deres ref.": the order's reference, else the one fixed on the business account. */
      reference: z.optional(z.string()),
    }),
    seller: z.strictObject({
      name: z.string(),
      organisationNumber: z.string(),
      vatRegistered: z.boolean(),
      registeredInForetaksregisteret: z.boolean(),
      address: z.strictObject({ street: z.string(), postalCode: z.string(), city: z.string() }),
      bankAccount: z.string(),
    }),
    deliveryDate: z.iso.date(),
    deliveryPlace: z.string(),
    lines: z.array(
      // keptAs: the line's name once the buyer is erased (never the clerk's words), decided at issue.
      z.strictObject({ description: z.string(), keptAs: z.optional(z.string()), quantity: z.number(), unitPriceOre: ore(), lineTotalOre: ore(), vatRatePercent: z.number(), vatOre: ore() }),
    ),
    totals: z.strictObject({ netOre: ore(), vatOre: ore(), grossOre: ore(), vatRatePercent: z.number() }),
    dueDate: z.optional(z.iso.date()),
    kid: z.optional(z.string()),
    creditsDocument: z.optional(z.int()),
    creditReason: z.optional(z.string()),
    /** A credit note for part of its invoice (chosen lines or an amount). */
    partialCredit: z.optional(z.boolean()),
    /** A collective invoice (samlefaktura): the period it covers. */
    collectivePeriod: z.optional(z.strictObject({ key: z.string(), from: z.iso.date(), to: z.iso.date() })),
    /** …and each pickup it lists, in order, with how many of the lines (one after another) are that pickup's. */
    collectiveOrders: z.optional(z.array(z.strictObject({ orderId: z.string(), n: z.int(), date: z.iso.date(), reference: z.optional(z.string()), lineCount: z.int() }))),
    delivery: z.enum(['email', 'print']),
    retainUntil: z.iso.date(),
    /** An invoice's balance and status (receivables.ts); absent on a credit note. */
    receivable: z.optional(ReceivableView()),
    /** The buyer was erased but for this invoice's claim (GDPR art. 17(3)(e)): what is kept to claim it, since when, and which invoices are still open. */
    claimHold: z.optional(
      z.strictObject({
        holder: z.string(),
        requestId: z.optional(z.string()),
        name: z.string(),
        phone: z.optional(z.strictObject({ e164: z.string(), kind: z.enum(['mobile', 'landline']) })),
        language: z.enum(['nb', 'en']),
        invoices: z.array(z.int()),
        since: timestamp(),
        openInvoices: z.array(z.int()),
      }),
    ),
  }),
);

export const InvoiceIdParams = schema(() => z.strictObject({ invoiceId: z.string().check(z.regex(/^\d{1,10}$/)) }));
/**
 * A credit: `reason` always; then the whole invoice (neither `lines` nor `amountOre`), chosen lines
 * by their number on the invoice (each whole, or `quantity` of it), or an amount in øre, gross,
 * its VAT at the invoice's rate. Never more than is left of the invoice. `creditKey`: see below.
 */
export const CreditBody = schema(() =>
  z.strictObject({
    reason: plainText(200),
    lines: z.optional(
      z
        .array(z.strictObject({ line: z.int().check(z.gte(1), z.lte(999)), quantity: z.optional(z.number().check(z.gt(0), z.lte(999))) }))
        .check(z.minLength(1), z.maxLength(100)),
    ),
    amountOre: z.optional(z.int().check(z.gte(1), z.lte(100_000_000))),
    /** The idempotency key, as a payment's paymentKey: the same credit sent again with it answers the credit note the first one issued. */
    creditKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, { error: 'Letters, digits and . _ : -, at most 64' }))),
  }),
);
export const SalesExportQuery = schema(() => z.strictObject({ from: z.iso.date(), to: z.iso.date() }));

/** A period of the shop's kind: a month (`2026-11`) or a quarter (`2026-Q4`). */
export const CollectiveInvoiceBody = schema(() =>
  z.strictObject({ period: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: 'A month, YYYY-MM, or a quarter, YYYY-Qn' }))) }),
);
/**
 * What issuing a collective invoice did: `issued` (201: the invoice, now), `already_issued` (200:
 * the period's invoice, issued before; nothing new), `nothing_due` (200: nothing picked up on
 * account waits up to the period's end; no number is used).
 */
export const CollectiveInvoiceAnswer = schema(() =>
  z.strictObject({
    outcome: z.enum(['issued', 'already_issued', 'nothing_due']),
    period: z.strictObject({ key: z.string(), from: z.iso.date(), to: z.iso.date() }),
    document: z.optional(SalesDocumentView()),
  }),
);
