import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../domain/customers/customers';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/kernel/errors';
import type { Message } from '../../domain/kernel/outbox-message';
import { tagsLeaving } from '../../domain/orders/garments';
import { applyTransition, illegalTransition, orderOfAnotherCustomer, type Order, type Payment } from '../../domain/orders/orders';
import type { AccountItem } from '../../domain/invoices/account-items';
import type { CounterSale } from '../../domain/invoices/counter-sales';
import { fullyCredited, NOTHING_CREDITED, type CreditTally, type SalesDocument } from '../../domain/invoices/sales-documents';
import type { CollectiveInvoiceIssue, CollectiveInvoiceOutcome, CreditNoteIssue, InvoiceIssue, SalesDocumentRepository, UnfinishedCollectiveClaim } from '../../ports/repositories';
import { collectiveInvoiceSwept } from '../../domain/invoices/collective-invoice';
import { applyCreditNote, receivableFor } from '../../domain/receivables/receivables';
import { accountItemFromItem, counterSaleFromItem, customerFromItem, messageItem, OPEN_COPY, openCopy, orderFromItem, orderItem, receivableFromItem, salesDocumentFromItem, salesDocumentItem } from './items';
import { ACCOUNTS_WAITING_PARTITION, COLLECTIVES_UNFINISHED_PARTITION, ENTITY, keys } from './keys';
import { releaseTags } from './order-repository';
import { openReceivable, putReceivable } from './receivable-repository';
import { TABLE_DEFINITION } from './table-definition';
import { transactWrite } from './transactions';

const DATE_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[0].indexName;
/**
 * Pickups a collective invoice consumes per transaction: DynamoDB takes 100 actions, and the first
 * transaction also holds the series, the account's check and the claim, the last the invoice, its
 * receivable, its e-mail and the claim's completion.
 */
export const ACCOUNT_ITEMS_PER_TRANSACTION = 90;

/**
 * A period's collective-invoice claim (pattern in ACCESS-PATTERNS.md): the number taken and, until
 * the invoice is stored, the invoice as built, which names the pickups it consumes. Completed, it
 * keeps the number only, so a rerun answers with that invoice and no second copy of it is kept.
 */
const collectiveClaimItem = (document: SalesDocument, claimedAt: string, completed: boolean) => ({
  ...keys.collectiveClaim(document.customerId, document.collectivePeriod?.key ?? document.orderId),
  entity: ENTITY.collectiveClaim,
  customerId: document.customerId,
  period: document.collectivePeriod?.key ?? document.orderId,
  documentNumber: document.documentNumber,
  claimedAt,
  ...(completed ? { completedAt: claimedAt } : { document, ...keys.collectivesUnfinished(claimedAt, document.customerId, document.collectivePeriod?.key ?? document.orderId) }),
});

/** The pickups a collective invoice lists, by their account items' sort keys. */
const listedBy = (document: SalesDocument) => new Set((document.collectiveOrders ?? []).map((o) => keys.accountItem(document.customerId, o.orderId, o.n).sk));
/** Concurrent issuers retry on a lost race for the next number; a counter desk never has this many at once. */
const MAX_NUMBER_RACES = 20;

/** Where the document series stands: the last number and its date (absent on series from before dates were kept). */
type SeriesPosition = { value: number; lastIssueDate: string | undefined };

function seriesPosition(item: Record<string, unknown> | undefined): SeriesPosition | undefined {
  if (item?.value === undefined) return undefined;
  return { value: item.value as number, lastIssueDate: item.lastIssueDate as string | undefined };
}

/** The pickup of a whole ready order, as the state machine has it: for callers that name no garments. */
const wholeOrderPickup = (at: string) => (order: Order, payment: Payment): Order => {
  if (order.status !== 'ready') throw illegalTransition(order.orderId, order.status, 'pickup');
  return applyTransition(order, 'pickup', { at, payment });
};

/** The invoice's credit claim (pattern in ACCESS-PATTERNS.md): the tally of its credits, each credit note in it. */
const creditClaimItem = (invoiceNumber: number, tally: CreditTally, retainUntil: string) => ({
  ...keys.creditClaim(invoiceNumber),
  ...keys.due('bookkeeping', retainUntil),
  entity: ENTITY.creditClaim,
  documentNumber: invoiceNumber,
  // The latest credit note, as the claim named its one credit note before credits could be partial.
  creditedBy: tally.creditNotes.at(-1),
  creditNotes: tally.creditNotes,
  creditedOre: tally.grossOre,
  lineCredits: tally.lines,
  ...(tally.requests?.length ? { creditRequests: tally.requests } : {}),
  retainUntil,
});

