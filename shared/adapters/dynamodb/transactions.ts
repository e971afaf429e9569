import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';

/**
 * Runs a transaction and reports which condition failed. TransactionConflict (another transaction
 * touching the same item at the same moment, e.g. two clerks registering the same number) and a
 * throttled item inside the transaction are not retried by the SDK (both arrive as a cancelled
 * transaction), so they are retried here a few times with jitter; after a conflict the losing side
 * sees the winner's write as an ordinary failed condition, and throttling that persists is thrown
 * (the API answers 503: nothing was written).
 */
export type CancelledCondition = { index: number; item?: Record<string, unknown> };

const MAX_CONFLICT_RETRIES = 4;

export async function transactWrite(
  doc: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
): Promise<CancelledCondition | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      // A token per attempt: the SDK's own retry of this attempt (after a lost response) is then
      // idempotent, and cannot be refused by the conditions the first attempt already satisfied.
      await doc.send(new TransactWriteCommand({ ...input, ClientRequestToken: randomUUID() }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const raw = reasons[failed]?.Item;
        return { index: failed, ...(raw ? { item: unmarshall(raw) } : {}) };
      }
      const transient = reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
      if (!transient || attempt >= MAX_CONFLICT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
