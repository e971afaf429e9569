import type { InventoriedEntity } from '../../domain/inventory/inventory';
import { ACCOUNTS_WAITING_PARTITION, CLAIM_HOLDS_PARTITION, COLLECTIVES_UNFINISHED_PARTITION, OPEN_RECEIVABLES_PARTITION, PAYMENT_ATTENTION_PARTITION, PRICE_LIST_PARTITION, PROMISED_PARTITION, REMINDERS_TO_PRINT_PARTITION } from './keys';

/**
 * The table's partitions, by the fixed start of their key (keys.ts), as IAM `dynamodb:LeadingKeys`
 * patterns (StringLike: `*` any run of characters). Items by `pk`; index partitions by the
 * index's partition key, which is what LeadingKeys is matched on for a Query on an index.
 * A function's grant (TableGrant) names these, never a string of its own, so a key format changed
 * here changes every role that uses it. `REQUEST#*` does not match `REQUESTS#…` (the `#` is literal).
 */
export const PARTITION = {
  customer: 'CUSTOMER#*',
  phone: 'PHONE#*',
  /** What an erased customer's unpaid invoices need (keys.claimHold), by the erasure's pseudonym. */
  claimHold: 'CLAIMHOLD#*',
  /** A business's organisation number, claimed unique (keys.organisationClaim). */
  organisation: 'ORGNO#*',
  /** A sign-in client's counters, by the keyed hash of its address (keys.signInClientRate). */
  client: 'CLIENT#*',
  request: 'REQUEST#*',
  order: 'ORDER#*',
  tag: 'TAG#*',
  counter: 'COUNTER#*',
  document: 'DOCUMENT#*',
  priceList: PRICE_LIST_PARTITION,
  sweep: 'SWEEP',
  /** Bank payments staff must look at (unmatched, overpaid). */
  paymentAttention: PAYMENT_ATTENTION_PARTITION,
  /** OCR giro imports: the claim of each transmission (OCR#<number>) and their list on gsi1 (OCR#imports). */
  ocrImport: 'OCR#*',
  // Index partitions (gsi1: names, order and request queues, messages, documents by date; gsi2: due; gsi3: promised).
  names: 'NAMES#*',
  ordersByStatus: 'ORDERS#*',
  requestsByStatus: 'REQUESTS#*',
  messagesByState: 'MESSAGES#*',
  documentsByDate: 'DOCUMENTS#*',
  due: 'DUE#*',
  promised: PROMISED_PARTITION,
  // gsi3 also holds what is owed, by due date; gsi1 each customer's receivables.
  openReceivables: OPEN_RECEIVABLES_PARTITION,
  receivablesByCustomer: 'RECEIVABLES#*',
  /** Pickups on account waiting for their collective invoice, by date (gsi1). */
  accountsWaiting: ACCOUNTS_WAITING_PARTITION,
  /** Collective-invoice claims not yet completed, by when claimed (gsi1). */
  collectivesUnfinished: COLLECTIVES_UNFINISHED_PARTITION,
  /** Payment reminders waiting to be printed for the post (gsi3). */
  remindersToPrint: REMINDERS_TO_PRINT_PARTITION,
  /** Every legal-claim hold (gsi3), for the daily job's backstop. */
  claimHoldsHeld: CLAIM_HOLDS_PARTITION,
} as const;
export type PartitionPattern = (typeof PARTITION)[keyof typeof PARTITION];

/**
 * For a function that truly reaches every partition (the staff's counter, the retention sweep, the
 * data-subject workflow's steps): no LeadingKeys condition, which only its actions then bound.
 */
export const EVERY_PARTITION = 'every partition' as const;
type Partitions = readonly PartitionPattern[] | typeof EVERY_PARTITION;

/**
 * What a function may do with the table, declared beside the function (API_FUNCTIONS,
 * STREAM_CONSUMERS, SCHEDULED_JOBS, infra/config/functions.ts) and turned into its IAM policy by
 * infra/constructs/table-access.ts: each list one statement, bounded by `dynamodb:LeadingKeys`.
 * - `read`: GetItem, BatchGetItem, Query, ConditionCheckItem (a transaction's condition check is a read).
 * - `write`: PutItem and UpdateItem (read too: a write's condition reads the item).
 * - `delete`: DeleteItem, and BatchWriteItem where `batchDeletes` (the only batch writes are deletes, batch-delete.ts).
 * - `creates`: partitions where the function only adds items of one inventoried entity: PutItem
 *   limited to that entity's attributes (`dynamodb:Attributes`) and returning nothing of what it
 *   may replace (`dynamodb:ReturnValues` NONE). IAM cannot bound the sort key, so this is how a
 *   role that must queue a message in a customer's partition is kept from reading or rewriting
 *   the rest of it.
 */
export type TableGrant = {
  read: Partitions;
  write?: Partitions;
  delete?: Partitions;
  batchDeletes?: boolean;
  creates?: { partitions: readonly PartitionPattern[]; entity: InventoriedEntity };
};
