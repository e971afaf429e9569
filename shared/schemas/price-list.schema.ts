import * as z from 'zod/mini';
import { DISCOUNT_REASONS, ORDER_LINE_LIMITS } from '../domain/orders/order-pricing';
import { PRICE_CATEGORIES, PRICE_ITEM_ID_PATTERN, PRICE_ITEM_STATUSES, PRICE_LIST_LIMITS as L, PRICE_UNITS } from '../domain/orders/price-list';
import { plainText, schema, timestamp } from './common.schema';

/**
 * The price list's requests and answers. Bounds come from PRICE_LIST_LIMITS and ORDER_LINE_LIMITS,
 * so the schema that refuses a request is built from the same numbers the domain checks.
 */
const itemId = () => z.string().check(z.regex(PRICE_ITEM_ID_PATTERN, { error: 'An item id is P and a number, for example P12' }));
const ore = () => z.int().check(z.gte(0));
const name = () => plainText(L.nameLength);
const priceOre = () => z.int().check(z.gte(L.minPriceOre), z.lte(L.maxPriceOre));
const turnaround = (max: number) => z.int().check(z.gte(0), z.lte(max));

export const PriceListItemIdParams = schema(() => z.strictObject({ itemId: itemId() }));
/** Only active items (what intake can take in) or only retired ones; all without it. */
export const PriceListQuery = schema(() => z.strictObject({ status: z.optional(z.enum(PRICE_ITEM_STATUSES)) }));

export const AddPriceListItemBody = schema(() =>
  z.strictObject({
    /** In Norwegian, as on the price board. */
    name: name(),
    category: z.enum(PRICE_CATEGORIES),
    /** Per unit, in øre, VAT included (1 krone = 100 øre). */
    priceOre: priceOre(),
    unit: z.enum(PRICE_UNITS),
    /** Working days (Mon–Fri); 0 is the same day. */
    turnaroundWorkingDays: turnaround(L.maxTurnaroundWorkingDays),
  }),
);

export const ChangePriceListItemBody = schema(() =>
  z
    .strictObject({
      name: z.optional(name()),
      category: z.optional(z.enum(PRICE_CATEGORIES)),
      priceOre: z.optional(priceOre()),
      unit: z.optional(z.enum(PRICE_UNITS)),
      turnaroundWorkingDays: z.optional(turnaround(L.maxTurnaroundWorkingDays)),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field to change' })),
);

const surcharge = () =>
  z.union([
    z.strictObject({ percent: z.int().check(z.gte(1), z.lte(L.maxExpressPercent)) }),
    z.strictObject({ amountOre: z.int().check(z.gte(1), z.lte(L.maxExpressAmountOre)) }),
  ]);

/** Express is set whole: offered with its surcharge (percent or øre) and turnaround, or not offered. */
export const SetExpressOptionBody = schema(() =>
  z.discriminatedUnion('offered', [
    z.strictObject({ offered: z.literal(true), surcharge: surcharge(), turnaroundWorkingDays: turnaround(L.maxExpressTurnaroundWorkingDays) }),
    z.strictObject({ offered: z.literal(false) }),
  ]),
);

export const PriceListItemView = schema(() =>
  z.strictObject({
    itemId: itemId(),
    name: z.string(),
    category: z.enum(PRICE_CATEGORIES),
    /** The section's name on the board, in Norwegian. */
    categoryLabel: z.string(),
    priceOre: ore(),
    unit: z.enum(PRICE_UNITS),
    unitLabel: z.string(),
    turnaroundWorkingDays: z.int(),
    status: z.enum(PRICE_ITEM_STATUSES),
    version: z.int(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    retiredAt: z.optional(timestamp()),
  }),
);

/** One shape for both states, so the answer always carries its version (the ETag): 0 until first set. */
export const ExpressOptionView = schema(() =>
  z.strictObject({
    offered: z.boolean(),
    surcharge: z.optional(z.union([z.strictObject({ percent: z.int() }), z.strictObject({ amountOre: ore() })])),
    turnaroundWorkingDays: z.optional(z.int()),
    version: z.int(),
    updatedAt: z.optional(timestamp()),
  }),
);

export const PriceListView = schema(() => z.strictObject({ items: z.array(PriceListItemView()), express: ExpressOptionView() }));

/**
 * An order's line as intake takes it, for intake's body (pricing: shared/domain/orders/order-pricing.ts).
 * The pricing checks what depends on the item (whole pieces, or kilos to one decimal); this checks the shape.
 */
export const orderLineInput = () =>
  z.union([
    z.strictObject({ priceListItemId: itemId(), quantity: z.number().check(z.gt(0), z.lte(ORDER_LINE_LIMITS.maxKgTenths / 10)) }),
    z.strictObject({
      freeText: z.strictObject({
        service: plainText(ORDER_LINE_LIMITS.serviceLength),
        unitPriceOre: z.int().check(z.gte(0), z.lte(ORDER_LINE_LIMITS.maxUnitPriceOre)),
        quantity: z.int().check(z.gte(1), z.lte(ORDER_LINE_LIMITS.maxPieces)),
      }),
    }),
    z.strictObject({
      discount: z.union([
        z.strictObject({ reason: z.enum(DISCOUNT_REASONS), percent: z.int().check(z.gte(1), z.lte(100)) }),
        z.strictObject({ reason: z.enum(DISCOUNT_REASONS), amountOre: z.int().check(z.gte(1), z.lte(ORDER_LINE_LIMITS.maxDiscountAmountOre)) }),
      ]),
    }),
  ]);