/** What the claim says is credited; a claim from before partial credits credited the whole invoice. */
function creditTallyOf(claim: Record<string, unknown> | undefined, original: SalesDocument): CreditTally {
  if (!claim) return NOTHING_CREDITED;
  if (!Array.isArray(claim.creditNotes)) return fullyCredited(original, claim.creditedBy as number);
  const requests = claim.creditRequests as CreditTally['requests'];
  return { creditNotes: claim.creditNotes as number[], grossOre: claim.creditedOre as number, lines: (claim.lineCredits ?? []) as CreditTally['lines'], ...(requests ? { requests } : {}) };
}

const versionMismatch = (orderId: string, stored: number, expected: number) => new PreconditionFailedError(`Order ${orderId} is at version ${stored}, not ${expected}`);

type TransactItem = NonNullable<Parameters<typeof transactWrite>[1]['TransactItems']>[number];

export class DynamoSalesDocumentRepository implements SalesDocumentRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async issueInvoice({ customerId, orderId }: { customerId: string; orderId: string }, issue: InvoiceIssue) {
    // One round trip for what the document needs: the order, the buyer and the series' position,
    // with the ticket's pointer to tell an order of another customer from one that does not exist.
    const read = await this.batchGet([keys.order(customerId, orderId), keys.customer(customerId), keys.counter('document'), keys.orderRef(orderId)]);
    const orderRecord = read.find((i) => i.entity === ENTITY.order);
    const customerRecord = read.find((i) => i.entity === ENTITY.customer);
    if (!orderRecord) {
      const ref = read.find((i) => i.entity === ENTITY.orderRef);
      if (!ref) throw new NotFoundError(`Order ${orderId} does not exist`);
      throw orderOfAnotherCustomer(orderId);
    }
    let order = orderFromItem(orderRecord);
    const pickUp = issue.pickUp ?? wholeOrderPickup(issue.at);
    // Judged on the order as read (a refusal throws here, before anything is written); the number is not known yet.
    pickUp(order, { method: 'invoice' });
    if (issue.expectedVersion !== undefined && order.version !== issue.expectedVersion) throw versionMismatch(orderId, order.version, issue.expectedVersion);
    if (!customerRecord) throw new NotFoundError(`Customer ${customerId} does not exist`);
    const customer = customerFromItem(customerRecord) as Customer;
    let series = seriesPosition(read.find((i) => i.entity === ENTITY.counter));

    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      const documentNumber = (series?.value ?? issue.firstNumber - 1) + 1;
      const document = issue.build({ order, customer, documentNumber, seriesDate: series?.lastIssueDate });
      const pickedUp = pickUp(order, { method: 'invoice', documentNumber });
      const copy = openCopy(pickedUp);
      const message = issue.notify?.(document);
      const tags = releaseTags(this.tableName, orderId, tagsLeaving(order.garments, pickedUp.garments));
      const failed = await transactWrite(this.doc, {
        TransactItems: [
          this.advanceSeries(series, documentNumber, issue.firstNumber, document.issueDate),
          { Put: { TableName: this.tableName, Item: salesDocumentItem(document), ConditionExpression: 'attribute_not_exists(pk)' } },
          // Written only at the version the invoice was built from, so the order returned (and its ETag) is the one stored.
          {
            Put: {
              TableName: this.tableName,
              Item: orderItem(pickedUp),
              ConditionExpression: 'attribute_exists(pk) AND version = :base',
              ExpressionAttributeValues: { ':base': order.version },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          // The reprint by ticket (pattern 25) reads the latest invoice's number off the pointer, and the
          // copy follows the order: kept while garments are left in the shop, gone once it is collected.
          // Conditional, so a pointer an erasure has just deleted is not written back holding only the number.
          {
            Update: {
              TableName: this.tableName,
              Key: keys.orderRef(orderId),
              UpdateExpression: copy ? 'SET documentNumber = :number, #order = :copy' : 'SET documentNumber = :number REMOVE #order',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#order': OPEN_COPY },
              ExpressionAttributeValues: { ':number': documentNumber, ...(copy ? { ':copy': copy } : {}) },
            },
          },
          ...this.queue(message),
          ...tags,
          // What the invoice has owing, in the same transaction: no invoice is ever stored without it.
          openReceivable(this.tableName, document),
        ],
      });
      if (!failed) return { order: pickedUp, document };
      if (failed.index === 2) {
        const stored = failed.item ? orderFromItem(failed.item) : undefined;
        if (!stored) throw new NotFoundError(`Order ${orderId} does not exist`);
        pickUp(stored, { method: 'invoice' }); // refused now (collected meanwhile, a garment handed out): throws
        if (issue.expectedVersion !== undefined) throw versionMismatch(orderId, stored.version, issue.expectedVersion);
        order = stored; // a reminder or a notice was added meanwhile: invoice what is stored now
        continue;
      }
      // The pointer went with its customer (an erasure) after the order was read.
      if (failed.index === 3) throw new NotFoundError(`Order ${orderId} does not exist`);
      // A tag claim names another order only if a tag was released without its garment leaving: a bug.
      const firstTag = 4 + (message ? 1 : 0);
      if (failed.index >= firstTag && failed.index < firstTag + tags.length) throw new Error(`A tag claim of order ${orderId} names another order`);
      series = await this.seriesNow(); // another document took this number (or a later date): try the next
    }
    throw new ConflictError('Too many documents are being issued at once; try again');
  }

