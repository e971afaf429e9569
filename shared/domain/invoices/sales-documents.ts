import { createHash } from 'node:crypto';
import { addDays } from '../kernel/calendar';
import type { ShopConfig } from '../../config/shop-config';
import { mod10CheckDigit } from '../kernel/check-digits';
import { ConflictError, ValidationError } from '../kernel/errors';
import type { Customer } from '../customers/customers';
import { scaleOre, vatFromGross, type Ore, type VatBreakdown } from '../kernel/money';
import { keptLineName, type Order, type SaleLine } from '../orders/orders';
import type { PostalAddress } from '../kernel/postal-address';
import { isErasurePseudonym } from '../kernel/pseudonyms';

/**
 * Sales documents: invoices for credit sales and the credit notes that correct them, in one
 * pre-numbered series without gaps (bokføringsforskriften § 5-1-1; Skatteetaten, "Krav til
 * salgsdokumentet"). A document, once issued, is never changed or deleted: a correction is a credit
 * note that references it, and a spoiled one would be kept marked "makulert". Its contents:
 *  - number and date of issue;
 *  - the seller's name, address and organisation number followed by "MVA" when VAT-registered, and
 *    "Foretaksregisteret" for an AS (foretaksregisterloven § 10-2);
 *  - the buyer's name and address (a credit sale to a consumer: the retail cash-sale exception
 *    does not apply, so the address is asked for at pickup and kept on the document only);
 *  - the nature and extent of the service, and when and where it was delivered;
 *  - the price, the VAT rate and amount in NOK, and the due date;
 *  - for payment: the shop's bank account and a KID with a MOD10 check digit.
 * Counter sales (cash or card) are documented by the shop's certified cash register
 * (kassasystemlova), not here.
 */
export const DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type { PostalAddress };

export type SalesDocumentLine = {
  description: string;
  /**
   * What the line is called once its buyer is erased (keptLineName: the price list's name or a
   * neutral one, never the clerk's words), decided when it was issued, so a credit of chosen lines
   * or an amount keeps its own name rather than the order line at its place. Absent on documents
   * issued before it existed; erasure then names the line from the order (erasure-plan.ts).
   */
  keptAs?: string;
  quantity: number;
  unitPriceOre: Ore;
  lineTotalOre: Ore;
  vatRatePercent: number;
  vatOre: Ore;
};

/**
 * A collective invoice's pickups (samlefaktura, collective-invoice.ts), in order, each with the
 * number of the document's lines that are its own (the lines follow one another, so line numbers
 * stay the invoice's and a credit of chosen lines works as on any invoice). `reference` is the
 * order's "Deres ref.", free text. Top-level attributes (not one structure) so the inventory can
 * drop each reference from the kept form of the document.
 */
export type CollectiveOrder = { orderId: string; n: number; date: string; reference?: string; lineCount: number };

export type SalesDocument = {
  documentNumber: number;
  kind: DocumentKind;
  issueDate: string;
  issuedAt: string;
  /** The ticket it is for; a collective invoice's is the period's key ("2026-11"), its tickets are in `collective`. */
  orderId: string;
  customerId: string;
  buyer: {
    name: string;
    address: PostalAddress;
    /** A business buyer (customers.ts `business`): its organisation number, the EHF endpoint (scheme 0192). */
    organisationNumber?: string;
    /** "Deres ref.": the order's reference, or the one fixed on the business account. */
    reference?: string;
  };
  seller: {
    name: string;
    organisationNumber: string;
    vatRegistered: boolean;
    registeredInForetaksregisteret: boolean;
    address: PostalAddress;
    bankAccount: string;
  };
  deliveryDate: string;
  deliveryPlace: string;
  lines: SalesDocumentLine[];
  totals: VatBreakdown;
  /** Invoices only. */
  dueDate?: string;
  kid?: string;
  /** Credit notes only: the invoice they reverse, and why. */
  creditsDocument?: number;
  creditReason?: string;
  /** A credit note for part of the invoice (chosen lines or an amount); absent: it reverses the whole invoice. */
  partialCredit?: boolean;
  /** A collective invoice (and a credit note of one): the period it covers, and the pickups it lists. */
  collectivePeriod?: { key: string; from: string; to: string };
  collectiveOrders?: CollectiveOrder[];
  /** How the customer gets it: by e-mail when they chose e-invoice, otherwise printed at the counter. */
  delivery: 'email' | 'print';
  /** Bokføringsloven § 13: kept five years after the end of the fiscal year it belongs to. */
  retainUntil: string;
};

