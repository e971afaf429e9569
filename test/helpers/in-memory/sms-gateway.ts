import type { SmsGateway, SmsRequest } from '#shared/ports/sms-gateway';

/**
 * An SMS gateway that records what it is asked to send. `failNext` queues the errors the next
 * sends throw (SmsRejectedError for a refusal, NotSentError when the provider certainly did not
 * take it, anything else for an unknown outcome), one per send, as the SNS adapter would.
 */
export class RecordingSmsGateway implements SmsGateway {
  readonly sent: SmsRequest[] = [];
  private readonly failures: (() => Error)[] = [];

  failNext(...failures: (() => Error)[]): this {
    this.failures.push(...failures);
    return this;
  }

  async send(request: SmsRequest): Promise<{ providerMessageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure();
    this.sent.push({ ...request });
    return { providerMessageId: `sms-${this.sent.length}` };
  }
}
