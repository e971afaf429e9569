import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requestAlreadyOpen, type PrivacyRequest, type RequestStatus, type RequestType } from '../../domain/rights/privacy-requests';
import type { DailyRequestLimit, PageRequest, PrivacyRequestRepository } from '../../ports/repositories';
import { queueIndexPage } from './index-page';
import type { Message } from '../../domain/kernel/outbox-message';
import { messageItem } from './items';
import { NotFoundError, RateLimitedError } from '../../domain/kernel/errors';
import { conditionHeld } from './conditional-write';
import { ENTITY, keys } from './keys';
import { TABLE_DEFINITION } from './table-definition';
import { transactWrite } from './transactions';

/** Older than any API call lives (API Gateway's 29 s, with room): a claim this old and still pending was left by a call that died. */
const STALE_CLAIM_MS = 5 * 60_000;
const QUEUE_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[0].indexName;
const strip = ({ pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest }: Record<string, unknown>) => rest as PrivacyRequest;

export class DynamoPrivacyRequestRepository implements PrivacyRequestRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(request: PrivacyRequest, limit?: DailyRequestLimit): Promise<void> {
    const customerId = request.customerId as string;
    await this.claimOpen(customerId, request);
    let failed: Awaited<ReturnType<typeof transactWrite>>;
    try {
      failed = await this.openingTransaction(request, customerId, limit);
    } catch (error) {
      // Only while still pending: a transaction that committed before its answer was lost (a
      // timeout) has confirmed the claim, and freeing it would let a second request of the type in.
      await this.releasePendingClaim(customerId, request);
      throw error;
    }
    // Refused: the claim goes too, so a refused request leaves nothing behind.
    if (failed) await this.releasePendingClaim(customerId, request);
    if (failed?.index === 0) throw new NotFoundError(`Customer ${request.customerId} does not exist`);
    if (failed?.index === 4 && limit) throw new RateLimitedError(`At most ${limit.max} requests a day; try again tomorrow`, limit.retryAfterSeconds, { maxPerDay: limit.max });
    // The request id is random and new: a taken one would be a bug, not a client error.
    if (failed) throw new Error('Request id already in use');
  }

  /**
   * One open request per customer and type, decided by one conditional write on the marker before
   * the transaction: of 25 opens at once exactly one claims it and the others are refused by that
   * single write, naming the claim, without queueing behind one another's transactions (DynamoDB
   * serialises transactions on an item, and DynamoDB Local does so slowly). The transaction then
   * writes the request and confirms the claim (removes `pending`), on condition it is still this
   * request's. A claim left pending by a call that died between the two is older than any call
   * lives (API Gateway gives up after 29 s), and the next open takes it over.
   */
  private async claimOpen(customerId: string, request: PrivacyRequest): Promise<void> {
    const staleBefore = new Date(Date.parse(request.receivedAt) - STALE_CLAIM_MS).toISOString();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.openRequest(customerId, request.type), entity: ENTITY.openRequest, requestId: request.requestId, claimedAt: request.receivedAt, pending: true },
          ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(pending) AND claimedAt < :staleBefore)',
          ExpressionAttributeValues: { ':staleBefore': staleBefore },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const open = error.Item ? String(unmarshall(error.Item).requestId) : 'unknown';
      throw requestAlreadyOpen(request.type, open);
    }
  }

  private openingTransaction(request: PrivacyRequest, customerId: string, limit: DailyRequestLimit | undefined) {
    return transactWrite(this.doc, {
      TransactItems: [
        {
          // Not for a customer being erased: the link would outlive the erasure in their partition.
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.customer(customerId),
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasingSince)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.privacyRequest(request.requestId), ...keys.requestsByStatus(request.status, request.deadline, request.requestId), entity: ENTITY.privacyRequest, ...request },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.requestRef(customerId, request.requestId), entity: ENTITY.requestRef, requestId: request.requestId },
          },
        },
        {
          // The claim becomes the open request, in the same transaction as the request itself.
          Update: {
            TableName: this.tableName,
            Key: keys.openRequest(customerId, request.type),
            UpdateExpression: 'REMOVE pending',
            ConditionExpression: 'requestId = :requestId',
            ExpressionAttributeValues: { ':requestId': request.requestId },
          },
        },
        ...(limit
          ? [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.requestRate(customerId, limit.day),
                  UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD #count :one',
                  ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':entity': ENTITY.requestRate, ':expires': limit.expiresAt, ':one': 1, ':max': limit.max },
                },
              },
            ]
          : []),
      ],
    });
  }

  async get(requestId: string) {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.privacyRequest(requestId), ConsistentRead: true }));
    return Item ? strip(Item) : undefined;
  }

  async recordOutcome(requestId: string, outcome: NonNullable<PrivacyRequest['outcome']>, at: string): Promise<boolean> {
    // One write, no read first: the status (and so the queue keys) stay as they are.
    return conditionHeld(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.privacyRequest(requestId),
          UpdateExpression: 'SET outcome = :outcome, updatedAt = :at',
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':outcome': outcome, ':at': at, ':inProgress': 'in_progress' },
        }),
      ),
    );
  }

  async extend(request: PrivacyRequest, extended: PrivacyRequest, today: string, notice: Message): Promise<boolean> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.privacyRequest(request.requestId),
            UpdateExpression: 'SET extension = :extension, deadline = :deadline, updatedAt = :at, gsi1sk = :gsi1sk',
            // Once, and only within the first month (art. 12(3)): the original deadline must not have passed.
            ConditionExpression: 'attribute_not_exists(extension) AND deadline >= :today AND #status IN (:received, :inProgress, :failed)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':extension': extended.extension,
              ':deadline': extended.deadline,
              ':at': extended.updatedAt,
              ':gsi1sk': keys.requestsByStatus(request.status, extended.deadline, request.requestId).gsi1sk,
              ':today': today,
              ':received': 'received',
              ':inProgress': 'in_progress',
              ':failed': 'failed',
            },
          },
        },
        { Put: { TableName: this.tableName, Item: messageItem(notice), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
    return !failed;
  }

  async openRequestOf(customerId: string, type: RequestType): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.openRequest(customerId, type), ConsistentRead: true }));
    return Item?.requestId as string | undefined;
  }

  private async releasePendingClaim(customerId: string, request: PrivacyRequest): Promise<void> {
    await conditionHeld(
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.openRequest(customerId, request.type),
          ConditionExpression: 'requestId = :requestId AND attribute_exists(pending)',
          ExpressionAttributeValues: { ':requestId': request.requestId },
        }),
      ),
    );
  }

  async releaseOpen(customerId: string, type: RequestType, requestId: string): Promise<void> {
    // Only this request's marker: a rerun after a newer request was opened must not free that one's.
    await conditionHeld(
      this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: keys.openRequest(customerId, type), ConditionExpression: 'requestId = :requestId', ExpressionAttributeValues: { ':requestId': requestId } }),
      ),
    );
  }

  async moveDeadline(request: PrivacyRequest, deadline: string, at: string): Promise<boolean> {
    return conditionHeld(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.privacyRequest(request.requestId),
          // The queue's sort key carries the deadline, so it moves with it.
          UpdateExpression: 'SET deadline = :deadline, gsi1sk = :gsi1sk, updatedAt = :at',
          ConditionExpression: '#status = :blocked',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':deadline': deadline, ':gsi1sk': keys.requestsByStatus('blocked', deadline, request.requestId).gsi1sk, ':at': at, ':blocked': 'blocked' },
        }),
      ),
    );
  }

  async forgetCustomer(requestId: string): Promise<void> {
    await conditionHeld(this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: keys.privacyRequest(requestId), UpdateExpression: 'REMOVE customerId', ConditionExpression: 'attribute_exists(pk)' })));
  }

  async listDueBefore(status: RequestStatus, date: string): Promise<PrivacyRequest[]> {
    const found: PrivacyRequest[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: QUEUE_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :date',
          ExpressionAttributeValues: { ':pk': keys.requestsByStatus(status, '', '').gsi1pk, ':date': date },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []).map(strip));
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }

  async listByStatus(status: RequestStatus, page: PageRequest) {
    return queueIndexPage(this.doc, this.tableName, keys.requestsByStatus(status, '', '').gsi1pk, page, strip);
  }
}

