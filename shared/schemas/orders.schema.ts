import * as z from 'zod/mini';
import { CONDITION_NOTES } from '../domain/orders/garment-conditions';
import { DISCOUNT_REASONS } from '../domain/orders/order-pricing';
import { PRICE_CATEGORIES, PRICE_UNITS } from '../domain/orders/price-list';
import { orderLineInput } from './price-list.schema';
import { GARMENT_STATES, MAX_GARMENTS_PER_ORDER } from '../domain/orders/garments';
import { COUNTER_LISTS } from '../domain/orders/counter-day';
import { CANCEL_REASONS, CHANGE_CODES, NOTICE_METHODS, ORDER_STATUSES, PAYMENT_METHODS } from '../domain/orders/orders';
import { cursor, customerId, orderId, pageLimit, plainText, schema, timestamp } from './common.schema';
import { PostalAddressSchema } from './documents.schema';

const ore = () => z.int().check(z.gte(0));

/** Short, as it fits on the invoice's "Deres ref." line; plain text like every other text field. */
const orderReference = () => plainText(60);

const orderItemInput = () =>
  z.strictObject({
    service: plainText(80),
    description: z.optional(plainText(200)),
    quantity: z.int().check(z.gte(1), z.lte(999)),
    /** Consumer price including VAT, in øre (1 krone = 100 øre). */
    unitPriceOre: z.int().check(z.gte(0), z.lte(10_000_000)),
  });

/** The tag as printed on the heat-seal or barcode tag; compared in upper case (garments.ts). */
const tag = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(16), z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,14}[A-Za-z0-9])?$/, { error: 'Letters and digits as on the tag, dashes between them allowed' }));

const garmentInput = () =>
  z.strictObject({
    tag: tag(),
    /** The order line (1-based, as in `items`) the garment is charged on. */
    line: z.int().check(z.gte(1), z.lte(50)),
    /** Identical small pieces under one tag (a bag of socks); 1 when left out. */
    pieces: z.optional(z.int().check(z.gte(1), z.lte(999))),
    colour: z.optional(plainText(40)),
    brand: z.optional(plainText(60)),
    /** Free text for the counter; erased with the customer. */
    note: z.optional(plainText(200)),
    /** From a closed list, printed on the ticket. */
    conditions: z.optional(z.array(z.enum(CONDITION_NOTES)).check(z.maxLength(CONDITION_NOTES.length))),
    conditionNote: z.optional(plainText(200)),
  });

const garmentView = () =>
  z.strictObject({
    tag: z.string(),
    line: z.int(),
    pieces: z.int(),
    colour: z.optional(z.string()),
    brand: z.optional(z.string()),
    note: z.optional(z.string()),
    conditions: z.array(z.enum(CONDITION_NOTES)),
    conditionNote: z.optional(z.string()),
    state: z.enum(GARMENT_STATES),
    location: z.optional(z.string()),
    readyAt: z.optional(timestamp()),
    leftAt: z.optional(timestamp()),
  });

export const CreateOrderBody = schema(() =>
  z.strictObject({
    customerId: customerId(),
    /** Lines from the price list, one-off free-text work and discounts (order-pricing.ts). */
    lines: z.optional(z.array(orderLineInput()).check(z.minLength(1), z.maxLength(50))),
    /** Free-text lines as counter clients built before the price list send them; instead of `lines`. */
    items: z.optional(z.array(orderItemInput()).check(z.minLength(1), z.maxLength(50))),
    /** The shop's express option: its surcharge as a line of its own, and its shorter turnaround. */
    express: z.optional(z.boolean()),
    /** Every garment with its tag, each on one of the lines; every line has at least one. */
    garments: z.array(garmentInput()).check(z.minLength(1), z.maxLength(MAX_GARMENTS_PER_ORDER)),
    promisedReadyAt: z.optional(z.iso.date()),
    /** "Deres ref.": the buyer's reference printed on the invoice (a department, a cost centre, who ordered). */
    reference: z.optional(orderReference()),
  }),
);

