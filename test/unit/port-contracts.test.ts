import { customerDataRepositoryContract } from '../contract/customer-data-repository.contract';
import { customerRepositoryContract } from '../contract/customer-repository.contract';
import { messageRepositoryContract } from '../contract/message-repository.contract';
import { orderRepositoryContract } from '../contract/order-repository.contract';
import { priceListRepositoryContract } from '../contract/price-list-repository.contract';
import { privacyRequestRepositoryContract } from '../contract/privacy-request-repository.contract';
import { receivableRepositoryContract } from '../contract/receivable-repository.contract';
import { paymentReminderRepositoryContract } from '../contract/payment-reminder-repository.contract';
import { reskontroReaderContract } from '../contract/reskontro-reader.contract';
import { retentionRepositoryContract } from '../contract/retention-repository.contract';
import { salesDocumentRepositoryContract } from '../contract/sales-document-repository.contract';
import { signInRepositoryContract } from '../contract/sign-in-repository.contract';
import { inMemoryWorld } from '../helpers/in-memory';

/**
 * The in-memory ports against the same contracts as the DynamoDB adapters
 * (test/integration/port-contracts.test.ts), so a use-case test on them means what it says.
 */
describe('InMemoryCustomerRepository', () => customerRepositoryContract(inMemoryWorld));
describe('InMemoryOrderRepository', () => orderRepositoryContract(inMemoryWorld));
describe('InMemoryMessageRepository', () => messageRepositoryContract(inMemoryWorld));
describe('InMemorySalesDocumentRepository', () => salesDocumentRepositoryContract(inMemoryWorld));
describe('InMemorySignInRepository', () => signInRepositoryContract(inMemoryWorld));
describe('InMemoryPrivacyRequestRepository', () => privacyRequestRepositoryContract(inMemoryWorld));
describe('InMemoryCustomerDataRepository', () => customerDataRepositoryContract(inMemoryWorld));
describe('InMemoryRetentionRepository', () => retentionRepositoryContract(inMemoryWorld));
describe('InMemoryPriceListRepository', () => priceListRepositoryContract(inMemoryWorld));
describe('InMemoryReceivableRepository', () => receivableRepositoryContract(inMemoryWorld));
describe('InMemoryPaymentReminderRepository', () => paymentReminderRepositoryContract(inMemoryWorld));
describe('InMemoryReskontroReader', () => reskontroReaderContract(inMemoryWorld));
