import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SmsGateway, SmsRequest } from '../../ports/sms-gateway';

/**
 * The local twin's telephone: instead of SNS, each SMS is appended to a JSON-lines file that
 * `GET /local/outbox` lists and the twin's console shows. Selected by SMS_TRANSPORT=local-outbox,
 * which only the twin sets; never deployed.
 */
export class OutboxSmsGateway implements SmsGateway {
  constructor(private readonly file: string) {}

  async send(request: SmsRequest) {
    const entry = { id: randomUUID(), channel: 'sms', at: new Date().toISOString(), to: request.phone, from: request.senderId, text: request.text };
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    return { providerMessageId: `local-${entry.id}` };
  }
}
