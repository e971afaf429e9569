import { isErasurePseudonym } from '../../domain/kernel/pseudonyms';
import type { BusinessAccount, Customer } from '../../domain/customers/customers';
import type { PhoneKind } from '../../domain/customers/phone';
import type { Message } from '../../domain/kernel/outbox-message';
import { isOpenOrder, type Order } from '../../domain/orders/orders';
import type { AccountItem } from '../../domain/invoices/account-items';
import type { CounterSale } from '../../domain/invoices/counter-sales';
import type { SalesDocument } from '../../domain/invoices/sales-documents';
import type { ExpressOption, PriceListItem } from '../../domain/orders/price-list';
import type { Payment, PaymentNeedingAttention } from '../../domain/receivables/payments';
import type { OcrImport } from '../../domain/receivables/ocr-import-report';
import type { Receivable } from '../../domain/receivables/receivables';
import { expiryAnchor } from '../../domain/retention/retention';
import { ENTITY, keys, messageKeyForStorage } from './keys';

/** Mapping between domain objects and stored items: keys and the entity tag on the way in, off on the way out. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity'] as const;

export function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  return copy as T;
}

/**
 * The retention clock counts from the last order activity (see retention.ts). The number is stored
 * as two plain attributes, `phone` (E.164) and `phoneKind`, so a profile written before landlines
 * were accepted (a `phone` without a kind, always a mobile then) reads as it was meant. A
 * business's account is `business`, the business's own data, with the two things in it that may
 * name a person (the contact's name, a "Deres ref." that is often one) beside it as `contactName`
 * and `invoiceReference`, so the data inventory declares those as personal data on their own.
 */
export const customerItem = ({ phone, business, ...c }: Customer) => ({
  ...keys.customer(c.customerId),
  ...keys.due('inactivity', c.lastActivityAt),
  entity: ENTITY.customer,
  ...c,
  ...(phone ? { phone: phone.e164, phoneKind: phone.kind } : {}),
  ...(business ? businessAttributes(business) : {}),
});

function businessAttributes({ contactName, reference, ...account }: BusinessAccount) {
  return { business: account, ...(contactName !== undefined ? { contactName } : {}), ...(reference !== undefined ? { invoiceReference: reference } : {}) };
}

/** The erasure mark is storage's business (it guards writes), not part of the customer. */
export const customerFromItem = ({ erasingSince: _erasing, erasingBy: _erasingBy, phone, phoneKind, business, contactName, invoiceReference, ...item }: Record<string, unknown>): Customer => ({
  ...withoutStorageAttributes<Omit<Customer, 'phone' | 'business'>>(item),
  ...(typeof phone === 'string' ? { phone: { e164: phone, kind: (phoneKind as PhoneKind | undefined) ?? 'mobile' } } : {}),
  ...(business
    ? {
        business: {
          ...(business as Omit<BusinessAccount, 'contactName' | 'reference'>),
          ...(typeof contactName === 'string' ? { contactName } : {}),
          ...(typeof invoiceReference === 'string' ? { reference: invoiceReference } : {}),
        },
      }
    : {}),
});

/** A customer's name-search entries, by position (keys.nameEntry); the index holds only the keys and the customer id. */
export const nameEntryItems = (customerId: string, entries: readonly string[]) =>
  entries.map((entry, position) => ({ ...keys.nameEntry(customerId, position), ...keys.namesByPrefix(entry, customerId), entity: ENTITY.nameEntry, customerId }));

export const orderItem = (o: Order) => ({
  ...keys.order(o.customerId, o.orderId),
  ...keys.ordersByStatus(o.status, o.statusChangedAt, o.orderId),
  // Every write that changes the status or the promised date keeps these in step (transitionUpdate, addMessage; changeOpen puts the whole item).
  ...keys.ordersByPromisedDate(o),
  // Only a sale kept for the books after its customer is gone has a retention date of its own.
  ...(o.retainUntil ? keys.due('bookkeeping', o.retainUntil) : {}),
  entity: ENTITY.order,
  ...o,
});
/** Orders taken in before garments were tagged have none. */
export const orderFromItem = (item: Record<string, unknown>): Order => {
  const order = withoutStorageAttributes<Order>(item);
  return order.garments ? order : { ...order, garments: [] };
};

/**
 * The ticket's pointer to its customer's partition, written with the order. While the order is
 * open (isOpenOrder: garments in the shop) it also holds a copy of it (`order`, kept in step by
 * every transaction that changes an open order): a transaction returns no attributes, so a move
 * answers from this copy with the change applied instead of reading the order back, and the
 * garments' tags (whose claims a pickup frees) are known from the one read. Once the order is
 * invoiced the pointer holds the invoice's number, so a reprint by ticket reads the pointer and
 * then the document.
 */