/** Five years after the end of the (calendar) fiscal year of the document, as a date. */
export function retentionDate(issueDate: string): string {
  return `${Number(issueDate.slice(0, 4)) + 5}-12-31`;
}

/** KID: the document number, zero-padded to 8 digits, and a MOD10 check digit. */
export function kidFor(documentNumber: number): string {
  const base = String(documentNumber).padStart(8, '0');
  return `${base}${mod10CheckDigit(base)}`;
}

export function lineFor(item: Order['items'][number], vatRatePercent: number): SalesDocumentLine {
  // A discount line is negative: the VAT it takes off is that of its amount, with the sign turned.
  const vatOre = item.lineTotalOre < 0 ? -vatFromGross(-item.lineTotalOre, vatRatePercent).vatOre : vatFromGross(item.lineTotalOre, vatRatePercent).vatOre;
  return {
    description: item.description ? `${item.service}: ${item.description}` : item.service,
    keptAs: keptLineName(item),
    quantity: item.quantity,
    unitPriceOre: item.unitPriceOre,
    lineTotalOre: item.lineTotalOre,
    vatRatePercent,
    vatOre,
  };
}

/**
 * A line of a pickup's sale as the invoice prints it: the order's line itself when the sale takes
 * all of it, otherwise the share: the garments' part of the quantity at the line's unit price, or,
 * for a line about the whole order (express, a discount), its share of this pickup as one amount.
 */
function soldLine(order: Order, sold: SaleLine): SalesDocumentLine {
  const item = order.items[sold.line - 1] as Order['items'][number];
  const rate = order.totals.vatRatePercent;
  if (sold.amountOre === item.lineTotalOre && sold.quantity === item.quantity) return lineFor(item, rate);
  // The garments' part of the quantity at the line's price, when that is what the share comes to;
  // otherwise (kilos shared over bags, a bundle of pieces charged by the piece, rounding) the share
  // as one amount, so quantity × price on the document always equals the line's total.
  if (sold.pieces !== undefined && sold.quantity > 0 && Math.round(sold.quantity * item.unitPriceOre) === sold.amountOre) {
    return lineFor({ ...item, quantity: sold.quantity, lineTotalOre: sold.amountOre }, rate);
  }
  return lineFor({ ...item, service: `${item.service} (andel)`, quantity: 1, unitPriceOre: sold.amountOre, lineTotalOre: sold.amountOre }, rate);
}

export function sellerFrom(shop: ShopConfig): SalesDocument['seller'] {
  return {
    name: shop.name,
    organisationNumber: shop.organisationNumber,
    vatRegistered: shop.vatRegistered,
    registeredInForetaksregisteret: shop.registeredInForetaksregisteret,
    address: shop.address,
    bankAccount: shop.bankAccount,
  };
}

/**
 * The buyer as the document names it. A business (customers.ts `business`): its legal name, its
 * organisation number and the invoice address on its account, unless the counter gives another; a
 * private customer: the name and the address given at pickup, which only the document keeps.
 * "Deres ref." is the order's own reference, else the one fixed on the account. Without an address
 * the invoice is refused (400) before anything is written: § 5-1-1 (1) nr. 3 asks for it.
 */
export function buyerOf(customer: Customer, order: Pick<Order, 'reference'>, buyerAddress: PostalAddress | undefined): SalesDocument['buyer'] {
  const { business } = customer;
  const address = buyerAddress ?? business?.invoiceAddress;
  if (!address) {
    throw new ValidationError('An invoice needs the buyer\'s address', [{ pointer: '/buyerAddress', detail: 'Street, postal code and city, as bokføringsforskriften § 5-1-1 requires' }]);
  }
  const reference = order.reference ?? business?.reference;
  return {
    name: customer.name,
    address,
    ...(business ? { organisationNumber: business.organisationNumber } : {}),
    ...(reference ? { reference } : {}),
  };
}

