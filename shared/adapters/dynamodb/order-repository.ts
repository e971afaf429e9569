import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/kernel/errors';
import type { Message } from '../../domain/kernel/outbox-message';
import { tagInUse, tagsChangedBy, tagsLeaving } from '../../domain/orders/garments';
import {
  applyTransition,
  FIRST_TICKET_NUMBER,
  garmentsBlocking,
  garmentsRefuseMove,
  moveRefusal,
  ORDER_TRANSITIONS,
  tagsLeavingWith,
  transitionChanges,
  type Order,
  type OrderAction,
  type OrderStatus,
  type StatutoryNotice,
} from '../../domain/orders/orders';
import type { IntakeContext, MessageFor, MessageWithMove, OpenOrderChange, OrderMessageChange, OrderRepository, OrderStatusChange, PageRequest, PricesContext } from '../../ports/repositories';
import { getItems } from './batch-get';
import { indexPage, queueIndexPage } from './index-page';
import { accountItemItem, counterSaleItem, customerFromItem, expressOptionFromItem, messageFromItem, messageItem, OPEN_COPY, openCopy, orderFromItem, orderItem, type OrderRef, orderRefFromItem, orderRefItem, priceListItemFromItem, tagClaimItem } from './items';
import { ENTITY, keys, PROMISED_PARTITION } from './keys';
import { TABLE_DEFINITION } from './table-definition';
import { transactWrite } from './transactions';


/**
 * A move from a received order's copy fails its version condition when the copy it read is behind
 * the order: a delay sent between the pointer's read and the move, or a write that bypassed this
 * repository (a repair by hand). The failed condition returns the order as stored, so the next try
 * moves from that; a third is needed only while clerks keep changing the order.
 */
const MAX_COPY_RETRIES = 3;

/** In intake's transaction: the customer, the order and its pointer, then a claim per garment. */
const TAG_CLAIMS_FROM = 3;

