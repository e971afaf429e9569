import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { certainlyNotSent, NotSentError } from '../../ports/delivery';
import { EmailRejectedError, type EmailGateway, type EmailRequest } from '../../ports/email-gateway';

/**
 * E-mail through Amazon SES (API v2 SendEmail with simple content): SES composes the MIME message,
 * attachments included, so the function carries no MIME library. Sent under the shop's
 * configuration set so bounces and complaints come back tagged with the message's ids.
 */
/**
 * Refusals that sending again will not change. A pause (SendingPausedException: the account's or
 * the configuration set's sending is paused) is not one of them: it is a 4xx, so certainlyNotSent
 * lets the outbox try again until its attempts run out.
 */
export const PERMANENT_SES_REFUSALS = ['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException', 'NotFoundException', 'AccountSuspendedException'] as const;
const PERMANENT = new Set<string>(PERMANENT_SES_REFUSALS);

/** SES tag values allow letters, digits, _ - . and @; message keys use #. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '.');

const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });

export class SesEmailGateway implements EmailGateway {
  private client: SESv2Client | undefined;

  constructor(private readonly configurationSet: string | undefined) {}

  async send(request: EmailRequest) {
    this.client ??= new SESv2Client({ maxAttempts: 1 }); // no blind retries: see the SNS gateway
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: request.from,
          Destination: { ToAddresses: [request.to] },
          Content: {
            Simple: {
              Subject: utf8(request.subject),
              Body: { Text: utf8(request.text) },
              Attachments: request.attachments.map((a) => ({ FileName: a.filename, ContentType: a.contentType, RawContent: a.content, ContentDisposition: 'ATTACHMENT', ContentTransferEncoding: 'BASE64' })),
            },
          },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          EmailTags: Object.entries(request.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (error instanceof SESv2ServiceException && PERMANENT.has(error.name)) throw new EmailRejectedError(error.name);
      const notSent = certainlyNotSent(error);
      if (notSent) throw new NotSentError(notSent);
      throw error; // a timeout or a server error: it may have been sent
    }
  }
}
