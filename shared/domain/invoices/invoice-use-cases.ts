import { ehfMissing, renderSalesDocumentEhf } from '../../documents/ehf';
import { renderSalesDocumentPdf } from '../../documents/invoice-pdf';
import type { CounterDeps } from '../kernel/deps';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../kernel/errors';
import { newMessage } from '../kernel/outbox-message';
import { shopDate } from '../kernel/calendar';
import type { Order, Payment, SaleLine } from '../orders/orders';
import type { VatBreakdown } from '../kernel/money';
import { buildInvoice, creditNoteFor, creditRequestOf, replayedCredit, type CreditSelection, type PostalAddress, type SalesDocument } from './sales-documents';
import { buildCollectiveInvoice, collectiveInvoiceCompleted, periodEndedBefore, periodNamed, type InvoicePeriod } from './collective-invoice';
import type { CollectiveInvoiceOutcome } from '../../ports/repositories';

/**
 * What the order capability decides about a pickup on invoice (orders/pickup.ts): the order after
 * it, and the sale it is, which the invoice lists. Both are judged on the order as read, so a
 * refused pickup throws before anything is written.
 */
export type InvoicedPickup = { pickUp: (order: Order, payment: Payment) => Order; sale: (order: Order) => { lines: SaleLine[]; totals: VatBreakdown } };

/**
 * A credit sale at pickup: the backend issues the invoice, the next number in the series, with
 * the buyer's address (required on a credit sale's document, asked for at the counter and kept on
 * the document only; a business's is on its account, see buyerOf), in the same transaction that records the pickup, and e-mails it if the
 * customer chose e-invoice; otherwise it is printed at the counter. With `pickup` the invoice is
 * for that pickup's sale only (a partial pickup); without it, for the whole order.
 */
export async function invoiceOnPickup(
  deps: CounterDeps,
  order: { customerId: string; orderId: string },
  buyerAddress: PostalAddress | undefined,
  expectedVersion?: number,
  pickup?: InvoicedPickup,
): Promise<Order> {
  const now = deps.clock();
  const { order: pickedUp } = await deps.documents.issueInvoice(order, {
    at: now.toISOString(),
    expectedVersion,
    firstNumber: deps.shop.firstDocumentNumber,
    build: ({ order: current, customer, documentNumber, seriesDate }) =>
      buildInvoice({ documentNumber, order: current, customer, buyerAddress, shop: deps.shop, issuedAt: now, issueDate: issueDateAfter(deps, now, seriesDate), ...(pickup ? { sale: pickup.sale(current) } : {}) }),
    ...(pickup ? { pickUp: pickup.pickUp } : {}),
    notify: (document) => documentEmail(deps, document, now),
  });
  return pickedUp;
}

/**
 * A business's collective invoice (samlefaktura) for a period, staff's "issue it now" and the
 * monthly job alike:
 *  1. the period: the one named (of the shop's kind, not begun after today: 400 otherwise), else
 *     the one that ended before today, so a run never invoices a period still running by itself;
 *  2. the repository reads the account and its waiting pickups, takes the number with the period's
 *     claim, consumes the pickups and stores the invoice with its receivable and e-mail (see
 *     SalesDocumentRepository.issueCollectiveInvoice); a rerun completes or answers the claimed one.
 * Staff may issue the running period (a business closing its account): what it picks up after
 * that waits for the next period's invoice, which lists it with its own date.
 */
