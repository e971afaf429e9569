import type { ReceivableRepository } from '../../ports/receivables';
import type { CounterDeps } from '../kernel/deps';
import { getSalesDocument } from '../invoices/invoice-use-cases';
import type { SalesDocument } from '../invoices/sales-documents';
import type { Receivable } from './receivables';

/** The counter's ports and the receivables'. */
export type ReceivableDeps = CounterDeps & { receivables: ReceivableRepository };

/**
 * A sales document as staff look it up: an invoice with its balance and status. The two reads go
 * out together (one round trip's wait); an invoice issued before receivables were kept has none.
 */
export async function getDocumentWithBalance(deps: ReceivableDeps, documentNumber: number): Promise<SalesDocument & { receivable?: Receivable }> {
  const [document, receivable] = await Promise.all([getSalesDocument(deps, documentNumber), deps.receivables.get(documentNumber)]);
  return receivable ? { ...document, receivable } : document;
}
