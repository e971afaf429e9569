import type { Customer } from '../../domain/customers/customers';
import type { Message } from '../../domain/kernel/outbox-message';
import type { Order } from '../../domain/orders/orders';
import type { SalesDocument } from '../../domain/invoices/sales-documents';
import type { ExpressOption, PriceListItem } from '../../domain/orders/price-list';
import { expiryAnchor } from '../../domain/retention/retention';
import { ENTITY, keys, messageKeyForStorage } from './keys';

/** Mapping between domain objects and stored items: keys and the entity tag on the way in, off on the way out. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  return copy as T;
}

/** The retention clock counts from the last order activity (see retention.ts). */
export const customerItem = (c: Customer) => ({ ...keys.customer(c.customerId), ...keys.due('inactivity', c.lastActivityAt), entity: ENTITY.customer, ...c });
/** The erasure mark is storage's business (it guards writes), not part of the customer. */
export const customerFromItem = ({ erasingSince: _erasing, ...item }: Record<string, unknown>) => withoutStorageAttributes<Customer>(item);

export const orderItem = (o: Order) => ({
  ...keys.order(o.customerId, o.orderId),
  ...keys.ordersByStatus(o.status, o.statusChangedAt, o.orderId),
  // Only a sale kept for the books after its customer is gone has a retention date of its own.
  ...(o.retainUntil ? keys.due('bookkeeping', o.retainUntil) : {}),
  entity: ENTITY.order,
  ...o,
});
export const orderFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Order>(item);

/**
 * The ticket's pointer to its customer's partition, written with the order. While the order is
 * received it also holds a copy of it (`order`, kept in step by every transaction that changes a
 * received order): a transaction returns no attributes, so the move out of received answers from
 * this copy with the change applied instead of reading the order back, and drops the copy. Once
 * the order is invoiced the pointer holds the invoice's number, so a reprint by ticket reads the
 * pointer and then the document.
 */
export type OrderRef = { orderId: string; customerId: string; received?: Order; documentNumber?: number };
/** The attribute that holds the copy of a received order (a reserved word in expressions: always `#order`). */
export const RECEIVED_COPY = 'order';

export const orderRefItem = ({ orderId, customerId, ...copy }: Order) => ({
  ...keys.orderRef(orderId),
  entity: ENTITY.orderRef,
  orderId,
  customerId,
  ...(copy.status === 'received' ? { [RECEIVED_COPY]: copy } : {}),
});
export function orderRefFromItem(item: Record<string, unknown>): OrderRef {
  const orderId = item.orderId as string;
  const customerId = item.customerId as string;
  const copy = item[RECEIVED_COPY] as Omit<Order, 'orderId' | 'customerId'> | undefined;
  return {
    orderId,
    customerId,
    ...(copy ? { received: { ...copy, orderId, customerId } } : {}),
    ...(typeof item.documentNumber === 'number' ? { documentNumber: item.documentNumber } : {}),
  };
}

/** Sent messages need no attention, so they leave the state index. */
export const messageItem = (m: Message) => ({
  ...keys.message(m.customerId, messageKeyForStorage(m.messageKey)),
  ...(m.state === 'sent' ? {} : keys.messagesByState(m.state, m.updatedAt, m.messageKey)),
  ...keys.due('expiry', expiryAnchor(m.expiresAt)),
  entity: ENTITY.message,
  ...m,
});
export const messageFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Message>(item);

export const salesDocumentItem = (d: SalesDocument) => ({
  ...keys.salesDocument(d.documentNumber),
  ...keys.documentsByDate(d.issueDate, d.documentNumber),
  ...keys.due('bookkeeping', d.retainUntil),
  entity: ENTITY.salesDocument,
  ...d,
});
export const salesDocumentFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<SalesDocument>(item);

export const priceListItemItem = (item: PriceListItem) => ({ ...keys.priceListItem(item.itemId), entity: ENTITY.priceListItem, ...item });
/** Exported for intake, which reads the items its lines name in its own BatchGet (keys.priceListItem). */
export const priceListItemFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<PriceListItem>(item);

export const expressOptionItem = (option: ExpressOption) => ({ ...keys.expressOption(), entity: ENTITY.expressOption, ...option });
/** Exported for intake, which reads the express option in the same BatchGet (keys.expressOption). */
export const expressOptionFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<ExpressOption>(item);