/** The invoice for an order collected on credit. The number comes from the series at issue time. */
export function buildInvoice(input: {
  documentNumber: number;
  order: Order;
  customer: Customer;
  /** Required for a private buyer; a business's defaults to the invoice address on its account. */
  buyerAddress?: PostalAddress;
  shop: ShopConfig;
  issuedAt: Date;
  issueDate: string;
  /** A pickup's sale (orders/pickup-sale.ts), when the invoice is for the garments of one pickup rather than the whole order. */
  sale?: { lines: SaleLine[]; totals: VatBreakdown };
}): SalesDocument {
  const { order, shop, sale } = input;
  return {
    documentNumber: input.documentNumber,
    kind: 'invoice',
    issueDate: input.issueDate,
    issuedAt: input.issuedAt.toISOString(),
    orderId: order.orderId,
    customerId: order.customerId,
    buyer: buyerOf(input.customer, order, input.buyerAddress),
    seller: sellerFrom(shop),
    deliveryDate: input.issueDate,
    deliveryPlace: `${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}`,
    lines: sale ? sale.lines.map((sold) => soldLine(order, sold)) : order.items.map((item) => lineFor(item, order.totals.vatRatePercent)),
    totals: sale ? sale.totals : order.totals,
    dueDate: addDays(input.issueDate, shop.invoiceDueDays),
    kid: kidFor(input.documentNumber),
    delivery: input.customer.email && input.customer.emailPurposes.includes('invoice') ? 'email' : 'print',
    retainUntil: retentionDate(input.issueDate),
  };
}

/**
 * The reason typed for a credit, kept on the credit note, except when the buyer has been erased
 * (the invoice carries the erasure's pseudonym): the kept form of a document drops the credit
 * reason (the data inventory), so a credit note issued after the erasure never stores one.
 */
function creditReasonFor(original: SalesDocument, reason: string): { creditReason?: string } {
  return isErasurePseudonym(original.customerId) ? {} : { creditReason: reason };
}

/** The credit note that reverses an invoice in full: the same lines with negative amounts. */
export function buildCreditNote(input: { documentNumber: number; original: SalesDocument; reason: string; issuedAt: Date; issueDate: string }): SalesDocument {
  const { original } = input;
  const negate = (ore: Ore) => (ore === 0 ? 0 : -ore);
  return {
    ...original,
    documentNumber: input.documentNumber,
    kind: 'credit_note',
    issueDate: input.issueDate,
    issuedAt: input.issuedAt.toISOString(),
    lines: original.lines.map((line) => ({ ...line, quantity: -line.quantity, lineTotalOre: negate(line.lineTotalOre), vatOre: negate(line.vatOre) })),
    totals: { ...original.totals, netOre: negate(original.totals.netOre), vatOre: negate(original.totals.vatOre), grossOre: negate(original.totals.grossOre) },
    dueDate: undefined,
    kid: undefined,
    creditsDocument: original.documentNumber,
    ...creditReasonFor(original, input.reason),
    retainUntil: retentionDate(input.issueDate),
  };
}

/**
 * What an invoice has been credited so far (the credit claim, one item per invoice): the credit
 * notes, the gross amount they took off, and per line the quantity and amount credited by line.
 * Every credit is judged against it and written with it in one transaction, conditioned on the
 * tally read, so two credits at once cannot together take off more than the invoice.
 */
export type CreditTally = {
  creditNotes: number[];
  grossOre: Ore;
  lines: { line: number; quantity: number; amountOre: Ore }[];
  /** The credits sent with a key (creditKey), each with what it asked for and the credit note it issued: a retry gets that note. */
  requests?: (CreditRequest & { creditNote: number })[];
};

/**
 * A credit's idempotency key, as the body's creditKey (the way a payment's paymentKey is), and a
 * digest of what it asked for (the reason and the selection). A double click, or a retry after a
 * timeout that in fact succeeded, sends the same key: it gets the credit note the first one issued,
 * and takes no number. The key is the invoice's (kept on its credit claim), so keys are per invoice.
 */
export type CreditRequest = { key: string; fingerprint: string };

export function creditRequestOf(key: string | undefined, reason: string, selection: CreditSelection | undefined): CreditRequest | undefined {
  if (key === undefined) return undefined;
  // Digested as what it asks for, not as the bytes sent: a retry whose client listed the lines in
  // another order, or padded the reason, asks for the same credit and must get its credit note.
  const asked = selection && 'lines' in selection ? { lines: [...selection.lines].sort((a, b) => a.line - b.line || (a.quantity ?? -1) - (b.quantity ?? -1)).map((l) => ({ line: l.line, quantity: l.quantity ?? null })) } : (selection ?? null);
  const fingerprint = createHash('sha256').update(JSON.stringify({ reason: reason.trim(), selection: asked })).digest('base64url').slice(0, 22);
  return { key, fingerprint };
}

