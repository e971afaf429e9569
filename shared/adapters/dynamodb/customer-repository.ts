import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mobileNumberOf, type Customer } from '../../domain/customers/customers';
import { MAX_NAME_ENTRIES, nameSearchEntries } from '../../domain/customers/name-search';
import { ConflictError, PreconditionFailedError } from '../../domain/kernel/errors';
import { organisationNumberTaken } from '../../domain/customers/business';
import type { CustomerRepository, Page, PageRequest } from '../../ports/repositories';
import { decodeCursor, encodeCursor, withCursor } from './cursor';
import { customerFromItem, customerItem, nameEntryItems, orderFromItem } from './items';
import { CUSTOMER_WITH_ORDERS_RANGE, ENTITY, keys, nameBucket } from './keys';
import { deleteItems, type ItemKey } from './batch-delete';
import { getItems } from './batch-get';
import { queueIndexPage } from './index-page';
import { transactWrite } from './transactions';
import { describeError, logger } from '../../observability/logger';

type TransactItem = NonNullable<Parameters<typeof transactWrite>[1]['TransactItems']>[number];

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Access pattern 1: one transaction puts the profile, its name-search entries and, for a mobile,
   * the number's claim if no one holds it. A landline claims nothing (it may be shared). A
   * business's organisation number is claimed in the same transaction, so a refused one writes nothing.
   */
  async register(customer: Customer): Promise<void> {
    const mobile = mobileNumberOf(customer);
    const organisationNumber = customer.business?.organisationNumber;
    const items: TransactItem[] = [];
    const phoneIndex = mobile ? items.push(this.claim(mobile, customer.customerId)) - 1 : undefined;
    const organisationIndex = organisationNumber ? items.push(this.organisationClaim(organisationNumber, customer.customerId)) - 1 : undefined;
    items.push(
      { Put: { TableName: this.tableName, Item: customerItem(customer), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...nameEntryItems(customer.customerId, nameSearchEntries(customer.name)).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    );
    const failed = await transactWrite(this.doc, { TransactItems: items });
    if (!failed) return;
    if (failed.index === organisationIndex) throw organisationNumberTaken(failed.item?.customerId as string | undefined);
    throw this.phoneTaken(failed.index === phoneIndex ? failed.item : undefined);
  }

  /** Access pattern 2a: the organisation number's claim, strongly consistent (the profile follows by key). */
  async findIdByOrganisationNumber(organisationNumber: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.organisationClaim(organisationNumber), ConsistentRead: true }),
    );
    return Item?.customerId as string | undefined;
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
   * Access pattern 26: one Query of the name index (gsi1, the prefix's first letter, begins_with
   * the prefix), then one BatchGet of the profiles it names, strongly consistent, in the index's
   * order. A customer with two words starting alike ("Anna Annesen", "ann") is given once a page.
   * The index is eventually consistent: a profile erased since is left out, and one renamed since
   * is given as it is now (the use case checks the name still matches).
   */
  async findByName(prefix: string, page: PageRequest): Promise<Page<Customer>> {
    const entries = await queueIndexPage(this.doc, this.tableName, nameBucket(prefix), page, (item) => item.customerId as string, { prefix });
    const customerIds = [...new Set(entries.items)];
    const profiles = customerIds.length ? await getItems(this.doc, this.tableName, customerIds.map((id) => keys.customer(id))) : [];
    const byId = new Map(profiles.map((item) => [item.customerId as string, customerFromItem(item)]));
    const customers = customerIds.map((id) => byId.get(id)).filter((c): c is Customer => c !== undefined);
    return { items: customers, ...(entries.nextCursor ? { nextCursor: entries.nextCursor } : {}) };
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

  /**
   * Access pattern 4: the profile, conditional on the version and activity read, in one
   * transaction with what moves with it: a change of mobile number moves the claim (and drops a
   * sign-in code sent to the old one), a change of name rewrites the name-search entries, a change
   * of organisation number moves its claim (a new business claims its first).
   */
  async replace(before: Customer, after: Customer): Promise<void> {
    const guardedPut: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: customerItem(after),
        // Taking in an order moves lastActivityAt without a new version; the profile must not put
        // the old activity back (the retention clock would run early), nor revive one being erased.
        ConditionExpression: 'attribute_exists(pk) AND version = :version AND lastActivityAt = :activity AND attribute_not_exists(erasingSince)',
        ExpressionAttributeValues: { ':version': before.version, ':activity': before.lastActivityAt },
      },
    };
    const [oldMobile, newMobile] = [mobileNumberOf(before), mobileNumberOf(after)];
    const mobileMoves = oldMobile !== newMobile;
    const items: TransactItem[] = [guardedPut];
    // Only mobiles are claimed: moving to a landline or to no number frees the old mobile, and
    // moving from one claims the new mobile like a registration would.
    const claimIndex = mobileMoves && newMobile ? items.push(this.claim(newMobile, after.customerId)) - 1 : undefined;
    if (mobileMoves && oldMobile) items.push(...this.releaseMobile(oldMobile, before.customerId));
    const [oldOrganisation, newOrganisation] = [before.business?.organisationNumber, after.business?.organisationNumber];
    const organisationMoves = oldOrganisation !== newOrganisation;
    const organisationIndex = organisationMoves && newOrganisation ? items.push(this.organisationClaim(newOrganisation, after.customerId)) - 1 : undefined;
    if (organisationMoves && oldOrganisation) items.push(this.releaseOrganisationNumber(oldOrganisation, before.customerId));
    if (before.name !== after.name) items.push(...this.nameEntryWrites(after));
    const failed = await transactWrite(this.doc, { TransactItems: items });
    if (!failed) {
      // The change is made; a failure here must not answer as if it were not.
      if (mobileMoves && oldMobile) await this.forgetSignInCounters(oldMobile).catch((error: unknown) => logger.warn('old sign-in counters left to expire', describeError(error)));
      return;
    }
    if (failed.index === claimIndex) throw this.phoneTaken(failed.item);
    if (failed.index === organisationIndex) throw organisationNumberTaken(failed.item?.customerId as string | undefined);
    throw new PreconditionFailedError(`Customer ${before.customerId} was changed by someone else; read it again`);
  }

  private claim(mobile: string, customerId: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.phoneClaim(mobile), entity: ENTITY.phoneClaim, customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  private organisationClaim(organisationNumber: string, customerId: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.organisationClaim(organisationNumber), entity: ENTITY.organisationClaim, customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /** Only this customer's claim goes: were it another's, the profile read is stale, and nothing is written. */
  private releaseOrganisationNumber(organisationNumber: string, customerId: string): TransactItem {
    return {
      Delete: {
        TableName: this.tableName,
        Key: keys.organisationClaim(organisationNumber),
        ConditionExpression: 'customerId = :id',
        ExpressionAttributeValues: { ':id': customerId },
      },
    };
  }

  private releaseMobile(mobile: string, customerId: string): TransactItem[] {
    return [
      {
        Delete: {
          TableName: this.tableName,
          Key: keys.phoneClaim(mobile),
          ConditionExpression: 'customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        },
      },
      // A sign-in code sent to the old number is void once the claim moves, and it names the
      // customer under a number erasure will no longer look at: it goes with the claim.
      {
        Delete: {
          TableName: this.tableName,
          Key: keys.signInCode(mobile),
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        },
      },
    ];
  }

  /**
   * The new name's entries over the same positions, and every further position deleted (a
   * delete of nothing is harmless): whatever the old name's entries were, however they were
   * folded when written, none of them outlives the change.
   */
  private nameEntryWrites(after: Customer): TransactItem[] {
    const entries = nameEntryItems(after.customerId, nameSearchEntries(after.name));
    const unused = Array.from({ length: MAX_NAME_ENTRIES - entries.length }, (_, i) => keys.nameEntry(after.customerId, entries.length + i));
    return [...entries.map((Item) => ({ Put: { TableName: this.tableName, Item } })), ...unused.map((Key) => ({ Delete: { TableName: this.tableName, Key } }))];
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
