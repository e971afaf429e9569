import { PARTITION, type TableGrant } from '../../shared/adapters/dynamodb/partitions';
import { SCHEDULED_JOBS, STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import { API_FUNCTIONS } from '../../shared/http/api-functions';
import { AUTHORIZER_ENTRY } from '../../shared/http/routes';

/**
 * Every function's entry file, declared once from the declarations that own them (the route
 * table, the stream consumers, the scheduled jobs) plus the few that stand alone. CDK deploys
 * these, the twin runs them, and both take them from one build (infra/local/handler-bundles.ts).
 * No CDK import here: the twin reads this at start.
 */
export const RIGHTS_STEP_ENTRY = 'functions/workflow/rights-step.handler.ts';
/** The twin's name for the steps function while it runs (infra/local/invocation-scope.ts). */
export const RIGHTS_STEP_FUNCTION_ID = 'rightsStep';
/**
 * The data-subject workflow's steps read a customer's whole footprint for an export, and erase
 * it: the customer's partition, their number's claim, code and counters, their orders' refs and
 * tags, their documents (pseudonymised, kept for bookkeeping) and counter sales, the request
 * itself, and the legal-claim hold an erasure leaves while an invoice is unpaid (written, and
 * deleted when the run that ends it finishes). Not the shop's counters, price list, sweep or any
 * sign-in client's counters.
 */
export const RIGHTS_STEP_TABLE: TableGrant = {
  read: [PARTITION.customer, PARTITION.phone, PARTITION.organisation, PARTITION.order, PARTITION.tag, PARTITION.document, PARTITION.request, PARTITION.claimHold],
  write: [PARTITION.customer, PARTITION.document, PARTITION.order, PARTITION.request, PARTITION.claimHold],
  delete: [PARTITION.customer, PARTITION.phone, PARTITION.organisation, PARTITION.order, PARTITION.tag, PARTITION.claimHold],
  batchDeletes: true,
};
export const EMAIL_FEEDBACK_ENTRY = 'functions/events/email-feedback.handler.ts';
/** Marks the bounced message failed: the message and its customer's profile, in the customer's partition. */
export const EMAIL_FEEDBACK_TABLE: TableGrant = { read: [], write: [PARTITION.customer] };

/** The API's functions: the authorizer and one per audience (shared/http/api-functions.ts). */
export const API_FUNCTION_ENTRIES = [AUTHORIZER_ENTRY, ...Object.values(API_FUNCTIONS).map((fn) => fn.entry)];

export const FUNCTION_ENTRIES = [
  ...new Set([...API_FUNCTION_ENTRIES, ...STREAM_CONSUMERS.map((c) => c.entry), ...SCHEDULED_JOBS.map((j) => j.entry), RIGHTS_STEP_ENTRY, EMAIL_FEEDBACK_ENTRY]),
];

/**
 * The API's routers load each route's handler on its first request (shared/http/route-router.ts),
 * so their bundles are split there into chunks (infra/local/handler-bundles.ts); every other
 * function loads all it has at start and is one file.
 */
/**
 * Every function's table grant, by the id the twin runs it under (infra/local/invocation-scope.ts):
 * what test/integration/table-partitions.test.ts checks each function's requests against. (The
 * e-mail feedback handler, fed by SNS, is not run by the twin; its grant is EMAIL_FEEDBACK_TABLE.)
 */
export const TABLE_GRANTS: Readonly<Record<string, TableGrant | undefined>> = {
  ...Object.fromEntries(Object.entries(API_FUNCTIONS).map(([id, fn]) => [id, 'table' in fn ? fn.table : undefined])),
  ...Object.fromEntries(STREAM_CONSUMERS.map((consumer) => [consumer.id, consumer.table])),
  ...Object.fromEntries(SCHEDULED_JOBS.map((job) => [job.id, job.table])),
  [RIGHTS_STEP_FUNCTION_ID]: RIGHTS_STEP_TABLE,
};

export const SPLIT_ENTRIES: readonly string[] = Object.values(API_FUNCTIONS).map((fn) => fn.entry);
