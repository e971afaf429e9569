import * as z from 'zod/mini';
import { NOTICE_METHODS, ORDER_STATUSES, PAYMENT_METHODS } from '../domain/orders';
import { Cursor, CustomerId, OrderId, PageLimit, plainText, Timestamp } from './common.schema';
import { PostalAddressSchema } from './documents.schema';

const Ore = z.int().check(z.gte(0));

export const OrderItemInput = z.strictObject({
  service: plainText(80),
  description: z.optional(plainText(200)),
  quantity: z.int().check(z.gte(1), z.lte(999)),
  /** Consumer price including VAT, in øre (1 krone = 100 øre). */
  unitPriceOre: z.int().check(z.gte(0), z.lte(10_000_000)),
});

export const CreateOrderBody = z.strictObject({
  customerId: CustomerId,
  items: z.array(OrderItemInput).check(z.minLength(1), z.maxLength(50)),
  promisedReadyAt: z.optional(z.iso.date()),
});

export const PickupBody = z.strictObject({
  payment: z.enum(PAYMENT_METHODS),
  /** The certified cash register's receipt number, for payment at the counter. */
  posReceiptRef: z.optional(plainText(64)),
  /** For payment on invoice: the address the law requires on the invoice; kept on the invoice only. */
  buyerAddress: z.optional(PostalAddressSchema),
});

export const OrderView = z.strictObject({
  orderId: OrderId,
  customerId: CustomerId,
  status: z.enum(ORDER_STATUSES),
  items: z.array(
    z.strictObject({
      service: z.string(),
      description: z.optional(z.string()),
      quantity: z.int(),
      unitPriceOre: Ore,
      lineTotalOre: Ore,
    }),
  ),
  totals: z.strictObject({ netOre: Ore, vatOre: Ore, grossOre: Ore, vatRatePercent: z.number() }),
  promisedReadyAt: z.optional(z.iso.date()),
  payment: z.optional(z.strictObject({ method: z.enum(PAYMENT_METHODS), posReceiptRef: z.optional(z.string()), documentNumber: z.optional(z.int()) })),
  reminders: z.optional(z.array(z.strictObject({ afterDays: z.int(), sentAt: Timestamp }))),
  notices: z.optional(
    z.array(z.strictObject({ method: z.enum(NOTICE_METHODS), givenOn: z.iso.date(), recordedAt: Timestamp, recordedBy: z.string() })),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  statusChangedAt: Timestamp,
  receivedAt: Timestamp,
  readyAt: z.optional(Timestamp),
  pickedUpAt: z.optional(Timestamp),
  cancelledAt: z.optional(Timestamp),
  version: z.int(),
});

export const OrderPage = z.strictObject({ orders: z.array(OrderView), nextCursor: z.optional(z.string()) });

export const OrderIdParams = z.strictObject({ orderId: OrderId });
/** `uncollected`: ready for more than three months (see shared/domain/notice-use-cases.ts). */
export const ListOrdersQuery = z.strictObject({
  status: z.enum([...ORDER_STATUSES, 'uncollected']),
  limit: z.optional(PageLimit),
  cursor: z.optional(Cursor),
});
