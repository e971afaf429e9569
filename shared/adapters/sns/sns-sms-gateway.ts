import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { certainlyNotSent, NotSentError } from '../../ports/delivery';
import { SmsRejectedError, type SmsGateway, type SmsRequest } from '../../ports/sms-gateway';

/**
 * SMS through Amazon SNS: Publish straight to the E.164 number (no topic), as a Transactional SMS
 * (delivered with priority, allowed to opted-in and service traffic) from the shop's alphanumeric
 * sender id, which Norway accepts without registration. The client never retries by itself: a
 * retry after a timeout could send the SMS twice. The sender decides, knowing whether it was sent.
 */
const PERMANENT = new Set(['InvalidParameterException', 'InvalidParameterValueException', 'AuthorizationErrorException', 'EndpointDisabledException']);

export class SnsSmsGateway implements SmsGateway {
  private client: SNSClient | undefined;

  async send(request: SmsRequest) {
    this.client ??= new SNSClient({ maxAttempts: 1 });
    try {
      const result = await this.client.send(
        new PublishCommand({
          PhoneNumber: request.phone,
          Message: request.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: request.senderId },
          },
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (error instanceof SNSServiceException && PERMANENT.has(error.name)) throw new SmsRejectedError(error.name);
      const notSent = certainlyNotSent(error);
      if (notSent) throw new NotSentError(notSent);
      throw error; // a timeout or a server error: it may have been sent
    }
  }
}
