import { SendRawEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
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
  constructor(
    private readonly configurationSet: string | undefined,
    private readonly ses: SESClient = new SESClient({ maxAttempts: 3 }),
  ) {}

  async send(request: EmailRequest) {
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
      const result = await this.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          Tags: Object.entries(request.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (error instanceof SESServiceException && PERMANENT.has(error.name)) throw new EmailRejectedError(error.name);
      throw error;
    }
  }
}
