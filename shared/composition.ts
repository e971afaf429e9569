import type { CounterDeps } from './domain/customer-use-cases';
import type { NoticeDeps } from './domain/notice-use-cases';
import { DynamoMessageRepository } from './adapters/dynamodb/message-repository';
import { OutboxSmsGateway } from './adapters/local/outbox-sms-gateway';
import { SnsSmsGateway } from './adapters/sns/sns-sms-gateway';
import type { SmsGateway } from './ports/sms-gateway';
import { createDocumentClient } from './adapters/dynamodb/document-client';
import { DynamoCustomerRepository } from './adapters/dynamodb/customer-repository';
import { DynamoOrderRepository } from './adapters/dynamodb/order-repository';
import { shopConfig, smsConfig, tableConfig } from './config/runtime-config';

/**
 * Wires the real adapters once per cold start (lazily, so a function that never touches the
 * table never builds a client). Tests and the local twin reach the same wiring through the
 * environment, pointed at DynamoDB Local.
 */
let counterDeps: CounterDeps | undefined;
let noticeDeps: NoticeDeps | undefined;

export function counter(): CounterDeps {
  if (!counterDeps) {
    const table = tableConfig();
    const doc = createDocumentClient(table);
    counterDeps = {
      customers: new DynamoCustomerRepository(doc, table.tableName),
      orders: new DynamoOrderRepository(doc, table.tableName),
      clock: () => new Date(),
      shop: shopConfig(),
    };
  }
  return counterDeps;
}

/** The counter plus the outbox and an SMS gateway: SNS in AWS, the local outbox in the twin. */
export function notices(): NoticeDeps {
  if (!noticeDeps) {
    const base = counter();
    const table = tableConfig();
    const sms = smsConfig();
    const gateway: SmsGateway = sms.transport === 'local-outbox' ? new OutboxSmsGateway(sms.outboxFile) : new SnsSmsGateway();
    noticeDeps = { ...base, messages: new DynamoMessageRepository(createDocumentClient(table), table.tableName), sms: gateway };
  }
  return noticeDeps;
}
