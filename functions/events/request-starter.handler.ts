import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { rightsWorkflowStarter } from '#shared/composition';
import { describeError, logger } from '#shared/observability/logger';

/**
 * Starts the data-subject workflow for each new request written to the table (the stream is the
 * outbox: a request cannot be lost between the API and the workflow). A record that fails is
 * reported as a batch item failure and retried; one already started counts as done.
 */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const requestId = String(record.dynamodb?.NewImage?.requestId?.S);
    try {
      const outcome = await rightsWorkflowStarter().start(requestId);
      logger.info('rights workflow', { requestId, outcome });
    } catch (error) {
      logger.error('could not start the rights workflow', { requestId, ...describeError(error) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}).use(injectLambdaContext(logger, { resetKeys: true }));
