import { organisationNumberTaken } from '#shared/domain/customers/business';
import { mobileNumberOf, type Customer } from '#shared/domain/customers/customers';
import { nameSearchEntries } from '#shared/domain/customers/name-search';
import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import type { CustomerRepository, Page, PageRequest } from '#shared/ports/repositories';
import { padTicket, pageOf } from './paging';
import { copy, type InMemoryStore } from './store';

/** CustomerRepository in memory, with DynamoCustomerRepository's conditions and errors. */
export class InMemoryCustomerRepository implements CustomerRepository {
  constructor(private readonly store: InMemoryStore) {}

  async register(customer: Customer): Promise<void> {
    const mobile = mobileNumberOf(customer);
    const holder = mobile === undefined ? undefined : this.store.phoneClaims.get(mobile);
    if (holder !== undefined) throw phoneTaken(holder);
    const organisationNumber = customer.business?.organisationNumber;
    const business = organisationNumber === undefined ? undefined : this.store.organisationClaims.get(organisationNumber);
    if (business !== undefined) throw organisationNumberTaken(business);
    // A profile under the same id fails the second Put of the adapter's transaction: a conflict without a holder.
    if (this.store.customers.has(customer.customerId)) throw phoneTaken(undefined);
    if (mobile !== undefined) this.store.phoneClaims.set(mobile, customer.customerId);
    if (organisationNumber !== undefined) this.store.organisationClaims.set(organisationNumber, customer.customerId);
    this.store.customers.set(customer.customerId, { customer: copy(customer) });
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    return this.store.phoneClaims.get(phone);
  }

  async findIdByOrganisationNumber(organisationNumber: string): Promise<string | undefined> {
    return this.store.organisationClaims.get(organisationNumber);
  }

  async get(customerId: string): Promise<Customer | undefined> {
    return copy(this.store.customers.get(customerId)?.customer);
  }

  /**
   * The adapter's name index, made from the stored names: the same entries (name-search.ts),
   * partitioned by first letter and sorted by `<entry>#<customerId>` as the index is.
   */
  async findByName(prefix: string, page: PageRequest): Promise<Page<Customer>> {
    const bucket = `NAMES#${[...prefix][0] ?? ''}`;
    const entries = [...this.store.customers.values()]
      .flatMap(({ customer }) => nameSearchEntries(customer.name).map((entry) => [`${entry}#${customer.customerId}`, customer] as const))
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // A cursor handed out for another prefix of the same letter would resume outside this one's entries.
    if (page.cursor !== undefined && !cursorKey(page.cursor)?.startsWith(prefix)) throw invalidCursor();
    const listed = pageOf(bucket, entries, page);
    const once = [...new Map(listed.items.map((c) => [c.customerId, c])).values()];
    return copy({ items: once, ...(listed.nextCursor ? { nextCursor: listed.nextCursor } : {}) });
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
    const [oldMobile, newMobile] = [mobileNumberOf(before), mobileNumberOf(after)];
    // Every condition before the first write, as the adapter's one transaction checks them.
    const [oldOrganisation, newOrganisation] = [before.business?.organisationNumber, after.business?.organisationNumber];
    const organisationMoves = oldOrganisation !== newOrganisation;
    if (organisationMoves) {
      const holder = newOrganisation === undefined ? undefined : this.store.organisationClaims.get(newOrganisation);
      if (holder !== undefined) throw organisationNumberTaken(holder);
      if (oldOrganisation !== undefined && this.store.organisationClaims.get(oldOrganisation) !== before.customerId) throw stale();
    }
    if (oldMobile !== newMobile) {
      // Only mobiles are claimed: the new one is claimed, the old one (if any) released with its code and counters.
      const holder = newMobile === undefined ? undefined : this.store.phoneClaims.get(newMobile);
      if (holder !== undefined) throw phoneTaken(holder);
      if (oldMobile !== undefined) {
        if (this.store.phoneClaims.get(oldMobile) !== before.customerId) throw stale();
        const code = this.store.signInCodes.get(oldMobile);
        if (code && code.customerId !== before.customerId) throw stale();
        this.store.phoneClaims.delete(oldMobile);
        // A code sent to the old number is void, and its counters were this customer's.
        this.store.signInCodes.delete(oldMobile);
        for (const key of [...this.store.signInRates.keys()]) if (key.startsWith(`${oldMobile}#`)) this.store.signInRates.delete(key);
      }
      if (newMobile !== undefined) this.store.phoneClaims.set(newMobile, after.customerId);
    }
    if (organisationMoves) {
      if (oldOrganisation !== undefined) this.store.organisationClaims.delete(oldOrganisation);
      if (newOrganisation !== undefined) this.store.organisationClaims.set(newOrganisation, after.customerId);
    }
    this.store.customers.set(after.customerId, { customer: copy(after) });
  }
}

function phoneTaken(existingCustomerId: string | undefined): ConflictError {
  return new ConflictError('A customer with this phone number is already registered', { existingCustomerId });
}

const invalidCursor = () => new ValidationError('The cursor is not valid', [{ pointer: '#/query/cursor', detail: 'Use a cursor returned by this endpoint' }]);

/** The sort key a cursor of pageOf resumes after (undefined when it is not one; pageOf then refuses it). */
function cursorKey(cursor: string): string | undefined {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    return typeof position.k === 'string' ? position.k : undefined;
  } catch {
    return undefined;
  }
}