/** The promised-date index (table-definition.ts). */
const PROMISED_INDEX = TABLE_DEFINITION.globalSecondaryIndexes[2];

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
        // The pointer, with the copy of the open order that its moves answer from.
        { Put: { TableName: this.tableName, Item: orderRefItem(order), ConditionExpression: 'attribute_not_exists(pk)' } },
        // Each tag claimed for its garment: a tag on a garment in the shop already fails the intake.
        ...order.garments.map((garment) => ({
          Put: { TableName: this.tableName, Item: tagClaimItem(garment.tag, order), ConditionExpression: 'attribute_not_exists(pk)' },
        })),
      ],
    });
    if (failed?.index === 0) throw new NotFoundError(`Customer ${order.customerId} does not exist`);
    if (failed && failed.index >= TAG_CLAIMS_FROM) {
      const index = failed.index - TAG_CLAIMS_FROM;
      throw tagInUse(order.garments[index]?.tag as string, index);
    }
    // The ticket counter only moves forward, so a taken ticket means the counter was reset: a bug, not a client error.
    if (failed) throw new Error('Ticket number already in use');
  }

  /** Pattern: a tag's claim names the order, read in the customer's partition (2 round trips). */
  async findByTag(tag: string): Promise<Order | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.tagClaim(tag), ConsistentRead: true }));
    return Item ? this.read(Item.customerId as string, Item.orderId as string) : undefined;
  }

  async get(orderId: string): Promise<Order | undefined> {
    const customerId = await this.customerIdOf(orderId);
    return customerId ? this.read(customerId, orderId) : undefined;
  }

  /**
   * Access patterns 7 and 9: the state machine is the write's condition, so two clerks cannot both
   * win. While an order is open its ticket's pointer holds a copy of it (see items.ts), so a move
   * reads the pointer and writes one transaction: the order, the copy (kept in step while the
   * order stays open, dropped when it closes), the tag claims of the garments that leave the shop
   * and the outbox message, conditioned on the copy's version, so the order answered with (the copy
   * with the move applied) is the order stored although the transaction returns no attributes. An
   * open order taken in before pointers held copies has none: it is read first, a third trip.
   */
  async transition(orderId: string, action: OrderAction, change: OrderStatusChange, notify?: MessageWithMove): Promise<Order> {
    const ref = await this.requireRef(orderId);
    // The copy may be a step behind the order (see MAX_COPY_RETRIES): the write's conditions judge the move.
    if (ref.open) return this.moveOpen(ref.open, action, change, notify?.(ref.open));
    const stored = await this.read(ref.customerId, orderId);
    const refused = refusal(orderId, action, change, stored);
    if (refused) throw refused;
    return this.moveOpen(stored as Order, action, change, notify?.(stored as Order));
  }

  /**
   * A change of an open order decided by the domain from the order as stored (garments ready one by
   * one, with their rack): the ticket's copy is read, then one transaction puts the changed order
   * and its copy and queues the message, conditioned on the version the change was decided from.
   * A copy a step behind fails that condition and returns the order as stored, which the change is
   * decided from again.
   */
  async changeOpen(orderId: string, expectedVersion: number | undefined, change: (order: Order) => OpenOrderChange): Promise<Order> {
    const ref = await this.requireRef(orderId);
    let base = ref.open ?? (await this.read(ref.customerId, orderId));
    for (let attempt = 0; attempt < MAX_COPY_RETRIES; attempt++) {
      if (!base) throw new NotFoundError(`Order ${orderId} does not exist`);
      // A copy can be behind the order, never ahead: one past the client's version proves the order is too.
      if (expectedVersion !== undefined && base.version !== expectedVersion && (!ref.open || base.version > expectedVersion)) throw versionMismatch(orderId, { at: '', expectedVersion }, base);
      const { order, message, sale, accountItem } = change(base);
      const released = tagsLeaving(base.garments, order.garments);
      const failed = await transactWrite(this.doc, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: orderItem(order),
              ConditionExpression: `attribute_exists(pk) AND version = :base${expectedVersion === undefined ? '' : ' AND version = :expected'}`,
              ExpressionAttributeValues: { ':base': base.version, ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }) },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Update: { TableName: this.tableName, ...copyUpdate(order) } },
          ...(message ? [{ Put: { TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
          // A pickup paid at the counter: its sale for the journal, numbered on the order, so once.
          ...(sale ? [{ Put: { TableName: this.tableName, Item: counterSaleItem(sale), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
          // A pickup on account: its sale waits under the business for the collective invoice, numbered on the order, so once.
          ...(accountItem ? [{ Put: { TableName: this.tableName, Item: accountItemItem(accountItem), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
          ...releaseTags(this.tableName, orderId, released),
        ],
      });
      if (!failed) return order;
      if (failed.index === 1) throw new NotFoundError(`Order ${orderId} does not exist`);
      // The order's own guards (status, the part-ready mark, the pickup's number) admit each message and sale once.
      if (failed.index > 1) throw new Error(`Order ${orderId}: the outbox message, the sale or a tag claim written with it exists already or names another order`);
      const stored = failed.item ? orderFromItem(failed.item) : undefined;
      if (!stored) throw new NotFoundError(`Order ${orderId} does not exist`);
      if (expectedVersion !== undefined && stored.version !== expectedVersion) throw versionMismatch(orderId, { at: '', expectedVersion }, stored);
      base = stored;
    }
    throw new ConflictError(`Order ${orderId} kept changing while it was being changed; try again`);
  }

  /**
   * Pattern 39: an order changed after intake. One BatchGet reads the ticket's pointer (with the
   * copy of the open order), the price-list items the change names and the express option; one
   * transaction puts the order and its copy and claims and frees the tags the change adds and
   * removes, conditioned on the version decided from. The copy can only be behind the order, never
   * ahead, so a copy past the client's version is stale without writing; one behind fails the
   * condition, which returns the order as stored to decide the change from again.
   */
  async revise(orderId: string, expectedVersion: number, priceListItemIds: readonly string[], revise: (order: Order, prices: PricesContext) => Order): Promise<Order> {
    const read = await getItems(this.doc, this.tableName, [keys.orderRef(orderId), keys.expressOption(), ...priceListItemIds.map((id) => keys.priceListItem(id))]);
    const refItem = read.find((i) => i.entity === ENTITY.orderRef);
    if (!refItem) throw new NotFoundError(`Order ${orderId} does not exist`);
    const ref = orderRefFromItem(refItem);
    const express = read.find((i) => i.entity === ENTITY.expressOption);
    const prices: PricesContext = { priceItems: read.filter((i) => i.entity === ENTITY.priceListItem).map(priceListItemFromItem), ...(express ? { express: expressOptionFromItem(express) } : {}) };
    // A closed order has no copy (an open one taken in before pointers held copies neither): read it, a third trip, to refuse it by its status.
    let base = ref.open ?? (await this.read(ref.customerId, orderId));
    for (let attempt = 0; attempt < MAX_COPY_RETRIES; attempt++) {
      if (!base) throw new NotFoundError(`Order ${orderId} does not exist`);
      if (base.version > expectedVersion || (base.version !== expectedVersion && !ref.open)) throw versionMismatch(orderId, { at: '', expectedVersion }, base);
      const revised = revise(base, prices);
      const { claimed, released } = tagsChangedBy(base.garments, revised.garments);
      const failed = await transactWrite(this.doc, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: orderItem(revised),
              ConditionExpression: 'attribute_exists(pk) AND version = :base AND version = :expected',
              ExpressionAttributeValues: { ':base': base.version, ':expected': expectedVersion },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Update: { TableName: this.tableName, ...copyUpdate(revised) } },
          // Each new tag claimed for its garment: a tag on a garment in the shop already fails the change.
          ...claimed.map(({ tag }) => ({ Put: { TableName: this.tableName, Item: tagClaimItem(tag, revised), ConditionExpression: 'attribute_not_exists(pk)' } })),
          ...releaseTags(this.tableName, orderId, released),
        ],
      });
      if (!failed) return revised;
      if (failed.index === 1) throw new NotFoundError(`Order ${orderId} does not exist`);
      const claim = claimed[failed.index - 2];
      if (claim) throw tagInUse(claim.tag, claim.index);
      if (failed.index > 1) throw new Error(`A tag claim of order ${orderId} names another order`);
      const stored = failed.item ? orderFromItem(failed.item) : undefined;
      if (stored && stored.version !== expectedVersion) throw versionMismatch(orderId, { at: '', expectedVersion }, stored);
      base = stored;
    }
    throw new ConflictError(`Order ${orderId} kept changing while it was being changed; try again`);
  }

  /** Pattern 28: the customer, the price-list items the lines name and the express option, in one BatchGet. */
  async intakeContext(customerId: string, priceListItemIds: readonly string[]): Promise<IntakeContext> {
    const read = await getItems(this.doc, this.tableName, [keys.customer(customerId), keys.expressOption(), ...priceListItemIds.map((id) => keys.priceListItem(id))]);
    const customer = read.find((i) => i.entity === ENTITY.customer);
    const express = read.find((i) => i.entity === ENTITY.expressOption);
    return {
      ...(customer ? { customer: customerFromItem(customer) } : {}),
      priceItems: read.filter((i) => i.entity === ENTITY.priceListItem).map(priceListItemFromItem),
      ...(express ? { express: expressOptionFromItem(express) } : {}),
    };
  }

  private async moveOpen(copy: Order, action: OrderAction, change: OrderStatusChange, message: Message | undefined): Promise<Order> {
    const { orderId } = copy;
    let base = copy;
    for (let attempt = 0; attempt < MAX_COPY_RETRIES; attempt++) {
      // The garments' guard is judged here, on the order at the version the write is conditioned on.
      const blocking = garmentsBlocking(action, base);
      if (blocking.length && (ORDER_TRANSITIONS[action].from as readonly OrderStatus[]).includes(base.status)) throw garmentsRefuseMove(base, action, blocking);
      const moved = applyTransition(base, action, change);
      const failed = await transactWrite(this.doc, {
        TransactItems: [
          { Update: { TableName: this.tableName, ...transitionUpdate(base, action, change, base.version), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          // Conditional, so a pointer that is gone (an erasure deletes them) is never written back as a bare key.
          { Update: { TableName: this.tableName, ...copyUpdate(moved) } },
          ...(message ? [{ Put: { TableName: this.tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
          ...releaseTags(this.tableName, orderId, tagsLeavingWith(action, base)),
        ],
      });
      if (!failed) return moved;
      if (failed.index === 1) throw new NotFoundError(`Order ${orderId} does not exist`);
      // As above: the status guard admits the move once, so its message cannot exist yet.
      if (message && failed.index === 2) throw new Error(`Outbox message ${message.messageKey} already exists`);
      // A tag claim names another order only if a tag was released without its garment leaving: a bug.
      if (failed.index > 1) throw new Error(`A tag claim of order ${orderId} names another order`);
      const stored = failed.item ? orderFromItem(failed.item) : undefined;
      const refused = refusal(orderId, action, change, stored);
      if (refused) throw refused;
      // The move is allowed and the client's version (if any) is current: only the copy was behind.
      base = stored as Order;
    }
    throw new ConflictError(`Order ${orderId} kept changing while it was being moved; try again`);
  }

  async addMessage(orderId: string, change: OrderMessageChange, build: MessageFor): Promise<{ message: Message; duplicate: boolean }> {
    const ref = await this.requireRef(orderId);
    const { customerId } = ref;
    const message = build({ customerId, orderId });
    // A new promised date moves the order in the promised-date index, which holds received orders only.
    const promisedIndex = change.promisedReadyAt ? keys.ordersByPromisedDate({ status: 'received', promisedReadyAt: change.promisedReadyAt, orderId }) : undefined;
    if (promisedIndex && change.allowedStatuses.some((status) => status !== 'received')) throw new Error('A promised date changes on received orders only');
    const statusValues = Object.fromEntries(change.allowedStatuses.map((status, i) => [`:allowed${i}`, status]));
    const statusCondition = `#status IN (${Object.keys(statusValues).join(', ')})`;
    /** The same change on the order and on a copy of it (`#order.` before each name). */
    const sets = (path: string) => [
      ...(change.promisedReadyAt ? [`${path}promisedReadyAt = :promised`] : []),
      ...(change.reminder ? [`${path}reminders = list_append(if_not_exists(${path}reminders, :none), :reminder)`] : []),
    ];
    const changeValues = {
      ':at': message.createdAt,
      ':one': 1,
      ...(change.promisedReadyAt ? { ':promised': change.promisedReadyAt } : {}),
      ...(change.reminder ? { ':reminder': [change.reminder], ':none': [] } : {}),
    };
    const changesOrder = sets('').length > 0;
    const orderKey = keys.order(customerId, orderId);
    const orderItemChange = changesOrder
      ? {
          Update: {
            TableName: this.tableName,
            Key: orderKey,
            UpdateExpression: `SET ${[...sets(''), 'updatedAt = :at', ...(promisedIndex ? ['gsi3pk = :gsi3pk', 'gsi3sk = :gsi3sk'] : [])].join(', ')} ADD version :one`,
            ConditionExpression: `attribute_exists(pk) AND ${statusCondition}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ...statusValues, ...changeValues, ...(promisedIndex ? { ':gsi3pk': promisedIndex.gsi3pk, ':gsi3sk': promisedIndex.gsi3sk } : {}) },
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
        // A delay or a reminder changes an open order: its copy on the pointer takes the same change,
        // so the next move still answers with the order as stored (pattern 9).
        ...(changesOrder && ref.open
          ? [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.orderRef(orderId),
                  UpdateExpression: `SET ${[...sets('#order.'), '#order.updatedAt = :at'].join(', ')} ADD #order.version :one`,
                  ConditionExpression: 'attribute_exists(#order)',
                  ExpressionAttributeNames: { '#order': OPEN_COPY },
                  ExpressionAttributeValues: changeValues,
                },
              },
            ]
          : []),
      ],
    });
    if (!failed) return { message, duplicate: false };
    // The copy goes only when the order leaves received, which fails the order's own condition first.
    if (failed.index === 2) throw new Error(`The copy of order ${orderId} went while the order stayed ${change.allowedStatuses.join(' or ')}`);
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

  /** Patterns 36–37: received orders promised on a date in [from, to], earliest first (the promised-date index). */
  async listPromisedBetween(from: string, to: string, page: PageRequest) {
    // gsi3sk is "<date>#<ticket>": from the first ticket on `from` to the last on `to`.
    return indexPage(PROMISED_INDEX, this.doc, this.tableName, PROMISED_PARTITION, page, orderFromItem, { from: `${from}#`, to: `${to}#~` });
  }

  async read(customerId: string, orderId: string): Promise<Order | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.order(customerId, orderId), ConsistentRead: true }),
    );
    return Item ? orderFromItem(Item) : undefined;
  }

  /**
   * Pattern 25, the reprint by ticket: the pointer holds the invoice's number once it is issued.
   * A received order has none yet; otherwise the order is read, for the orders invoiced before
   * pointers held the number (and to tell the rest they have no invoice).
   */
  async invoiceNumberOf(orderId: string): Promise<number | undefined> {
    const ref = await this.requireRef(orderId);
    if (ref.documentNumber !== undefined) return ref.documentNumber;
    if (ref.open?.status === 'received') return undefined;
    const order = await this.read(ref.customerId, orderId);
    if (!order) throw new NotFoundError(`Order ${orderId} does not exist`);
    return order.payment?.documentNumber;
  }

  private async requireCustomerIdOf(orderId: string): Promise<string> {
    return (await this.requireRef(orderId)).customerId;
  }

  private async requireRef(orderId: string): Promise<OrderRef> {
    const ref = await this.ref(orderId);
    if (!ref) throw new NotFoundError(`Order ${orderId} does not exist`);
    return ref;
  }

  private async ref(orderId: string): Promise<OrderRef | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.orderRef(orderId), ConsistentRead: true }));
    return Item ? orderRefFromItem(Item) : undefined;
  }

  async customerIdOf(orderId: string): Promise<string | undefined> {
    return (await this.ref(orderId))?.customerId;
  }
}

