import { ConflictError, PreconditionFailedError, ValidationError, type FieldIssue } from '../kernel/errors';
import type { Ore } from '../kernel/money';

/**
 * The shop's price list: what the counter charges for, item by item, and the express option.
 * Prices are consumer prices including VAT (prisopplysningsforskriften § 4; money.ts), as the
 * price board in the shop shows them. Nothing here is personal data.
 */

/** The price board's sections, in the order the board (and the list) shows them. */
export const PRICE_CATEGORIES = ['rens', 'vask_og_press', 'skjorter', 'dyner_og_tepper', 'skinn_og_semsket', 'som_og_reparasjon'] as const;
export type PriceCategory = (typeof PRICE_CATEGORIES)[number];
export const PRICE_CATEGORY_LABELS = {
  rens: 'Rens',
  vask_og_press: 'Vask og press',
  skjorter: 'Skjorter',
  dyner_og_tepper: 'Dyner og tepper',
  skinn_og_semsket: 'Skinn og semsket',
  som_og_reparasjon: 'Søm og reparasjon',
} as const satisfies Record<PriceCategory, string>;

/**
 * per_garment: one plagg (a dress counts once, jacket and trousers together); per_piece: one
 * stykk of what is not a garment (a cushion cover, a curtain panel, a zip); per_kg: by weight,
 * for wash-by-weight (vask per kilo), to one decimal.
 */
export const PRICE_UNITS = ['per_garment', 'per_piece', 'per_kg'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];
export const PRICE_UNIT_LABELS = { per_garment: 'per plagg', per_piece: 'per stk.', per_kg: 'per kg' } as const satisfies Record<PriceUnit, string>;

export const PRICE_ITEM_STATUSES = ['active', 'retired'] as const;
export type PriceItemStatus = (typeof PRICE_ITEM_STATUSES)[number];

/**
 * The bounds of the list, declared once: the domain checks them and the request schemas
 * (shared/schemas/price-list.schema.ts) are built from them. `maxItems` counts every id ever
 * handed out, retired items included (they stay readable), so the whole list is always one
 * DynamoDB Query page: 500 items of ~300 bytes are far below the 1 MB a page may hold.
 */
export const PRICE_LIST_LIMITS = {
  maxItems: 500,
  nameLength: 80,
  minPriceOre: 100,
  maxPriceOre: 10_000_000,
  maxTurnaroundWorkingDays: 30,
  maxExpressPercent: 200,
  maxExpressAmountOre: 1_000_000,
  maxExpressTurnaroundWorkingDays: 5,
} as const;

/**
 * Item ids are `P` and a number from a counter (P1, P2, … P500): short enough to say at the
 * counter and print on a ticket, and stable, since a name changes (a slug made from "Skjorte"
 * would still read "skjorte" once the item is called "Skjorte, vask og press") while the id an
 * order line keeps must not. Numbers are never reused, so an old order's P7 is always this P7.
 */
export const PRICE_ITEM_ID_PATTERN = /^P[1-9]\d{0,3}$/;
export const priceItemId = (n: number) => `P${n}`;

export type PriceListItem = {
  itemId: string;
  /** In Norwegian, as on the price board: "Dress", "Skjorte, vask og press", "Dyne, enkel". */
  name: string;
  category: PriceCategory;
  /** VAT-inclusive, per unit. */
  priceOre: Ore;
  unit: PriceUnit;
  /** The standard turnaround in working days (Mon–Fri): intake proposes the promised date from it. */
  turnaroundWorkingDays: number;
  /** A retired item stays readable (old orders name it), but is not taken in any more. */
  status: PriceItemStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  retiredAt?: string;
};

export type PriceListItemFields = Pick<PriceListItem, 'name' | 'category' | 'priceOre' | 'unit' | 'turnaroundWorkingDays'>;
export type PriceListItemChange = Partial<PriceListItemFields>;

/** The express surcharge: a share of the services charged, or a fixed amount. One of the two. */
export type ExpressSurcharge = { percent: number } | { amountOre: Ore };

/**
 * Express, one per shop, kept with the price list. Before the shop sets it, express is not
 * offered, at version 0: the first change sends If-Match "0", as every later one sends the
 * version it read, so setting it is always a conditional write and two clerks never overwrite
 * each other.
 */
export type ExpressOption =
  | { offered: true; surcharge: ExpressSurcharge; turnaroundWorkingDays: number; version: number; updatedAt: string }
  | { offered: false; version: number; updatedAt?: string };
export type ExpressOptionInput = { offered: true; surcharge: ExpressSurcharge; turnaroundWorkingDays: number } | { offered: false };

export const EXPRESS_NOT_SET: ExpressOption = { offered: false, version: 0 };

/** "Samme dag", "Neste arbeidsdag", "3 arbeidsdager": for the price board and the ticket. */
export function turnaroundLabel(workingDays: number): string {
  if (workingDays === 0) return 'Samme dag';
  if (workingDays === 1) return 'Neste arbeidsdag';
  return `${workingDays} arbeidsdager`;
}

