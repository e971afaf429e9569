import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '../../domain/kernel/errors';
import type { ExpressOption, PriceListItem } from '../../domain/orders/price-list';
import type { PriceListRepository } from '../../ports/price-list';
import { conditionHeld } from './conditional-write';
import { expressOptionFromItem, expressOptionItem, priceListItemFromItem, priceListItemItem } from './items';
import { ENTITY, keys, PRICE_LIST_PARTITION } from './keys';
import { transactWrite } from './transactions';

/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;
const MAX_UNPROCESSED_RETRIES = 5;
/** TransactWriteItems takes at most 100 actions. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * The price list in the single table: one item per price-list item and one for the express
 * option, all in the PRICELIST partition (ACCESS-PATTERNS.md, patterns 26–31). Reads are strongly
 * consistent, so an item a clerk just added or changed is what the next screen shows.
 */
export class DynamoPriceListRepository implements PriceListRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Pattern 30: an atomic counter that stops at `max`; the condition refuses the draw rather than a later write. */
  async nextItemNumber(max: number, count = 1): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('count must be a whole number, 1 or more');
    if (count > max) throw listFull(max);
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.counter('priceListItem'),
          UpdateExpression: 'SET entity = :entity, #value = if_not_exists(#value, :zero) + :count',
          ConditionExpression: 'attribute_not_exists(#value) OR #value <= :room',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':entity': ENTITY.counter, ':zero': 0, ':count': count, ':room': max - count },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.value) - count + 1;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw listFull(max);
      throw error;
    }
  }

  async create(item: PriceListItem): Promise<void> {
    const stored = await conditionHeld(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: priceListItemItem(item), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    // The counter only moves forward, so this means the counter was reset under a list that outlived it.
    if (!stored) throw new ConflictError(`Price-list item ${item.itemId} exists already`, { itemId: item.itemId });
  }

  /** One transaction (at most 100 writes), so a list is loaded whole or not at all, in one round trip. */
  async createMany(items: readonly PriceListItem[]): Promise<void> {
    if (items.length === 0) return;
    if (items.length > MAX_TRANSACTION_ITEMS) throw new RangeError(`At most ${MAX_TRANSACTION_ITEMS} items at once`);
    const failed = await transactWrite(this.doc, {
      TransactItems: items.map((item) => ({ Put: { TableName: this.tableName, Item: priceListItemItem(item), ConditionExpression: 'attribute_not_exists(pk)' } })),
    });
    if (failed) {
      const itemId = items[failed.index]?.itemId;
      throw new ConflictError(`Price-list item ${itemId} exists already`, { itemId });
    }
  }

  async get(itemId: string): Promise<PriceListItem | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.priceListItem(itemId), ConsistentRead: true }));
    return Item ? priceListItemFromItem(Item) : undefined;
  }

  /** Pattern 27 on its own: the items by key, 100 a call, sending again what DynamoDB left unprocessed. */
  async getMany(itemIds: readonly string[]): Promise<PriceListItem[]> {
    const unique = [...new Set(itemIds)];
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, string>[] = unique.slice(i, i + BATCH_GET_LIMIT).map((id) => keys.priceListItem(id));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        items.push(...(result.Responses?.[this.tableName] ?? []));
        pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, string>[];
        // Unprocessed keys come back under throttling; backing off gives the partition a moment.
        if (pending.length && attempt >= MAX_UNPROCESSED_RETRIES) throw new Error('DynamoDB left keys unprocessed');
        if (pending.length) await new Promise((done) => setTimeout(done, 20 * 2 ** attempt));
      }
    }
    return items.map(priceListItemFromItem);
  }

  /**
   * Pattern 26: one Query over the partition returns the items and the express option. The list
   * is bounded (PRICE_LIST_LIMITS.maxItems) far below a 1 MB page, so this is one round trip; the
   * loop only guards against a list that somehow outgrew it.
   */
  async list(): Promise<{ items: PriceListItem[]; express?: ExpressOption }> {
    const stored: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PRICE_LIST_PARTITION },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      stored.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const express = stored.find((item) => item.entity === ENTITY.expressOption);
    return {
      items: stored.filter((item) => item.entity === ENTITY.priceListItem).map(priceListItemFromItem),
      ...(express ? { express: expressOptionFromItem(express) } : {}),
    };
  }

  /** Pattern 28: a Put conditional on the version read; anything else there (or nothing) is a 412. */
  async replace(before: PriceListItem, after: PriceListItem): Promise<void> {
    const replaced = await conditionHeld(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: priceListItemItem(after),
          ConditionExpression: 'attribute_exists(pk) AND version = :version',
          ExpressionAttributeValues: { ':version': before.version },
        }),
      ),
    );
    if (!replaced) throw new PreconditionFailedError(`Price-list item ${before.itemId} was changed by someone else; read it again`);
  }

  async getExpress(): Promise<ExpressOption | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.expressOption(), ConsistentRead: true }));
    return Item ? expressOptionFromItem(Item) : undefined;
  }

  /** Pattern 29: one conditional Put, on absence for version 0 and on the version read after that. */
  async putExpress(option: ExpressOption, expectedVersion: number): Promise<void> {
    const first = expectedVersion === 0;
    const stored = await conditionHeld(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: expressOptionItem(option),
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :version',
          ...(first ? {} : { ExpressionAttributeValues: { ':version': expectedVersion } }),
        }),
      ),
    );
    if (!stored) throw new PreconditionFailedError(`The express option is not at version ${expectedVersion}; read it again`);
  }
}

function listFull(max: number): ConflictError {
  return new ConflictError(`The price list has handed out its ${max} item numbers; retired items keep theirs`, { maxItems: max });
}