  async issueCreditNote(
    originalNumber: number,
    issue: CreditNoteIssue,
  ) {
    const read = await this.batchGet([keys.salesDocument(originalNumber), keys.creditClaim(originalNumber), keys.counter('document'), keys.receivable(originalNumber)]);
    const originalItem = read.find((i) => i.entity === ENTITY.salesDocument);
    if (!originalItem) throw new NotFoundError(`Document ${originalNumber} does not exist`);
    const original = salesDocumentFromItem(originalItem);
    if (original.kind !== 'invoice') throw new ConflictError(`Document ${originalNumber} is a credit note; only invoices are credited`);
    let claim = read.find((i) => i.entity === ENTITY.creditClaim);
    let series = seriesPosition(read.find((i) => i.entity === ENTITY.counter));
    const receivableRecord = read.find((i) => i.entity === ENTITY.receivable);
    // An invoice issued before receivables were kept has none: the credit note's transaction creates it.
    let receivable = receivableRecord ? receivableFromItem(receivableRecord) : undefined;

    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      const documentNumber = (series?.value ?? issue.firstNumber - 1) + 1;
      const before = creditTallyOf(claim, original);
      // A retry of a credit already issued: its credit note as stored, no number taken.
      const replayed = issue.replayed?.(before);
      if (replayed !== undefined) return (await this.get(replayed)) as SalesDocument;
      // Refuses here (an over-credit, a full credit of a credited invoice) before anything is written.
      const { creditNote, tally } = issue.build(original, documentNumber, series?.lastIssueDate, before);
      const credited = applyCreditNote(receivable ?? receivableFor(original), creditNote);
      const actions: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        this.advanceSeries(series, documentNumber, issue.firstNumber, creditNote.issueDate),
        { Put: { TableName: this.tableName, Item: salesDocumentItem(creditNote), ConditionExpression: 'attribute_not_exists(pk)' } },
        // The tally moves only from the state it was judged on: each credit adds one credit note, so
        // their count names the state (a claim from before partial credits is a full credit, and
        // nothing more is ever written over it). A concurrent credit makes this fail, and the loop
        // judges this one again on the tally that credit left.
        {
          Put: {
            TableName: this.tableName,
            Item: creditClaimItem(originalNumber, tally, creditNote.retainUntil),
            ConditionExpression: claim ? 'size(creditNotes) = :count' : 'attribute_not_exists(pk)',
            ...(claim ? { ExpressionAttributeValues: { ':count': before.creditNotes.length } } : {}),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        // The balance follows the credit note's gross amount (in full or in part), at the version
        // read: a payment recorded meanwhile makes this fail, and the credit is applied again to it.
        putReceivable(this.tableName, receivable, credited),
        ...this.queue(issue.notify?.(creditNote)),
        // Not while the buyer is being erased: the erasure read the documents once, after marking
        // the profile, and a credit note written now would keep the customer id and the invoice's
        // lines as issued, and its e-mail could outlive the erasure (after it: the profile is gone).
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.customer(original.customerId),
            ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(erasingSince)',
          },
        },
      ];
      const failed = await transactWrite(this.doc, { TransactItems: actions });
      if (!failed) return creditNote;
      if (failed.index === actions.length - 1) {
        throw new ConflictError(`The buyer of invoice ${originalNumber} is being erased; credit it when the erasure is done`);
      }
      if (failed.index === 2) {
        claim = failed.item; // another credit of this invoice won: judge this one on what it left
        continue;
      }
      if (failed.index === 3) {
        receivable = await this.receivableNow(originalNumber);
        continue;
      }
      series = await this.seriesNow();
    }
    throw new ConflictError('Too many documents are being issued at once; try again');
  }

  async get(documentNumber: number): Promise<SalesDocument | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.salesDocument(documentNumber), ConsistentRead: true }));
    return Item ? salesDocumentFromItem(Item) : undefined;
  }

  async listIssuedBetween(fromDate: string, toDate: string): Promise<SalesDocument[]> {
    return (await this.listSalesBetween(fromDate, toDate)).documents;
  }

  /** Pattern 52: the business's partition, its ACCOUNT# items only (strongly consistent: a pickup just made is on it). */
  async listAccountItems(customerId: string): Promise<AccountItem[]> {
    const items: AccountItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :account)',
          ExpressionAttributeValues: { ':pk': keys.customer(customerId).pk, ':account': 'ACCOUNT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []).map(accountItemFromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * Pattern 68. One round trip reads the account, the series and the period's claim (BatchGet)
   * beside the business's waiting pickups and its unfinished claims (two Queries, sent together);
   * then one TransactWrite per ≤ 90 pickups: the first also advances the series and puts the claim
   * (the invoice as built), the last also stores the invoice, its receivable and its e-mail and
   * completes the claim. Up to 90 pickups that is one transaction, so nothing can stop half way. A
   * run that stopped between two (a crash, a lost race) leaves the claim, which the next run finds
   * in its first read and completes: it consumes what is still waiting of the pickups the claim
   * names and stores the claimed invoice, so the number is used once and no pickup twice. Every
   * pickup is deleted only while it exists, so a second run at the same moment fails its condition
   * and starts again from what the first left.
   * A claim of another period left unfinished is completed first, the same way, before this period
   * is built from what is still waiting: otherwise this period's invoice would list the pickups that
   * claim names (billed twice once it is completed), or take them and leave its number for ever
   * unfinished (a gap in the series).
   */
  async issueCollectiveInvoice(issue: CollectiveInvoiceIssue): Promise<CollectiveInvoiceOutcome> {
    const { customerId, period } = issue;
    const claimKey = keys.collectiveClaim(customerId, period.key);
    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      const [read, waiting, unfinished] = await Promise.all([
        this.batchGet([keys.customer(customerId), keys.counter('document'), claimKey]),
        this.listAccountItems(customerId),
        this.unfinishedClaimsOf(customerId),
      ]);
      const customerRecord = read.find((i) => i.entity === ENTITY.customer);
      const claim = read.find((i) => i.entity === ENTITY.collectiveClaim);
      if (!customerRecord && !claim) throw new NotFoundError(`Customer ${customerId} does not exist`);
      if (claim?.completedAt !== undefined) {
        const stored = await this.get(claim.documentNumber as number);
        // Swept after its five years (bokføringsloven § 13): the period was invoiced, and is not again.
        if (!stored) throw collectiveInvoiceSwept(period.key, claim.documentNumber as number);
        return { outcome: 'already_issued', document: stored };
      }
      // Earlier claims left unfinished (a run that stopped and was not retried, or a period issued
      // while another's run was half way), in number order: completed as a rerun of their period would.
      const earlier = unfinished.filter((c) => c.sk !== claimKey.sk).sort((a, b) => (a.documentNumber as number) - (b.documentNumber as number));
      let left = waiting;
      const completedFirst: number[] = [];
      let lost = false;
      for (const other of earlier) {
        const claimed = issue.complete ? issue.complete(other.document as SalesDocument) : (other.document as SalesDocument);
        if (!(await this.consumeAndStore(issue, claimed, left, { series: undefined, claimed: true }))) {
          lost = true;
          break;
        }
        completedFirst.push(claimed.documentNumber);
        left = left.filter((item) => !listedBy(claimed).has(keys.accountItem(customerId, item.orderId, item.n).sk));
      }
      if (lost) continue;
      const first = completedFirst.length ? { completedFirst } : {};
      const series = seriesPosition(read.find((i) => i.entity === ENTITY.counter));
      const document = claim
        ? (issue.complete?.(claim.document as SalesDocument) ?? (claim.document as SalesDocument))
        : issue.build({ customer: customerFromItem(customerRecord as Record<string, unknown>) as Customer, items: left, documentNumber: (series?.value ?? issue.firstNumber - 1) + 1, seriesDate: series?.lastIssueDate });
      if (!document) {
        // The claim and the pickups were read at once, not as one snapshot: another run may have
        // claimed and consumed them in between. Nothing is due only if there is still no claim.
        const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: claimKey, ConsistentRead: true }));
        if (Item) continue;
        return { outcome: 'nothing_due', ...first };
      }
      if (await this.consumeAndStore(issue, document, left, { series, claimed: claim !== undefined })) return { outcome: 'issued', document, ...first };
    }
    throw new ConflictError('Too many documents are being issued at once; try again');
  }

  /**
   * Consumes what is still waiting of the pickups a collective invoice lists, ≤ 90 a transaction,
   * and stores it in the last with its receivable and e-mail, completing its claim; unless
   * `claimed`, the first also advances the series from `series` and puts the claim (unfinished,
   * on the index the job lists, when more than one transaction is needed). False on a lost race
   * (the series moved, another run claimed the period, consumed a pickup or completed the claim):
   * the caller reads again and goes on from what is stored.
   */
  private async consumeAndStore(issue: CollectiveInvoiceIssue, document: SalesDocument, waiting: readonly AccountItem[], { series, claimed }: { series: SeriesPosition | undefined; claimed: boolean }): Promise<boolean> {
    const { customerId } = document;
    const claimKey = keys.collectiveClaim(customerId, document.collectivePeriod?.key ?? document.orderId);
    const listed = listedBy(document);
    // What of the invoice's pickups is still waiting: a run that stopped after a chunk consumed the rest.
    const left = waiting.filter((item) => listed.has(keys.accountItem(customerId, item.orderId, item.n).sk));
    const chunks: AccountItem[][] = [];
    for (let i = 0; i < left.length; i += ACCOUNT_ITEMS_PER_TRANSACTION) chunks.push(left.slice(i, i + ACCOUNT_ITEMS_PER_TRANSACTION));
    if (chunks.length === 0) chunks.push([]);
    for (const [index, chunk] of chunks.entries()) {
      const first = !claimed;
      const last = index === chunks.length - 1;
      const message = last ? issue.notify?.(document) : undefined;
      const actions: TransactItem[] = [
        ...(first
          ? [
              this.advanceSeries(series, document.documentNumber, issue.firstNumber, document.issueDate),
              // Not for an account erased (or being erased) since it was read.
              { ConditionCheck: { TableName: this.tableName, Key: keys.customer(customerId), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasingSince)' } },
              { Put: { TableName: this.tableName, Item: collectiveClaimItem(document, issue.at, last), ConditionExpression: 'attribute_not_exists(pk)' } },
            ]
          : []),
        // Consumed only while waiting: a pickup another run consumed first fails this, and the run starts again.
        ...chunk.map((item): TransactItem => ({ Delete: { TableName: this.tableName, Key: keys.accountItem(customerId, item.orderId, item.n), ConditionExpression: 'attribute_exists(pk)' } })),
        ...(last
          ? [
              { Put: { TableName: this.tableName, Item: salesDocumentItem(document), ConditionExpression: 'attribute_not_exists(pk)' } },
              openReceivable(this.tableName, document),
              ...this.queue(message),
              ...(first
                ? []
                : [
                    {
                      Update: {
                        TableName: this.tableName,
                        Key: claimKey,
                        // Off the job's list of unfinished claims with the invoice it held.
                        UpdateExpression: 'SET completedAt = :at REMOVE #document, gsi1pk, gsi1sk',
                        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
                        ExpressionAttributeNames: { '#document': 'document' },
                        ExpressionAttributeValues: { ':at': issue.at },
                      },
                    },
                  ]),
            ]
          : []),
      ];
      const failed = await transactWrite(this.doc, { TransactItems: actions });
      if (failed) {
        if (first && failed.index === 1) throw new ConflictError(`Customer ${customerId} is being erased; nothing is invoiced`);
        return false;
      }
      claimed = true;
    }
    return true;
  }

  /** A business's claims not completed, any period (its partition, strongly consistent): the ones a run left half way. */
  private async unfinishedClaimsOf(customerId: string): Promise<Record<string, unknown>[]> {
    const claims: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :collective)',
          // A completed claim keeps only its number: one a month, read and left out here.
          FilterExpression: 'attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':pk': keys.customer(customerId).pk, ':collective': 'COLLECTIVE#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      claims.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return claims;
  }

  /** Pattern 71: every claim not yet completed (gsi1, sparse), oldest first: the job completes them, and tells those older than a day. */
  async listUnfinishedCollectiveClaims(): Promise<UnfinishedCollectiveClaim[]> {
    const claims: UnfinishedCollectiveClaim[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: DATE_INDEX,
          KeyConditionExpression: 'gsi1pk = :unfinished',
          ExpressionAttributeValues: { ':unfinished': COLLECTIVES_UNFINISHED_PARTITION },
          ProjectionExpression: 'customerId, period, claimedAt',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) claims.push({ customerId: item.customerId as string, period: item.period as string, claimedAt: item.claimedAt as string });
      start = page.LastEvaluatedKey;
    } while (start);
    return claims;
  }

  /** Pattern 69: the waiting pickups of every business up to a day (gsi1, keys only read), their businesses once each. */
  async listBusinessesWithAccountItems(upTo: string): Promise<string[]> {
    const businesses = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: DATE_INDEX,
          KeyConditionExpression: 'gsi1pk = :waiting AND gsi1sk <= :to',
          ExpressionAttributeValues: { ':waiting': ACCOUNTS_WAITING_PARTITION, ':to': `${upTo}#~` },
          ProjectionExpression: 'customerId',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) businesses.add(item.customerId as string);
      start = page.LastEvaluatedKey;
    } while (start);
    return [...businesses];
  }

  /** Pattern 18: the year's partition of the date index holds the documents and the counter sales, by day. */
  async listSalesBetween(fromDate: string, toDate: string): Promise<{ documents: SalesDocument[]; counterSales: CounterSale[] }> {
    const documents: SalesDocument[] = [];
    const counterSales: CounterSale[] = [];
    for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: DATE_INDEX,
            KeyConditionExpression: 'gsi1pk = :year AND gsi1sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':year': `DOCUMENTS#${year}`, ':from': fromDate, ':to': `${toDate}#~` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          if (item.entity === ENTITY.counterSale) counterSales.push(counterSaleFromItem(item));
          else documents.push(salesDocumentFromItem(item));
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return { documents: documents.sort((a, b) => a.documentNumber - b.documentNumber), counterSales };
  }

  /**
   * The series moves only from the position this issuer read: a concurrent issuer makes it fail
   * and retry from the new position, whose date the next document then takes if it is later
   * (issue.build gets it as seriesDate). The date condition adds nothing while every builder
   * honours seriesDate; it is there so one that does not fails instead of dating backwards.
   */
  private advanceSeries(current: SeriesPosition | undefined, next: number, firstNumber: number, issueDate: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.counter('document'),
        UpdateExpression: 'SET entity = :entity, #value = :next, lastIssueDate = :date',
        ConditionExpression:
          current === undefined ? 'attribute_not_exists(pk) AND :next = :first' : '#value = :current AND (attribute_not_exists(lastIssueDate) OR lastIssueDate <= :date)',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':entity': ENTITY.counter, ':next': next, ':date': issueDate, ...(current === undefined ? { ':first': firstNumber } : { ':current': current.value }) },
      },
    };
  }

  private queue(message: Message | undefined): TransactItem[] {
    return message ? [{ Put: { TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } }] : [];
  }

  private async receivableNow(documentNumber: number) {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.receivable(documentNumber), ConsistentRead: true }));
    return Item ? receivableFromItem(Item) : undefined;
  }

  private async seriesNow(): Promise<SeriesPosition | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.counter('document'), ConsistentRead: true }));
    return seriesPosition(Item);
  }

  private async batchGet(keyList: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending: Record<string, string>[] = keyList;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(result.Responses?.[this.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, string>[];
      if (pending.length && attempt >= 5) throw new Error('DynamoDB left keys unprocessed');
      if (pending.length) await new Promise((done) => setTimeout(done, 20 * 2 ** attempt));
    }
    return items;
  }
}
