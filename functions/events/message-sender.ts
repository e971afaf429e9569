import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { DeliveryOutcome, MessageRef } from '#shared/domain/notices/notice-use-cases';
import { CHANNEL_OF, MESSAGE_PURPOSES, type MessagePurpose } from '#shared/domain/kernel/outbox-message';
import { describeError, logger } from '#shared/observability/logger';

/**
 * The outbox senders (one for SMS, one for e-mail), driven by the table's stream: new message
 * items of their channel only, by the event source's filter. Each record is delivered at most once
 * by the claim in the use case; a record that should be retried is reported as a batch item
 * failure so Lambda retries it (and, after the configured attempts, hands it to the dead-letter
 * queue) without redoing the others.
 */
export function createMessageSender(channel: 'sms' | 'email', deliver: (ref: MessageRef) => Promise<DeliveryOutcome>) {
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
        // Only a wrong stream filter sends the other channel here: fail loudly, claim nothing.
        if (!isPurpose(item.purpose) || CHANNEL_OF[item.purpose] !== channel) throw new Error(`A message record for another channel than ${channel}`);
        const outcome = await deliver({ customerId: item.customerId, messageKey: item.messageKey });
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

const isPurpose = (value: string | undefined): value is MessagePurpose => (MESSAGE_PURPOSES as readonly string[]).includes(value ?? '');
