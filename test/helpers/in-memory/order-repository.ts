import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { Message } from '#shared/domain/kernel/outbox-message';
import { tagInUse, tagsChangedBy, tagsLeaving } from '#shared/domain/orders/garments';
import { applyTransition as applyOrderTransition, FIRST_TICKET_NUMBER, moveRefusal, type Order, type OrderAction, type OrderStatus, type StatutoryNotice, tagsLeavingWith } from '#shared/domain/orders/orders';
import type { IntakeContext, MessageFor, MessageWithMove, OpenOrderChange, OrderMessageChange, OrderRepository, OrderStatusChange, Page, PageRequest, PricesContext } from '#shared/ports/repositories';
import { padTicket, pageOf } from './paging';
import { accountItemId, copy, counterSaleId, messageId, type InMemoryStore } from './store';

/** OrderRepository in memory, with DynamoOrderRepository's state machine guard, errors and outbox writes. */
export class InMemoryOrderRepository implements OrderRepository {
  constructor(private readonly store: InMemoryStore) {}

  async nextTicketNumber(): Promise<string> {
    this.store.counters.ticket = (this.store.counters.ticket ?? FIRST_TICKET_NUMBER - 1) + 1;
    return String(this.store.counters.ticket);
  }

  async create(order: Order): Promise<void> {
    const profile = this.store.customers.get(order.customerId);
    if (!profile || profile.erasingSince !== undefined) throw new NotFoundError(`Customer ${order.customerId} does not exist`);
    if (this.store.orders.has(order.orderId) || this.store.orderRefs.has(order.orderId)) throw new Error('Ticket number already in use');
    const taken = order.garments.findIndex((garment) => this.store.tagClaims.has(garment.tag));
    if (taken >= 0) throw tagInUse(order.garments[taken]?.tag as string, taken);
    for (const garment of order.garments) this.store.tagClaims.set(garment.tag, order.orderId);
    // Taking in an order is the activity the retention clock counts from; the profile's version stays.
    profile.customer = { ...profile.customer, lastActivityAt: order.createdAt };
    this.store.orders.set(order.orderId, copy(order));
    this.store.orderRefs.set(order.orderId, order.customerId);
  }

  async changeOpen(orderId: string, expectedVersion: number | undefined, change: (order: Order) => OpenOrderChange): Promise<Order> {
    this.requireCustomerIdOf(orderId);
    const current = this.stored(orderId);
    if (!current) throw new NotFoundError(`Order ${orderId} does not exist`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new PreconditionFailedError(`Order ${orderId} is at version ${current.version}, not ${expectedVersion}`);
    }
    const { order, message, sale, accountItem } = change(copy(current));
    if (message && this.store.messages.has(messageId(message.customerId, message.messageKey))) throw new Error(`Outbox message ${message.messageKey} already exists`);
    if (sale && this.store.counterSales.has(counterSaleId(sale.orderId, sale.n))) throw new Error(`Sale ${sale.n} of order ${orderId} already exists`);
    if (accountItem && this.store.accountItems.has(accountItemId(accountItem))) throw new Error(`Pickup ${accountItem.n} of order ${orderId} is on account already`);
    this.releaseTags(orderId, tagsLeaving(current.garments, order.garments));
    this.store.orders.set(orderId, copy(order));
    if (message) this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    if (sale) this.store.counterSales.set(counterSaleId(sale.orderId, sale.n), copy(sale));
    if (accountItem) this.store.accountItems.set(accountItemId(accountItem), copy(accountItem));
    return copy(order);
  }

