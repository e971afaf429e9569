/**
 * Money is integer øre, never floating point.
 *
 * Prices at the counter are consumer prices and include VAT (prisopplysningsforskriften §4: prices
 * shown to consumers include all taxes), so VAT is extracted from the gross amount:
 *   vat = round(gross × rate / (100 + rate)), rounded half up to the nearest øre; net = gross − vat.
 * VAT is computed once on the order total (not summed from rounded lines) so the document's VAT
 * is the exact share of what the customer pays; line VAT is shown for information with the same rule.
 * Rate: the general Norwegian rate, 25 % (merverdiavgiftsloven §5-1).
 */
export const GENERAL_VAT_RATE_PERCENT = 25;

export type Ore = number;

export function assertOre(value: number, what: string): asserts value is Ore {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative whole number of øre`);
}

/** Integer division rounding half up, for non-negative numerators. */
function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * amount × numerator / denominator, rounded half up to the øre: a weight in tenths of a kilo times
 * a price per kilo (numerator tenths, denominator 10), or a percentage of an amount (numerator the
 * percent, denominator 100). Integer arithmetic throughout, so 0.1 kg never becomes 0.1000000001.
 */
export function scaleOre(amountOre: Ore, numerator: number, denominator: number): Ore {
  assertOre(amountOre, 'amount');
  if (!Number.isSafeInteger(numerator) || numerator < 0 || !Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError('scale must be a non-negative whole fraction');
  const product = amountOre * numerator;
  if (Number.isSafeInteger(2 * product + denominator)) return divideRoundHalfUp(product, denominator);
  // A large order's total times a pickup's weight (pieces, or øre of value) passes 2^53 long
  // before the result does: the product is then taken exactly in BigInt, rounded half up as above.
  const exact = (2n * BigInt(amountOre) * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator));
  if (exact > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large to scale exactly');
  return Number(exact);
}

export type VatBreakdown = { netOre: Ore; vatOre: Ore; grossOre: Ore; vatRatePercent: number };

export function vatFromGross(grossOre: Ore, vatRatePercent: number = GENERAL_VAT_RATE_PERCENT): VatBreakdown {
  assertOre(grossOre, 'gross amount');
  const vatOre = divideRoundHalfUp(grossOre * vatRatePercent, 100 + vatRatePercent);
  return { netOre: grossOre - vatOre, vatOre, grossOre, vatRatePercent };
}
