import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { notices } from '#shared/composition';
import { recordEmailFeedback, type EmailFeedback } from '#shared/domain/notices/notice-use-cases';
import { logger } from '#shared/observability/logger';

/**
 * SES event publishing (the shop's configuration set → SNS → here): bounces, complaints and
 * rejections of invoice e-mails. The message is found by the tags it was sent with; the
 * recipient's address in the notification is neither logged nor stored.
 */
type SesEvent = {
  eventType?: string;
  mail?: { tags?: Record<string, string[]> };
  bounce?: { bounceType?: string };
};

const KINDS: Record<string, EmailFeedback['kind']> = { Bounce: 'bounce', Complaint: 'complaint', Reject: 'reject' };

/** Tag values cannot hold '#', so the sender wrote message keys with '.' (keys hold no dots). */
const messageKeyFromTag = (value: string) => value.replace(/\./g, '#');

export function parseSesEvent(body: string): EmailFeedback | undefined {
  const event = JSON.parse(body) as SesEvent;
  const kind = KINDS[event.eventType ?? ''];
  const customerId = event.mail?.tags?.customerId?.[0];
  const messageKey = event.mail?.tags?.messageKey?.[0];
  if (!kind || !customerId || !messageKey) return undefined;
  return { kind, permanent: kind !== 'bounce' || event.bounce?.bounceType === 'Permanent', customerId, messageKey: messageKeyFromTag(messageKey) };
}

export const handler = middy(async (event: SNSEvent) => {
  for (const record of event.Records) {
    const feedback = parseSesEvent(record.Sns.Message);
    if (!feedback) {
      logger.warn('email feedback without our tags');
      continue;
    }
    const outcome = await recordEmailFeedback(notices(), feedback);
    logger.info('email feedback', { kind: feedback.kind, permanent: feedback.permanent, outcome });
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
