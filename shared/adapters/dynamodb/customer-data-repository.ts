import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { CustomerData } from '../../domain/rights/customer-export';
import type { Message } from '../../domain/kernel/outbox-message';
import { invoiceNumbersOf, type Order } from '../../domain/orders/orders';
import type { PrivacyRequest } from '../../domain/rights/privacy-requests';
import type { SalesDocument } from '../../domain/invoices/sales-documents';
import type { CollectiveClaim } from '../../domain/invoices/account-items';
import type { CustomerDataRepository, Page, PageRequest } from '../../ports/repositories';
import { indexPage } from './index-page';
import { TABLE_DEFINITION } from './table-definition';
import { accountItemFromItem, customerFromItem, messageFromItem, messageItem, orderFromItem, orderItem, paymentFromItem, receivableFromItem, salesDocumentFromItem, salesDocumentItem, withoutStorageAttributes } from './items';
import { OPEN_RECEIVABLE_STATUSES } from '../../domain/receivables/receivables';
import type { ClaimHold, ClaimHoldState } from '../../domain/rights/claim-hold';
import { paymentReminderFromItem } from './payment-reminder-repository';
import { transactWrite } from './transactions';
import { conditionHeld } from './conditional-write';
import { CLAIM_HOLDS_PARTITION, ENTITY, keys } from './keys';

const CLAIM_HOLDS_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[2];
import { deleteItems, type ItemKey as Key } from './batch-delete';


/**
 * Reads and erases everything about one customer. Reads: one Query of the customer's partition,
 * then the documents and requests it points to by key. Erasure deletes by key, in an order that
 * can be interrupted and run again at any point (the profile, which leads to the rest, goes last).
 */