/** A line of the order as it stands, by its number (1-based, as in `items`). */
const lineNumber = () => z.int().check(z.gte(1), z.lte(51));

/** The order after a change before the work is done (shared/domain/orders/order-changes.ts): what is left out stays. */
export const ChangeOrderBody = schema(() =>
  z.strictObject({
    /**
     * The lines after the change, in order, express left out: `{ keep: n }` keeps line n as taken in
     * (at its price then), `{ replace: n, with: <line> }` changes it (priced as at intake, today),
     * a line as at intake adds one; a line not named is removed.
     */
    lines: z.optional(
      z.array(z.union([z.strictObject({ keep: lineNumber() }), z.strictObject({ replace: lineNumber(), with: orderLineInput() }), orderLineInput()])).check(z.minLength(1), z.maxLength(50)),
    ),
    express: z.optional(z.boolean()),
    /** Every garment after the change, on the lines after it: a tag new to the order is claimed, one left out is freed. */
    garments: z.optional(z.array(garmentInput()).check(z.minLength(1), z.maxLength(MAX_GARMENTS_PER_ORDER))),
    promisedReadyAt: z.optional(z.iso.date()),
    /** The reference after the change; null removes it. */
    reference: z.optional(z.nullable(orderReference())),
  }),
);

export const PickupBody = schema(() =>
  z.strictObject({
    payment: z.enum(PAYMENT_METHODS),
    /** The certified cash register's receipt number, for payment at the counter. */
    posReceiptRef: z.optional(plainText(64)),
    /** For payment on invoice: the address the law requires on the invoice; kept on the invoice only. */
    buyerAddress: z.optional(PostalAddressSchema()),
    /** For payment on invoice: the buyer, the customer the order was taken in for, as the counter shows it with the order. */
    customerId: z.optional(customerId()),
    /** The garments handed out now, by tag, each ready; left out: every garment in the shop (the order must be ready). */
    tags: z.optional(z.array(tag()).check(z.minLength(1), z.maxLength(MAX_GARMENTS_PER_ORDER))),
  }),
);

const paymentView = () => z.strictObject({ method: z.enum(PAYMENT_METHODS), posReceiptRef: z.optional(z.string()), documentNumber: z.optional(z.int()) });
const totalsView = () => z.strictObject({ netOre: ore(), vatOre: ore(), grossOre: ore(), vatRatePercent: z.number() });

/** One pickup and the sale it is (shared/domain/orders/pickup-sale.ts): each line's share of this visit. */
const pickupView = () =>
  z.strictObject({
    n: z.int(),
    at: timestamp(),
    tags: z.array(z.string()),
    lines: z.array(
      z.strictObject({
        /** The order's line (1-based, as in `items`). */
        line: z.int(),
        quantity: z.number(),
        /** The garments' pieces handed out on a line that charges garments. */
        pieces: z.optional(z.int()),
        /** Negative on a discount line's share. */
        amountOre: z.int(),
      }),
    ),
    totals: totalsView(),
    payment: paymentView(),
  });

