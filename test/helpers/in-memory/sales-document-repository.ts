import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import type { Message } from '#shared/domain/kernel/outbox-message';
import type { AccountItem } from '#shared/domain/invoices/account-items';
import type { CounterSale } from '#shared/domain/invoices/counter-sales';
import { NOTHING_CREDITED, type SalesDocument } from '#shared/domain/invoices/sales-documents';
import { tagsLeaving } from '#shared/domain/orders/garments';
import { illegalTransition, orderOfAnotherCustomer, type Order, type Payment } from '#shared/domain/orders/orders';
import { applyCreditNote, receivableFor } from '#shared/domain/receivables/receivables';
import type { CollectiveInvoiceIssue, CollectiveInvoiceOutcome, CreditNoteIssue, InvoiceIssue, SalesDocumentRepository, UnfinishedCollectiveClaim } from '#shared/ports/repositories';
import { collectiveInvoiceSwept } from '#shared/domain/invoices/collective-invoice';
import { applyTransition } from './order-repository';
import { accountItemId, collectiveClaimId, copy, messageId, type InMemoryStore } from './store';

/** The adapter's bound on lost races for the next number; here a race is lost only to a builder that dates backwards. */
const MAX_NUMBER_RACES = 20;
const tooMany = () => new ConflictError('Too many documents are being issued at once; try again');
const padNumber = (n: number) => String(n).padStart(10, '0');

/**
 * SalesDocumentRepository in memory: one series without gaps (a number is taken only together
 * with its document), never dated before the document numbered before it, an invoice credited
 * once, and the order and e-mail written with the document or not at all.
 */
export class InMemorySalesDocumentRepository implements SalesDocumentRepository {
  constructor(private readonly store: InMemoryStore) {}