/**
 * The credit note an earlier credit with this key issued, judged on the tally read (so a retry that
 * lost the race to its own first try finds it once the loop reads the tally that try left); a key
 * used before for another credit of this invoice is refused (409 naming the credit note it issued).
 */
export function replayedCredit(tally: CreditTally, request: CreditRequest | undefined): number | undefined {
  const earlier = request && tally.requests?.find((r) => r.key === request.key);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== request.fingerprint) {
    throw new ConflictError(`The credit key ${request.key} issued credit note ${earlier.creditNote} for another credit of this invoice; use a new key`, { creditedBy: earlier.creditNote });
  }
  return earlier.creditNote;
}

const withRequest = (tally: CreditTally, request: CreditRequest | undefined, creditNote: number): CreditTally =>
  request ? { ...tally, requests: [...(tally.requests ?? []), { ...request, creditNote }] } : tally;

export const NOTHING_CREDITED: CreditTally = { creditNotes: [], grossOre: 0, lines: [] };

/**
 * Credit notes one invoice may have. The claim holds each credit note and each keyed credit's key
 * in one item, and DynamoDB refuses an item over 400 KB: without a limit, some thousands of small
 * credits would make the invoice impossible to credit ever again (a 500). A hundred credit notes
 * (about 15 KB of claim) is far beyond any correction a counter makes of one invoice.
 */
export const MAX_CREDIT_NOTES_PER_INVOICE = 100;

/**
 * A partial credit (POST /admin/invoices/{n}/credit): chosen lines by their number on the invoice
 * (1-based), each in full or by a quantity; or an amount in øre, gross, its VAT at the invoice's
 * rate. Absent: the whole invoice, as before partial credits.
 */
export type CreditSelection = { lines: { line: number; quantity?: number }[] } | { amountOre: Ore };

/** The selection a credit request makes: lines or an amount, not both (400 naming the second); neither is the whole invoice. */
export function creditSelectionOf(request: { lines?: { line: number; quantity?: number }[]; amountOre?: Ore }): CreditSelection | undefined {
  if (request.lines && request.amountOre !== undefined) {
    throw new ValidationError('Credit chosen lines or an amount, not both', [{ pointer: '/amountOre', detail: 'Leave it out when crediting lines' }]);
  }
  if (request.lines) return { lines: request.lines };
  return request.amountOre !== undefined ? { amountOre: request.amountOre } : undefined;
}

/** A quantity in thousandths (a kilo to the gram, a piece as 1000), or undefined when it has more than three decimals. */
function thousandths(quantity: number): number | undefined {
  const milli = Math.round(quantity * 1000);
  return Math.abs(quantity * 1000 - milli) < 1e-6 ? milli : undefined;
}
/** A stored quantity in thousandths: the invoice's and the tally's, which have at most three decimals. */
const toThousandths = (quantity: number): number => Math.round(quantity * 1000);

const creditedLine = (tally: CreditTally, line: number) => tally.lines.find((l) => l.line === line) ?? { line, quantity: 0, amountOre: 0 };

function overCredit(original: SalesDocument, tally: CreditTally, requestedOre: Ore, pointer: string): ConflictError {
  const remainingOre = original.totals.grossOre - tally.grossOre;
  return new ConflictError(`Invoice ${original.documentNumber} has ${formatKroner(remainingOre)} kr left to credit; this credit is ${formatKroner(requestedOre)} kr`, {
    remainingOre,
    errors: [{ pointer, detail: `At most ${remainingOre} øre may be credited` }],
  });
}

/**
 * The lines a partial credit takes off, each positive, or refused: a line the invoice does not have
 * or a discount line (400), more of a line than is left of it, or more than is left of the invoice
 * (409 naming the over-credit and what is left). A line credited in full takes what is left of its
 * amount, so the øre of its rounding are never left over or credited twice.
 */
