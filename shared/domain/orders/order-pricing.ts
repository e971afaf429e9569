import { addWorkingDays } from '../kernel/calendar';
import { ValidationError, type FieldIssue } from '../kernel/errors';
import { scaleOre, vatFromGross, type Ore, type VatBreakdown } from '../kernel/money';
import type { ExpressOption, ExpressSurcharge, PriceCategory, PriceListItem, PriceUnit } from './price-list';

/**
 * Pricing an order at intake, as one pure function: the lines the clerk chose (price-list items,
 * one-off free text, discounts, express) and the price-list items and express option intake read
 * in its one batch, in; the priced lines, the totals and the proposed promised date, out. No
 * clock and no storage: intake passes the shop's date, so the same input prices the same.
 *
 * Rounding, all in whole øre, half up (money.ts), in this order:
 * 1. a line: price × pieces exactly; by weight, price per kg × tenths of a kilo ÷ 10;
 * 2. express: a percentage of the services (price-list and free-text lines), or a fixed amount;
 * 3. each discount: a percentage of what is charged before discounts (services + express), each
 *    on that same amount, not on what an earlier discount left; or a fixed amount;
 * 4. VAT: taken out of what is charged after the discounts (vatFromGross), once, on the total.
 * The lines' `lineTotalOre` add up to `totals.grossOre`: discounts are negative lines.
 */

/**
 * Why a price is lowered, from a closed list, so the accountant can tell them apart and nobody
 * types a reason that names a person.
 * stamkunde:    a regular customer's discount;
 * honnor:       the senior (honnør) discount many Norwegian shops give from 67;
 * kampanje:     a campaign on the price board (three shirts for two, the autumn duvet week);
 * reklamasjon:  earlier work was not right and is done again (retting: free, or at a reduced price);
 * kompensasjon: a price reduction (prisavslag) for a delay or damage, or goodwill;
 * personale:    staff buying for themselves.
 */
export const DISCOUNT_REASONS = ['stamkunde', 'honnor', 'kampanje', 'reklamasjon', 'kompensasjon', 'personale'] as const;
export type DiscountReason = (typeof DISCOUNT_REASONS)[number];
export const DISCOUNT_REASON_LABELS = {
  stamkunde: 'Stamkunderabatt',
  honnor: 'Honnørrabatt',
  kampanje: 'Kampanje',
  reklamasjon: 'Reklamasjon',
  kompensasjon: 'Kompensasjon',
  personale: 'Personalrabatt',
} as const satisfies Record<DiscountReason, string>;

/** Bounds of a line, declared once for the pricing and the intake schema. */
export const ORDER_LINE_LIMITS = {
  maxPieces: 999,
  /** 999.9 kg, in tenths of a kilo. */
  maxKgTenths: 9_999,
  serviceLength: 80,
  maxUnitPriceOre: 10_000_000,
  maxDiscountAmountOre: 10_000_000,
} as const;

/**
 * `quantity` is pieces for an item priced per garment or per piece (a whole number), and kilos
 * for one priced per kg, to one decimal (2.5). It stays a number in kilos on the wire and in the
 * table, as the scale shows it and the clerk types it: JSON and DynamoDB both carry 2.5 exactly as
 * a decimal, and only arithmetic in binary floating point could make it 2.4999…, so the price is
 * computed from whole tenths of a kilo (25), never from the float. Tenths rather than grams:
 * the counter's scale and the price list work to 0.1 kg, and grams would claim a precision nobody weighs to.
 */
export type PriceListLineInput = { priceListItemId: string; quantity: number };
export type FreeTextLineInput = { freeText: { service: string; unitPriceOre: Ore; quantity: number } };
export type DiscountInput = { reason: DiscountReason; percent: number } | { reason: DiscountReason; amountOre: Ore };
export type DiscountLineInput = { discount: DiscountInput };
export type OrderLineInput = PriceListLineInput | FreeTextLineInput | DiscountLineInput;
/**
 * A line kept as the order took it in, when the order is changed after intake (order-changes.ts):
 * charged at its price then and never priced again, so a later change of the price list, or the
 * item's retirement, does not alter it. A kept discount keeps its amount in øre: the percentage it
 * was given as is not stored, and a line the customer was quoted keeps its price.
 */
