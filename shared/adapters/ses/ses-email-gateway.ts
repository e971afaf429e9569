import type { SESClient } from '@aws-sdk/client-ses';
import { certainlyNotSent, NotSentError } from '../../ports/delivery';
import { EmailRejectedError, type EmailGateway, type EmailRequest } from '../../ports/email-gateway';

/**
 * E-mail through Amazon SES (v1 SendRawEmail, which carries attachments up to 10 MB): the MIME
 * message is composed by nodemailer's MailComposer, sent under the shop's configuration set so
 * bounces and complaints come back tagged with the message's ids.
 */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'ConfigurationSetDoesNotExistException', 'AccountSendingPausedException']);

/** SES tag values allow letters, digits, _ - . and @; message keys use #. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '.');

export class SesEmailGateway implements EmailGateway {
  private client: SESClient | undefined;

  constructor(private readonly configurationSet: string | undefined) {}

  async send(request: EmailRequest) {
    // Loaded on first use, so functions that never send e-mail do not pay for SES or MIME at cold start.
    const [{ SESClient, SendRawEmailCommand, SESServiceException }, { default: MailComposer }] = await Promise.all([import('@aws-sdk/client-ses'), import('nodemailer/lib/mail-composer')]);
    this.client ??= new SESClient({ maxAttempts: 1 }); // no blind retries: see the SNS gateway
    const raw = await new MailComposer({
      from: request.from,
      to: request.to,
      subject: request.subject,
      text: request.text,
      attachments: request.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
    })
      .compile()
      .build();
    try {
      const result = await this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          Tags: Object.entries(request.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (error instanceof SESServiceException && PERMANENT.has(error.name)) throw new EmailRejectedError(error.name);
      const notSent = certainlyNotSent(error);
      if (notSent) throw new NotSentError(notSent);
      throw error; // a timeout or a server error: it may have been sent
    }
  }
}
