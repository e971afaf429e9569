import { PARTITION, EVERY_PARTITION, type TableGrant } from '../adapters/dynamodb/partitions';
import { CHANNEL_OF, MESSAGE_PURPOSES } from '../domain/kernel/outbox-message';

/**
 * What reacts to the table's stream, declared once: CDK builds each as a Lambda with a DynamoDB
 * event source (these settings, this filter), and the local twin's stream poller feeds the same
 * handler with the same records, applying the same filter and retry rules.
 */
export type StreamFilter = Record<string, unknown>;

/** One sender per channel, so each carries (and may use) only its own provider's client. */
const purposesOf = (channel: 'sms' | 'email') => MESSAGE_PURPOSES.filter((purpose) => CHANNEL_OF[purpose] === channel);

export type StreamConsumer = {
  id: string;
  entry: string;
  description: string;
  /** Lambda event filtering: only matching records reach the function (and are billed). */
  filter: StreamFilter;
  batchSize: number;
  /** Retries of a failed batch item before its record goes to the dead-letter queue. */
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  /** What the function may do with the table (as for routes). */
  data: 'none' | 'read' | 'write';
  /** Where in the table, unless `data` is none (shared/adapters/dynamodb/partitions.ts). */
  table?: TableGrant;
  /** May publish SMS straight to phone numbers. */
  sendsSms: boolean;
  /** May send e-mail from the shop's invoice address through its SES configuration set. */
  sendsEmail: boolean;
  /** May start executions of the data-subject workflow. */
  startsRightsWorkflow?: boolean;
};

export const STREAM_CONSUMERS: StreamConsumer[] = [
  {
    id: 'smsSender',
    entry: 'functions/events/sms-sender.handler.ts',
    description: 'Sends outbox SMS (pickup notices, codes, answers) when they are written',
    // New SMS message items only: their later state changes and TTL deletions are not new messages.
    filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['message'] }, purpose: { S: purposesOf('sms') } } } },
    batchSize: 10,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    data: 'write',
    // Reads the message and its customer's profile (the number), and claims and marks the message: all in the customer's partition.
    table: { read: [], write: [PARTITION.customer] },
    sendsSms: true,
    sendsEmail: false,
  },
  {
    id: 'emailSender',
    entry: 'functions/events/email-sender.handler.ts',
    description: 'Sends outbox e-mails (invoices with their PDF, privacy answers) when they are written',
    filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['message'] }, purpose: { S: purposesOf('email') } } } },
    batchSize: 10,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    data: 'write',
    // As the SMS sender, and reads the document it attaches.
    table: { read: [PARTITION.document], write: [PARTITION.customer] },
    sendsSms: false,
    sendsEmail: true,
  },
  {
    id: 'requestStarter',
    entry: 'functions/events/request-starter.handler.ts',
    description: 'Starts the data-subject workflow for each new privacy request',
    filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['privacyRequest'] } } } },
    batchSize: 10,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    data: 'none',
    sendsSms: false,
    sendsEmail: false,
    startsRightsWorkflow: true,
  },
  {
    id: 'erasureResumer',
    entry: 'functions/events/erasure-resumer.handler.ts',
    description: 'Runs an erasure that waits for garments again when an order of the customer stops being open, and ends an erasure held for a debt when its last invoice is settled',
    // An order changed into a status it may stop being open in: collected, cancelled, its garments
    // handed back. The stream carries new images only, so a later change to such an order passes
    // too: it costs one read of the customer's open-erasure marker, and the run's name (request and
    // ticket) keeps it from starting the same run twice.
    // Or a receivable changed into a closed status (paid, credited, written off): if it belongs to a
    // customer erased but for the claim (its customer id is the pseudonym), the hold may end
    // (resumeHeldErasure). One filter serves both: no order has a receivable's status, nor the reverse.
    filter: { eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['order', 'receivable'] }, status: { S: ['picked_up', 'cancelled', 'returned', 'paid', 'credited', 'written_off'] } } } },
    batchSize: 10,
    retryAttempts: 5,
    maxRecordAgeSeconds: 3600,
    data: 'write',
    // Reads the customer's open-erasure marker and the request, and moves the request's deadline.
    // An order's customer, or a receivable's claim hold and the invoices it waits for (their
    // receivables); the request's deadline; a hold's release deletes the hold and queues the
    // confirmation in the (pseudonymous) customer's partition, where it may only add a message
    // (`creates`): it has no business rewriting a live customer's items.
    table: {
      read: [PARTITION.customer, PARTITION.claimHold, PARTITION.document],
      write: [PARTITION.request],
      delete: [PARTITION.claimHold],
      creates: { partitions: [PARTITION.customer], entity: 'message' },
    },
    sendsSms: false,
    sendsEmail: false,
    startsRightsWorkflow: true,
  },
];

/** The outbox senders, one per channel: what the twin's tests, the load run and the bench drive. */
export const MESSAGE_SENDERS = STREAM_CONSUMERS.filter((consumer) => consumer.sendsSms || consumer.sendsEmail);

