import { stageConfig } from '../../../infra/config/stages';
import type { ShopConfig } from '#shared/config/shop-config';
import type { NoticeDeps } from '#shared/domain/notices/notice-use-cases';
import type { PriceListDeps } from '#shared/domain/orders/price-list-use-cases';
import type { Clock } from '#shared/ports/repositories';
import type { PortWorld } from '../../contract/world';
import { InMemoryCustomerRepository } from './customer-repository';
import { InMemoryMessageRepository } from './message-repository';
import { InMemoryOrderRepository } from './order-repository';
import { InMemoryPriceListRepository } from './price-list-repository';
import { InMemoryPrivacyRequestRepository } from './privacy-request-repository';
import { InMemorySalesDocumentRepository } from './sales-document-repository';
import { InMemorySignInRepository } from './sign-in-repository';
import { InMemoryStore } from './store';

export { InMemoryStore } from './store';
export { RecordingEmailGateway } from './email-gateway';
export { RecordingRightsWorkflow } from './rights-workflow';
export { RecordingSmsGateway } from './sms-gateway';

/** Every in-memory port over one store, as the DynamoDB adapters share one table. */
export function inMemoryPorts(store = new InMemoryStore()) {
  return {
    store,
    customers: new InMemoryCustomerRepository(store),
    orders: new InMemoryOrderRepository(store),
    messages: new InMemoryMessageRepository(store),
    documents: new InMemorySalesDocumentRepository(store),
    signIn: new InMemorySignInRepository(store),
    requests: new InMemoryPrivacyRequestRepository(store),
    priceList: new InMemoryPriceListRepository(store),
  };
}

/** What the counter's and the notices' use cases are given, on in-memory ports: the local stage's shop and the clock the test sets. */
export function inMemoryDeps(options: { clock: Clock; shop?: Partial<ShopConfig> }): NoticeDeps & PriceListDeps & { store: InMemoryStore } {
  const { store, customers, orders, messages, documents, priceList } = inMemoryPorts();
  return { store, customers, orders, messages, documents, priceList, clock: options.clock, shop: { ...stageConfig('local').shop, ...options.shop } };
}

/** The in-memory ports on a fresh store, for the ports' contracts. */
export async function inMemoryWorld(): Promise<PortWorld> {
  const { store, ...ports } = inMemoryPorts();
  return { ...ports, snapshot: async () => store.snapshot() };
}
