import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../../domain/errors';
import {
  FIRST_TICKET_NUMBER,
  illegalTransition,
  ORDER_TRANSITIONS,
  STATUS_TIMESTAMP,
  type Order,
  type OrderAction,
  type OrderStatus,
} from '../../domain/orders';
import type { OrderRepository, OrderStatusChange, PageRequest } from '../../ports/repositories';
import { decodeCursor, encodeCursor } from './cursor';
import { orderFromItem, orderItem } from './items';
import { ENTITY, keys } from './keys';
import { transactWrite } from './transactions';

export class DynamoOrderRepository implements OrderRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async nextTicketNumber(): Promise<string> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter('ticket'),
        UpdateExpression: 'SET entity = :entity, #value = if_not_exists(#value, :start) + :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':entity': ENTITY.counter, ':start': FIRST_TICKET_NUMBER - 1, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return String(Attributes?.value);
  }

  async create(order: Order): Promise<void> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        {
          // The customer must exist; taking in an order is the activity the retention clock counts from.
          Update: {
            TableName: this.tableName,
            Key: keys.customer(order.customerId),
            UpdateExpression: 'SET lastActivityAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': order.createdAt },
          },
        },
        { Put: { TableName: this.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.orderRef(order.orderId), entity: ENTITY.orderRef, orderId: order.orderId, customerId: order.customerId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    if (failed?.index === 0) throw new NotFoundError(`Customer ${order.customerId} does not exist`);
    // The ticket counter only moves forward, so a taken ticket means the counter was reset: a bug, not a client error.
    if (failed) throw new Error('Ticket number already in use');
  }

  async get(orderId: string): Promise<Order | undefined> {
    const customerId = await this.customerIdOf(orderId);
    if (!customerId) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.order(customerId, orderId), ConsistentRead: true }),
    );
    return Item ? orderFromItem(Item) : undefined;
  }

  /** Access pattern 7: the state machine is the write's condition, so two clerks cannot both win. */
  async transition(orderId: string, action: OrderAction, change: OrderStatusChange): Promise<Order> {
    const customerId = await this.customerIdOf(orderId);
    if (!customerId) throw new NotFoundError(`Order ${orderId} does not exist`);
    const { from, to } = ORDER_TRANSITIONS[action];
    const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
    const statusIndex = keys.ordersByStatus(to, change.at, orderId);
    const sets = ['#status = :to', 'statusChangedAt = :at', 'updatedAt = :at', '#stamp = :at', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk'];
    if (change.payment) sets.push('payment = :payment');
    const versionGuard = change.expectedVersion === undefined ? '' : ' AND version = :expected';
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(customerId, orderId),
          UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
          ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})${versionGuard}`,
          ExpressionAttributeNames: { '#status': 'status', '#stamp': STATUS_TIMESTAMP[to] },
          ExpressionAttributeValues: {
            ...fromValues,
            ':to': to,
            ':at': change.at,
            ':gsi1pk': statusIndex.gsi1pk,
            ':gsi1sk': statusIndex.gsi1sk,
            ':one': 1,
            ...(change.payment ? { ':payment': change.payment } : {}),
            ...(change.expectedVersion === undefined ? {} : { ':expected': change.expectedVersion }),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return orderFromItem(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError(`Order ${orderId} does not exist`);
      const current = orderFromItem(unmarshall(error.Item));
      if (!(from as readonly OrderStatus[]).includes(current.status)) throw illegalTransition(orderId, current.status, action);
      throw new PreconditionFailedError(`Order ${orderId} is at version ${current.version}, not ${change.expectedVersion}`);
    }
  }

  async listByStatus(status: OrderStatus, page: PageRequest) {
    const partition = keys.ordersByStatus(status, '', '').gsi1pk;
    const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], fixed: { gsi1pk: partition } });
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(orderFromItem), ...(nextCursor ? { nextCursor } : {}) };
  }

  private async customerIdOf(orderId: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.orderRef(orderId), ConsistentRead: true }),
    );
    return Item?.customerId as string | undefined;
  }
}
