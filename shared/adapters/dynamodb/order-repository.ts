import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/kernel/errors';
import type { Message } from '../../domain/kernel/outbox-message';
import {
  FIRST_TICKET_NUMBER,
  illegalTransition,
  ORDER_TRANSITIONS,
  STATUS_TIMESTAMP,
  type Order,
  type OrderAction,
  type OrderStatus,
  type StatutoryNotice,
} from '../../domain/orders/orders';
import type { MessageFor, OrderMessageChange, OrderRepository, OrderStatusChange, PageRequest } from '../../ports/repositories';
import { queueIndexPage } from './index-page';
import { messageFromItem, messageItem, orderFromItem, orderItem } from './items';
import { ENTITY, keys } from './keys';
import { transactWrite } from './transactions';


export type Update = Required<Pick<UpdateCommandInput, 'Key' | 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>>;

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
    const activity = keys.due('inactivity', order.createdAt);
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        {
          // The customer must exist; taking in an order is the activity the retention clock counts from.
          Update: {
            TableName: this.tableName,
            Key: keys.customer(order.customerId),
            // …and the due-date index follows it. An erasure under way refuses new orders (see beginErasure).
            UpdateExpression: 'SET lastActivityAt = :at, gsi2pk = :duePk, gsi2sk = :dueSk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasingSince)',
            ExpressionAttributeValues: { ':at': order.createdAt, ':duePk': activity.gsi2pk, ':dueSk': activity.gsi2sk },
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
    return customerId ? this.read(customerId, orderId) : undefined;
  }

  /**
   * Access pattern 7: the state machine is the write's condition, so two clerks cannot both win.
   * With an outbox message the write is a transaction, which returns no attributes, so the order
   * is read back afterwards (the one route that needs three round trips).
   */
  async transition(orderId: string, action: OrderAction, change: OrderStatusChange, notify?: MessageFor): Promise<Order> {
    const customerId = await this.requireCustomerIdOf(orderId);
    const { from } = ORDER_TRANSITIONS[action];
    const update = transitionUpdate(customerId, orderId, action, change);
    const diagnose = (item: Record<string, unknown> | undefined) => {
      if (!item) return new NotFoundError(`Order ${orderId} does not exist`);
      const current = orderFromItem(item);
      if (!(from as readonly OrderStatus[]).includes(current.status)) return illegalTransition(orderId, current.status, action);
      return new PreconditionFailedError(`Order ${orderId} is at version ${current.version}, not ${change.expectedVersion}`);
    };

    if (!notify) {
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({ TableName: this.tableName, ...update, ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
        );
        return orderFromItem(Attributes ?? {});
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        throw diagnose(error.Item ? unmarshall(error.Item) : undefined);
      }
    }

    const message = notify({ customerId, orderId });
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        { Update: { TableName: this.tableName, ...update, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { Put: { TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
    if (failed?.index === 0) throw diagnose(failed.item);
    // The status guard admits each move once, so its message cannot exist yet unless the key scheme is broken.
    if (failed) throw new Error(`Outbox message ${message.messageKey} already exists`);
    return (await this.read(customerId, orderId)) as Order;
  }

  async addMessage(orderId: string, change: OrderMessageChange, build: MessageFor): Promise<{ message: Message; duplicate: boolean }> {
    const customerId = await this.requireCustomerIdOf(orderId);
    const message = build({ customerId, orderId });
    const statusValues = Object.fromEntries(change.allowedStatuses.map((status, i) => [`:allowed${i}`, status]));
    const statusCondition = `#status IN (${Object.keys(statusValues).join(', ')})`;
    const sets = [
      ...(change.promisedReadyAt ? ['promisedReadyAt = :promised'] : []),
      ...(change.reminder ? ['reminders = list_append(if_not_exists(reminders, :none), :reminder)'] : []),
    ];
    const orderKey = keys.order(customerId, orderId);
    const orderItemChange = sets.length
      ? {
          Update: {
            TableName: this.tableName,
            Key: orderKey,
            UpdateExpression: `SET ${[...sets, 'updatedAt = :at'].join(', ')} ADD version :one`,
            ConditionExpression: `attribute_exists(pk) AND ${statusCondition}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...statusValues,
              ':at': message.createdAt,
              ':one': 1,
              ...(change.promisedReadyAt ? { ':promised': change.promisedReadyAt } : {}),
              ...(change.reminder ? { ':reminder': [change.reminder], ':none': [] } : {}),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        }
      : {
          ConditionCheck: {
            TableName: this.tableName,
            Key: orderKey,
            ConditionExpression: `attribute_exists(pk) AND ${statusCondition}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: statusValues,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        };
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        orderItemChange,
        {
          Put: {
            TableName: this.tableName,
            Item: messageItem(message),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
    if (!failed) return { message, duplicate: false };
    if (failed.index === 1 && failed.item) return { message: messageFromItem(failed.item), duplicate: true };
    if (!failed.item) throw new NotFoundError(`Order ${orderId} does not exist`);
    const current = orderFromItem(failed.item);
    throw new ConflictError(`Order ${orderId} is ${current.status}; this message is for orders that are ${change.allowedStatuses.join(' or ')}`, {
      orderId,
      currentStatus: current.status,
    });
  }

  async recordNotice(orderId: string, notice: StatutoryNotice, readyBefore: string): Promise<Order> {
    const customerId = await this.requireCustomerIdOf(orderId);
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(customerId, orderId),
          UpdateExpression: 'SET notices = list_append(if_not_exists(notices, :none), :notice), updatedAt = :at ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :ready AND readyAt < :cutoff',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':notice': [notice], ':none': [], ':at': notice.recordedAt, ':one': 1, ':ready': 'ready', ':cutoff': readyBefore },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return orderFromItem(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError(`Order ${orderId} does not exist`);
      const current = orderFromItem(unmarshall(error.Item));
      throw new ConflictError(
        current.status === 'ready'
          ? `Order ${orderId} has not been waiting long enough for the statutory notice`
          : `Order ${orderId} is ${current.status}; a notice to collect concerns ready orders only`,
        { orderId, currentStatus: current.status },
      );
    }
  }

  async listByStatus(status: OrderStatus, page: PageRequest) {
    return queueIndexPage(this.doc, this.tableName, keys.ordersByStatus(status, '', '').gsi1pk, page, orderFromItem);
  }

  async listInStatusBetween(status: OrderStatus, from: string, to: string, page: PageRequest) {
    // gsi1sk is "<time>#<ticket>": the range runs from the first ticket at `from` to just before `to`.
    return queueIndexPage(this.doc, this.tableName, keys.ordersByStatus(status, '', '').gsi1pk, page, orderFromItem, { from, to: `${to}#` });
  }


  async read(customerId: string, orderId: string): Promise<Order | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.order(customerId, orderId), ConsistentRead: true }),
    );
    return Item ? orderFromItem(Item) : undefined;
  }

  private async requireCustomerIdOf(orderId: string): Promise<string> {
    const customerId = await this.customerIdOf(orderId);
    if (!customerId) throw new NotFoundError(`Order ${orderId} does not exist`);
    return customerId;
  }

  async customerIdOf(orderId: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.orderRef(orderId), ConsistentRead: true }),
    );
    return Item?.customerId as string | undefined;
  }
}

/** The status move as an update whose condition is the state machine (and the version, when given). */
export function transitionUpdate(customerId: string, orderId: string, action: OrderAction, change: OrderStatusChange): Update {
  const { from, to } = ORDER_TRANSITIONS[action];
  const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
  const statusIndex = keys.ordersByStatus(to, change.at, orderId);
  const sets = ['#status = :to', 'statusChangedAt = :at', 'updatedAt = :at', '#stamp = :at', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk'];
  if (change.payment) sets.push('payment = :payment');
  const versionGuard = change.expectedVersion === undefined ? '' : ' AND version = :expected';
  return {
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
  };
}
