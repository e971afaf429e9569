import { EVERY_PARTITION, PARTITION, type TableGrant } from '../adapters/dynamodb/partitions';
import type { ApiFunctionId, RouteDefinition } from './route-definition';

/**
 * Which Lambda function serves which route, declared once for CDK, the twin, the bench and the
 * tests: one function for the counter's staff, one for the public sign-in routes, one for
 * everything else a customer (or anyone) calls, and the OpenAPI document apart. Each group of the
 * route table names its function.
 * The shop-day simulation in the bench (bench/shop-day.ts) replays a day's calls against the
 * layouts: one function per route made about a third of a shop's calls cold starts at 7 minutes'
 * idle reclaim, one per audience (staff, customer, sign-in, public pages) still 3 %, because each
 * of a customer's few visits (privacy page, code, token, their data) met three cold functions;
 * staff and customer together met the ≤ 2 % target (1.5 %; README, "Performance") before sign-in
 * was given a role of its own (below; the bench's 'chosen' layout is now that one). One function
 * for everything would be only a little warmer, and would put the public sign-in routes in the
 * staff role. The OpenAPI document, which no shop's day reads, has a function of its own.
 *
 * Least privilege by audience: the public sign-in routes have a function and role of their own,
 * which reach only sign-in items (issue 18: "the sign-in routes touch only sign-in items"; a
 * Lambda has one role, so a role apart is a function apart, and a customer's first visit meets one
 * more cold function), and the staff function cannot read the customer key. Each function's entry
 * is a router (shared/http/route-router.ts) over the route handlers, which stay one file a route.
 */
export const API_FUNCTIONS = {
  staff: {
    entry: 'functions/http/staff.function.ts',
    description: 'The counter: every staff route (Cognito access token)',
    /**
     * The counter reaches every partition there is (customers, numbers, orders, tags, counters,
     * documents, requests, the price list and every queue), and each new staff route may add one,
     * so LeadingKeys would bound nothing; its actions are bounded instead. It deletes only tag
     * claims (a garment leaves the shop), a number's claim, code and counters and a customer's
     * name entries (a change of number or name; the old number's counters in one batch), a
     * customer's open-request marker (a request answered) and a business's pickups on account once
     * its collective invoice lists them: never an order, document or request.
     */
    table: { read: EVERY_PARTITION, write: EVERY_PARTITION, delete: [PARTITION.tag, PARTITION.phone, PARTITION.organisation, PARTITION.customer], batchDeletes: true },
  },
  customer: {
    entry: 'functions/http/customer.function.ts',
    description: 'What a signed-in customer calls: their own data and requests, the privacy statement, health',
    /**
     * The customer's own partition (profile, name entries, orders, messages, request refs and
     * markers; a change of name deletes the entries it no longer needs) and their privacy
     * requests. Only read: sales documents, which the export of a customer's data includes, and the
     * legal-claim hold a blocked erasure's view explains (CLAIMHOLD#). Never
     * a number's sign-in items, the shop's counters, tags, price list, sweep or queues.
     * test/integration/table-partitions.test.ts runs the routes through the twin and checks what
     * they touch against this.
     */
    table: { read: [PARTITION.document, PARTITION.claimHold], write: [PARTITION.customer, PARTITION.request], delete: [PARTITION.customer] },
  },
  signIn: {
    entry: 'functions/http/sign-in.function.ts',
    description: 'Public sign-in: a one-time code by SMS, exchanged for a customer token',
    /**
     * Sign-in items only: a number's code, SMS budget and claim (PHONE#, the code deleted once
     * used), and a caller's own counters (CLIENT#<keyed hash of the address>). The code's SMS is an
     * outbox message, and messages live in the customer's partition (keys.message), so that export
     * and erasure of a customer reach them; IAM cannot bound a sort key, so the role may only add
     * items there with a message's attributes and see nothing of what is there (`creates`): it can
     * read no profile, order or request, and change no attribute a message does not have.
     */
    table: { read: [], write: [PARTITION.phone, PARTITION.client], delete: [PARTITION.phone], creates: { partitions: [PARTITION.customer], entity: 'message' } },
  },
  // Apart, because generating the document from every schema is ~0.17x of the baseline at each cold
  // start that no customer needs; nobody in a shop's day reads it, so its cold starts cost nobody.
  // It touches no table.
  docs: { entry: 'functions/http/docs.function.ts', description: 'The OpenAPI document' },
} as const satisfies Record<ApiFunctionId, { entry: string; description: string; table?: TableGrant }>;

export type { ApiFunctionId };

/** The function a route belongs to, as its group in the route table declares. */
export function apiFunctionOf(route: Pick<RouteDefinition, 'function'>): ApiFunctionId {
  return route.function;
}
