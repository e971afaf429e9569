import type { Message } from '../domain/kernel/outbox-message';
import type { BusinessAccount, Customer } from '../domain/customers/customers';
import { formatOrganisationNumber } from '../domain/customers/business';
import type { PageRequest } from '../ports/repositories';
import { PRICE_CATEGORY_LABELS, PRICE_UNIT_LABELS, type ExpressOption, type PriceListItem } from '../domain/orders/price-list';

/** The number as the API shows it: E.164 in `phone`, and what it can do in `phoneKind`, both absent without one. */
const phoneView = (customer: Customer) => (customer.phone ? { phone: customer.phone.e164, phoneKind: customer.phone.kind } : {});

/** A business's account, its number also as printed. */
const businessView = (business: BusinessAccount) => ({ ...business, organisationNumberFormatted: formatOrganisationNumber(business.organisationNumber) });

/** The customer as the API shows it: the e-invoice choice as its own flag, as the counter asks it. */
export function toCustomerView(customer: Customer) {
  const { phone: _phone, business, ...rest } = customer;
  return { ...rest, ...phoneView(customer), invoiceByEmail: customer.emailPurposes.includes('invoice'), ...(business ? { business: businessView(business) } : {}) };
}

/** A customer in the name search's list. */
export function toCustomerMatch(customer: Customer) {
  return {
    customerId: customer.customerId,
    name: customer.name,
    ...phoneView(customer),
    ...(customer.business ? { organisationNumber: formatOrganisationNumber(customer.business.organisationNumber) } : {}),
  };
}

export const DEFAULT_PAGE_SIZE = 25;

export function pageRequest(query: { limit?: string; cursor?: string }): PageRequest {
  return { limit: query.limit ? Number(query.limit) : DEFAULT_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) };
}

/** A delivery record as staff see it: no expiry timestamp, no provider internals. */
export function toMessageView(message: Message) {
  const { expiresAt: _expires, providerMessageId: _provider, params: _params, ...view } = message;
  return view;
}

/** A price-list item with its section and unit as the board says them in Norwegian. */
export function toPriceListItemView(item: PriceListItem) {
  return { ...item, categoryLabel: PRICE_CATEGORY_LABELS[item.category], unitLabel: PRICE_UNIT_LABELS[item.unit] };
}

export function toPriceListView(list: { items: PriceListItem[]; express: ExpressOption }) {
  return { items: list.items.map(toPriceListItemView), express: list.express };
}
