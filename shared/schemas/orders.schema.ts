import * as z from 'zod/mini';
import { NOTICE_METHODS, ORDER_STATUSES, PAYMENT_METHODS } from '../domain/orders/orders';
import { cursor, customerId, orderId, pageLimit, plainText, schema, timestamp } from './common.schema';
import { PostalAddressSchema } from './documents.schema';

const ore = () => z.int().check(z.gte(0));

const orderItemInput = () =>
  z.strictObject({
    service: plainText(80),
    description: z.optional(plainText(200)),
    quantity: z.int().check(z.gte(1), z.lte(999)),
    /** Consumer price including VAT, in øre (1 krone = 100 øre). */
    unitPriceOre: z.int().check(z.gte(0), z.lte(10_000_000)),
  });

export const CreateOrderBody = schema(() =>
  z.strictObject({
    customerId: customerId(),
    items: z.array(orderItemInput()).check(z.minLength(1), z.maxLength(50)),
    promisedReadyAt: z.optional(z.iso.date()),
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
  }),
);

export const OrderView = schema(() =>
  z.strictObject({
    orderId: orderId(),
    customerId: customerId(),
    status: z.enum(ORDER_STATUSES),
    items: z.array(
      z.strictObject({
        service: z.string(),
        description: z.optional(z.string()),
        quantity: z.int(),
        unitPriceOre: ore(),
        lineTotalOre: ore(),
      }),
    ),
    totals: z.strictObject({ netOre: ore(), vatOre: ore(), grossOre: ore(), vatRatePercent: z.number() }),
    promisedReadyAt: z.optional(z.iso.date()),
    payment: z.optional(z.strictObject({ method: z.enum(PAYMENT_METHODS), posReceiptRef: z.optional(z.string()), documentNumber: z.optional(z.int()) })),
    reminders: z.optional(z.array(z.strictObject({ afterDays: z.int(), sentAt: timestamp() }))),
    notices: z.optional(
      z.array(z.strictObject({ method: z.enum(NOTICE_METHODS), givenOn: z.iso.date(), recordedAt: timestamp(), recordedBy: z.string() })),
    ),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    statusChangedAt: timestamp(),
    receivedAt: timestamp(),
    readyAt: z.optional(timestamp()),
    pickedUpAt: z.optional(timestamp()),
    cancelledAt: z.optional(timestamp()),
    version: z.int(),
  }),
);

export const OrderPage = schema(() => z.strictObject({ orders: z.array(OrderView()), nextCursor: z.optional(z.string()) }));

export const OrderIdParams = schema(() => z.strictObject({ orderId: orderId() }));
/** `uncollected`: ready for more than three months (see shared/domain/notices/notice-use-cases.ts). */
export const ListOrdersQuery = schema(() =>
  z.strictObject({
    status: z.enum([...ORDER_STATUSES, 'uncollected']),
    limit: z.optional(pageLimit()),
    cursor: z.optional(cursor()),
  }),
);