export type TakenLineInput = { taken: Charged | { kind: 'discount'; reason: DiscountReason; amountOre: Ore } };
/**
 * The order as intake's body gives it: pointers in errors are into this (`/lines/2/quantity`, `/express`).
 * `pointers`, when given, says where each line is in a body of another shape (a change's
 * `/lines/2/with`); by default line i is at `/lines/i`.
 */
export type OrderPricingInput = { lines: readonly (OrderLineInput | TakenLineInput)[]; express?: boolean; pointers?: readonly string[] };
/** The shop's calendar date of intake (shopDate(now, shop.timeZone)): promised dates count from it. */
export type PricingDay = { today: string };

/**
 * A priced line. `lineNo` is its place in the order, from 1: the input's lines keep their
 * position (input line i is line i + 1), and express, when chosen, is the last line. Garments
 * name the line they are charged on by it.
 */
export type PricedLine =
  | {
      lineNo: number;
      kind: 'price_list';
      /** The item as it was at intake: a later change of the price list never alters this line. */
      priceListItemId: string;
      name: string;
      category: PriceCategory;
      unit: PriceUnit;
      unitPriceOre: Ore;
      quantity: number;
      lineTotalOre: Ore;
    }
  | { lineNo: number; kind: 'free_text'; service: string; unitPriceOre: Ore; quantity: number; lineTotalOre: Ore }
  | { lineNo: number; kind: 'express'; surcharge: ExpressSurcharge; lineTotalOre: Ore }
  | ({ lineNo: number; kind: 'discount'; reason: DiscountReason; lineTotalOre: number } & ({ percent: number } | { amountOre: Ore }));

export type PricedOrder = {
  lines: PricedLine[];
  /** What the services and express come to, before discounts. */
  subtotalOre: Ore;
  /** The discounts together, as a positive amount. */
  discountOre: Ore;
  /** What the customer pays (subtotal − discounts, never below 0), with the VAT it holds. */
  totals: VatBreakdown;
  /** The date intake proposes (proposePromisedDate); absent when only free-text lines give no turnaround. */
  promisedReadyAt?: string;
};

const whole = (value: unknown, min: number, max: number): value is number => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Kilos to one decimal, as whole tenths; undefined when it has more decimals or is out of range. */
export function kgTenths(quantity: unknown): number | undefined {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined;
  const tenths = Math.round(quantity * 10);
  // 2.3 × 10 is 22.999999999999996 in binary: a tolerance far below a tenth tells "2.3" from "2.34".
  if (Math.abs(quantity * 10 - tenths) > 1e-6) return undefined;
  return whole(tenths, 1, ORDER_LINE_LIMITS.maxKgTenths) ? tenths : undefined;
}

/**
 * The promised date intake proposes: the longest standard turnaround among the price-list lines,
 * in working days from today; with express, its turnaround instead, unless the lines are quicker
 * still (express never makes an order later). Free-text lines carry no turnaround: an order of
 * those alone gets no proposal (the clerk sets the date), unless express gives one.
 */
export function proposePromisedDate(turnarounds: readonly number[], expressTurnaround: number | undefined, today: string): string | undefined {
  const regular = turnarounds.length ? Math.max(...turnarounds) : undefined;
  const days = expressTurnaround === undefined ? regular : regular === undefined ? expressTurnaround : Math.min(regular, expressTurnaround);
  return days === undefined ? undefined : addWorkingDays(today, days);
}

export type Charged = Extract<PricedLine, { kind: 'price_list' | 'free_text' }>;

function priceListLine(line: PriceListLineInput, lineNo: number, at: string, items: ReadonlyMap<string, PriceListItem>, issues: FieldIssue[]): { line: Charged; turnaround: number } | undefined {
  const item = typeof line.priceListItemId === 'string' ? items.get(line.priceListItemId) : undefined;
  if (!item) {
    issues.push({ pointer: `${at}/priceListItemId`, detail: `No item ${String(line.priceListItemId)} on the price list` });
    return undefined;
  }
  if (item.status !== 'active') {
    issues.push({ pointer: `${at}/priceListItemId`, detail: `${item.itemId} (${item.name}) is retired from the price list and is not taken in any more` });
    return undefined;
  }
  let lineTotalOre: Ore;
  let quantity: number;
  if (item.unit === 'per_kg') {
    const tenths = kgTenths(line.quantity);
    if (tenths === undefined) {
      issues.push({ pointer: `${at}/quantity`, detail: `${item.name} is priced per kg: a weight from 0.1 to ${ORDER_LINE_LIMITS.maxKgTenths / 10} kg, to one decimal` });
      return undefined;
    }
    quantity = tenths / 10;
    lineTotalOre = scaleOre(item.priceOre, tenths, 10);
  } else {
    if (!whole(line.quantity, 1, ORDER_LINE_LIMITS.maxPieces)) {
      issues.push({ pointer: `${at}/quantity`, detail: `${item.name} is priced ${item.unit === 'per_garment' ? 'per garment' : 'per piece'}: a whole number from 1 to ${ORDER_LINE_LIMITS.maxPieces}` });
      return undefined;
    }
    quantity = line.quantity;
    lineTotalOre = item.priceOre * quantity;
  }
  return {
    line: { lineNo, kind: 'price_list', priceListItemId: item.itemId, name: item.name, category: item.category, unit: item.unit, unitPriceOre: item.priceOre, quantity, lineTotalOre },
    turnaround: item.turnaroundWorkingDays,
  };
}