  async issueInvoice({ customerId, orderId }: { customerId: string; orderId: string }, issue: InvoiceIssue): Promise<{ order: Order; document: SalesDocument }> {
    const owner = this.store.orderRefs.get(orderId);
    const order = owner === undefined ? undefined : this.store.orders.get(orderId);
    if (!owner || !order) throw new NotFoundError(`Order ${orderId} does not exist`);
    if (owner !== customerId) {
      throw orderOfAnotherCustomer(orderId);
    }
    // The adapter's order of judgement: the pickup itself, the client's version, then the buyer.
    const pickUp = issue.pickUp ?? ((current: Order, payment: Payment) => {
      if (current.status !== 'ready') throw illegalTransition(orderId, current.status, 'pickup');
      return applyTransition(current, 'pickup', { at: issue.at, payment });
    });
    pickUp(copy(order), { method: 'invoice' });
    if (issue.expectedVersion !== undefined && issue.expectedVersion !== order.version) {
      throw new PreconditionFailedError(`Order ${orderId} is at version ${order.version}, not ${issue.expectedVersion}`);
    }
    const customer = this.store.customers.get(customerId)?.customer;
    if (!customer) throw new NotFoundError(`Customer ${customerId} does not exist`);
    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      const { documentNumber, seriesDate } = this.nextNumber(issue.firstNumber);
      const document = issue.build({ order: copy(order), customer: copy(customer), documentNumber, seriesDate });
      const message = issue.notify?.(document);
      if (!this.canTake(document, message)) continue;
      const pickedUp = copy(pickUp(copy(order), { method: 'invoice', documentNumber }));
      for (const tag of tagsLeaving(order.garments, pickedUp.garments)) if (this.store.tagClaims.get(tag) === orderId) this.store.tagClaims.delete(tag);
      this.take(documentNumber, document, message);
      // As the adapter's transaction: the receivable is stored with the invoice.
      this.store.receivables.set(documentNumber, copy(receivableFor(document)));
      this.store.orders.set(orderId, pickedUp);
      return { order: copy(pickedUp), document };
    }
    throw tooMany();
  }

  async issueCreditNote(originalNumber: number, issue: CreditNoteIssue): Promise<SalesDocument> {
    const original = this.store.documents.get(originalNumber);
    if (!original) throw new NotFoundError(`Document ${originalNumber} does not exist`);
    if (original.kind !== 'invoice') throw new ConflictError(`Document ${originalNumber} is a credit note; only invoices are credited`);
    const claim = this.store.creditClaims.get(originalNumber);
    // As the adapter's condition on the buyer's profile: not while the buyer is being erased.
    const erasing = () => this.store.customers.get(original.customerId)?.erasingSince !== undefined;
    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      // As the adapter: a retried credit answers its credit note as stored, before any number is taken.
      const replayed = issue.replayed?.(copy(claim?.tally ?? NOTHING_CREDITED));
      if (replayed !== undefined) return copy(this.store.documents.get(replayed)) as SalesDocument;
      const { documentNumber, seriesDate } = this.nextNumber(issue.firstNumber);
      const { creditNote, tally } = issue.build(copy(original), documentNumber, seriesDate, copy(claim?.tally ?? NOTHING_CREDITED));
      if (erasing()) throw new ConflictError(`The buyer of invoice ${originalNumber} is being erased; credit it when the erasure is done`);
      const message = issue.notify?.(creditNote);
      if (!this.canTake(creditNote, message)) continue;
      const receivable = applyCreditNote(copy(this.store.receivables.get(originalNumber)) ?? receivableFor(original), creditNote);
      this.take(documentNumber, creditNote, message);
      this.store.receivables.set(originalNumber, copy(receivable));
      this.store.creditClaims.set(originalNumber, { creditedBy: documentNumber, retainUntil: creditNote.retainUntil, tally: copy(tally) });
      return creditNote;
    }
    throw tooMany();
  }

  async get(documentNumber: number): Promise<SalesDocument | undefined> {
    return copy(this.store.documents.get(documentNumber));
  }

  async listAccountItems(customerId: string): Promise<AccountItem[]> {
    // The adapter's Query of the business's partition, where items sort as "ACCOUNT#<ticket>#<n>".
    const items = [...this.store.accountItems.values()]
      .filter((i) => i.customerId === customerId)
      .sort((a, b) => a.orderId.padStart(10, '0').localeCompare(b.orderId.padStart(10, '0')) || a.n - b.n);
    return copy(items);
  }

  async listSalesBetween(fromDate: string, toDate: string): Promise<{ documents: SalesDocument[]; counterSales: CounterSale[] }> {
    // The adapter's one query per year bucket, where counter sales sort as "<date>#S<ticket>#<n>".
    const fromYear = Number(fromDate.slice(0, 4));
    const toYear = Number(toDate.slice(0, 4));
    const counterSales = [...this.store.counterSales.values()]
      .filter((c) => Number(c.date.slice(0, 4)) >= fromYear && Number(c.date.slice(0, 4)) <= toYear && c.date >= fromDate && c.date <= toDate)
      .sort((a, b) => a.date.localeCompare(b.date) || a.orderId.padStart(10, '0').localeCompare(b.orderId.padStart(10, '0')) || a.n - b.n);
    return { documents: await this.listIssuedBetween(fromDate, toDate), counterSales: copy(counterSales) };
  }

  async listIssuedBetween(fromDate: string, toDate: string): Promise<SalesDocument[]> {
    // The adapter's query per year bucket: "<issueDate>#<number>" BETWEEN from AND "<to>#~".
    const fromYear = Number(fromDate.slice(0, 4));
    const toYear = Number(toDate.slice(0, 4));
    return copy(
      [...this.store.documents.values()]
        .filter((d) => {
          const year = Number(d.issueDate.slice(0, 4));
          const key = `${d.issueDate}#${padNumber(d.documentNumber)}`;
          return year >= fromYear && year <= toYear && key >= fromDate && key <= `${toDate}#~`;
        })
        .sort((a, b) => a.documentNumber - b.documentNumber),
    );
  }

  async issueCollectiveInvoice(issue: CollectiveInvoiceIssue): Promise<CollectiveInvoiceOutcome> {
    const { customerId, period } = issue;
    const claimId = collectiveClaimId(customerId, period.key);
    for (let race = 0; race < MAX_NUMBER_RACES; race++) {
      const waiting = await this.listAccountItems(customerId);
      // Read after the pickups, with nothing awaited from here on: the adapter's one read, then its transactions.
      const claim = this.store.collectiveClaims.get(claimId);
      const record = this.store.customers.get(customerId);
      if (!record && !claim) throw new NotFoundError(`Customer ${customerId} does not exist`);
      if (claim?.completedAt !== undefined) {
        const stored = this.store.documents.get(claim.documentNumber);
        if (!stored) throw collectiveInvoiceSwept(period.key, claim.documentNumber);
        return { outcome: 'already_issued', document: copy(stored) };
      }
      // The adapter's earlier claims left unfinished (its crash between transactions), completed first in number order.
      const earlier = [...this.store.collectiveClaims.entries()]
        .filter(([id, c]) => id !== claimId && c.customerId === customerId && c.completedAt === undefined && c.document)
        .sort(([, a], [, b]) => a.documentNumber - b.documentNumber);
      const completedFirst: number[] = [];
      for (const [id, other] of earlier) {
        const claimed = other.document as SalesDocument;
        this.complete(id, issue.complete?.(claimed) ?? claimed, other.claimedAt, issue);
        completedFirst.push(other.documentNumber);
      }
      const first = completedFirst.length ? { completedFirst } : {};
      const left = completedFirst.length ? await this.listAccountItems(customerId) : waiting;
      const { documentNumber, seriesDate } = this.nextNumber(issue.firstNumber);
      // A claim left half way (the adapter's crash between transactions) is completed as claimed.
      const document = claim?.document ? (issue.complete?.(copy(claim.document)) ?? copy(claim.document)) : record ? issue.build({ customer: copy(record.customer), items: left, documentNumber, seriesDate }) : undefined;
      if (!document) return { outcome: 'nothing_due', ...first };
      if (!claim && record?.erasingSince !== undefined) throw new ConflictError(`Customer ${customerId} is being erased; nothing is invoiced`);
      if (!claim && !this.canTake(document, issue.notify?.(document))) continue;
      // As the adapter's transactions: the claim with the number, the pickups it lists consumed, then the invoice with its receivable and e-mail.
      if (!claim) this.store.counters.document = { value: document.documentNumber, lastIssueDate: document.issueDate };
      this.complete(claimId, document, claim?.claimedAt ?? issue.at, issue);
      return { outcome: 'issued', document: copy(document), ...first };
    }
    throw tooMany();
  }

  async listUnfinishedCollectiveClaims(): Promise<UnfinishedCollectiveClaim[]> {
    // The adapter's sparse index of claims not completed, by when claimed.
    return [...this.store.collectiveClaims.values()]
      .filter((c) => c.completedAt === undefined)
      .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt))
      .map(({ customerId, period, claimedAt }) => ({ customerId, period, claimedAt }));
  }

  /** A claimed collective invoice's pickups consumed, the invoice stored with its receivable and e-mail, the claim completed. */
  private complete(claimId: string, document: SalesDocument, claimedAt: string, issue: CollectiveInvoiceIssue) {
    const { customerId } = document;
    const message = issue.notify?.(document);
    for (const order of document.collectiveOrders ?? []) this.store.accountItems.delete(accountItemId({ customerId, orderId: order.orderId, n: order.n }));
    this.store.documents.set(document.documentNumber, copy(document));
    if (message) this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
    this.store.receivables.set(document.documentNumber, copy(receivableFor(document)));
    this.store.collectiveClaims.set(claimId, { customerId, period: document.collectivePeriod?.key ?? document.orderId, documentNumber: document.documentNumber, claimedAt, completedAt: issue.at });
  }

  async listBusinessesWithAccountItems(upTo: string): Promise<string[]> {
    // The adapter's Query of the waiting index up to the day, its businesses once each.
    return [...new Set([...this.store.accountItems.values()].filter((i) => i.date <= upTo).sort((a, b) => a.date.localeCompare(b.date)).map((i) => i.customerId))];
  }

  private nextNumber(firstNumber: number): { documentNumber: number; seriesDate: string | undefined } {
    const series = this.store.counters.document;
    return { documentNumber: (series?.value ?? firstNumber - 1) + 1, seriesDate: series?.lastIssueDate };
  }

  /** The adapter's conditions on the series, the document and the e-mail; a failure is a lost race, tried again. */
  private canTake(document: SalesDocument, message: Message | undefined): boolean {
    const lastDate = this.store.counters.document?.lastIssueDate;
    if (lastDate !== undefined && lastDate > document.issueDate) return false;
    if (this.store.documents.has(document.documentNumber)) return false;
    return !(message && this.store.messages.has(messageId(message.customerId, message.messageKey)));
  }

  private take(documentNumber: number, document: SalesDocument, message: Message | undefined): void {
    this.store.counters.document = { value: documentNumber, lastIssueDate: document.issueDate };
    this.store.documents.set(document.documentNumber, copy(document));
    if (message) this.store.messages.set(messageId(message.customerId, message.messageKey), copy(message));
  }
}
