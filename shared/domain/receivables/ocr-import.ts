import type { Page, PageRequest } from '../../ports/repositories';
import { shopDate } from '../kernel/calendar';
import { ConflictError } from '../kernel/errors';
import { retentionDate } from '../invoices/sales-documents';
import { parseOcrGiro, type OcrPayment } from './ocr-giro';
import { applyPayment, paymentKey, type AttentionReason, type PaymentInput, type PaymentNeedingAttention, overpaymentNotice } from './payments';
import type { ReceivableDeps } from './receivable-use-cases';
import type { OcrImport, OcrImportReport } from './ocr-import-report';
import { documentNumberOfKid, type Receivable } from './receivables';

export type { OcrImport, OcrImportReport };

export type OcrImportResult = { transmissionNumber: string; alreadyImported: boolean; report: OcrImportReport; startedAt: string; completedAt: string };

/** The reversal transaction types (§ 2.3.1): the bank takes back an earlier payment. */
const REVERSAL_TYPES = new Set(['18', '20']);
export const isReversal = (p: Pick<OcrPayment, 'transactionType' | 'amountOre'>) => p.amountOre < 0 || REVERSAL_TYPES.has(p.transactionType);

/** What becomes of one payment of the file, decided from its KID and the receivable it names. */
export type OcrMatch =
  | { kind: 'reversal' }
  | { kind: 'attention'; reason: Exclude<AttentionReason, 'overpaid'>; documentNumber?: number }
  | { kind: 'invoice'; documentNumber: number };

/**
 * The matching rule: a reversal is never applied (staff decide what it undoes); a KID that is not
 * one of ours (kidFor's MOD10) is unknown; a number with a receivable is an invoice unless it is
 * credited or written off; a number without one is a credit note's or a document's that expects
 * no money (`documentExists`), or nothing of ours (unknown).
 */
export function matchOcrPayment(p: OcrPayment, receivables: ReadonlyMap<number, Receivable>, documentExists: (n: number) => boolean): OcrMatch {
  if (isReversal(p)) return { kind: 'reversal' };
  const documentNumber = documentNumberOfKid(p.kid);
  if (documentNumber === undefined) return { kind: 'attention', reason: 'unknown_kid' };
  const receivable = receivables.get(documentNumber);
  if (!receivable) return documentExists(documentNumber) ? { kind: 'attention', reason: 'not_an_invoice', documentNumber } : { kind: 'attention', reason: 'unknown_kid' };
  if (receivable.status === 'credited' || receivable.status === 'written_off') return { kind: 'attention', reason: 'invoice_closed', documentNumber };
  return { kind: 'invoice', documentNumber };
}

const emptyReport = (): OcrImportReport => ({ payments: 0, matched: 0, partlyPaid: 0, paid: 0, overpaid: 0, unmatched: 0, reversals: 0, alreadyRecorded: 0, totalOre: 0 });

/**
 * Imports the bank's OCR giro file:
 *  1. the whole file parsed and checked (ocr-giro.ts): a malformed or truncated one is refused
 *     naming its lines, before anything is written;
 *  2. the transmission number claimed (a conditional put): one imported before is answered with
 *     its first report, `alreadyImported`, and nothing else is read or written;
 *  3. the receivables of every KID read together (BatchGet), and the few numbers without one
 *     looked up as documents (a credit note's KID is "not an invoice", anything else "unknown");
 *  4. each payment: an invoice's recorded as a bank payment under its bank reference (once: a
 *     rerun after a crash finds it and counts it as already recorded), an overpayment recorded
 *     and listed for staff, the rest listed for staff (reversals too, never applied);
 *  5. the claim completed with the report (counts only).
 */