export class DynamoCustomerDataRepository implements CustomerDataRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async partition(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** BatchGet takes 100 keys: a long history is read in batches side by side, not one after another. */
  private async getMany(keyList: Key[]): Promise<Record<string, unknown>[]> {
    const chunks = Array.from({ length: Math.ceil(keyList.length / 100) }, (_, i) => keyList.slice(i * 100, i * 100 + 100));
    const batches = await Promise.all(
      chunks.map(async (chunk) => {
        const items: Record<string, unknown>[] = [];
        let pending: Key[] = chunk;
        for (let attempt = 0; pending.length; attempt++) {
          // Keys left unprocessed mean the table is busy: wait a little longer each time, as AWS advises.
          if (attempt > 0) await new Promise((done) => setTimeout(done, 20 * 2 ** Math.min(attempt, 6)));
          const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
          items.push(...(result.Responses?.[this.tableName] ?? []));
          pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
        }
        return items;
      }),
    );
    return batches.flat();
  }

  async readAll(customerId: string): Promise<CustomerData | undefined> {
    const items = await this.partition(keys.customer(customerId).pk);
    const profile = items.find((i) => i.entity === ENTITY.customer);
    if (!profile) return undefined;
    const orders = items.filter((i) => i.entity === ENTITY.order).map(orderFromItem);
    // A collective invoice is on no order: its period's claim, in the partition, names it.
    const invoiceNumbers = [...orders.flatMap(invoiceNumbersOf), ...items.filter((i) => i.entity === ENTITY.collectiveClaim).map((c) => c.documentNumber as number)];
    const requestIds = items.filter((i) => i.entity === ENTITY.requestRef).map((i) => i.requestId as string);
    // One batch for everything the partition names: the invoices, the claims that say which were
    // credited, the requests. Credit notes are known only from the claims: a second batch, if any.
    const named = await this.getMany([...invoiceNumbers.flatMap((n) => [keys.salesDocument(n), keys.creditClaim(n), keys.receivable(n)]), ...requestIds.map((id) => keys.privacyRequest(id))]);
    // An invoice credited in parts has several credit notes; a claim from before partial credits names its one.
    const creditNumbers = named.filter((i) => i.entity === ENTITY.creditClaim).flatMap((c) => (Array.isArray(c.creditNotes) ? (c.creditNotes as number[]) : [c.creditedBy as number]));
    const creditNotes = await this.getMany(creditNumbers.map((n) => keys.salesDocument(n)));
    const documents = [...named.filter((i) => i.entity === ENTITY.salesDocument), ...creditNotes]
      .map(salesDocumentFromItem)
      .filter((d) => d.customerId === customerId)
      .sort((a, b) => a.documentNumber - b.documentNumber);
    const requests = named
      .filter((i) => i.entity === ENTITY.privacyRequest)
      .map(({ pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, entity: _e, ...rest }) => rest as PrivacyRequest);
    const receivables = named
      .filter((i) => i.entity === ENTITY.receivable && i.customerId === customerId)
      .map(receivableFromItem)
      .sort((a, b) => a.documentNumber - b.documentNumber);
    // Payments and reminders sit in the invoice's partition: a Query of each invoice that has any
    // (its receivable says so), side by side; an invoice neither paid nor reminded costs nothing.
    const postings = (await Promise.all(receivables.filter((r) => r.paidOre > 0 || (r.reminders?.count ?? 0) > 0).map((r) => this.partition(keys.receivable(r.documentNumber).pk)))).flat();
    return {
      customer: customerFromItem(profile),
      orders,
      messages: items.filter((i) => i.entity === ENTITY.message).map(messageFromItem),
      documents,
      receivables,
      payments: postings.filter((i) => i.entity === ENTITY.payment).map(paymentFromItem),
      reminders: postings.filter((i) => i.entity === ENTITY.paymentReminder).map(paymentReminderFromItem),
      requests,
      // The pickups on account and the collective-invoice claims sit in the partition read above: no further read.
      accountItems: items.filter((i) => i.entity === ENTITY.accountItem).map(accountItemFromItem),
      collectiveClaims: items.filter((i) => i.entity === ENTITY.collectiveClaim).map((i) => withoutStorageAttributes<CollectiveClaim>(i)),
    };
  }

  async placeClaimHold(hold: ClaimHold): Promise<void> {
    // A failed condition: placed on an earlier run (the first one's invoices and time stay).
    await conditionHeld(this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.claimHold(hold.holder), ...keys.claimHoldsIndex(hold), entity: ENTITY.claimHold, ...hold }, ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  async claimHold(holder: string): Promise<ClaimHoldState | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.claimHold(holder), ConsistentRead: true }));
    if (!Item) return undefined;
    const hold = withoutStorageAttributes<ClaimHold>(Item);
    const receivables = (await this.getMany(hold.invoices.map((n) => keys.receivable(n)))).map(receivableFromItem);
    const open = new Set<string>(OPEN_RECEIVABLE_STATUSES);
    return { ...hold, openInvoices: receivables.filter((r) => open.has(r.status)).map((r) => r.documentNumber).sort((a, b) => a - b) };
  }

  async listClaimHolds(page: PageRequest): Promise<Page<ClaimHold>> {
    return indexPage(CLAIM_HOLDS_INDEX, this.doc, this.tableName, CLAIM_HOLDS_PARTITION, page, (item) => withoutStorageAttributes<ClaimHold>(item));
  }

  async releaseClaimHold(hold: ClaimHold, confirmation?: Message): Promise<'released' | 'still_owed' | 'gone'> {
    // A transaction takes 100 items: the hold, the message and 98 receivables. More open invoices
    // than that were read as closed by claimHold just before; those beyond are not re-checked here.
    const checked = hold.invoices.slice(0, 98);
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        { Delete: { TableName: this.tableName, Key: keys.claimHold(hold.holder), ConditionExpression: 'attribute_exists(pk)' } },
        // A payment reversed (or a credit note undone) between the read and now keeps the hold.
        ...checked.map((n) => ({
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.receivable(n),
            ConditionExpression: 'NOT (#status IN (:open, :partly))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': OPEN_RECEIVABLE_STATUSES[0], ':partly': OPEN_RECEIVABLE_STATUSES[1] },
          },
        })),
        ...(confirmation ? [{ Put: { TableName: this.tableName, Item: messageItem(confirmation), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
      ],
    });
    if (!failed) return 'released';
    if (failed.index >= 1 && failed.index <= checked.length) return 'still_owed';
    if (failed.index === 0) return 'gone'; // another release came first
    // The confirmation is queued already (an earlier release, and the hold put back since by a run
    // that read it before): the hold must still go, or the name and number it keeps would stay.
    return confirmation ? this.releaseClaimHold(hold) : 'gone';
  }

  async keepDocuments(customerId: string, kept: SalesDocument[]): Promise<void> {
    for (const document of kept) {
      // The whole item is written, so what the kept form leaves out is gone. A failed condition:
      // kept on an earlier run (or not the customer's, or no such document: nothing is created).
      await conditionHeld(this.doc.send(new PutCommand({ TableName: this.tableName, Item: salesDocumentItem(document), ConditionExpression: 'customerId = :customerId', ExpressionAttributeValues: { ':customerId': customerId } })));
      // The invoice's receivable goes under the same pseudonym and out of the index by customer
      // (the inventory's declarations); absent for a credit note, or already moved on a rerun.
      if (document.kind === 'invoice') {
        await conditionHeld(
          this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.receivable(document.documentNumber),
              // A new version, so a posting decided on the receivable as read before this (a
              // payment, a reminder) fails its version condition and is judged again on the
              // pseudonym, rather than writing the customer's real id back for five years.
              UpdateExpression: 'SET customerId = :pseudonym, version = version + :one REMOVE gsi1pk, gsi1sk',
              ConditionExpression: 'customerId = :customerId',
              ExpressionAttributeValues: { ':customerId': customerId, ':pseudonym': document.customerId, ':one': 1 },
            }),
          ),
        );
      }
    }
  }

  async queueMessage(message: Message): Promise<void> {
    // A failed condition: queued on an earlier run.
    await conditionHeld(this.doc.send(new PutCommand({ TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  async beginErasure(customerId: string, at: string, onlyIfInactiveSince?: string, run?: { name: string; staleBefore: string }): Promise<'started' | 'gone' | 'active' | 'busy'> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.customer(customerId),
          // A run's hold is stamped afresh on each of its tries, so only a run that stopped trying goes stale.
          UpdateExpression: run ? 'SET erasingSince = :at, erasingBy = :run' : 'SET erasingSince = if_not_exists(erasingSince, :at)',
          // An erasure already under way goes on; otherwise the inactivity sweep acts only on a
          // customer still inactive now (the index it read from may be a moment behind). A run
          // goes on only with no other live run's hold: two runs at once would each delete part
          // and each report its part as the whole.
          ConditionExpression: [
            'attribute_exists(pk)',
            ...(onlyIfInactiveSince ? ['(attribute_exists(erasingSince) OR lastActivityAt <= :inactiveSince)'] : []),
            ...(run ? ['(attribute_not_exists(erasingBy) OR erasingBy = :run OR erasingSince < :stale)'] : []),
          ].join(' AND '),
          ExpressionAttributeValues: {
            ':at': at,
            ...(onlyIfInactiveSince ? { ':inactiveSince': onlyIfInactiveSince } : {}),
            ...(run ? { ':run': run.name, ':stale': run.staleBefore } : {}),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'started';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) return 'gone';
      return run && error.Item.erasingBy?.S !== undefined && error.Item.erasingBy.S !== run.name ? 'busy' : 'active';
    }
  }

  async releaseErasureHold(customerId: string, run: string): Promise<void> {
    // A failed condition: the profile is gone, or another run holds it now; either way nothing to release.
    await conditionHeld(
      this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: keys.customer(customerId), UpdateExpression: 'REMOVE erasingBy', ConditionExpression: 'erasingBy = :run', ExpressionAttributeValues: { ':run': run } })),
    );
  }

  async abortErasure(customerId: string): Promise<void> {
    await conditionHeld(this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: keys.customer(customerId), UpdateExpression: 'REMOVE erasingSince, erasingBy', ConditionExpression: 'attribute_exists(pk)' })));
  }

  async archiveSales(sales: Order[]): Promise<void> {
    // Same keys each run: idempotent.
    for (const sale of sales) await this.doc.send(new PutCommand({ TableName: this.tableName, Item: orderItem(sale) }));
  }

  async deleteCustomerRecords(customerId: string, mobile: string | undefined, organisationNumber?: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    // A landline, or no number, has no partition of its own: nothing was ever claimed or sent there.
    const phoneItems = mobile ? await this.partition(keys.phoneClaim(mobile).pk) : [];
    // A rerun must never touch the number once someone else holds it: only this customer's claim and
    // codes go (the hourly counters go with a claim that is still theirs).
    const claim = phoneItems.find((i) => i.entity === ENTITY.phoneClaim);
    const stillTheirs = !claim || claim.customerId === customerId;
    const phoneKeys = phoneItems
      .filter((i) => (i.entity === ENTITY.signInRate ? stillTheirs && claim !== undefined : i.customerId === customerId))
      .map(keyOf);
    // A business's number is free again once its customer is gone, as a mobile is; never someone else's claim.
    const organisationKeys = organisationNumber
      ? (await this.partition(keys.organisationClaim(organisationNumber).pk)).filter((i) => i.entity === ENTITY.organisationClaim && i.customerId === customerId).map(keyOf)
      : [];
    const customerItems = (await this.partition(keys.customer(customerId).pk)).filter((i) => i.entity !== ENTITY.customer);
    const orderRefs = customerItems.filter((i) => i.entity === ENTITY.order).map((o) => keys.orderRef(o.orderId as string));
    for (const item of customerItems) counts[String(item.entity)] = (counts[String(item.entity)] ?? 0) + 1;
    counts.phone = phoneKeys.length;
    counts.orderRef = orderRefs.length;
    if (organisationKeys.length) counts.organisationClaim = organisationKeys.length;
    await this.deleteKeys([...phoneKeys, ...organisationKeys, ...orderRefs, ...customerItems.map(keyOf)]);
    return counts;
  }

  async deleteProfile(customerId: string): Promise<void> {
    await this.deleteKeys([keys.customer(customerId)]);
  }

  private deleteKeys(keyList: Key[]): Promise<void> {
    return deleteItems(this.doc, this.tableName, keyList);
  }
}

const keyOf = (item: Record<string, unknown>): Key => ({ pk: item.pk as string, sk: item.sk as string });
