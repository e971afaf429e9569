import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { MESSAGE_SENDERS, STREAM_CONSUMERS } from '#shared/events/stream-consumers';
import { sourceLoader, type HandlerLoader } from '../../infra/local/handler-bundles';
import { createStreamPoller } from '../../infra/local/stream-poller';
import type { TestEnvironment } from './test-environment';

/** Handlers from source, each stream batch handed to them twice: Lambda's at-least-once delivery, made certain. */
export const deliveringEachBatchTwice: HandlerLoader = async (entry) => {
  const real = (await sourceLoader(entry)) as { handler: (event: DynamoDBStreamEvent) => Promise<unknown> };
  return { handler: async (event: DynamoDBStreamEvent) => (await real.handler(event), real.handler(event)) };
};

/**
 * The outbox as it runs in AWS, on DynamoDB Local: the table's real stream, read the way Lambda's
 * event source mapping reads it, the real sender, and SNS replaced at the client boundary only
 * and SES replaced at the client boundary only (aws-sdk-client-mock), where faults are injected.
 */
export function outboxHarness(env: TestEnvironment, options: { loadHandler?: HandlerLoader; consumers?: typeof STREAM_CONSUMERS } = {}) {
  const sns = mockClient(SNSClient);
  let published = 0;
  sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++published}` }));
  const ses = mockClient(SESv2Client);
  let mailed = 0;
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${++mailed}` }));
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
    /** Every e-mail handed to SES, as SES received it: addresses, subject, text, attachments and tags. */
    emails: () =>
      ses.commandCalls(SendEmailCommand).map((call) => {
        const input = call.args[0].input;
        const simple = input.Content?.Simple;
        return {
          to: input.Destination?.ToAddresses ?? [],
          from: input.FromEmailAddress,
          subject: simple?.Subject?.Data ?? '',
          text: simple?.Body?.Text?.Data ?? '',
          attachments: (simple?.Attachments ?? []).map((a) => ({ filename: a.FileName, contentType: a.ContentType, content: Buffer.from(a.RawContent ?? new Uint8Array()) })),
          tags: input.EmailTags ?? [],
          configurationSet: input.ConfigurationSetName,
        };
      }),
    stop: () => {
      poller.stop();
      sns.restore();
      ses.restore();
    },
  };
}
