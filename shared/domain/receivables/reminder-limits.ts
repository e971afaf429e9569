/**
 * The legal limits of payment reminders, apart from the rules (payment-reminders.ts) so the shop
 * config can check its fee against them when CDK synthesises without importing the invoices.
 */
/** Inkassoforskriften § 1-2 first paragraph: a purring's fee is at most a twentieth of the inkassosats. */
export const MAX_FEE_SHARE_OF_INKASSOSATS = 20;
/** Inkassoloven § 9 second paragraph and inkassoforskriften § 1-2: the 14 days. */
export const MIN_DAYS = 14;
/** Inkassoforskriften § 1-3: fees for two purringer at most. */
export const MAX_FEES_PER_CLAIM = 2;

export const feeWithinCap = (fee: { ore: number; inkassosatsOre: number }) => fee.ore * MAX_FEE_SHARE_OF_INKASSOSATS <= fee.inkassosatsOre;
