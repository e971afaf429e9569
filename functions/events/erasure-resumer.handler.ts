import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { rights, rightsWorkflowStarter } from '#shared/composition';
import { resumeHeldErasure, resumeWaitingErasure } from '#shared/domain/rights/rights-use-cases';
import { describeError, logger } from '#shared/observability/logger';

/**
 * An order stopped being open (the stream filter lets only that through): if its customer's
 * erasure waits for garments, it is run again (resumeWaitingErasure). An invoice's receivable was
 * settled: a customer erased but for its claim has the hold ended (resumeHeldErasure). A record that fails is
 * reported as a batch item failure and retried; a run already started counts as done. Only the
 * ticket and the outcome are logged, never the customer.
 */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    const customerId = image?.customerId?.S;
    if (image?.entity?.S === 'receivable') {
      const documentNumber = image.documentNumber?.N;
      try {
        if (!customerId || !documentNumber || !image.status?.S) throw new Error('A receivable record without its customer, number or status');
        // Named after the invoice and its status: a replay starts nothing new, another invoice's close may.
        const outcome = await resumeHeldErasure(rights(), rightsWorkflowStarter(), { holder: customerId, occasion: `invoice-${documentNumber}-${image.status.S}` });
        if (outcome !== 'not_held') logger.info('held erasure', { documentNumber, outcome });
      } catch (error) {
        logger.error('could not end a held erasure', { documentNumber, ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
      continue;
    }
    const orderId = image?.orderId?.S;
    const status = image?.status?.S;
    try {
      if (!customerId || !orderId || !status) throw new Error('An order record without its customer, ticket or status');
      // Named after the status too: a cancelled order resumes (and re-blocks, its garments still in
      // the shop) and its hand-back must resume again, which a name used once would refuse.
      const outcome = await resumeWaitingErasure(rights(), rightsWorkflowStarter(), { customerId, occasion: `order-${orderId}-${status}` });
      if (outcome !== 'not_waiting') logger.info('waiting erasure resumed', { orderId, outcome });
    } catch (error) {
      logger.error('could not resume a waiting erasure', { orderId, ...describeError(error) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}).use(injectLambdaContext(logger, { resetKeys: true }));