/** Matches a record against a filter of the form Lambda uses here: nested objects, lists of allowed values. */
export function matchesFilter(filter: StreamFilter, record: unknown): boolean {
  return Object.entries(filter).every(([key, expected]) => {
    const actual = (record as Record<string, unknown> | undefined)?.[key];
    if (Array.isArray(expected)) return expected.includes(actual);
    return typeof expected === 'object' && expected !== null && matchesFilter(expected as StreamFilter, actual);
  });
}

/** Scheduled jobs, declared once: EventBridge Scheduler in AWS, `npm run job -- <id>` locally. */
export type ScheduledJob = {
  id: string;
  entry: string;
  description: string;
  cron: string;
  data: 'read' | 'write';
  /** Where in the table (shared/adapters/dynamodb/partitions.ts). */
  table: TableGrant;
  /** Lambda's limit for one run (5 minutes unless said); a longer job checkpoints and stops in time. */
  timeoutMinutes?: number;
  /** May start executions of the data-subject workflow. */
  startsRightsWorkflow?: boolean;
};

export const SCHEDULED_JOBS: ScheduledJob[] = [
  {
    id: 'reminders',
    entry: 'functions/jobs/reminders.handler.ts',
    description: 'Courtesy SMS reminders for garments not collected',
    cron: 'cron(0 10 * * ? *)', // 10:00 in the shop's time zone, when people read their phones
    data: 'write', // it writes outbox messages; the stream sender sends them
    // Ready orders from the order queue (an index), their customers, and a reminder message in each customer's partition.
    table: { read: [PARTITION.ordersByStatus], write: [PARTITION.customer] },
  },
  {
    id: 'payment-reminders',
    entry: 'functions/jobs/payment-reminders.handler.ts',
    description: 'Payment reminders for overdue invoices (inkassoloven § 9), e-mailed or put on the print list',
    cron: 'cron(0 9 * * ? *)', // 09:00 on the shop's days, before the counter's post goes out
    data: 'write', // it writes reminders, receivables and outbox messages; the e-mail sender sends them
    // What is owed (gsi3, by due date), each invoice's receivable and document, its buyer's profile
    // (e-mail or post); it writes the reminder and the receivable under the invoice, and the e-mail
    // message in the customer's partition. It deletes nothing.
    table: { read: [PARTITION.openReceivables, PARTITION.document, PARTITION.customer], write: [PARTITION.document, PARTITION.customer] },
  },
  {
    id: 'collective-invoices',
    entry: 'functions/jobs/collective-invoices.handler.ts',
    description: 'Collective invoices (samlefaktura) for what businesses picked up on account in the period just ended',
    // 06:00 on the first of each month, before the counter opens. A shop invoicing by quarter runs
    // it monthly too: in the months between, every business's quarter is claimed already, or has
    // nothing waiting, and the run issues nothing.
    cron: 'cron(0 6 1 * ? *)',
    data: 'write', // it writes invoices, receivables, claims and outbox messages, and deletes the pickups it invoices
    // The waiting pickups and the unfinished claims (gsi1), each business's account, pickups and
    // claims in its partition, the series and the documents; it deletes only in the customer
    // partition (the pickups invoiced).
    table: { read: [PARTITION.accountsWaiting, PARTITION.collectivesUnfinished, PARTITION.customer, PARTITION.counter, PARTITION.document], write: [PARTITION.customer, PARTITION.counter, PARTITION.document], delete: [PARTITION.customer] },
  },
  {
    id: 'request-deadlines',
    entry: 'functions/jobs/request-deadlines.handler.ts',
    description: 'Resumes blocked erasures whose holds have ended; counts privacy requests past their legal deadline (GDPR art. 12(3)), alarmed',
    cron: 'cron(0 8 * * ? *)',
    data: 'write',
    // The blocked erasures (the request queue, an index), each one's request and its customer's
    // partition, or the claim hold an erased debtor left (are its holds over?); it moves a resumed
    // erasure's deadline and starts its run. It lists every hold (an index) and releases a sweep's
    // whose invoices are closed (the sweep writes to no one, so no confirmation is queued).
    table: {
      read: [PARTITION.requestsByStatus, PARTITION.request, PARTITION.customer, PARTITION.document, PARTITION.claimHold, PARTITION.claimHoldsHeld],
      write: [PARTITION.request],
      delete: [PARTITION.claimHold],
    },
    startsRightsWorkflow: true,
  },
  {
    id: 'sweep',
    entry: 'functions/jobs/retention-sweep.handler.ts',
    description: 'Retention sweep: anonymises inactive customers, deletes records past retention and expired ephemeral items',
    cron: 'cron(30 3 * * ? *)', // at night, when the counter is closed
    data: 'write',
    /**
     * Every partition: whatever is due (the due index) may be in any of them, and it anonymises
     * customers (the erasure's batch deletes) and deletes what retention ends, and keeps its state
     * and reports in SWEEP.
     */
    table: { read: EVERY_PARTITION, write: EVERY_PARTITION, delete: EVERY_PARTITION, batchDeletes: true },
    timeoutMinutes: 15,
  },
];
