import type { Customer } from '../../domain/customers';
import type { Message } from '../../domain/messages';
import type { Order } from '../../domain/orders';
import type { SalesDocument } from '../../domain/sales-documents';
import { ENTITY, keys, messageKeyForStorage } from './keys';

/** Mapping between domain objects and stored items: keys and the entity tag on the way in, off on the way out. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'entity'] as const;

function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  return copy as T;
}

export const customerItem = (c: Customer) => ({ ...keys.customer(c.customerId), entity: ENTITY.customer, ...c });
export const customerFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Customer>(item);

export const orderItem = (o: Order) => ({
  ...keys.order(o.customerId, o.orderId),
  ...keys.ordersByStatus(o.status, o.statusChangedAt, o.orderId),
  entity: ENTITY.order,
  ...o,
});
export const orderFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Order>(item);

/** Sent messages need no attention, so they leave the state index. */
export const messageItem = (m: Message) => ({
  ...keys.message(m.customerId, messageKeyForStorage(m.messageKey)),
  ...(m.state === 'sent' ? {} : keys.messagesByState(m.state, m.updatedAt, m.messageKey)),
  entity: ENTITY.message,
  ...m,
});
export const messageFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Message>(item);

export const salesDocumentItem = (d: SalesDocument) => ({
  ...keys.salesDocument(d.documentNumber),
  ...keys.documentsByDate(d.issueDate, d.documentNumber),
  entity: ENTITY.salesDocument,
  ...d,
});
export const salesDocumentFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<SalesDocument>(item);
