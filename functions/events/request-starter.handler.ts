import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describeError, logger } from '#shared/observability/logger';

/**
 * Starts the data-subject workflow for each new request written to the table. The execution is
 * named after the request, so a replayed record cannot start it twice; its input is the request
 * id and nothing else. Locally SFN_ENDPOINT points at the twin, which runs the same definition.
 */
let sfn: SFNClient | undefined;

export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  sfn ??= new SFNClient(process.env.SFN_ENDPOINT ? { endpoint: process.env.SFN_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const item = { requestId: record.dynamodb?.NewImage?.requestId?.S };
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.RIGHTS_STATE_MACHINE_ARN, name: String(item.requestId), input: JSON.stringify({ requestId: item.requestId }) }));
      logger.info('rights workflow started', { requestId: item.requestId });
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) continue;
      logger.error('could not start the rights workflow', { requestId: item.requestId, ...describeError(error) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}).use(injectLambdaContext(logger, { resetKeys: true }));
