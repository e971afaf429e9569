import type { Customer } from '#shared/domain/customers/customers';
import { ConflictError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import type { CustomerRepository, Page, PageRequest } from '#shared/ports/repositories';
import { padTicket, pageOf } from './paging';
import { copy, type InMemoryStore } from './store';

/** CustomerRepository in memory, with DynamoCustomerRepository's conditions and errors. */
export class InMemoryCustomerRepository implements CustomerRepository {
  constructor(private readonly store: InMemoryStore) {}

  async register(customer: Customer): Promise<void> {
    const holder = this.store.phoneClaims.get(customer.phone);
    if (holder !== undefined) throw phoneTaken(holder);
    // A profile under the same id fails the second Put of the adapter's transaction: a conflict without a holder.
    if (this.store.customers.has(customer.customerId)) throw phoneTaken(undefined);
    this.store.phoneClaims.set(customer.phone, customer.customerId);
    this.store.customers.set(customer.customerId, { customer: copy(customer) });
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    return this.store.phoneClaims.get(phone);
  }

  async get(customerId: string): Promise<Customer | undefined> {
    return copy(this.store.customers.get(customerId)?.customer);
  }

  async getWithOrders(customerId: string, page: PageRequest): Promise<{ customer: Customer; orders: Page<Order> } | undefined> {
    const partition = `CUSTOMER#${customerId}`;
    const orders = [...this.store.orders.values()]
      .filter((o) => o.customerId === customerId)
      .map((o) => [`ORDER#${padTicket(o.orderId)}`, o] as const)
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
    // The cursor is checked before the profile is read, as the adapter's Query checks it.
    const listed = pageOf(partition, orders, page, { descending: true });
    const customer = this.store.customers.get(customerId)?.customer;
    if (!customer) return undefined;
    return copy({ customer, orders: listed });
  }

  async replace(before: Customer, after: Customer): Promise<void> {
    const stored = this.store.customers.get(before.customerId);
    const stale = () => new PreconditionFailedError(`Customer ${before.customerId} was changed by someone else; read it again`);
    // The adapter's condition: the profile exists at the version and activity the caller read, and is not being erased.
    if (!stored || stored.erasingSince !== undefined || stored.customer.version !== before.version || stored.customer.lastActivityAt !== before.lastActivityAt) throw stale();
    if (before.phone !== after.phone) {
      const holder = this.store.phoneClaims.get(after.phone);
      if (holder !== undefined) throw phoneTaken(holder);
      if (this.store.phoneClaims.get(before.phone) !== before.customerId) throw stale();
      const code = this.store.signInCodes.get(before.phone);
      if (code && code.customerId !== before.customerId) throw stale();
      this.store.phoneClaims.delete(before.phone);
      this.store.phoneClaims.set(after.phone, after.customerId);
      // A code sent to the old number is void, and its counters were this customer's.
      this.store.signInCodes.delete(before.phone);
      for (const key of [...this.store.signInRates.keys()]) if (key.startsWith(`${before.phone}#`)) this.store.signInRates.delete(key);
    }
    this.store.customers.set(after.customerId, { customer: copy(after) });
  }
}

function phoneTaken(existingCustomerId: string | undefined): ConflictError {
  return new ConflictError('A customer with this phone number is already registered', { existingCustomerId });
}
