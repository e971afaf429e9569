import type { EmailGateway, EmailRequest } from '#shared/ports/email-gateway';

/** An e-mail gateway that records what it is asked to send, and fails the next sends as told (see RecordingSmsGateway). */
export class RecordingEmailGateway implements EmailGateway {
  readonly sent: EmailRequest[] = [];
  private readonly failures: (() => Error)[] = [];

  failNext(...failures: (() => Error)[]): this {
    this.failures.push(...failures);
    return this;
  }

  async send(request: EmailRequest): Promise<{ providerMessageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure();
    this.sent.push({ ...request, attachments: request.attachments.map((a) => ({ ...a })) });
    return { providerMessageId: `email-${this.sent.length}` };
  }
}
