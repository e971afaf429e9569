import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Receivable } from '../../domain/receivables/receivables';
import type { Page, PageRequest } from '../../ports/repositories';
import type { ReskontroReader } from '../../ports/reskontro';
import { getItems } from './batch-get';
import { indexPage } from './index-page';
import { receivableFromItem } from './items';
import { CREDIT_BALANCES_PARTITION, keys, OPEN_RECEIVABLES_PARTITION } from './keys';
import { TABLE_DEFINITION } from './table-definition';

const [, , OPEN_INDEX] = TABLE_DEFINITION.globalSecondaryIndexes;

/** The reskontro's reads (patterns 51 and 52): the two sparse partitions of gsi3, and the profiles' names by key. */
export class DynamoReskontroReader implements ReskontroReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listOutstanding(): Promise<Receivable[]> {
    // Both partitions at once: the list waits for one Query's time, not two (a page is up to 1 MB,
    // some 2,000 receivables, so a shop's open items are one page each).
    const [open, credit] = await Promise.all([this.all(OPEN_RECEIVABLES_PARTITION), this.all(CREDIT_BALANCES_PARTITION)]);
    return [...open, ...credit];
  }

  async customerNames(customerIds: readonly string[]): Promise<Map<string, string>> {
    const distinct = [...new Set(customerIds)];
    const batches: Promise<Record<string, unknown>[]>[] = [];
    // BatchGetItem takes 100 keys; the batches go out together.
    for (let i = 0; i < distinct.length; i += 100) {
      batches.push(getItems(this.doc, this.tableName, distinct.slice(i, i + 100).map((id) => keys.customer(id)), ['customerId', 'name']));
    }
    return new Map((await Promise.all(batches)).flat().map((item) => [item.customerId as string, item.name as string]));
  }

  private async all(partition: string): Promise<Receivable[]> {
    const items: Receivable[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<Receivable> = await indexPage(OPEN_INDEX, this.doc, this.tableName, partition, { limit: 1000, ...(cursor ? { cursor } : {}) } satisfies PageRequest, receivableFromItem);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}
