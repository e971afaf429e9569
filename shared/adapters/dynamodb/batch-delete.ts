import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type ItemKey = { pk: string; sk: string };

/** Deletes items 25 at a time (BatchWriteItem's limit), sending again whatever DynamoDB left unprocessed. */
export async function deleteItems(doc: DynamoDBDocumentClient, tableName: string, keyList: ItemKey[]): Promise<void> {
  for (let i = 0; i < keyList.length; i += 25) {
    let pending = keyList.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    while (pending.length) {
      const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
