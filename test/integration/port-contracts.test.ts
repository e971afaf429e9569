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
import { dynamoWorld } from '../helpers/dynamodb-world';
import { apiHarness } from '../helpers/harness';

/**
 * The DynamoDB adapters against the ports' contracts, each case on a fresh table of the run's
 * DynamoDB Local; the in-memory ports pass the same (test/unit/port-contracts.test.ts).
 */
const api = apiHarness();
const fresh = () => dynamoWorld(api.env);

describe('DynamoCustomerRepository', () => customerRepositoryContract(fresh));
describe('DynamoOrderRepository', () => orderRepositoryContract(fresh));
describe('DynamoMessageRepository', () => messageRepositoryContract(fresh));
describe('DynamoSalesDocumentRepository', () => salesDocumentRepositoryContract(fresh));
describe('DynamoSignInRepository', () => signInRepositoryContract(fresh));
describe('DynamoPrivacyRequestRepository', () => privacyRequestRepositoryContract(fresh));
describe('DynamoCustomerDataRepository', () => customerDataRepositoryContract(fresh));
describe('DynamoRetentionRepository', () => retentionRepositoryContract(fresh));
describe('DynamoPriceListRepository', () => priceListRepositoryContract(fresh));
describe('DynamoReceivableRepository', () => receivableRepositoryContract(fresh));
describe('DynamoPaymentReminderRepository', () => paymentReminderRepositoryContract(fresh));
describe('DynamoReskontroReader', () => reskontroReaderContract(fresh));