function freeTextLine({ freeText }: FreeTextLineInput, lineNo: number, at: string, issues: FieldIssue[]): Charged | undefined {
  const L = ORDER_LINE_LIMITS;
  const found: FieldIssue[] = [];
  const service = typeof freeText?.service === 'string' ? freeText.service.trim() : '';
  if (service.length === 0 || service.length > L.serviceLength) found.push({ pointer: `${at}/freeText/service`, detail: `What was done, 1 to ${L.serviceLength} characters` });
  if (!whole(freeText?.unitPriceOre, 0, L.maxUnitPriceOre)) found.push({ pointer: `${at}/freeText/unitPriceOre`, detail: `Whole øre from 0 to ${L.maxUnitPriceOre}, VAT included` });
  if (!whole(freeText?.quantity, 1, L.maxPieces)) found.push({ pointer: `${at}/freeText/quantity`, detail: `A whole number from 1 to ${L.maxPieces}` });
  issues.push(...found);
  if (found.length) return undefined;
  return { lineNo, kind: 'free_text', service, unitPriceOre: freeText.unitPriceOre, quantity: freeText.quantity, lineTotalOre: freeText.unitPriceOre * freeText.quantity };
}

/** A discount's own fields, before it can be set against the total; undefined when wrong. */
function discountOf({ discount }: DiscountLineInput, at: string, issues: FieldIssue[]): DiscountInput | undefined {
  const given = (discount ?? {}) as Partial<{ reason: DiscountReason; percent: number; amountOre: number }>;
  const found: FieldIssue[] = [];
  if (!DISCOUNT_REASONS.includes(given.reason as DiscountReason)) found.push({ pointer: `${at}/discount/reason`, detail: `One of ${DISCOUNT_REASONS.join(', ')}` });
  const hasPercent = given.percent !== undefined;
  if (hasPercent === (given.amountOre !== undefined)) found.push({ pointer: `${at}/discount`, detail: 'Either percent or amountOre, not both' });
  else if (hasPercent && !whole(given.percent, 1, 100)) found.push({ pointer: `${at}/discount/percent`, detail: 'A whole percent from 1 to 100' });
  else if (!hasPercent && !whole(given.amountOre, 1, ORDER_LINE_LIMITS.maxDiscountAmountOre)) found.push({ pointer: `${at}/discount/amountOre`, detail: `Whole øre from 1 to ${ORDER_LINE_LIMITS.maxDiscountAmountOre}` });
  issues.push(...found);
  if (found.length) return undefined;
  return hasPercent ? { reason: given.reason as DiscountReason, percent: given.percent as number } : { reason: given.reason as DiscountReason, amountOre: given.amountOre as number };
}

const kindOf = (line: OrderLineInput | TakenLineInput): 'price_list' | 'free_text' | 'discount' | 'taken' | undefined => {
  const shapes = [
    ['price_list', 'priceListItemId' in line],
    ['free_text', 'freeText' in line],
    ['discount', 'discount' in line],
    ['taken', 'taken' in line],
  ] as const;
  const present = shapes.filter(([, has]) => has);
  return present.length === 1 ? present[0]?.[0] : undefined;
};

/**
 * Prices an order's lines, or refuses them with a ValidationError naming each bad line by its
 * pointer: an unknown or retired item, a quantity that does not fit the item's unit, a free-text
 * line or discount out of bounds, express when the shop offers none, discounts beyond what is
 * charged (the total never goes below 0). `priceItems` may hold more than the lines name.
 */
