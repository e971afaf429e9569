import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { MESSAGE_SENDERS, STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import { sourceLoader, type HandlerLoader } from '../../infra/local/handler-bundles';
import { createStreamPoller } from '../../infra/local/stream-poller';
import type { TestEnvironment } from './test-environment';

/**
 * The outbox as it runs in AWS, on DynamoDB Local: the table's real stream, read the way Lambda's
 * event source mapping reads it, the real sender, and SNS replaced at the client boundary only
 * and SES replaced at the client boundary only (aws-sdk-client-mock), where faults are injected.
 */
export function outboxHarness(env: TestEnvironment, options: { loadHandler?: HandlerLoader; consumers?: typeof STREAM_CONSUMERS } = {}) {
  const sns = mockClient(SNSClient);
  let published = 0;
  sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++published}` }));
  const ses = mockClient(SESClient);
  let mailed = 0;
  ses.on(SendRawEmailCommand).callsFake(async () => ({ MessageId: `ses-${++mailed}` }));
  const deadLetters: StreamRecord[] = [];
  const poller = createStreamPoller({
    endpoint: env.endpoint,
    tableName: env.tableName,
    // The message senders only, unless asked: the request starter needs a (local) Step Functions.
    consumers: options.consumers ?? MESSAGE_SENDERS,
    loadHandler: options.loadHandler ?? sourceLoader,
    backoffMs: 0,
    onDeadLetter: (_consumer, records) => deadLetters.push(...records),
  });
  return {
    sns,
    ses,
    poller,
    deadLetters,
    drain: () => poller.drain(),
    publishes: () => sns.commandCalls(PublishCommand).map((call) => call.args[0].input),
    /** The raw MIME of every e-mail sent, as text, with the tags it was sent with. */
    emails: () =>
      ses.commandCalls(SendRawEmailCommand).map((call) => ({
        raw: Buffer.from(call.args[0].input.RawMessage?.Data ?? new Uint8Array()).toString('utf8'),
        tags: call.args[0].input.Tags ?? [],
        configurationSet: call.args[0].input.ConfigurationSetName,
      })),
    stop: () => {
      poller.stop();
      sns.restore();
      ses.restore();
    },
  };
}
