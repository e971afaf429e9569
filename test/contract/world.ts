import type {
  CustomerDataRepository,
  CustomerRepository,
  MessageRepository,
  OrderRepository,
  PrivacyRequestRepository,
  SalesDocumentRepository,
  SignInRepository,
} from '#shared/ports/repositories';
import type { RetentionRepository } from '#shared/ports/retention';
import type { PriceListRepository } from '#shared/ports/price-list';
import type { ReceivableRepository } from '#shared/ports/receivables';
import type { PaymentReminderRepository } from '#shared/ports/payment-reminders';
import type { ReskontroReader } from '#shared/ports/reskontro';

/**
 * The ports a contract is checked through, all on one store (a fresh DynamoDB table, or a fresh
 * in-memory store), so that arranging a case (a customer to take an order for) and observing it
 * (the outbox message a move wrote) go through the same implementation as the port under test.
 */
export type PortWorld = {
  customers: CustomerRepository;
  orders: OrderRepository;
  messages: MessageRepository;
  documents: SalesDocumentRepository;
  signIn: SignInRepository;
  requests: PrivacyRequestRepository;
  customerData: CustomerDataRepository;
  retention: RetentionRepository;
  priceList: PriceListRepository;
  receivables: ReceivableRepository;
  paymentReminders: PaymentReminderRepository;
  reskontro: ReskontroReader;
  /** Everything stored, as one comparable value: a refused call must leave it unchanged. */
  snapshot: () => Promise<unknown>;
};

/** A new, empty world for each case. */
export type WorldFactory = () => Promise<PortWorld>;
