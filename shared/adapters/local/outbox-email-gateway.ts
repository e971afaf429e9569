import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmailGateway, EmailRequest } from '../../ports/email-gateway';

/**
 * The local twin's mailbox: each e-mail becomes a line in the same outbox file as the SMS, with
 * its attachments written beside it (GET /local/outbox/<id>/<filename> serves them). Selected by
 * EMAIL_TRANSPORT=local-outbox, which only the twin sets; never deployed.
 */
export class OutboxEmailGateway implements EmailGateway {
  constructor(private readonly file: string) {}

  async send(request: EmailRequest) {
    const id = randomUUID();
    const folder = join(dirname(this.file), 'outbox-files', id);
    mkdirSync(folder, { recursive: true });
    const attachments = request.attachments.map((a) => {
      writeFileSync(join(folder, a.filename), a.content);
      return { filename: a.filename, contentType: a.contentType, bytes: a.content.length, url: `/local/outbox/${id}/${a.filename}` };
    });
    const entry = { id, channel: 'email', at: new Date().toISOString(), to: request.to, from: request.from, subject: request.subject, text: request.text, attachments };
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    return { providerMessageId: `local-${id}` };
  }
}