  async revise(orderId: string, expectedVersion: number, priceListItemIds: readonly string[], revise: (order: Order, prices: PricesContext) => Order): Promise<Order> {
    this.requireCustomerIdOf(orderId);
    const current = this.stored(orderId);
    if (!current) throw new NotFoundError(`Order ${orderId} does not exist`);
    if (current.version !== expectedVersion) throw new PreconditionFailedError(`Order ${orderId} is at version ${current.version}, not ${expectedVersion}`);
    const express = this.store.priceList.express;
    const priceItems = priceListItemIds.flatMap((id) => {
      const item = this.store.priceList.items.get(id);
      return item ? [copy(item)] : [];
    });
    const revised = revise(copy(current), { priceItems, ...(express ? { express: copy(express) } : {}) });
    const { claimed, released } = tagsChangedBy(current.garments, revised.garments);
    const taken = claimed.find(({ tag }) => this.store.tagClaims.has(tag));
    if (taken) throw tagInUse(taken.tag, taken.index);
    for (const { tag } of claimed) this.store.tagClaims.set(tag, orderId);
    this.releaseTags(orderId, released);
    this.store.orders.set(orderId, copy(revised));
    return copy(revised);
  }

  async intakeContext(customerId: string, priceListItemIds: readonly string[]): Promise<IntakeContext> {
    const customer = this.store.customers.get(customerId)?.customer;
    const express = this.store.priceList.express;
    return {
      ...(customer ? { customer: copy(customer) } : {}),
      priceItems: priceListItemIds.flatMap((id) => {
        const item = this.store.priceList.items.get(id);
        return item ? [copy(item)] : [];
      }),
      ...(express ? { express: copy(express) } : {}),
    };
  }

  async findByTag(tag: string): Promise<Order | undefined> {
    const orderId = this.store.tagClaims.get(tag);
    return orderId === undefined ? undefined : copy(this.stored(orderId));
  }

  async get(orderId: string): Promise<Order | undefined> {
    return copy(this.stored(orderId));
  }

  async customerIdOf(orderId: string): Promise<string | undefined> {
    return this.store.orderRefs.get(orderId);
  }

  async invoiceNumberOf(orderId: string): Promise<number | undefined> {
    this.requireCustomerIdOf(orderId);
    return this.stored(orderId)?.payment?.documentNumber;
  }

  async transition(orderId: string, action: OrderAction, change: OrderStatusChange, notify?: MessageWithMove): Promise<Order> {
    this.requireCustomerIdOf(orderId);
    const current = this.stored(orderId);
    if (!current) throw new NotFoundError(`Order ${orderId} does not exist`);
    const message = notify?.(copy(current));
    assertTransition(current, action, change.expectedVersion);
    if (message && this.store.messages.has(messageId(message.customerId, message.messageKey))) throw new Error(`Outbox message ${message.messageKey} already exists`);
    const moved = applyTransition(current, action, change);
    this.releaseTags(orderId, tagsLeavingWith(action, current));
    this.store.orders.set(orderId, moved);
    if (message) this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    return copy(moved);
  }

  async addMessage(orderId: string, change: OrderMessageChange, build: MessageFor): Promise<{ message: Message; duplicate: boolean }> {
    const customerId = this.requireCustomerIdOf(orderId);
    const message = build({ customerId, orderId });
    const current = this.stored(orderId);
    if (!current) throw new NotFoundError(`Order ${orderId} does not exist`);
    if (!change.allowedStatuses.includes(current.status)) {
      throw new ConflictError(`Order ${orderId} is ${current.status}; this message is for orders that are ${change.allowedStatuses.join(' or ')}`, { orderId, currentStatus: current.status });
    }
    const existing = this.store.messages.get(messageId(message.customerId, message.messageKey));
    // The same message again (a double click, a second run): nothing is written, the order included.
    if (existing) return { message: copy(existing), duplicate: true };
    if (change.promisedReadyAt || change.reminder) {
      this.store.orders.set(orderId, {
        ...current,
        ...(change.promisedReadyAt ? { promisedReadyAt: change.promisedReadyAt } : {}),
        ...(change.reminder ? { reminders: [...(current.reminders ?? []), copy(change.reminder)] } : {}),
        updatedAt: message.createdAt,
        version: current.version + 1,
      });
    }
    this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    return { message, duplicate: false };
  }

