import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NewSignInCode, SignInRepository } from '../../ports/repositories';
import { expiryAnchor } from '../../domain/retention/retention';
import { messageItem } from './items';
import { ENTITY, keys } from './keys';
import { transactWrite } from './transactions';

/** Sign-in codes and their rate limit live in the number's partition, beside its claim. */
export class DynamoSignInRepository implements SignInRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async issueCode(code: NewSignInCode): Promise<'issued' | 'rate_limited'> {
    const counter = (period: string, max: number, lifetimeSeconds: number) => {
      const expiresAt = code.expiresAt + lifetimeSeconds;
      const due = keys.due('expiry', expiryAnchor(expiresAt));
      return {
        Update: {
          TableName: this.tableName,
          Key: keys.signInRate(code.phone, period),
          UpdateExpression: 'SET entity = :entity, expiresAt = :expires, gsi2pk = :duePk, gsi2sk = :dueSk ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':entity': ENTITY.signInRate, ':one': 1, ':max': max, ':expires': expiresAt, ':duePk': due.gsi2pk, ':dueSk': due.gsi2sk },
        },
      };
    };
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        counter(code.hour, code.maxPerHour, 3600),
        // A new code resets its five tries, so the day's codes bound the guesses a number can suffer.
        counter(code.day, code.maxPerDay, 86_400),
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.signInCode(code.phone),
              ...keys.due('expiry', expiryAnchor(code.expiresAt)),
              entity: ENTITY.signInCode,
              customerId: code.customerId,
              codeHash: code.codeHash,
              attempts: 0,
              createdAt: code.createdAt,
              expiresAt: code.expiresAt,
            },
          },
        },
        { Put: { TableName: this.tableName, Item: messageItem(code.message), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
    return failed ? 'rate_limited' : 'issued';
  }

  async countAttempt(phone: string, maxAttempts: number, nowEpochSeconds: number) {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signInCode(phone),
          UpdateExpression: 'ADD attempts :one',
          // TTL deletes expired codes only eventually, so expiry is checked here too.
          ConditionExpression: 'attribute_exists(pk) AND attempts < :max AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': nowEpochSeconds },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { customerId: Attributes?.customerId as string, codeHash: Attributes?.codeHash as string, attempts: Attributes?.attempts as number };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async consume(phone: string, attempts: number, customerId: string): Promise<boolean> {
    const failed = await transactWrite(this.doc, {
      TransactItems: [
        { Delete: { TableName: this.tableName, Key: keys.signInCode(phone), ConditionExpression: 'attempts = :attempts', ExpressionAttributeValues: { ':attempts': attempts } } },
        { ConditionCheck: { TableName: this.tableName, Key: keys.phoneClaim(phone), ConditionExpression: 'customerId = :customerId', ExpressionAttributeValues: { ':customerId': customerId } } },
      ],
    });
    return !failed;
  }
}
