/**
 * Sends one e-mail with attachments. Throws EmailRejectedError when the provider refused it for
 * good (an address it will not send to, a message it rejects), any other error when it may succeed later.
 */
export type EmailRequest = {
  to: string;
  from: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
  /** Ids (never personal data) that come back with bounce and complaint notifications. */
  tags: Record<string, string>;
};

export interface EmailGateway {
  send(request: EmailRequest): Promise<{ providerMessageId: string }>;
}

export class EmailRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`E-mail rejected: ${reason}`);
    this.name = 'EmailRejectedError';
  }
}
