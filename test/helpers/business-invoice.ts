import { DynamoSalesDocumentRepository } from '#shared/adapters/dynamodb/sales-document-repository';
import { buildInvoice, type SalesDocument } from '#shared/domain/invoices/sales-documents';
import { stageConfig } from '../../infra/config/stages';
import type { TestEnvironment } from './test-environment';

/**
 * An invoice for a ready order issued through the DynamoDB repository with the buyer's
 * organisation number and reference on it, as a business account's pickup will write it (that
 * pickup is built elsewhere; until then the EHF tests issue the document here).
 */
export async function aBusinessInvoice(env: TestEnvironment, order: { customerId: string; orderId: string }, buyer: Pick<SalesDocument['buyer'], 'organisationNumber' | 'reference'>): Promise<number> {
  const repository = new DynamoSalesDocumentRepository(env.doc, env.tableName);
  const at = new Date();
  const { document } = await repository.issueInvoice(order, {
    at: at.toISOString(),
    firstNumber: 10001,
    build: ({ order: stored, customer, documentNumber }) => {
      const buyerAddress = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
      const invoice = buildInvoice({ documentNumber, order: stored, customer, buyerAddress, shop: stageConfig('prod').shop, issuedAt: at, issueDate: at.toISOString().slice(0, 10) });
      return { ...invoice, buyer: { ...invoice.buyer, ...buyer } };
    },
  });
  return document.documentNumber;
}