export async function issueCollectiveInvoice(deps: CounterDeps, customerId: string, periodKey?: string): Promise<CollectiveInvoiceOutcome & { period: InvoicePeriod }> {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  const kind = deps.shop.collectiveInvoicePeriod;
  const period = periodKey === undefined ? periodEndedBefore(today, kind) : periodNamed(periodKey, kind);
  if (!period) {
    throw new ValidationError('Not a period this shop invoices by', [{ pointer: '/period', detail: kind === 'month' ? 'A month, YYYY-MM (the shop invoices monthly)' : 'A quarter, YYYY-Qn (the shop invoices quarterly)' }]);
  }
  if (period.from > today) throw new ValidationError('A period not begun has nothing to invoice', [{ pointer: '/period', detail: `${period.key} begins after today` }]);
  const outcome = await deps.documents.issueCollectiveInvoice({
    at: now.toISOString(),
    customerId,
    period,
    firstNumber: deps.shop.firstDocumentNumber,
    build: ({ customer, items, documentNumber, seriesDate }) => buildCollectiveInvoice({ documentNumber, customer, items, period, shop: deps.shop, issuedAt: now, issueDate: issueDateAfter(deps, now, seriesDate) }),
    complete: (claimed) => collectiveInvoiceCompleted(claimed, today, deps.shop.invoiceDueDays),
    notify: (document) => documentEmail(deps, document, now),
  });
  return { ...outcome, period };
}

/** What one business's run came to when it did not issue: its error's name and, for a domain error, its kind (never whose it was). */
export type CollectiveRunError = { outcome: 'refused' | 'failed'; name: string; kind?: DomainError['kind'] };

export type CollectiveInvoiceRun = {
  period: string;
  businesses: number;
  issued: number;
  alreadyIssued: number;
  nothingDue: number;
  /** Claims of earlier periods, left unfinished by a run that stopped, completed by this one. */
  completedFirst: number;
  /** Claims found unfinished more than a day after they were claimed (a run stopped and nothing retried it): alarmed. */
  staleClaims: number;
  /** Refused by the rules (4xx: taken off account with pickups waiting, erased meanwhile): staff act, a retry changes nothing. */
  refused: number;
  /** Failed (5xx: DynamoDB, a bug): the run throws, so the alarm and the scheduler's retry see it. */
  failed: number;
  errors: CollectiveRunError[];
};

/** A claim left unfinished longer than this was stopped, not in progress: a run takes seconds. */
const STALE_CLAIM_MS = 24 * 60 * 60 * 1000;

/**
 * The job on the first day of a period: the collective invoice of every business with pickups on
 * account waiting up to the end of the period just ended, and of every business with a claim left
 * unfinished (a run that stopped; its pickups may all be consumed, so nothing waiting brings the
 * job to it), one business at a time: each is its own transactions, and each completes the
 * business's unfinished claims before its new one. One that is refused or fails is counted and
 * left to the next run, the others go on.
 */
export async function issueDueCollectiveInvoices(deps: CounterDeps, asOf: Date, options: { dryRun?: boolean } = {}): Promise<CollectiveInvoiceRun> {
  const period = periodEndedBefore(shopDate(asOf, deps.shop.timeZone), deps.shop.collectiveInvoicePeriod);
  const [waiting, unfinished] = await Promise.all([deps.documents.listBusinessesWithAccountItems(period.to), deps.documents.listUnfinishedCollectiveClaims()]);
  const businesses = [...new Set([...unfinished.map((c) => c.customerId), ...waiting])];
  const staleClaims = unfinished.filter((c) => asOf.getTime() - Date.parse(c.claimedAt) > STALE_CLAIM_MS).length;
  const run: CollectiveInvoiceRun = { period: period.key, businesses: businesses.length, issued: 0, alreadyIssued: 0, nothingDue: 0, completedFirst: 0, staleClaims, refused: 0, failed: 0, errors: [] };
  if (options.dryRun) return run;
  const dated: CounterDeps = { ...deps, clock: () => asOf };
  for (const customerId of businesses) {
    try {
      const { outcome, completedFirst } = await issueCollectiveInvoice(dated, customerId, period.key);
      run.completedFirst += completedFirst?.length ?? 0;
      if (outcome === 'issued') run.issued++;
      else if (outcome === 'already_issued') run.alreadyIssued++;
      else run.nothingDue++;
    } catch (error) {
      // A business erased meanwhile, or taken off account with pickups waiting, is refused: its
      // pickups wait for staff. Anything else is a failure. Only the error's name is kept: the
      // customer id is personal data (the inventory), and a message may name it.
      const refused = error instanceof DomainError;
      if (refused) run.refused++;
      else run.failed++;
      run.errors.push({ outcome: refused ? 'refused' : 'failed', name: error instanceof Error ? error.name : typeof error, ...(refused ? { kind: error.kind } : {}) });
    }
  }
  return run;
}