export function priceOrderLines(input: OrderPricingInput, priceItems: readonly PriceListItem[], express: ExpressOption | undefined, shop: PricingDay): PricedOrder {
  const items = new Map(priceItems.map((item) => [item.itemId, item]));
  const issues: FieldIssue[] = [];
  const charged: Charged[] = [];
  const turnarounds: number[] = [];
  /** `field`: the member a discount beyond the total is pointed at; none for a kept one, given as `{ keep }`. */
  const discounts: { at: string; lineNo: number; discount: DiscountInput; field?: boolean }[] = [];
  let chargeLines = 0;

  input.lines.forEach((line, index) => {
    const at = input.pointers?.[index] ?? `/lines/${index}`;
    const lineNo = index + 1;
    const kind = typeof line === 'object' && line !== null ? kindOf(line) : undefined;
    if (kind === 'price_list') {
      chargeLines++;
      const priced = priceListLine(line as PriceListLineInput, lineNo, at, items, issues);
      if (priced) {
        charged.push(priced.line);
        turnarounds.push(priced.turnaround);
      }
    } else if (kind === 'free_text') {
      chargeLines++;
      const priced = freeTextLine(line as FreeTextLineInput, lineNo, at, issues);
      if (priced) charged.push(priced);
    } else if (kind === 'discount') {
      const discount = discountOf(line as DiscountLineInput, at, issues);
      if (discount) discounts.push({ at, lineNo, discount, field: true });
    } else if (kind === 'taken') {
      const { taken } = line as TakenLineInput;
      if (taken.kind === 'discount') discounts.push({ at, lineNo, discount: { reason: taken.reason, amountOre: taken.amountOre } });
      else {
        chargeLines++;
        charged.push({ ...taken, lineNo });
      }
    } else {
      chargeLines++; // wrong already; "no lines to charge" on top would only repeat it
      issues.push({ pointer: at, detail: 'A line is one of: { priceListItemId, quantity }, { freeText }, { discount }' });
    }
  });
  if (chargeLines === 0) issues.push({ pointer: '/lines', detail: 'An order needs at least one price-list or free-text line' });
  const expressOffered = express?.offered ? express : undefined;
  if (input.express === true && !expressOffered) issues.push({ pointer: '/express', detail: 'This shop does not offer express' });
  if (issues.length) throw new ValidationError('The order lines are not valid', issues);

  const servicesOre = charged.reduce((sum, line) => sum + line.lineTotalOre, 0);
  const expressLine: PricedLine | undefined =
    input.express === true && expressOffered
      ? {
          lineNo: input.lines.length + 1,
          kind: 'express',
          surcharge: expressOffered.surcharge,
          lineTotalOre: 'percent' in expressOffered.surcharge ? scaleOre(servicesOre, expressOffered.surcharge.percent, 100) : expressOffered.surcharge.amountOre,
        }
      : undefined;
  const subtotalOre = servicesOre + (expressLine?.lineTotalOre ?? 0);
  if (!Number.isSafeInteger(subtotalOre)) throw new ValidationError('The order total is too large', [{ pointer: '/lines', detail: 'Split it into several orders' }]);

  let discountOre = 0;
  const discountLines: PricedLine[] = [];
  for (const { at, lineNo, discount, field } of discounts) {
    const amount = 'percent' in discount ? scaleOre(subtotalOre, discount.percent, 100) : discount.amountOre;
    discountOre += amount;
    if (discountOre > subtotalOre) {
      const pointer = field ? `${at}/discount/${'percent' in discount ? 'percent' : 'amountOre'}` : at;
      throw new ValidationError('The discounts are more than the order comes to', [
        { pointer, detail: `The discounts come to ${discountOre} øre with this one; the order comes to ${subtotalOre} øre` },
      ]);
    }
    // 0 − amount rather than −amount: a 0 % share of 0 øre is 0, not −0, in what is stored.
    discountLines.push({ lineNo, kind: 'discount', ...discount, lineTotalOre: 0 - amount });
  }

  const lines = [...charged, ...discountLines].sort((a, b) => a.lineNo - b.lineNo);
  if (expressLine) lines.push(expressLine);
  const promisedReadyAt = proposePromisedDate(turnarounds, expressLine && expressOffered ? expressOffered.turnaroundWorkingDays : undefined, shop.today);
  return { lines, subtotalOre, discountOre, totals: vatFromGross(subtotalOre - discountOre), ...(promisedReadyAt ? { promisedReadyAt } : {}) };
}
