import type { Receivable } from '../domain/receivables/receivables';

/**
 * What the reskontro reads beyond the receivables' own port: everything with a balance, from the
 * sparse index alone (never a scan), and the customers' names by key.
 */
export interface ReskontroReader {
  /**
   * Every receivable with a balance today: the open and partly paid ones (the open index) and
   * those with a credit in the customer's favour (the credit index), read together, each to its
   * last page; by due date, then number, the open ones first.
   */
  listOutstanding(): Promise<Receivable[]>;
  /** The names on the customers' profiles, by id (one BatchGet per 100); an id without a profile is left out. */
  customerNames(customerIds: readonly string[]): Promise<Map<string, string>>;
}
