import type { CounterDeps } from './domain/customer-use-cases';
import { createDocumentClient } from './adapters/dynamodb/document-client';
import { DynamoCustomerRepository } from './adapters/dynamodb/customer-repository';
import { DynamoOrderRepository } from './adapters/dynamodb/order-repository';
import { shopConfig, tableConfig } from './config/runtime-config';

/**
 * Wires the real adapters once per cold start (lazily, so a function that never touches the
 * table never builds a client). Tests and the local twin reach the same wiring through the
 * environment, pointed at DynamoDB Local.
 */
let counterDeps: CounterDeps | undefined;

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
