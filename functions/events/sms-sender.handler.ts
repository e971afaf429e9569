import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { smsDelivery } from '#shared/composition';
import { deliverSms } from '#shared/domain/notices/notice-use-cases';
import { logger } from '#shared/observability/logger';
import { createMessageSender } from './message-sender';

export const handler = middy(createMessageSender('sms', (ref) => deliverSms(smsDelivery(), ref))).use(injectLambdaContext(logger, { resetKeys: true }));