/**
 * Corrects an invoice the only lawful way: a credit note in the same series that reverses it, in
 * full, or in part (chosen lines, or an amount), never more than is left of the invoice. With a
 * creditKey, a retry of the same credit answers the credit note the first one issued.
 */
export function creditInvoice(deps: CounterDeps, documentNumber: number, reason: string, selection?: CreditSelection, creditKey?: string): Promise<SalesDocument> {
  const now = deps.clock();
  const request = creditRequestOf(creditKey, reason, selection);
  return deps.documents.issueCreditNote(documentNumber, {
    firstNumber: deps.shop.firstDocumentNumber,
    replayed: (tally) => replayedCredit(tally, request),
    build: (original, number, seriesDate, tally) =>
      creditNoteFor({ documentNumber: number, original, tally, ...(selection ? { selection } : {}), ...(request ? { request } : {}), reason, issuedAt: now, issueDate: issueDateAfter(deps, now, seriesDate) }),
    notify: (document) => documentEmail(deps, document, now),
  });
}

/**
 * Today in the shop, or the series' last date if that is later: when two clerks issue around
 * midnight (or two Lambdas' clocks differ by a moment), the document that gets the later number
 * was stored after the other one, so it takes the other one's date rather than an earlier one.
 */
function issueDateAfter(deps: CounterDeps, now: Date, seriesDate: string | undefined): string {
  const today = shopDate(now, deps.shop.timeZone);
  return seriesDate !== undefined && seriesDate > today ? seriesDate : today;
}

function documentEmail(deps: CounterDeps, document: SalesDocument, now: Date) {
  if (document.delivery !== 'email') return undefined;
  return newMessage({
    customerId: document.customerId,
    // A collective invoice is for no one ticket: its message is keyed by the document alone.
    ...(document.collectivePeriod ? {} : { orderId: document.orderId }),
    purpose: 'invoice_sent',
    occasion: `document-${document.documentNumber}`,
    params: { ticket: document.orderId, documentNumber: document.documentNumber },
    now,
    retentionDays: deps.shop.messageRetentionDays,
  });
}

export async function getSalesDocument(deps: CounterDeps, documentNumber: number): Promise<SalesDocument> {
  const document = await deps.documents.get(documentNumber);
  if (!document) throw new NotFoundError(`Document ${documentNumber} does not exist`);
  return document;
}

export async function salesDocumentPdf(deps: CounterDeps, documentNumber: number): Promise<Uint8Array> {
  return renderSalesDocumentPdf(await getSalesDocument(deps, documentNumber));
}

/**
 * A sales document as EHF, for a business buyer that receives invoices through PEPPOL: made from
 * the stored document when asked for, like the PDF, never stored itself. Only a buyer with an
 * organisation number can be addressed (its PEPPOL endpoint); otherwise nothing is made.
 */
export async function salesDocumentEhf(deps: CounterDeps, documentNumber: number): Promise<string> {
  const document = await getSalesDocument(deps, documentNumber);
  const missing = ehfMissing(document);
  if (missing.length) throw new ConflictError(`Document ${documentNumber} cannot be sent as EHF: its buyer has no organisation number`, { documentNumber, errors: missing });
  return renderSalesDocumentEhf(document);
}

/** The invoice of an order, for the counter to print again. */
export async function orderInvoicePdf(deps: CounterDeps, orderId: string): Promise<Uint8Array> {
  const documentNumber = await deps.orders.invoiceNumberOf(orderId);
  if (documentNumber === undefined) throw new NotFoundError(`Order ${orderId} has no invoice`);
  return salesDocumentPdf(deps, documentNumber);
}
