import { stageConfig } from '../../../infra/config/stages';
import type { ShopConfig } from '#shared/config/shop-config';
import type { NoticeDeps } from '#shared/domain/notices/notice-use-cases';
import type { SweepDeps } from '#shared/domain/retention/retention-sweep';
import type { RightsDeps } from '#shared/domain/rights/rights-use-cases';
import type { PriceListDeps } from '#shared/domain/orders/price-list-use-cases';
import type { ReminderDeps } from '#shared/domain/receivables/reminder-use-cases';
import type { Clock } from '#shared/ports/repositories';
import type { PortWorld } from '../../contract/world';
import { InMemoryCustomerDataRepository } from './customer-data-repository';
import { InMemoryCustomerRepository } from './customer-repository';
import { InMemoryMessageRepository } from './message-repository';
import { InMemoryOrderRepository } from './order-repository';
import { InMemoryPriceListRepository } from './price-list-repository';
import { InMemoryPrivacyRequestRepository } from './privacy-request-repository';
import { InMemoryReceivableRepository } from './receivable-repository';
import { InMemoryPaymentReminderRepository } from './payment-reminder-repository';
import { InMemoryReskontroReader } from './reskontro-reader';
import { InMemoryRetentionRepository } from './retention-repository';
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
    customerData: new InMemoryCustomerDataRepository(store),
    retention: new InMemoryRetentionRepository(store),
    priceList: new InMemoryPriceListRepository(store),
    receivables: new InMemoryReceivableRepository(store),
    paymentReminders: new InMemoryPaymentReminderRepository(store),
    reskontro: new InMemoryReskontroReader(store),
  };
}

/**
 * What the use cases are given, on in-memory ports: the counter's and the notices', the rights
 * workflow's steps and the retention sweep's; the local stage's shop and the clock the test sets.
 */
export function inMemoryDeps(options: { clock: Clock; shop?: Partial<ShopConfig> }): NoticeDeps & RightsDeps & SweepDeps & PriceListDeps & ReminderDeps & { store: InMemoryStore; signIn: InMemorySignInRepository } {
  return { ...inMemoryPorts(), clock: options.clock, shop: { ...stageConfig('local').shop, ...options.shop } };
}

/** The in-memory ports on a fresh store, for the ports' contracts. */
export async function inMemoryWorld(): Promise<PortWorld> {
  const { store, ...ports } = inMemoryPorts();
  return { ...ports, snapshot: async () => store.snapshot() };
}