export function creditedLines(original: SalesDocument, tally: CreditTally, selection: CreditSelection): { lines: SalesDocumentLine[]; tally: CreditTally } {
  const rate = original.totals.vatRatePercent;
  if ('amountOre' in selection) {
    if (selection.amountOre > original.totals.grossOre - tally.grossOre) throw overCredit(original, tally, selection.amountOre, '/amountOre');
    const { vatOre } = vatFromGross(selection.amountOre, rate);
    return {
      lines: [{ description: `Kreditert beløp, faktura ${original.documentNumber}`, keptAs: `Kreditert beløp, faktura ${original.documentNumber}`, quantity: 1, unitPriceOre: selection.amountOre, lineTotalOre: selection.amountOre, vatRatePercent: rate, vatOre }],
      tally: { ...tally, grossOre: tally.grossOre + selection.amountOre },
    };
  }
  const issues: { pointer: string; detail: string }[] = [];
  const seen = new Set<number>();
  const lines: SalesDocumentLine[] = [];
  const credited = new Map(tally.lines.map((l) => [l.line, { ...l }]));
  let totalOre = 0;
  selection.lines.forEach(({ line: n, quantity }, index) => {
    const pointer = `/lines/${index}`;
    const line = original.lines[n - 1];
    if (!line) return void issues.push({ pointer: `${pointer}/line`, detail: `Invoice ${original.documentNumber} has lines 1 to ${original.lines.length}` });
    if (seen.has(n)) return void issues.push({ pointer: `${pointer}/line`, detail: `Line ${n} is named twice` });
    seen.add(n);
    if (line.lineTotalOre <= 0) return void issues.push({ pointer: `${pointer}/line`, detail: `Line ${n} is a discount or free: credit an amount instead` });
    if (quantity !== undefined && thousandths(quantity) === undefined) return void issues.push({ pointer: `${pointer}/quantity`, detail: 'At most three decimals' });
    const before = creditedLine(tally, n);
    // Compared in thousandths, whole numbers: 0,1 + 0,2 kilos credited in floating point are
    // 0,30000000000000004, which would refuse the last 0,1 of a line or leave a sliver of it.
    const leftMilli = toThousandths(line.quantity) - toThousandths(before.quantity);
    const takenMilli = quantity === undefined ? leftMilli : toThousandths(quantity);
    if (takenMilli <= 0 || takenMilli > leftMilli) {
      const left = leftMilli / 1000;
      throw new ConflictError(`Line ${n} of invoice ${original.documentNumber} has ${left} left to credit`, { remainingOre: original.totals.grossOre - tally.grossOre, errors: [{ pointer: `${pointer}/quantity`, detail: `At most ${left} of line ${n} may be credited` }] });
    }
    const amountLeftOre = line.lineTotalOre - before.amountOre;
    const amountOre = takenMilli === leftMilli ? amountLeftOre : Math.min(scaleOre(line.unitPriceOre, takenMilli, 1000), amountLeftOre);
    totalOre += amountOre;
    credited.set(n, { line: n, quantity: (toThousandths(before.quantity) + takenMilli) / 1000, amountOre: before.amountOre + amountOre });
    lines.push({ ...line, quantity: takenMilli / 1000, lineTotalOre: amountOre, vatOre: vatFromGross(amountOre, line.vatRatePercent).vatOre });
  });
  if (issues.length) throw new ValidationError('Not all of these lines can be credited', issues);
  if (totalOre > original.totals.grossOre - tally.grossOre) throw overCredit(original, tally, totalOre, '/lines');
  return { lines, tally: { ...tally, grossOre: tally.grossOre + totalOre, lines: [...credited.values()].sort((a, b) => a.line - b.line) } };
}

/**
 * The VAT a partial credit takes off: the VAT of what was left of the invoice before it, less the
 * VAT of what is left after it, each computed once on the gross left (as the invoice's own VAT is
 * computed once on its total, money.ts). Summing each credit's own rounded VAT instead could differ
 * from the invoice's VAT by an øre a credit; this way the credits' VAT telescopes, and an invoice
 * credited in parts has had exactly its VAT credited once nothing is left. What is left in full is
 * the invoice itself, whose stored VAT is taken as is. An invoice has one rate
 * (totals.vatRatePercent; every line and every amount credit is at it), so per rate is this rate.
 * The lines' VAT stays informational, each at its own rounding, as on the invoice.
 */
function creditedVat(original: SalesDocument, creditedBeforeOre: Ore, creditedAfterOre: Ore): Ore {
  const { grossOre, vatOre, vatRatePercent } = original.totals;
  const vatLeft = (creditedOre: Ore) => (creditedOre === 0 ? vatOre : vatFromGross(grossOre - creditedOre, vatRatePercent).vatOre);
  return vatLeft(creditedBeforeOre) - vatLeft(creditedAfterOre);
}

/**
 * A credit note for part of an invoice: the chosen lines or the amount with negative amounts, its
 * totals their sum. `tally` is what was credited before; the tally returned includes this note.
 */
