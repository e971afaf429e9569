import { monthsBefore, shopDate } from '../kernel/calendar';

/**
 * The retention rules, as the data inventory states them (each entity there names its rule):
 * - inactivity: a customer with no order activity for the shop's configured period, and nothing
 *   open, is anonymised exactly as an erasure would do;
 * - bookkeeping: sales documents (and what is kept with them) are deleted the day after their
 *   bokføringsloven § 13 retention date;
 * - expiry: ephemeral items (messages, codes, rate counters, sweep reports) are deleted once their
 *   TTL has passed, since DynamoDB's own TTL may lag by days.
 *
 * Every item under a rule carries its anchor (the date the rule counts from) in the due-date
 * index, bucketed by rule and year. The sweep asks each bucket only for anchors up to the rule's
 * cut-off, so its cost follows the number of due items, not the size of the table.
 */
// Expired items first, then records past retention, then customers: a customer's erasure then
// meets no item another rule would have removed anyway, so a dry run's counts are the run's.
export const RETENTION_RULES = ['expiry', 'bookkeeping', 'inactivity'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** Every bucket of the index before this year is empty: nothing was written before the system existed. */
export const FIRST_INDEXED_YEAR = 2024;

/** The anchor an item is indexed under, as an ISO string (a date or an instant, sortable as text). */
export function expiryAnchor(expiresAtEpochSeconds: number): string {
  return new Date(expiresAtEpochSeconds * 1000).toISOString();
}

/**
 * The latest anchor that is due at `asOf`, per rule (inclusive, compared as text):
 * - inactivity: last activity at or before the same instant `months` calendar months ago;
 * - bookkeeping: a retention date (the last day to keep) of yesterday or before, in the shop;
 * - expiry: an expiry instant at or before now.
 */
export function dueBound(rule: RetentionRule, asOf: Date, policy: { inactivityMonths: number; timeZone: string }): string {
  switch (rule) {
    case 'inactivity':
      return monthsBefore(asOf, policy.inactivityMonths).toISOString();
    case 'bookkeeping':
      return dayBefore(shopDate(asOf, policy.timeZone));
    case 'expiry':
      return asOf.toISOString();
  }
}

function dayBefore(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The years whose buckets can hold due items: from the oldest still holding any, to the bound's. */
export function bucketYears(fromYear: number, bound: string): number[] {
  const last = Number(bound.slice(0, 4));
  const years: number[] = [];
  for (let year = fromYear; year <= last; year++) years.push(year);
  return years;
}
