import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../domain/kernel/errors';
import type { OcrImport } from '../../domain/receivables/ocr-import-report';
import type { Payment, PaymentNeedingAttention } from '../../domain/receivables/payments';
import type { SalesDocument } from '../../domain/invoices/sales-documents';
import { receivableFor, type Receivable } from '../../domain/receivables/receivables';
import type { PaymentPosting, ReceivableRepository } from '../../ports/receivables';
import type { Page, PageRequest } from '../../ports/repositories';
import { getItems } from './batch-get';
import { indexPage } from './index-page';
import { conditionHeld } from './conditional-write';
import { decodeCursor, encodeCursor, withCursor } from './cursor';
import { ocrImportFromItem, ocrImportItem, paymentAttentionFromItem, paymentAttentionItem, paymentFromItem, paymentItem, receivableFromItem, receivableItem } from './items';
import { ENTITY, keys, OCR_IMPORTS_PARTITION, OPEN_RECEIVABLES_PARTITION, PAYMENT_ATTENTION_PARTITION } from './keys';
import { transactWrite } from './transactions';
import { TABLE_DEFINITION } from './table-definition';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const [BY_CUSTOMER_INDEX, , OPEN_INDEX] = TABLE_DEFINITION.globalSecondaryIndexes;
/** Postings that lose a race for the receivable's version read it again; a counter never has this many at once. */
const MAX_RACES = 10;
const tooBusy = (n: number) => new ConflictError(`Invoice ${n} is being changed by too many at once; try again`);

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
export function putReceivable(tableName: string, before: Receivable | undefined, after: Receivable) {
  return {
    Put: {
      TableName: tableName,
      Item: receivableItem(after),
      ConditionExpression: before ? 'version = :version' : 'attribute_not_exists(pk)',
      ...(before ? { ExpressionAttributeValues: { ':version': before.version } } : {}),
    },
  } satisfies TransactItem;
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

  async recordPayment(documentNumber: number, paymentId: string, decide: (receivable: Receivable) => PaymentPosting) {
    // One round trip for both: the receivable, and a payment already recorded under this key (a double click).
    let read = await getItems(this.doc, this.tableName, [keys.receivable(documentNumber), keys.payment(documentNumber, paymentId)]);
    for (let race = 0; race < MAX_RACES; race++) {
      const receivableRecord = read.find((i) => i.entity === ENTITY.receivable);
      if (!receivableRecord) throw new NotFoundError(`Invoice ${documentNumber} has no receivable`);
      const before = receivableFromItem(receivableRecord);
      const stored = read.find((i) => i.entity === ENTITY.payment);
      if (stored) return { receivable: before, payment: paymentFromItem(stored), duplicate: true };
      const { receivable, payment, attention } = decide(before);
      const failed = await transactWrite(this.doc, {
        TransactItems: [
          putReceivable(this.tableName, before, receivable),
          { Put: { TableName: this.tableName, Item: paymentItem(payment), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(attention ? [{ Put: { TableName: this.tableName, Item: paymentAttentionItem(attention) } }] : []),
        ],
      });
      if (!failed) return { receivable, payment, duplicate: false };
      // Another posting (or the same payment, sent twice at once) came first: decide again from what is stored now.
      read = await getItems(this.doc, this.tableName, [keys.receivable(documentNumber), keys.payment(documentNumber, paymentId)]);
    }
    throw tooBusy(documentNumber);
  }

  async listPayments(documentNumber: number): Promise<Payment[]> {
    const payments: Payment[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :payment)',
          ExpressionAttributeValues: { ':pk': keys.receivable(documentNumber).pk, ':payment': 'PAYMENT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      payments.push(...(page.Items ?? []).map(paymentFromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return payments;
  }

  async change(documentNumber: number, change: (receivable: Receivable) => Receivable): Promise<Receivable> {
    for (let race = 0; race < MAX_RACES; race++) {
      const before = await this.get(documentNumber);
      if (!before) throw new NotFoundError(`Invoice ${documentNumber} has no receivable`);
      const after = change(before);
      if (after === before) return before;
      if (await conditionHeld(this.doc.send(new PutCommand(putReceivable(this.tableName, before, after).Put)))) return after;
    }
    throw tooBusy(documentNumber);
  }

  async noteForAttention(item: PaymentNeedingAttention): Promise<void> {
    // A failed condition: noted on an earlier run of the same import.
    await conditionHeld(this.doc.send(new PutCommand({ TableName: this.tableName, Item: paymentAttentionItem(item), ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  async listNeedingAttention(page: PageRequest): Promise<Page<PaymentNeedingAttention>> {
    const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk'], fixed: { pk: PAYMENT_ATTENTION_PARTITION } });
    const result = await withCursor(startKey, () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PAYMENT_ATTENTION_PARTITION },
          Limit: page.limit,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(paymentAttentionFromItem), ...(nextCursor ? { nextCursor } : {}) };
  }

  listOpen(page: PageRequest, options: { dueBefore?: string } = {}): Promise<Page<Receivable>> {
    // gsi3sk is "<due date>#<number>", so every key of a day sorts after the bare date: BETWEEN '0' AND the date is "due before it".
    const range = options.dueBefore ? { from: '0', to: options.dueBefore } : undefined;
    return indexPage(OPEN_INDEX, this.doc, this.tableName, OPEN_RECEIVABLES_PARTITION, page, receivableFromItem, range);
  }

  async claimImport(claim: OcrImport): Promise<{ claim: OcrImport; fresh: boolean }> {
    if (await conditionHeld(this.doc.send(new PutCommand({ TableName: this.tableName, Item: ocrImportItem(claim), ConditionExpression: 'attribute_not_exists(pk)' })))) return { claim, fresh: true };
    // Seen before: completed (the file is answered with its first report) or died half way (go on).
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.ocrImport(claim.transmissionNumber), ConsistentRead: true }));
    if (!Item) throw new ConflictError(`The import of transmission ${claim.transmissionNumber} is being changed; try again`);
    return { claim: ocrImportFromItem(Item), fresh: false };
  }

  async completeImport(claim: OcrImport): Promise<OcrImport> {
    // The claim exists (claimImport stored or found it); the whole item is rewritten with its report.
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: ocrImportItem(claim), ConditionExpression: 'attribute_exists(pk)' }));
    return claim;
  }

  async listImports(page: PageRequest): Promise<Page<OcrImport>> {
    // gsi1 OCR#imports, by "<startedAt>#<transmission>": newest first is the Query read backwards.
    const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], fixed: { gsi1pk: OCR_IMPORTS_PARTITION } });
    const result = await withCursor(startKey, () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_CUSTOMER_INDEX.indexName,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': OCR_IMPORTS_PARTITION },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(ocrImportFromItem), ...(nextCursor ? { nextCursor } : {}) };
  }
}
