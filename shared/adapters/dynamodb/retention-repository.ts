import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expiryAnchor, type RetentionRule } from '../../domain/retention/retention';
import type { DueItem, RetentionRepository, SweepReport, SweepState } from '../../ports/retention';
import { decodeCursor, encodeCursor } from './cursor';
import { conditionHeld } from './conditional-write';
import { dueBucket, ENTITY, keys } from './keys';

type Key = { pk: string; sk: string };

/** How long run reports are kept: a year and a month, so last year's runs can always be shown. */
const REPORT_RETENTION_DAYS = 400;

/** The retention sweep's reads of the due-date index (gsi2), its conditional deletes, and its state. */
export class DynamoRetentionRepository implements RetentionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async dueItems(rule: RetentionRule, year: number, upTo: string, page: { limit: number; cursor?: string; fromAnchor?: string }) {
    const bucket = dueBucket(rule, year);
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: page.fromAnchor ? 'gsi2pk = :bucket AND gsi2sk BETWEEN :from AND :upTo' : 'gsi2pk = :bucket AND gsi2sk <= :upTo',
        ExpressionAttributeValues: { ':bucket': bucket, ':upTo': upTo, ...(page.fromAnchor ? { ':from': page.fromAnchor } : {}) },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { attributes: ['pk', 'sk', 'gsi2pk', 'gsi2sk'], fixed: { gsi2pk: bucket } }),
      }),
    );
    const items: DueItem[] = (result.Items ?? []).map((item) => {
      const ref: Key = { pk: item.pk as string, sk: item.sk as string };
      const entity = item.entity as string;
      return {
        rule,
        entity,
        anchor: item.gsi2sk as string,
        ref,
        ...(entity === ENTITY.customer ? { customerId: ref.pk.slice('CUSTOMER#'.length) } : {}),
      };
    });
    const last = result.LastEvaluatedKey;
    return { items, ...(last ? { next: { cursor: encodeCursor(last) as string, anchor: last.gsi2sk as string } } : {}) };
  }

  deleteIfExpired(item: DueItem, nowEpochSeconds: number) {
    return this.conditionalDelete(item, 'expiresAt <= :now', { ':now': nowEpochSeconds });
  }

  deleteIfRetentionEnded(item: DueItem, today: string) {
    return this.conditionalDelete(item, 'retainUntil < :today', { ':today': today });
  }

  private async conditionalDelete(item: DueItem, condition: string, values: Record<string, unknown>): Promise<'deleted' | 'not_due' | 'gone'> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: item.ref as Key,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'deleted';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item ? 'not_due' : 'gone';
    }
  }

  async readState(): Promise<SweepState | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.sweepState(), ConsistentRead: true }));
    if (!Item) return undefined;
    return { fromYears: Item.fromYears as SweepState['fromYears'], ...(Item.run ? { run: Item.run as SweepState['run'] } : {}) };
  }

  async saveState(state: SweepState, lease: { holder: string; now: Date; leaseMs: number }): Promise<boolean> {
    return conditionHeld(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.sweepState(),
            entity: ENTITY.sweepState,
            fromYears: state.fromYears,
            ...(state.run ? { run: state.run } : {}),
            leaseHolder: lease.holder,
            leaseUntil: new Date(lease.now.getTime() + lease.leaseMs).toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR leaseHolder = :holder OR leaseUntil <= :now',
          ExpressionAttributeValues: { ':holder': lease.holder, ':now': lease.now.toISOString() },
        }),
      ),
    );
  }

  async recordReport(report: SweepReport, at: Date): Promise<void> {
    const expiresAt = Math.floor(at.getTime() / 1000) + REPORT_RETENTION_DAYS * 86_400;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.sweepReport(report.invokedAt, report.runId), ...keys.due('expiry', expiryAnchor(expiresAt)), entity: ENTITY.sweepReport, ...report, expiresAt },
      }),
    );
  }
}
