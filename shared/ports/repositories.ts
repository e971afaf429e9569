import type { Customer } from '../domain/customers';
import type { Order, OrderAction, OrderStatus, Payment } from '../domain/orders';

/** What the use cases need from storage. Adapters implement these and throw domain errors. */
export type Page<T> = { items: T[]; nextCursor?: string };
export type PageRequest = { limit: number; cursor?: string };

export interface CustomerRepository {
  /** Fails with ConflictError (extension existingCustomerId) when the phone number is taken. */
  register(customer: Customer): Promise<void>;
  findIdByPhone(phone: string): Promise<string | undefined>;
  get(customerId: string): Promise<Customer | undefined>;
  /** The customer and a page of their orders, newest first. */
  getWithOrders(customerId: string, page: PageRequest): Promise<{ customer: Customer; orders: Page<Order> } | undefined>;
  /** Replaces `before` with `after` only if nobody changed it meanwhile (PreconditionFailedError otherwise). */
  replace(before: Customer, after: Customer): Promise<void>;
}

export type OrderStatusChange = { at: string; payment?: Payment; expectedVersion?: number };

export interface OrderRepository {
  nextTicketNumber(): Promise<string>;
  /** Stores a new order and stamps the customer's last activity; NotFoundError if the customer is gone. */
  create(order: Order): Promise<void>;
  get(orderId: string): Promise<Order | undefined>;
  /** Applies a state-machine move atomically: ConflictError if illegal now, PreconditionFailedError on a stale version. */
  transition(orderId: string, action: OrderAction, change: OrderStatusChange): Promise<Order>;
  listByStatus(status: OrderStatus, page: PageRequest): Promise<Page<Order>>;
}

export type Clock = () => Date;