export const OrderView = schema(() =>
  z.strictObject({
    orderId: orderId(),
    customerId: customerId(),
    status: z.enum(ORDER_STATUSES),
    items: z.array(
      z.strictObject({
        service: z.string(),
        description: z.optional(z.string()),
        /** Pieces, or kilos to one decimal on a per-kg line. */
        quantity: z.number(),
        /** Negative on a discount line. */
        unitPriceOre: z.int(),
        lineTotalOre: z.int(),
        kind: z.optional(z.enum(['price_list', 'free_text', 'express', 'discount'])),
        priceListItemId: z.optional(z.string()),
        category: z.optional(z.enum(PRICE_CATEGORIES)),
        unit: z.optional(z.enum(PRICE_UNITS)),
        discountReason: z.optional(z.enum(DISCOUNT_REASONS)),
      }),
    ),
    garments: z.array(garmentView()),
    /** How the customer hears it is ready: SMS, a call from the counter (a landline), or wait for them. */
    noticeBy: z.optional(z.enum(['sms', 'call', 'wait'])),
    express: z.optional(z.boolean()),
    partReadyNoticeAt: z.optional(timestamp()),
    totals: totalsView(),
    promisedReadyAt: z.optional(z.iso.date()),
    reference: z.optional(z.string()),
    /** The latest pickup's payment. */
    payment: z.optional(paymentView()),
    /** Each pickup: the garments handed out at one visit and the one sale they are. */
    pickups: z.optional(z.array(pickupView())),
    reminders: z.optional(z.array(z.strictObject({ afterDays: z.int(), sentAt: timestamp() }))),
    notices: z.optional(
      z.array(z.strictObject({ method: z.enum(NOTICE_METHODS), givenOn: z.iso.date(), recordedAt: timestamp(), recordedBy: z.string() })),
    ),
    /** Changes after intake, oldest first: when, by which staff member, and what, as codes with the line or tag. */
    changes: z.optional(
      z.array(
        z.strictObject({
          at: timestamp(),
          by: z.string(),
          what: z.array(z.strictObject({ code: z.enum(CHANGE_CODES), line: z.optional(z.int()), tag: z.optional(z.string()) })),
        }),
      ),
    ),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    statusChangedAt: timestamp(),
    receivedAt: timestamp(),
    readyAt: z.optional(timestamp()),
    pickedUpAt: z.optional(timestamp()),
    cancelledAt: z.optional(timestamp()),
    cancelReason: z.optional(z.enum(CANCEL_REASONS)),
    returnedAt: z.optional(timestamp()),
    version: z.int(),
  }),
);

/** Why the order is cancelled, from a closed list (CANCEL_REASONS in shared/domain/orders/orders.ts). */
export const CancelBody = schema(() => z.strictObject({ reason: z.enum(CANCEL_REASONS) }));

/** One of the counter's lists of the day (shared/domain/orders/counter-day.ts), a page at a time. */
export const CounterDayQuery = schema(() =>
  z.strictObject({
    list: z.enum(COUNTER_LISTS),
    limit: z.optional(pageLimit()),
    cursor: z.optional(cursor()),
  }),
);

export const CounterDayView = schema(() =>
  z.strictObject({
    list: z.enum(COUNTER_LISTS),
    /** Today in the shop's time zone, the day the lists are of. */
    date: z.iso.date(),
    orders: z.array(OrderView()),
    /** For `ready`: the page's tickets by the rack their garments hang on; no `location` is "no place yet". */
    racks: z.optional(z.array(z.strictObject({ location: z.optional(z.string()), tickets: z.array(orderId()) }))),
    nextCursor: z.optional(z.string()),
  }),
);

export const OrderPage = schema(() => z.strictObject({ orders: z.array(OrderView()), nextCursor: z.optional(z.string()) }));

export const GarmentsReadyBody = schema(() =>
  z.strictObject({
    tags: z.array(tag()).check(z.minLength(1), z.maxLength(MAX_GARMENTS_PER_ORDER)),
    /** The rack or hook they hang on, as the shop names them ("Stativ 3", "Krok 12"), shown at pickup. */
    location: z.optional(plainText(20)),
    /** Send the order's one "part is ready" SMS (only while garments are still in work, to a mobile). */
    notifyPart: z.optional(z.boolean()),
  }),
);

export const OrderIdParams = schema(() => z.strictObject({ orderId: orderId() }));
export const TagParams = schema(() => z.strictObject({ tag: tag() }));
/** `uncollected`: ready for more than three months (see shared/domain/notices/notice-use-cases.ts). */
export const ListOrdersQuery = schema(() =>
  z.strictObject({
    status: z.enum([...ORDER_STATUSES, 'uncollected']),
    limit: z.optional(pageLimit()),
    cursor: z.optional(cursor()),
  }),
);
