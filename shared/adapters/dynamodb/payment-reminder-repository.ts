import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../domain/kernel/errors';
import type { Message } from '../../domain/kernel/outbox-message';
import type { PaymentReminder } from '../../domain/receivables/payment-reminders';
import type { Receivable } from '../../domain/receivables/receivables';
import type { PaymentReminderRepository } from '../../ports/payment-reminders';
import type { Page, PageRequest } from '../../ports/repositories';
import { indexPage } from './index-page';
import { messageItem } from './items';
import { ENTITY, keys, REMINDERS_TO_PRINT_PARTITION } from './keys';
import { putReceivable } from './receivable-repository';
import { TABLE_DEFINITION } from './table-definition';
import { transactWrite } from './transactions';

const [, , PRINT_INDEX] = TABLE_DEFINITION.globalSecondaryIndexes;
const STORAGE = ['pk', 'sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity'] as const;

/** The whole item, for every write: the print list's sparse keys follow the delivery and printedAt. */
export const paymentReminderItem = (r: PaymentReminder) => ({
  ...keys.paymentReminder(r.documentNumber, r.sequence),
  ...keys.remindersToPrint(r),
  ...keys.due('bookkeeping', r.retainUntil),
  entity: ENTITY.paymentReminder,
  ...r,
});

export function paymentReminderFromItem(item: Record<string, unknown>): PaymentReminder {
  const copy = { ...item };
  for (const name of STORAGE) delete copy[name];
  return copy as PaymentReminder;
}

/** Payment reminders: in the invoice's partition (REMINDER#<sequence>), and the print list on gsi3. */
export class DynamoPaymentReminderRepository implements PaymentReminderRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(before: Receivable, after: Receivable, reminder: PaymentReminder, message: Message | undefined): Promise<{ duplicate: boolean }> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        // The occasion's key: a second run of the job, or a second click, finds it and writes nothing.
        { Put: { TableName: this.tableName, Item: paymentReminderItem(reminder), ConditionExpression: 'attribute_not_exists(pk)' } },
        // The fee and the tally at the version the reminder was decided from: a payment meanwhile refuses it.
        putReceivable(this.tableName, before, after),
        ...(message ? [{ Put: { TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
      ],
    });
    if (!failed) return { duplicate: false };
    if (failed.index === 0 || failed.index === 2) return { duplicate: true };
    throw new ConflictError(`Invoice ${before.documentNumber} changed while its reminder was being written; try again`);
  }

  async get(documentNumber: number, sequence: number): Promise<PaymentReminder | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.paymentReminder(documentNumber, sequence), ConsistentRead: true }));
    return Item ? paymentReminderFromItem(Item) : undefined;
  }

  async listForInvoice(documentNumber: number): Promise<PaymentReminder[]> {
    // A handful per invoice at most (the configured intervals, and staff's own): one page.
    const { pk } = keys.paymentReminder(documentNumber, 0);
    const { Items = [] } = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': 'REMINDER#' }, ConsistentRead: true }),
    );
    return Items.map(paymentReminderFromItem);
  }

  listToPrint(page: PageRequest): Promise<Page<PaymentReminder>> {
    return indexPage(PRINT_INDEX, this.doc, this.tableName, REMINDERS_TO_PRINT_PARTITION, page, paymentReminderFromItem);
  }

  async markPrinted(documentNumber: number, sequence: number, at: string, posting: { payBy: string; receivable?: { before: Receivable; after: Receivable } }): Promise<PaymentReminder | undefined> {
    // Leaves the print list (its sparse keys removed), its deadline from the posting day; only a reminder for the post not yet printed.
    const update = {
      TableName: this.tableName,
      Key: keys.paymentReminder(documentNumber, sequence),
      UpdateExpression: 'SET printedAt = :at, payBy = :payBy REMOVE gsi3pk, gsi3sk',
      ConditionExpression: 'attribute_exists(pk) AND delivery = :print AND attribute_not_exists(printedAt)',
      ExpressionAttributeValues: { ':at': at, ':payBy': posting.payBy, ':print': 'print' },
    };
    if (posting.receivable) {
      // With the receivable's tally at the version read: a payment meanwhile refuses both, and the caller decides again.
      const failed = await transactWrite(this.doc, { TransactItems: [{ Update: update }, putReceivable(this.tableName, posting.receivable.before, posting.receivable.after)] });
      if (failed?.index === 0) return undefined;
      if (failed) throw new ConflictError(`Invoice ${documentNumber} changed while its reminder was being marked posted; try again`);
      return this.get(documentNumber, sequence);
    }
    try {
      const { Attributes } = await this.doc.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return Attributes ? paymentReminderFromItem(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