export function buildPartialCreditNote(input: { documentNumber: number; original: SalesDocument; tally: CreditTally; selection: CreditSelection; reason: string; issuedAt: Date; issueDate: string }): { creditNote: SalesDocument; tally: CreditTally } {
  const { original } = input;
  const { lines, tally } = creditedLines(original, input.tally, input.selection);
  const negate = (ore: Ore) => (ore === 0 ? 0 : -ore);
  const grossOre = lines.reduce((sum, line) => sum + line.lineTotalOre, 0);
  const vatOre = creditedVat(original, input.tally.grossOre, tally.grossOre);
  const creditNote: SalesDocument = {
    ...original,
    documentNumber: input.documentNumber,
    kind: 'credit_note',
    issueDate: input.issueDate,
    issuedAt: input.issuedAt.toISOString(),
    lines: lines.map((line) => ({ ...line, quantity: -line.quantity, lineTotalOre: negate(line.lineTotalOre), vatOre: negate(line.vatOre) })),
    totals: { vatRatePercent: original.totals.vatRatePercent, netOre: negate(grossOre - vatOre), vatOre: negate(vatOre), grossOre: negate(grossOre) },
    dueDate: undefined,
    kid: undefined,
    creditsDocument: original.documentNumber,
    ...creditReasonFor(original, input.reason),
    partialCredit: true,
    // A part of a collective invoice: its lines are not the pickups' lines one after another.
    collectiveOrders: undefined,
    retainUntil: retentionDate(input.issueDate),
  };
  return { creditNote, tally: { ...tally, creditNotes: [...tally.creditNotes, input.documentNumber] } };
}

/**
 * The credit note a credit asks for, judged on what was credited before: the whole invoice (once,
 * and only while nothing of it is credited: 409 naming the credit note otherwise), or a part.
 */
export function creditNoteFor(input: {
  documentNumber: number;
  original: SalesDocument;
  tally: CreditTally;
  selection?: CreditSelection;
  reason: string;
  issuedAt: Date;
  issueDate: string;
  /** The credit's key, kept on the tally with this credit note (replayedCredit). */
  request?: CreditRequest;
}): { creditNote: SalesDocument; tally: CreditTally } {
  const { original, tally, selection } = input;
  if (tally.creditNotes.length >= MAX_CREDIT_NOTES_PER_INVOICE) {
    throw new ConflictError(`Invoice ${original.documentNumber} has ${tally.creditNotes.length} credit notes, the most one invoice may have (${MAX_CREDIT_NOTES_PER_INVOICE})`, { limit: MAX_CREDIT_NOTES_PER_INVOICE, creditedBy: tally.creditNotes.at(-1) });
  }
  if (selection) {
    const partial = buildPartialCreditNote({ ...input, selection });
    return { creditNote: partial.creditNote, tally: withRequest(partial.tally, input.request, input.documentNumber) };
  }
  const creditedBy = tally.creditNotes.at(-1);
  if (creditedBy !== undefined) {
    const whole = tally.grossOre >= original.totals.grossOre;
    throw new ConflictError(whole ? `Invoice ${original.documentNumber} is already credited by ${creditedBy}` : `Invoice ${original.documentNumber} is already credited in part by ${creditedBy}: credit what is left by lines or an amount`, { creditedBy });
  }
  return { creditNote: buildCreditNote(input), tally: withRequest({ ...fullyCredited(original, input.documentNumber), ...(tally.requests ? { requests: tally.requests } : {}) }, input.request, input.documentNumber) };
}

/** The tally after a full credit: the whole invoice, every line. */
export function fullyCredited(original: SalesDocument, creditNote: number): CreditTally {
  return { creditNotes: [creditNote], grossOre: original.totals.grossOre, lines: original.lines.map((line, index) => ({ line: index + 1, quantity: line.quantity, amountOre: line.lineTotalOre })) };
}

/**
 * Kroner with two decimals, a space between thousands and a decimal comma: "1 234,50". Written
 * out by hand because Intl's Norwegian format uses a narrow no-break space and a true minus sign,
 * which the PDF's standard fonts cannot encode.
 */
export function formatKroner(ore: Ore): string {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  const kroner = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${kroner},${String(absolute % 100).padStart(2, '0')}`;
}

/** 123 456 785 — an organisation number as it is printed. */
export function formatOrganisationNumber(number: string): string {
  return `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`;
}