export async function importOcrGiro(deps: ReceivableDeps, text: string): Promise<OcrImportResult> {
  const transmission = parseOcrGiro(text);
  const now = deps.clock();
  const at = now.toISOString();
  const today = shopDate(now, deps.shop.timeZone);
  const lastPaymentDate = transmission.payments.reduce((latest, p) => (p.paymentDate > latest ? p.paymentDate : latest), today);
  const { claim, fresh } = await deps.receivables.claimImport({ transmissionNumber: transmission.transmissionNumber, startedAt: at, retainUntil: retentionDate(lastPaymentDate) });
  if (!fresh && claim.completedAt && claim.report) {
    return { transmissionNumber: claim.transmissionNumber, alreadyImported: true, report: claim.report, startedAt: claim.startedAt, completedAt: claim.completedAt };
  }

  const numbers = transmission.payments.flatMap((p) => (isReversal(p) ? [] : (documentNumberOfKid(p.kid) ?? [])));
  const receivables = new Map((await deps.receivables.getMany(numbers)).map((r) => [r.documentNumber, r] as const));
  // Only KIDs that are ours but name no receivable: a credit note's, or a number never issued. Rare, so one by one.
  const without = [...new Set(numbers.filter((n) => !receivables.has(n)))];
  const documents = new Set((await Promise.all(without.map(async (n) => ((await deps.documents.get(n)) ? n : undefined)))).filter((n): n is number => n !== undefined));

  const report = emptyReport();
  for (const p of transmission.payments) {
    report.payments += 1;
    report.totalOre += p.amountOre;
    const bank = { transmissionNumber: transmission.transmissionNumber, assignmentNumber: p.assignmentNumber, archiveReference: p.archiveReference, transactionNumber: String(p.transactionNumber) };
    const input: PaymentInput = { amountOre: p.amountOre, paymentDate: p.paymentDate, method: 'bank', overpayment: true, bank };
    const match = matchOcrPayment(p, receivables, (n) => documents.has(n));
    if (match.kind === 'invoice') {
      const outcome = await recordBankPayment(deps, match.documentNumber, input, at, today);
      if (outcome) {
        report.matched += 1;
        if (outcome.duplicate) report.alreadyRecorded += 1;
        if (outcome.overpaid) report.overpaid += 1;
        else if (outcome.status === 'paid') report.paid += 1;
        else report.partlyPaid += 1;
        continue;
      }
      // Credited or written off since it was read: no invoice takes it now.
      await deps.receivables.noteForAttention(attentionFor(p, input, 'invoice_closed', at, match.documentNumber));
      report.unmatched += 1;
      continue;
    }
    if (match.kind === 'reversal') report.reversals += 1;
    else report.unmatched += 1;
    await deps.receivables.noteForAttention(attentionFor(p, input, match.kind === 'reversal' ? 'reversal' : match.reason, at, match.kind === 'attention' ? match.documentNumber : undefined));
  }

  const completed = await deps.receivables.completeImport({ ...claim, completedAt: deps.clock().toISOString(), report });
  return { transmissionNumber: completed.transmissionNumber, alreadyImported: false, report, startedAt: completed.startedAt, completedAt: completed.completedAt ?? at };
}

/** A matched payment recorded once under its bank reference; undefined when the invoice was closed meanwhile. */
async function recordBankPayment(deps: ReceivableDeps, documentNumber: number, input: PaymentInput, at: string, today: string) {
  try {
    const recorded = await deps.receivables.recordPayment(documentNumber, paymentKey(input), (receivable) => {
      // The bank's settlement date is never after today; should a bank's clock say so, the day is taken as today.
      const posting = applyPayment(receivable, input, at, input.paymentDate > today ? input.paymentDate : today);
      const attention = overpaymentNotice(posting.payment);
      return attention ? { ...posting, attention } : posting;
    });
    return { duplicate: recorded.duplicate, overpaid: (recorded.payment.overpaidOre ?? 0) > 0, status: recorded.receivable.status };
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** A payment of the file listed for staff: the amount, the day, the KID and the bank's references, no payer. */
function attentionFor(p: OcrPayment, input: PaymentInput, reason: AttentionReason, at: string, documentNumber?: number): PaymentNeedingAttention {
  return {
    reason,
    paymentId: paymentKey(input),
    amountOre: p.amountOre,
    paymentDate: p.paymentDate,
    method: 'bank',
    ...(documentNumber !== undefined ? { documentNumber } : {}),
    ...(p.kid !== '' ? { kid: p.kid } : {}),
    ...(input.bank ? { bank: input.bank } : {}),
    recordedAt: at,
    retainUntil: retentionDate(p.paymentDate),
  };
}

/** The imports, newest first: counts only. */
export function listOcrImports(deps: ReceivableDeps, page: PageRequest): Promise<Page<OcrImport>> {
  return deps.receivables.listImports(page);
}
