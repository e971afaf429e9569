import { GetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { SalesDocument } from '../../domain/invoices/sales-documents';
import { receivableFor, type Receivable } from '../../domain/receivables/receivables';
import type { ReceivableRepository } from '../../ports/receivables';
import type { Page, PageRequest } from '../../ports/repositories';
import { getItems } from './batch-get';
import { indexPage } from './index-page';
import { receivableFromItem, receivableItem } from './items';
import { keys, OPEN_RECEIVABLES_PARTITION } from './keys';
import { TABLE_DEFINITION } from './table-definition';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const [BY_CUSTOMER_INDEX, , OPEN_INDEX] = TABLE_DEFINITION.globalSecondaryIndexes;

/**
 * The write that opens an invoice's receivable, for the transaction that issues the invoice: every
 * issue path (a pickup on credit, a collective invoice) puts this with its document, so no invoice
 * is stored without what it has owing. Conditional like the document's own Put: a number is issued once.
 */
export function openReceivable(tableName: string, invoice: SalesDocument): TransactItem {
  return { Put: { TableName: tableName, Item: receivableItem(receivableFor(invoice)), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * The write of a changed receivable in a posting's transaction (a credit note, a payment, a
 * write-off): the whole item, only at the version it was decided from, so two postings at once
 * cannot both apply to the same balance. `before` undefined: an invoice issued before receivables
 * were kept, whose receivable the posting creates.
 */
export function putReceivable(tableName: string, before: Receivable | undefined, after: Receivable): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: receivableItem(after),
      ConditionExpression: before ? 'version = :version' : 'attribute_not_exists(pk)',
      ...(before ? { ExpressionAttributeValues: { ':version': before.version } } : {}),
    },
  };
}

/** Receivables: read by invoice number, by customer (gsi1) and open ones by due date (gsi3). */
export class DynamoReceivableRepository implements ReceivableRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(documentNumber: number): Promise<Receivable | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.receivable(documentNumber), ConsistentRead: true }));
    return Item ? receivableFromItem(Item) : undefined;
  }

  async getMany(documentNumbers: readonly number[]): Promise<Receivable[]> {
    const distinct = [...new Set(documentNumbers)];
    const found = new Map<number, Receivable>();
    // BatchGetItem takes 100 keys: a larger list is read 100 at a time.
    for (let i = 0; i < distinct.length; i += 100) {
      for (const item of await getItems(this.doc, this.tableName, distinct.slice(i, i + 100).map((n) => keys.receivable(n)))) found.set(item.documentNumber as number, receivableFromItem(item));
    }
    return distinct.flatMap((n) => found.get(n) ?? []);
  }

  listByCustomer(customerId: string, page: PageRequest): Promise<Page<Receivable>> {
    return indexPage(BY_CUSTOMER_INDEX, this.doc, this.tableName, keys.receivablesByCustomer(customerId, '', 0).gsi1pk, page, receivableFromItem);
  }

  listOpen(page: PageRequest, options: { dueBefore?: string } = {}): Promise<Page<Receivable>> {
    // gsi3sk is "<due date>#<number>", so every key of a day sorts after the bare date: BETWEEN '0' AND the date is "due before it".
    const range = options.dueBefore ? { from: '0', to: options.dueBefore } : undefined;
    return indexPage(OPEN_INDEX, this.doc, this.tableName, OPEN_RECEIVABLES_PARTITION, page, receivableFromItem, range);
  }
}
