import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientCounter, NewSignInCode, SignInRepository, SignInResend, SignInSends } from '../../ports/repositories';
import { expiryAnchor } from '../../domain/retention/retention';
import { messageItem } from './items';
import { ENTITY, keys } from './keys';
import { transactWrite } from './transactions';
import { isCapacityError } from '../../http/problem';

/**
 * A code's write happens only for a customer's number: were a busy table a 503 there, and a 202
 * for a number nobody has, the status would tell who is a customer. So a write the table was too
 * busy to take is as a used-up budget: nothing was written (a transaction is all or nothing), no
 * SMS goes, and the answer is the one every number gets; the owner simply asks again.
 */
async function whenNotBusy<T>(write: Promise<T>): Promise<T | true> {
  try {
    return await write;
  } catch (error) {
    if (isCapacityError(error)) return true;
    throw error;
  }
}

/**
 * Sign-in codes and the number's SMS budget live in the number's partition, beside its claim; a
 * client's counters in the partition of its keyed hash. Each counter is one conditional ADD in the
 * write it guards, so a limit holds under concurrent requests, and a refused write writes nothing.
 */
export class DynamoSignInRepository implements SignInRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async liveCode(phone: string, nowEpochSeconds: number, maxAttempts: number) {
    // Consistent: a code used or replaced a moment ago must not be re-sent.
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.signInCode(phone), ConsistentRead: true }));
    // TTL deletes expired codes only eventually, so expiry is checked here too.
    if (!Item || (Item.expiresAt as number) <= nowEpochSeconds || (Item.attempts as number) >= maxAttempts || typeof Item.sealedCode !== 'string') return undefined;
    return { customerId: Item.customerId as string, codeHash: Item.codeHash as string, sealedCode: Item.sealedCode, attempts: Item.attempts as number, expiresAt: Item.expiresAt as number };
  }

  async issueCode(code: NewSignInCode): Promise<'issued' | 'rate_limited'> {
    const failed = await whenNotBusy(transactWrite(this.doc, {
      TransactItems: [
        ...this.sendCounters(code.phone, code, code.expiresAt),
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.signInCode(code.phone),
              ...keys.due('expiry', expiryAnchor(code.expiresAt)),
              entity: ENTITY.signInCode,
              customerId: code.customerId,
              codeHash: code.codeHash,
              sealedCode: code.sealedCode,
              attempts: 0,
              createdAt: code.createdAt,
              expiresAt: code.expiresAt,
            },
            // Never over a live code: two requests at once send one code (the other request's SMS is simply not queued).
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now OR attempts >= :max OR customerId <> :customerId',
            ExpressionAttributeValues: { ':now': code.now, ':max': code.maxAttempts, ':customerId': code.customerId },
          },
        },
        { Put: { TableName: this.tableName, Item: messageItem(code.message), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
    return failed ? 'rate_limited' : 'issued';
  }

  async resendCode(resend: SignInResend): Promise<'sent' | 'rate_limited'> {
    const failed = await whenNotBusy(transactWrite(this.doc, {
      TransactItems: [
        ...this.sendCounters(resend.phone, resend, Math.floor(Date.parse(resend.message.createdAt) / 1000)),
        // Still the code that was read: one used or replaced meanwhile is not sent again.
        { ConditionCheck: { TableName: this.tableName, Key: keys.signInCode(resend.phone), ConditionExpression: 'codeHash = :hash', ExpressionAttributeValues: { ':hash': resend.codeHash } } },
        { Put: { TableName: this.tableName, Item: messageItem(resend.message), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
    return failed ? 'rate_limited' : 'sent';
  }

  /** The number's SMS budget, the hour's and the day's: every SMS with a code counts. */
  private sendCounters(phone: string, sends: SignInSends, from: number) {
    return [
      this.counter(keys.signInRate(phone, sends.hour), sends.maxPerHour, from + 3600),
      this.counter(keys.signInRate(phone, sends.day), sends.maxPerDay, from + 86_400),
    ];
  }

  private counter(key: { pk: string; sk: string }, max: number, expiresAt: number) {
    const due = keys.due('expiry', expiryAnchor(expiresAt));
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET entity = :entity, expiresAt = if_not_exists(expiresAt, :expires), gsi2pk = if_not_exists(gsi2pk, :duePk), gsi2sk = if_not_exists(gsi2sk, :dueSk) ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':entity': ENTITY.signInRate, ':one': 1, ':max': max, ':expires': expiresAt, ':duePk': due.gsi2pk, ':dueSk': due.gsi2sk },
      },
    };
  }

  async countClient(client: string, counters: ClientCounter[]): Promise<boolean> {
    const failed = await transactWrite(this.doc, { TransactItems: counters.map((c) => this.counter(keys.signInClientRate(client, c.period), c.max, c.expiresAt)) });
    return !failed;
  }

  async countAttempt(phone: string, maxAttempts: number, nowEpochSeconds: number, codeHash?: string) {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signInCode(phone),
          UpdateExpression: 'ADD attempts :one',
          // TTL deletes expired codes only eventually, so expiry is checked here too.
          ConditionExpression: `attribute_exists(pk) AND attempts < :max AND expiresAt > :now${codeHash === undefined ? '' : ' AND codeHash = :hash'}`,
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': nowEpochSeconds, ...(codeHash === undefined ? {} : { ':hash': codeHash }) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { customerId: Attributes?.customerId as string, codeHash: Attributes?.codeHash as string, attempts: Attributes?.attempts as number };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async consume(phone: string, codeHash: string, customerId: string): Promise<boolean> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        { Delete: { TableName: this.tableName, Key: keys.signInCode(phone), ConditionExpression: 'codeHash = :codeHash', ExpressionAttributeValues: { ':codeHash': codeHash } } },
        { ConditionCheck: { TableName: this.tableName, Key: keys.phoneClaim(phone), ConditionExpression: 'customerId = :customerId', ExpressionAttributeValues: { ':customerId': customerId } } },
      ],
    });
    return !failed;
  }
}
