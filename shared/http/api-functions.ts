import type { ApiFunctionId, RouteDefinition } from './route-definition';

/**
 * Which Lambda function serves which route, declared once for CDK, the twin, the bench and the
 * tests: one function for the counter's staff, one for everything a customer (or anyone) calls,
 * and the OpenAPI document apart. Each group of the route table names its function.
 * The shop-day simulation in the bench (bench/shop-day.ts) replays a day's calls against the
 * layouts: one function per route made about a third of a shop's calls cold starts at 7 minutes'
 * idle reclaim, one per audience (staff, customer, sign-in, public pages) still 3 %, because each
 * of a customer's few visits (privacy page, code, token, their data) met three cold functions;
 * staff and customer together meet the ≤ 2 % target (1.5 %; README, "Performance"). One function
 * for everything would be only a little warmer, and would put the public sign-in routes in the
 * staff role. The OpenAPI document, which no shop's day reads, has a function of its own.
 *
 * Least privilege by audience: the public sign-in routes never share a function or a role with
 * the staff routes, and the staff function cannot read the customer key. Each function's entry
 * is a router (shared/http/route-router.ts) over the route handlers, which stay one file a route.
 */
export const API_FUNCTIONS = {
  staff: { entry: 'functions/http/staff.function.ts', description: 'The counter: every staff route (Cognito access token)' },
  customer: {
    entry: 'functions/http/customer.function.ts',
    description: 'What customers call: sign-in, their own data and requests, the privacy statement, health',
    /**
     * The table partitions its role may touch (IAM `dynamodb:LeadingKeys`, StringLike patterns of
     * keys.ts's formats). Written: a number's sign-in codes, rate counters and claim, and a caller's
     * own sign-in counters (CLIENT#<hash of the address>, sign-in.ts); the customer's
     * own partition (profile, name entries, orders, messages, request refs); their privacy requests.
     * Only read: sales documents, which the export of a customer's data includes, and the
     * legal-claim hold a blocked erasure's view explains (CLAIMHOLD#). Never the shop's
     * counters, tags, price list, sweep or queues. test/integration/table-partitions.test.ts runs
     * the routes through the twin, which does not enforce IAM, and checks them against this.
     */
    partitions: { write: ['PHONE#*', 'CLIENT#*', 'CUSTOMER#*', 'REQUEST#*'], read: ['DOCUMENT#*', 'CLAIMHOLD#*'] },
  },
  // Apart, because generating the document from every schema is ~0.17x of the baseline at each cold
  // start that no customer needs; nobody in a shop's day reads it, so its cold starts cost nobody.
  docs: { entry: 'functions/http/docs.function.ts', description: 'The OpenAPI document' },
} as const satisfies Record<ApiFunctionId, { entry: string; description: string; partitions?: TablePartitions }>;

/** Partition key patterns a function's role may write (and read), and may only read. */
export type TablePartitions = { write: readonly string[]; read: readonly string[] };

export type { ApiFunctionId };

/** The function a route belongs to, as its group in the route table declares. */
export function apiFunctionOf(route: Pick<RouteDefinition, 'function'>): ApiFunctionId {
  return route.function;
}
