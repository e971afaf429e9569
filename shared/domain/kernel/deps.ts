import type { ShopConfig } from '../../config/shop-config';
import type { Clock, CustomerRepository, OrderRepository, SalesDocumentRepository } from '../../ports/repositories';

/**
 * What the counter's use cases are given: the repositories of customers, orders and sales
 * documents, a clock (so tests set the date) and the shop's configuration. Capabilities that need
 * more (the outbox, sign-in, the rights workflow) extend it with their own ports.
 */
export type CounterDeps = {
  customers: CustomerRepository;
  orders: OrderRepository;
  documents: SalesDocumentRepository;
  clock: Clock;
  shop: ShopConfig;
};
