import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { delivery } from '#shared/composition';
import { deliverMessage, type DeliveryDeps } from '#shared/domain/notice-use-cases';
import { describeError, logger } from '#shared/observability/logger';

/**
 * The outbox sender, driven by the table's stream (new message items only, by the event source's
 * filter). Each record is delivered at most once by the claim in deliverMessage; a record that
 * should be retried is reported as a batch item failure so Lambda retries it (and, after the
 * configured attempts, hands it to the dead-letter queue) without redoing the others.
 */
export function createMessageSender(deps: () => DeliveryDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      const sequence = record.dynamodb?.SequenceNumber ?? '';
      if (!image) continue;
      // Only the key is needed from the image: the sender reads the message itself (conditionally) from the table.
      const item = { customerId: image.customerId?.S, messageKey: image.messageKey?.S, purpose: image.purpose?.S, orderId: image.orderId?.S };
      try {
        if (!item.customerId || !item.messageKey) throw new Error('A message record without its key');
        const outcome = await deliverMessage(deps(), { customerId: item.customerId, messageKey: item.messageKey });
        logger.info('message delivery', { outcome, purpose: item.purpose, orderId: item.orderId });
        if (outcome === 'retry') batchItemFailures.push({ itemIdentifier: sequence });
      } catch (error) {
        logger.error('message delivery failed', { purpose: item.purpose, orderId: item.orderId, ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: sequence });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = middy(createMessageSender(delivery)).use(injectLambdaContext(logger, { resetKeys: true }));
