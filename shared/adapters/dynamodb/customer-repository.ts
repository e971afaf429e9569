import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../domain/customers/customers';
import { ConflictError, PreconditionFailedError } from '../../domain/kernel/errors';
import type { CustomerRepository, PageRequest } from '../../ports/repositories';
import { decodeCursor, encodeCursor, withCursor } from './cursor';
import { customerFromItem, customerItem, orderFromItem } from './items';
import { CUSTOMER_WITH_ORDERS_RANGE, ENTITY, keys } from './keys';
import { deleteItems, type ItemKey } from './batch-delete';
import { transactWrite } from './transactions';
import { describeError, logger } from '../../observability/logger';

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async register(customer: Customer): Promise<void> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.phoneClaim(customer.phone), entity: ENTITY.phoneClaim, customerId: customer.customerId },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Put: { TableName: this.tableName, Item: customerItem(customer), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
    if (failed) throw this.phoneTaken(failed.item);
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.phoneClaim(phone), ConsistentRead: true }),
    );
    return Item?.customerId as string | undefined;
  }

  async get(customerId: string): Promise<Customer | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.customer(customerId), ConsistentRead: true }),
    );
    return Item ? customerFromItem(Item) : undefined;
  }

  /**
   * Access pattern 3: one Query over the customer's partition, descending, so the profile comes
   * first and the orders follow newest first. A later page starts after the profile, so it is
   * read with one GetItem beside the Query.
   */
  async getWithOrders(customerId: string, page: PageRequest) {
    const partition = keys.customer(customerId).pk;
    const startKey = decodeCursor(page.cursor, { attributes: ['pk', 'sk'], fixed: { pk: partition } });
    const firstPage = startKey === undefined;
    const [result, profileFromGet] = await Promise.all([
      withCursor(startKey, () =>
        this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': partition, ':from': CUSTOMER_WITH_ORDERS_RANGE.from, ':to': CUSTOMER_WITH_ORDERS_RANGE.to },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: page.limit + (firstPage ? 1 : 0),
          ExclusiveStartKey: startKey,
        }),
        ),
      ),
      firstPage ? Promise.resolve(undefined) : this.get(customerId),
    ]);
    const items = result.Items ?? [];
    const profileItem = firstPage ? items.find((i) => i.entity === ENTITY.customer) : undefined;
    const customer = profileItem ? customerFromItem(profileItem) : profileFromGet;
    if (!customer) return undefined;
    const orders = items.filter((i) => i.entity === ENTITY.order).map(orderFromItem);
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return { customer, orders: { items: orders, ...(nextCursor ? { nextCursor } : {}) } };
  }

  async replace(before: Customer, after: Customer): Promise<void> {
    const guardedPut = {
      Put: {
        TableName: this.tableName,
        Item: customerItem(after),
        // Taking in an order moves lastActivityAt without a new version; the profile must not put
        // the old activity back (the retention clock would run early), nor revive one being erased.
        ConditionExpression: 'attribute_exists(pk) AND version = :version AND lastActivityAt = :activity AND attribute_not_exists(erasingSince)',
        ExpressionAttributeValues: { ':version': before.version, ':activity': before.lastActivityAt },
      },
    };
    if (before.phone === after.phone) {
      const failed = await transactWrite(this.doc, { TransactItems: [guardedPut] });
      if (failed) throw new PreconditionFailedError(`Customer ${before.customerId} was changed by someone else; read it again`);
      return;
    }
    // A new number moves the uniqueness claim in the same transaction as the profile.
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        guardedPut,
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.phoneClaim(after.phone), entity: ENTITY.phoneClaim, customerId: after.customerId },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.phoneClaim(before.phone),
            ConditionExpression: 'customerId = :id',
            ExpressionAttributeValues: { ':id': before.customerId },
          },
        },
        // A sign-in code sent to the old number is void once the claim moves, and it names the
        // customer under a number erasure will no longer look at: it goes with the claim.
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.signInCode(before.phone),
            ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
            ExpressionAttributeValues: { ':id': before.customerId },
          },
        },
      ],
    });
    if (!failed) {
      // The change is made; a failure here must not answer as if it were not.
      await this.forgetSignInCounters(before.phone).catch((error: unknown) => logger.warn('old sign-in counters left to expire', describeError(error)));
      return;
    }
    if (failed.index === 1) throw this.phoneTaken(failed.item);
    throw new PreconditionFailedError(`Customer ${before.customerId} was changed by someone else; read it again`);
  }

  /**
   * The old number's sign-in counters (how many codes it was sent this hour and day) were this
   * customer's and would outlive an erasure, which looks only at the current number. They cannot
   * join the transaction (their keys are per hour), so they go after it: two more round trips on
   * a change of number only. Should this fail, they expire within a day anyway.
   */
  private async forgetSignInCounters(phone: string): Promise<void> {
    const counters = keys.signInRate(phone, ''); // the number's partition, and the counters' sort-key prefix
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :counters)',
        ExpressionAttributeValues: { ':pk': counters.pk, ':counters': counters.sk },
        ProjectionExpression: 'pk, sk',
      }),
    );
    await deleteItems(this.doc, this.tableName, Items as ItemKey[]);
  }

  private phoneTaken(claim: Record<string, unknown> | undefined): ConflictError {
    return new ConflictError('A customer with this phone number is already registered', {
      existingCustomerId: claim?.customerId,
    });
  }
}
