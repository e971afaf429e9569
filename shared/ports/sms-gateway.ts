/**
 * Sends one SMS. Implementations throw SmsRejectedError when the provider refused the message for
 * good (a bad number, an opted-out recipient) and any other error when it may succeed later.
 */
export type SmsRequest = { phone: string; text: string; senderId: string };

export interface SmsGateway {
  send(request: SmsRequest): Promise<{ providerMessageId: string }>;
}

export class SmsRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`SMS rejected: ${reason}`);
    this.name = 'SmsRejectedError';
  }
}
