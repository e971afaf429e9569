import { DynamoCustomerDataRepository } from '#shared/adapters/dynamodb/customer-data-repository';
import { DynamoCustomerRepository } from '#shared/adapters/dynamodb/customer-repository';
import { DynamoMessageRepository } from '#shared/adapters/dynamodb/message-repository';
import { DynamoOrderRepository } from '#shared/adapters/dynamodb/order-repository';
import { DynamoPriceListRepository } from '#shared/adapters/dynamodb/price-list-repository';
import { DynamoPrivacyRequestRepository } from '#shared/adapters/dynamodb/privacy-request-repository';
import { DynamoReceivableRepository } from '#shared/adapters/dynamodb/receivable-repository';
import { DynamoPaymentReminderRepository } from '#shared/adapters/dynamodb/payment-reminder-repository';
import { DynamoReskontroReader } from '#shared/adapters/dynamodb/reskontro-reader';
import { DynamoRetentionRepository } from '#shared/adapters/dynamodb/retention-repository';
import { DynamoSalesDocumentRepository } from '#shared/adapters/dynamodb/sales-document-repository';
import { DynamoSignInRepository } from '#shared/adapters/dynamodb/sign-in-repository';
import type { PortWorld } from '../contract/world';
import { scanTable, type TestEnvironment } from './test-environment';

/** The DynamoDB adapters on a fresh table of the run's DynamoDB Local. */
export async function dynamoWorld(env: TestEnvironment): Promise<PortWorld> {
  const tableName = await env.freshTable('contract');
  const doc = env.doc;
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`);
  return {
    customers: new DynamoCustomerRepository(doc, tableName),
    orders: new DynamoOrderRepository(doc, tableName),
    messages: new DynamoMessageRepository(doc, tableName),
    documents: new DynamoSalesDocumentRepository(doc, tableName),
    signIn: new DynamoSignInRepository(doc, tableName),
    requests: new DynamoPrivacyRequestRepository(doc, tableName),
    customerData: new DynamoCustomerDataRepository(doc, tableName),
    retention: new DynamoRetentionRepository(doc, tableName),
    priceList: new DynamoPriceListRepository(doc, tableName),
    receivables: new DynamoReceivableRepository(doc, tableName),
    paymentReminders: new DynamoPaymentReminderRepository(doc, tableName),
    reskontro: new DynamoReskontroReader(doc, tableName),
    snapshot: async () => (await scanTable(doc, tableName)).sort(byKey),
  };
}
