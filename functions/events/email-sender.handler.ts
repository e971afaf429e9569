import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { emailDelivery } from '#shared/composition';
import { deliverEmail } from '#shared/domain/notices/notice-use-cases';
import { logger } from '#shared/observability/logger';
import { createMessageSender } from './message-sender';

export const handler = middy(createMessageSender('email', (ref) => deliverEmail(emailDelivery(), ref))).use(injectLambdaContext(logger, { resetKeys: true }));