/** Why a move is refused, from the order as stored: gone (404), not allowed from its status or by its garments (409), or not at the client's version (412). */
function refusal(orderId: string, action: OrderAction, change: OrderStatusChange, stored: Order | undefined): Error | undefined {
  if (!stored) return new NotFoundError(`Order ${orderId} does not exist`);
  const refused = moveRefusal(stored, action);
  if (refused) return refused;
  if (change.expectedVersion !== undefined && stored.version !== change.expectedVersion) return versionMismatch(orderId, change, stored);
  return undefined;
}

function versionMismatch(orderId: string, change: OrderStatusChange, stored: Order | undefined): PreconditionFailedError {
  return new PreconditionFailedError(`Order ${orderId} is at version ${stored?.version}, not ${change.expectedVersion}`);
}

/**
 * The status move as an update whose condition is the state machine (and the client's version,
 * when given; and the version a copy was taken at, when the answer is made from that copy). What it
 * sets is transitionChanges, the same list applyTransition makes the answered order from.
 */
export function transitionUpdate(base: Order, action: OrderAction, change: OrderStatusChange, baseVersion?: number): Update {
  const { customerId, orderId } = base;
  const { from, to } = ORDER_TRANSITIONS[action];
  const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
  const statusIndex = keys.ordersByStatus(to, change.at, orderId);
  // The promised-date index holds received orders only, and no move ends in received: it is left.
  const promisedIndex = keys.ordersByPromisedDate({ ...base, status: to });
  const changes = Object.entries(transitionChanges(action, change, base.garments));
  const sets = [...changes.map(([name]) => `#${name} = :${name}`), 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk', ...(promisedIndex ? ['gsi3pk = :gsi3pk', 'gsi3sk = :gsi3sk'] : [])];
  const versionGuard = change.expectedVersion === undefined ? '' : ' AND version = :expected';
  const baseGuard = baseVersion === undefined ? '' : ' AND version = :base';
  return {
    Key: keys.order(customerId, orderId),
    UpdateExpression: `SET ${sets.join(', ')} ADD version :one${promisedIndex ? '' : ' REMOVE gsi3pk, gsi3sk'}`,
    ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})${versionGuard}${baseGuard}`,
    ExpressionAttributeNames: Object.fromEntries(changes.map(([name]) => [`#${name}`, name])),
    ExpressionAttributeValues: {
      ...fromValues,
      ...Object.fromEntries(changes.map(([name, value]) => [`:${name}`, value])),
      ':gsi1pk': statusIndex.gsi1pk,
      ':gsi1sk': statusIndex.gsi1sk,
      ...(promisedIndex ? { ':gsi3pk': promisedIndex.gsi3pk, ':gsi3sk': promisedIndex.gsi3sk } : {}),
      ':one': 1,
      ...(change.expectedVersion === undefined ? {} : { ':expected': change.expectedVersion }),
      ...(baseVersion === undefined ? {} : { ':base': baseVersion }),
    },
  };
}

/** The pointer's copy after a write: the order as it now is while it stays open, none once it closes. */
export function copyUpdate(order: Order): Pick<Update, 'Key' | 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames'> & { ExpressionAttributeValues?: Record<string, unknown> } {
  const copy = openCopy(order);
  return {
    Key: keys.orderRef(order.orderId),
    UpdateExpression: copy ? 'SET #order = :copy' : 'REMOVE #order',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#order': OPEN_COPY },
    ...(copy ? { ExpressionAttributeValues: { ':copy': copy } } : {}),
  };
}

/**
 * Frees the tags of garments that left the shop. The condition spares a claim a later order has
 * taken (it cannot have, while this garment held it) and lets a missing claim (an order from before
 * tags were claimed) pass.
 */
export function releaseTags(tableName: string, orderId: string, tags: readonly string[]) {
  return tags.map((tag) => ({
    Delete: { TableName: tableName, Key: keys.tagClaim(tag), ConditionExpression: 'attribute_not_exists(pk) OR orderId = :orderId', ExpressionAttributeValues: { ':orderId': orderId } },
  }));
}
