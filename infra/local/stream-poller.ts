import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilter, type StreamConsumer } from '../../shared/events/stream-consumers';
import type { HandlerLoader } from './handler-bundles';
import { invokedFunction } from './invocation-scope';

/**
 * Lambda's DynamoDB event source mapping, on DynamoDB Local: reads every shard of the table's
 * stream from the start, applies each consumer's filter, hands batches to the consumer's handler,
 * retries from the first failed item (as with ReportBatchItemFailures) with doubling back-off, and
 * after the consumer's retry attempts hands the records to `onDeadLetter`, as the DLQ would get them.
 */
export type StreamPollerOptions = {
  endpoint: string;
  tableName: string;
  consumers: StreamConsumer[];
  loadHandler: HandlerLoader;
  onDeadLetter?: (consumer: StreamConsumer, records: StreamRecord[]) => void;
  /** Base of the retry back-off; tests set 0. */
  backoffMs?: number;
  /** Called after every poll, e.g. to show what reached the outbox. */
  afterPoll?: () => void;
};

type Shard = { iterator?: string; closed: boolean };

export function createStreamPoller(options: StreamPollerOptions) {
  const config = { endpoint: options.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const streams = new DynamoDBStreamsClient(config);
  const dynamodb = new DynamoDBClient(config);
  const shards = new Map<string, Shard>();
  const backoffMs = options.backoffMs ?? 200;
  let streamArn: string | undefined;
  let polling: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function refreshShards() {
    streamArn ??= (await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }))).Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      shards.set(shard.ShardId, { ...(ShardIterator ? { iterator: ShardIterator } : {}), closed: !ShardIterator });
    }
  }

  async function deliver(consumer: StreamConsumer, records: StreamRecord[]) {
    const module = (await options.loadHandler(consumer.entry)) as unknown as { handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void> };
    for (let start = 0; start < records.length; start += consumer.batchSize) {
      let batch = records.slice(start, start + consumer.batchSize);
      for (let attempt = 0; batch.length > 0; attempt++) {
        const event = { Records: batch.map((r) => ({ ...r, eventSourceARN: streamArn })) } as unknown as DynamoDBStreamEvent;
        let failedFrom: number;
        try {
          const response = await invokedFunction.run(consumer.id, () => module.handler(event));
          const failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          failedFrom = batch.findIndex((r) => failedIds.has(r.dynamodb?.SequenceNumber ?? ''));
        } catch {
          failedFrom = 0; // the whole invocation failed
        }
        if (failedFrom < 0) break;
        batch = batch.slice(failedFrom);
        if (attempt >= consumer.retryAttempts) {
          options.onDeadLetter?.(consumer, batch);
          break;
        }
        if (backoffMs > 0) await new Promise((done) => setTimeout(done, backoffMs * 2 ** attempt));
      }
    }
  }

  /** Reads what the stream has now and delivers it; returns how many records were read. */
  async function pollOnce(): Promise<number> {
    await refreshShards();
    let read = 0;
    for (const [id, shard] of shards) {
      if (shard.closed || !shard.iterator) continue;
      const result = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      const records = result.Records ?? [];
      read += records.length;
      for (const consumer of options.consumers) {
        const matching = records.filter((record) => matchesFilter(consumer.filter, record));
        if (matching.length) await deliver(consumer, matching);
      }
      shards.set(id, { ...(result.NextShardIterator ? { iterator: result.NextShardIterator } : {}), closed: !result.NextShardIterator });
    }
    return read;
  }

  /** Serialises polls, so a timer tick and an explicit drain never read the same records twice. */
  function poll(): Promise<number> {
    const once = () => pollOnce().finally(() => options.afterPoll?.());
    polling = (polling ?? Promise.resolve(0)).then(once, once);
    return polling;
  }

  return {
    poll,
    /** Polls until the stream has nothing new: everything written so far has been handled. */
    async drain(): Promise<void> {
      while ((await poll()) > 0);
    },
    start(intervalMs = 250) {
      timer = setInterval(() => void poll().catch(() => undefined), intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      streams.destroy();
      dynamodb.destroy();
    },
  };
}

export type StreamPoller = ReturnType<typeof createStreamPoller>;