export type OrderRef = { orderId: string; customerId: string; open?: Order; documentNumber?: number };
/** The attribute that holds the copy of an open order (a reserved word in expressions: always `#order`). */
export const OPEN_COPY = 'order';

/** What the pointer holds of an order: all of it but the ids it holds itself, while the order is open. */
export const openCopy = ({ orderId: _orderId, customerId: _customerId, ...copy }: Order) => (isOpenOrder({ ...copy }) ? copy : undefined);

export const orderRefItem = (order: Order) => {
  const copy = openCopy(order);
  return { ...keys.orderRef(order.orderId), entity: ENTITY.orderRef, orderId: order.orderId, customerId: order.customerId, ...(copy ? { [OPEN_COPY]: copy } : {}) };
};
export function orderRefFromItem(item: Record<string, unknown>): OrderRef {
  const orderId = item.orderId as string;
  const customerId = item.customerId as string;
  const copy = item[OPEN_COPY] as Omit<Order, 'orderId' | 'customerId'> | undefined;
  return {
    orderId,
    customerId,
    ...(copy ? { open: { ...copy, garments: copy.garments ?? [], orderId, customerId } } : {}),
    ...(typeof item.documentNumber === 'number' ? { documentNumber: item.documentNumber } : {}),
  };
}

/** A tag on a garment in the shop: the one place that says which order it belongs to, so no two garments in the shop share it. */
export const tagClaimItem = (tag: string, order: Pick<Order, 'orderId' | 'customerId'>) => ({ ...keys.tagClaim(tag), entity: ENTITY.tagClaim, tag, orderId: order.orderId, customerId: order.customerId });

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

export const counterSaleItem = (sale: CounterSale) => ({
  ...keys.counterSale(sale.orderId, sale.n),
  ...keys.counterSalesByDate(sale.date, sale.orderId, sale.n),
  ...keys.due('bookkeeping', sale.retainUntil),
  entity: ENTITY.counterSale,
  ...sale,
});
export const accountItemItem = (item: AccountItem) => ({
  ...keys.accountItem(item.customerId, item.orderId, item.n),
  ...keys.accountsWaiting(item.date, item.customerId, item.orderId, item.n),
  entity: ENTITY.accountItem,
  ...item,
});
export const accountItemFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<AccountItem>(item);
export const counterSaleFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<CounterSale>(item);

export const priceListItemItem = (item: PriceListItem) => ({ ...keys.priceListItem(item.itemId), entity: ENTITY.priceListItem, ...item });
/** Exported for intake, which reads the items its lines name in its own BatchGet (keys.priceListItem). */
export const priceListItemFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<PriceListItem>(item);

export const expressOptionItem = (option: ExpressOption) => ({ ...keys.expressOption(), entity: ENTITY.expressOption, ...option });
/** Exported for intake, which reads the express option in the same BatchGet (keys.expressOption). */
export const expressOptionFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<ExpressOption>(item);

/**
 * The one shape of a stored receivable, for every write of it (an invoice's issue, a credit note,
 * a payment, a write-off): each puts the whole item, so the open index's sparse keys and the due
 * index's anchor always follow the status and the retention date.
 */
export const receivableItem = (r: Receivable) => ({
  ...keys.receivable(r.documentNumber),
  // Kept under an erasure's pseudonym, it is in no customer's list (keepDocuments took it out): a
  // later payment or reminder, which writes the whole item, must not put it back.
  ...(isErasurePseudonym(r.customerId) ? {} : keys.receivablesByCustomer(r.customerId, r.issueDate, r.documentNumber)),
  ...keys.openReceivables(r),
  ...keys.due('bookkeeping', r.retainUntil),
  entity: ENTITY.receivable,
  ...r,
});
export const receivableFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Receivable>(item);

/** A payment: an accounting record under the bookkeeping rule, five years from its own year's end. */
export const paymentItem = (p: Payment) => ({ ...keys.payment(p.documentNumber, p.paymentId), ...keys.due('bookkeeping', p.retainUntil), entity: ENTITY.payment, ...p });
export const paymentFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<Payment>(item);

export const paymentAttentionItem = (a: PaymentNeedingAttention) => ({ ...keys.paymentAttention(a), ...keys.due('bookkeeping', a.retainUntil), entity: ENTITY.paymentAttention, ...a });
export const ocrImportItem = (i: OcrImport) => ({ ...keys.ocrImport(i.transmissionNumber), ...keys.ocrImports(i.startedAt, i.transmissionNumber), ...keys.due('bookkeeping', i.retainUntil), entity: ENTITY.ocrImport, ...i });
export const ocrImportFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<OcrImport>(item);
export const paymentAttentionFromItem = (item: Record<string, unknown>) => withoutStorageAttributes<PaymentNeedingAttention>(item);