const wholeIn = (value: unknown, min: number, max: number): value is number => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** What is wrong with the fields of an item, each by its pointer in the request body. */
function fieldIssues(fields: PriceListItemChange): FieldIssue[] {
  const L = PRICE_LIST_LIMITS;
  const issues: FieldIssue[] = [];
  if (fields.name !== undefined && (fields.name.trim().length === 0 || fields.name.length > L.nameLength)) issues.push({ pointer: '/name', detail: `A name of 1 to ${L.nameLength} characters` });
  if (fields.category !== undefined && !PRICE_CATEGORIES.includes(fields.category)) issues.push({ pointer: '/category', detail: `One of ${PRICE_CATEGORIES.join(', ')}` });
  if (fields.unit !== undefined && !PRICE_UNITS.includes(fields.unit)) issues.push({ pointer: '/unit', detail: `One of ${PRICE_UNITS.join(', ')}` });
  if (fields.priceOre !== undefined && !wholeIn(fields.priceOre, L.minPriceOre, L.maxPriceOre)) issues.push({ pointer: '/priceOre', detail: `Whole øre from ${L.minPriceOre} to ${L.maxPriceOre}, VAT included` });
  if (fields.turnaroundWorkingDays !== undefined && !wholeIn(fields.turnaroundWorkingDays, 0, L.maxTurnaroundWorkingDays)) {
    issues.push({ pointer: '/turnaroundWorkingDays', detail: `Whole working days from 0 (same day) to ${L.maxTurnaroundWorkingDays}` });
  }
  return issues;
}

function assertFields(fields: PriceListItemChange): void {
  const issues = fieldIssues(fields);
  if (issues.length) throw new ValidationError('The price-list item is not valid', issues);
}

/** A new item's fields, every one of them given and within the limits (checked before an id is drawn). */
export function assertPriceListItemFields(fields: PriceListItemFields): void {
  const missing = (['name', 'category', 'priceOre', 'unit', 'turnaroundWorkingDays'] as const).filter((name) => fields[name] === undefined);
  const issues = [...missing.map((name) => ({ pointer: `/${name}`, detail: 'Required' })), ...fieldIssues(fields)];
  if (issues.length) throw new ValidationError('The price-list item is not valid', issues);
}

export function newPriceListItem(itemId: string, fields: PriceListItemFields, at: string): PriceListItem {
  assertPriceListItemFields(fields);
  return { itemId, name: fields.name.trim(), category: fields.category, priceOre: fields.priceOre, unit: fields.unit, turnaroundWorkingDays: fields.turnaroundWorkingDays, status: 'active', version: 1, createdAt: at, updatedAt: at };
}

/** The version a client read must be the one stored: otherwise a colleague changed it since (412). */
export function assertVersion(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new PreconditionFailedError(`${what} is at version ${actual}, not ${expected}`);
}

/**
 * A retired item is history: orders taken in with it keep their own copy of it, and changing it
 * would only make the list's record of what it was wrong. Re-price by changing an active item;
 * the orders already in the shop keep the price they were taken in at.
 */
function assertActive(item: PriceListItem): void {
  if (item.status === 'retired') throw new ConflictError(`Price-list item ${item.itemId} is retired and cannot be changed`, { itemId: item.itemId, itemStatus: item.status });
}

export function changePriceListItem(item: PriceListItem, change: PriceListItemChange, at: string): PriceListItem {
  assertActive(item);
  if (Object.keys(change).length === 0) throw new ValidationError('Nothing to change', [{ pointer: '', detail: 'Give at least one field to change' }]);
  assertFields(change);
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  return { ...item, ...defined, ...(change.name !== undefined ? { name: change.name.trim() } : {}), version: item.version + 1, updatedAt: at };
}

export function retirePriceListItem(item: PriceListItem, at: string): PriceListItem {
  assertActive(item);
  return { ...item, status: 'retired', retiredAt: at, version: item.version + 1, updatedAt: at };
}

/** The list as the board shows it: by section, then by name as Norwegian sorts it (æ, ø, å last). */
export function sortPriceList(items: readonly PriceListItem[]): PriceListItem[] {
  const collator = new Intl.Collator('nb');
  return [...items].sort((a, b) => PRICE_CATEGORIES.indexOf(a.category) - PRICE_CATEGORIES.indexOf(b.category) || collator.compare(a.name, b.name) || a.itemId.localeCompare(b.itemId));
}

export function newExpressOption(input: ExpressOptionInput, previousVersion: number, at: string): ExpressOption {
  if (!input.offered) return { offered: false, version: previousVersion + 1, updatedAt: at };
  const L = PRICE_LIST_LIMITS;
  const issues: FieldIssue[] = [];
  const surcharge = input.surcharge as Partial<{ percent: number; amountOre: number }>;
  const hasPercent = surcharge.percent !== undefined;
  const hasAmount = surcharge.amountOre !== undefined;
  if (hasPercent === hasAmount) issues.push({ pointer: '/surcharge', detail: 'Either percent or amountOre, not both' });
  else if (hasPercent && !wholeIn(surcharge.percent, 1, L.maxExpressPercent)) issues.push({ pointer: '/surcharge/percent', detail: `A whole percent from 1 to ${L.maxExpressPercent}` });
  else if (hasAmount && !wholeIn(surcharge.amountOre, 1, L.maxExpressAmountOre)) issues.push({ pointer: '/surcharge/amountOre', detail: `Whole øre from 1 to ${L.maxExpressAmountOre}, VAT included` });
  if (!wholeIn(input.turnaroundWorkingDays, 0, L.maxExpressTurnaroundWorkingDays)) {
    issues.push({ pointer: '/turnaroundWorkingDays', detail: `Whole working days from 0 (same day) to ${L.maxExpressTurnaroundWorkingDays}` });
  }
  if (issues.length) throw new ValidationError('The express option is not valid', issues);
  const kept: ExpressSurcharge = hasPercent ? { percent: surcharge.percent as number } : { amountOre: surcharge.amountOre as number };
  return { offered: true, surcharge: kept, turnaroundWorkingDays: input.turnaroundWorkingDays, version: previousVersion + 1, updatedAt: at };
}
