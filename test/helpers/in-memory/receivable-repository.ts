import { NotFoundError } from '#shared/domain/kernel/errors';
import type { OcrImport } from '#shared/domain/receivables/ocr-import-report';
import type { Payment, PaymentNeedingAttention } from '#shared/domain/receivables/payments';
import { isOpenReceivable, type Receivable } from '#shared/domain/receivables/receivables';
import type { PaymentPosting, ReceivableRepository } from '#shared/ports/receivables';
import type { Page, PageRequest } from '#shared/ports/repositories';
import { pageOf } from './paging';
import { attentionId, copy, paymentStoreId, type InMemoryStore } from './store';

const padNumber = (n: number) => String(n).padStart(10, '0');

/** ReceivableRepository in memory: the adapter's reads, in its indexes' orders. */
export class InMemoryReceivableRepository implements ReceivableRepository {
  constructor(private readonly store: InMemoryStore) {}

  async get(documentNumber: number): Promise<Receivable | undefined> {
    return copy(this.store.receivables.get(documentNumber));
  }

  async getMany(documentNumbers: readonly number[]): Promise<Receivable[]> {
    return copy([...new Set(documentNumbers)].flatMap((n) => this.store.receivables.get(n) ?? []));
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Receivable>> {
    // The adapter's gsi1 partition RECEIVABLES#<customerId>, by "<issueDate>#<number>".
    const sorted = [...this.store.receivables.values()]
      .filter((r) => r.customerId === customerId)
      .map((r) => [`${r.issueDate}#${padNumber(r.documentNumber)}`, r] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf(`RECEIVABLES#${customerId}`, sorted, page));
  }

  async listOpen(page: PageRequest, options: { dueBefore?: string } = {}): Promise<Page<Receivable>> {
    // The adapter's sparse gsi3 partition, by "<dueDate>#<number>"; BETWEEN '0' AND the date is "due before it".
    const sorted = [...this.store.receivables.values()]
      .filter(isOpenReceivable)
      .map((r) => [`${r.dueDate}#${padNumber(r.documentNumber)}`, r] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf('RECEIVABLES#open', sorted, page, options.dueBefore ? { range: { from: '0', to: options.dueBefore } } : {}));
  }

  async recordPayment(documentNumber: number, paymentId: string, decide: (receivable: Receivable) => PaymentPosting) {
    const before = this.store.receivables.get(documentNumber);
    if (!before) throw new NotFoundError(`Invoice ${documentNumber} has no receivable`);
    const stored = this.store.payments.get(paymentStoreId(documentNumber, paymentId));
    if (stored) return copy({ receivable: before, payment: stored, duplicate: true });
    // Decided before anything is written, as the adapter's transaction: a refusal writes nothing.
    const { receivable, payment, attention } = decide(copy(before));
    this.store.receivables.set(documentNumber, copy(receivable));
    this.store.payments.set(paymentStoreId(documentNumber, payment.paymentId), copy(payment));
    if (attention) this.store.paymentAttention.set(attentionId(attention), copy(attention));
    return copy({ receivable, payment, duplicate: false });
  }

  async listPayments(documentNumber: number): Promise<Payment[]> {
    // The adapter's Query of the invoice's partition, by "PAYMENT#<key>".
    return copy([...this.store.payments.entries()].filter(([, p]) => p.documentNumber === documentNumber).sort(([a], [b]) => a.localeCompare(b)).map(([, p]) => p));
  }

  async change(documentNumber: number, change: (receivable: Receivable) => Receivable): Promise<Receivable> {
    const before = this.store.receivables.get(documentNumber);
    if (!before) throw new NotFoundError(`Invoice ${documentNumber} has no receivable`);
    const after = change(copy(before));
    this.store.receivables.set(documentNumber, copy(after));
    return copy(after);
  }

  async noteForAttention(item: PaymentNeedingAttention): Promise<void> {
    if (!this.store.paymentAttention.has(attentionId(item))) this.store.paymentAttention.set(attentionId(item), copy(item));
  }

  async listNeedingAttention(page: PageRequest): Promise<Page<PaymentNeedingAttention>> {
    const sorted = [...this.store.paymentAttention.entries()].sort(([a], [b]) => a.localeCompare(b));
    return copy(pageOf('PAYMENTS#attention', sorted, page));
  }

  async claimImport(claim: OcrImport): Promise<{ claim: OcrImport; fresh: boolean }> {
    const stored = this.store.ocrImports.get(claim.transmissionNumber);
    if (stored) return copy({ claim: stored, fresh: false });
    this.store.ocrImports.set(claim.transmissionNumber, copy(claim));
    return copy({ claim, fresh: true });
  }

  async completeImport(claim: OcrImport): Promise<OcrImport> {
    if (!this.store.ocrImports.has(claim.transmissionNumber)) throw new Error(`Transmission ${claim.transmissionNumber} was never claimed`);
    this.store.ocrImports.set(claim.transmissionNumber, copy(claim));
    return copy(claim);
  }

  async listImports(page: PageRequest): Promise<Page<OcrImport>> {
    // The adapter's gsi1 partition OCR#imports, by "<startedAt>#<transmission>", read backwards.
    const sorted = [...this.store.ocrImports.values()].map((i) => [`${i.startedAt}#${i.transmissionNumber}`, i] as const).sort(([a], [b]) => b.localeCompare(a));
    return copy(pageOf('OCR#imports', sorted, page, { descending: true }));
  }
}