  async recordNotice(orderId: string, notice: StatutoryNotice, readyBefore: string): Promise<Order> {
    this.requireCustomerIdOf(orderId);
    const current = this.stored(orderId);
    if (!current) throw new NotFoundError(`Order ${orderId} does not exist`);
    if (current.status !== 'ready' || current.readyAt === undefined || !(current.readyAt < readyBefore)) {
      throw new ConflictError(
        current.status === 'ready'
          ? `Order ${orderId} has not been waiting long enough for the statutory notice`
          : `Order ${orderId} is ${current.status}; a notice to collect concerns ready orders only`,
        { orderId, currentStatus: current.status },
      );
    }
    const noticed: Order = { ...current, notices: [...(current.notices ?? []), copy(notice)], updatedAt: notice.recordedAt, version: current.version + 1 };
    this.store.orders.set(orderId, noticed);
    return copy(noticed);
  }

  async listByStatus(status: OrderStatus, page: PageRequest): Promise<Page<Order>> {
    return copy(pageOf(`ORDERS#${status}`, this.queue(status), page));
  }

  async listInStatusBetween(status: OrderStatus, from: string, to: string, page: PageRequest): Promise<Page<Order>> {
    // The adapter's range on "<statusChangedAt>#<ticket>": from the first ticket at `from` to just before `to`.
    return copy(pageOf(`ORDERS#${status}`, this.queue(status), page, { range: { from, to: `${to}#` } }));
  }

  async listPromisedBetween(from: string, to: string, page: PageRequest): Promise<Page<Order>> {
    // The adapter's promised-date index: received orders with a promised date, by "<date>#<ticket>".
    const promised = [...this.store.orders.values()]
      .filter((o) => o.status === 'received' && o.promisedReadyAt !== undefined)
      .map((o) => [`${o.promisedReadyAt}#${padTicket(o.orderId)}`, o] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return copy(pageOf('PROMISED#received', promised, page, { range: { from: `${from}#`, to: `${to}#~` } }));
  }

  /** The status index: orders in a status by the time they entered it, then by ticket (sales kept for the books included). */
  private queue(status: OrderStatus) {
    return [...this.store.orders.values(), ...this.store.keptSales.values()]
      .filter((o) => o.status === status)
      .map((o) => [`${o.statusChangedAt}#${padTicket(o.orderId)}`, o] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The adapter's conditional delete: a claim goes only if it is this order's. */
  releaseTags(orderId: string, tags: readonly string[]): void {
    for (const tag of tags) if (this.store.tagClaims.get(tag) === orderId) this.store.tagClaims.delete(tag);
  }

  /** The order the ticket's pointer leads to (not a copy). */
  private stored(orderId: string): Order | undefined {
    const customerId = this.store.orderRefs.get(orderId);
    const order = customerId === undefined ? undefined : this.store.orders.get(orderId);
    return order?.customerId === customerId ? order : undefined;
  }

  private requireCustomerIdOf(orderId: string): string {
    const customerId = this.store.orderRefs.get(orderId);
    if (!customerId) throw new NotFoundError(`Order ${orderId} does not exist`);
    return customerId;
  }
}

/** The state machine first, then the version: the order the adapter diagnoses a failed condition in. */
export function assertTransition(current: Order, action: OrderAction, expectedVersion: number | undefined): void {
  const refused = moveRefusal(current, action);
  if (refused) throw refused;
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new PreconditionFailedError(`Order ${current.orderId} is at version ${current.version}, not ${expectedVersion}`);
  }
}

/** The domain's move, on a stored copy of what the caller handed in (as the document client would store it). */
export function applyTransition(current: Order, action: OrderAction, change: OrderStatusChange): Order {
  return applyOrderTransition(current, action, { at: change.at, ...(change.payment ? { payment: copy(change.payment) } : {}), ...(change.cancelReason ? { cancelReason: change.cancelReason } : {}) });
}
