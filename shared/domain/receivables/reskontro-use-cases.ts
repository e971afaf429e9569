import type { PaymentReminderRepository } from '../../ports/payment-reminders';
import type { ReskontroReader } from '../../ports/reskontro';
import { shopDate } from '../kernel/calendar';
import { ValidationError } from '../kernel/errors';
import type { ReceivableDeps } from './receivable-use-cases';
import { feeChargedOn, type PaymentReminder } from './payment-reminders';
import type { Receivable } from './receivables';
import { groupReskontro, receivableAsOf, receivableNow, reskontroItem, type Reskontro, type ReskontroItem } from './reskontro';

/** The receivables' ports and the reskontro's reads. */
export type ReskontroDeps = ReceivableDeps & { reskontro: ReskontroReader; paymentReminders: Pick<PaymentReminderRepository, 'listForInvoice'> };

/**
 * How far back a list as of a past day looks for invoices that were owing then and are settled
 * now: from the start of the year before that day. An invoice settled since is in no index of
 * what is open, so it is found among the documents of those years (pattern 18); one issued before
 * then and settled after the day is missed (a debt more than a year old paid since).
 */
const LOOKBACK_YEARS = 1;

/**
 * The reskontro on a day (today when none is given):
 *   1. the receivables with a balance now, from the open and credit-balance indexes (no scan);
 *   2. for a past day, also the invoices of the lookback window issued by then, and the credit
 *      notes issued since (the documents by date, read with step 1), the receivables of the
 *      invoices step 1 did not give (BatchGet), and the payments of each receivable changed since
 *      the day and the reminders of each reminded since (Queries of its partition, together), so
 *      each is taken back to where it stood, its fees charged by the day included;
 *   3. the customers' names by key (BatchGet), with step 2's payments;
 *   4. the lines aged on the day, grouped per customer with their totals.
 */
export async function reskontroOn(deps: ReskontroDeps, asOfDay?: string): Promise<Reskontro> {
  const today = shopDate(deps.clock(), deps.shop.timeZone);
  const asOf = asOfDay ?? today;
  if (asOf > today) throw new ValidationError('The day has not come yet', [{ pointer: '#/query/asOf', detail: `Give today (${today}) or a day before it` }]);

  if (asOf === today) {
    const outstanding = await deps.reskontro.listOutstanding();
    const items = outstanding.flatMap((r) => reskontroItem(r, asOf, receivableNow(r), deps.shop.paymentReminders) ?? []);
    return groupReskontro(asOf, items, await deps.reskontro.customerNames(items.map((i) => i.customerId)));
  }

  const windowStart = `${Number(asOf.slice(0, 4)) - LOOKBACK_YEARS}-01-01`;
  const [outstanding, documents] = await Promise.all([deps.reskontro.listOutstanding(), deps.documents.listIssuedBetween(windowStart, today)]);
  // Credit notes issued after the day: what they reversed is taken back onto the invoice.
  const creditedAfter = new Map<number, number>();
  for (const d of documents) {
    if (d.kind === 'credit_note' && d.issueDate > asOf && d.creditsDocument !== undefined) creditedAfter.set(d.creditsDocument, (creditedAfter.get(d.creditsDocument) ?? 0) + Math.abs(d.totals.grossOre));
  }
  const known = new Set(outstanding.map((r) => r.documentNumber));
  const settledSince = await deps.receivables.getMany(documents.filter((d) => d.kind === 'invoice' && d.issueDate <= asOf && !known.has(d.documentNumber)).map((d) => d.documentNumber));
  const candidates = [...outstanding, ...settledSince].filter((r) => r.issueDate <= asOf);
  // Only a receivable changed after the day can have a payment dated after it.
  const changedSince = (r: Receivable) => shopDate(new Date(r.updatedAt), deps.shop.timeZone) > asOf;
  // Only a receivable reminded after the day can have a fee charged after it (the reminders'
  // days charged, a Query of the invoice's partition, read beside its payments): one reminded
  // since, one whose printed reminder still waits for the post, or one changed since (a printed
  // reminder queued before the day may have been posted after it).
  const remindedSince = (r: Receivable) => (r.feesOre ?? 0) > 0 && r.reminders !== undefined && (r.reminders.lastSentOn > asOf || r.reminders.awaitingPost !== undefined || changedSince(r));
  const [paidAfter, feesAfter, names] = await Promise.all([
    Promise.all(candidates.map(async (r) => (r.paidOre > 0 && changedSince(r) ? sumPaidAfter(await deps.receivables.listPayments(r.documentNumber), asOf) : 0))),
    Promise.all(candidates.map(async (r) => (remindedSince(r) ? sumFeesAfter(await deps.paymentReminders.listForInvoice(r.documentNumber), asOf, deps.shop.timeZone) : 0))),
    deps.reskontro.customerNames(candidates.map((r) => r.customerId)),
  ]);
  const items = candidates.flatMap((r, i): ReskontroItem[] => {
    const state = receivableAsOf(r, asOf, { creditedOre: creditedAfter.get(r.documentNumber) ?? 0, paidOre: paidAfter[i] ?? 0, feesOre: feesAfter[i] ?? 0 });
    const item = state && reskontroItem(r, asOf, state, deps.shop.paymentReminders);
    return item ? [item] : [];
  });
  return groupReskontro(asOf, items, names);
}

/** What was paid after a day, by the payments' own dates. */
function sumPaidAfter(payments: readonly { amountOre: number; paymentDate: string }[], asOf: string): number {
  return payments.filter((p) => p.paymentDate > asOf).reduce((sum, p) => sum + p.amountOre, 0);
}

/** The reminder fees charged after a day, by the days they were charged (feeChargedOn). */
function sumFeesAfter(reminders: readonly PaymentReminder[], asOf: string, timeZone: string): number {
  return reminders.filter((r) => (feeChargedOn(r, timeZone) ?? '9999-12-31') > asOf).reduce((sum, r) => sum + r.feeOre, 0);
}
