import { stageConfig } from '../../infra/config/stages';
import type { Customer } from '#shared/domain/customers/customers';
import { creditNoteFor, buildInvoice, type SalesDocument } from '#shared/domain/invoices/sales-documents';
import { shopDate } from '#shared/domain/kernel/calendar';
import type { DomainError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import type { NewSignInCode, Page } from '#shared/ports/repositories';
import { aCustomerRecord, aMessageRecord, anOrderRecord, RECORD_TIME } from '../helpers/fixtures';
import type { PortWorld } from './world';

/** Small steps the contracts arrange and observe with, through the world's own ports. */

export async function aStoredCustomer(world: PortWorld, overrides: Partial<Customer> = {}): Promise<Customer> {
  const customer = aCustomerRecord(overrides);
  await world.customers.register(customer);
  return customer;
}

/** An order taken in for the customer (a new one unless given) at `at`, promised for `promisedReadyAt` if given, then moved to ready at `readyAt` if given. */
export async function anOrderIn(world: PortWorld, options: { customer?: Customer; at?: string; readyAt?: string; promisedReadyAt?: string } = {}): Promise<Order> {
  const customer = options.customer ?? (await aStoredCustomer(world));
  const at = options.at ?? RECORD_TIME;
  const order = anOrderRecord(customer.customerId, await world.orders.nextTicketNumber(), { createdAt: at, ...(options.promisedReadyAt ? { promisedReadyAt: options.promisedReadyAt } : {}) });
  await world.orders.create(order);
  return options.readyAt ? world.orders.transition(order.orderId, 'ready', { at: options.readyAt }) : order;
}

const shop = stageConfig('local').shop;
const INVOICE_SERIES_START = 10001;

/** An order taken in and made ready, collected on invoice at `at`: the invoice issued with the pickup, dated that day in the shop. */
export async function anInvoicedOrder(world: PortWorld, options: { customer?: Customer; at?: string } = {}): Promise<{ order: Order; invoice: SalesDocument }> {
  const at = options.at ?? minutesAfter(RECORD_TIME, 60);
  const ready = await anOrderIn(world, { ...(options.customer ? { customer: options.customer } : {}), readyAt: minutesAfter(RECORD_TIME, 30) });
  const { order, document } = await world.documents.issueInvoice(ready, {
    at,
    firstNumber: INVOICE_SERIES_START,
    build: ({ order: read, customer, documentNumber, seriesDate }) =>
      buildInvoice({ documentNumber, order: read, customer, buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt: new Date(at), issueDate: laterOf(seriesDate, shopDate(new Date(at), shop.timeZone)) }),
  });
  return { order, invoice: document };
}

/** The invoice reversed by a credit note issued at `at`. */
export function aCreditNoteFor(world: PortWorld, invoice: SalesDocument, at = minutesAfter(RECORD_TIME, 90)): Promise<SalesDocument> {
  return world.documents.issueCreditNote(invoice.documentNumber, {
    firstNumber: INVOICE_SERIES_START,
    build: (original, documentNumber, seriesDate, tally) => creditNoteFor({ documentNumber, original, tally, reason: 'Feil pris', issuedAt: new Date(at), issueDate: laterOf(seriesDate, shopDate(new Date(at), shop.timeZone)) }),
  });
}

/** An order taken in, made ready and paid for at the counter at `at`. */
export async function aCounterSale(world: PortWorld, options: { customer?: Customer; at?: string } = {}): Promise<Order> {
  const ready = await anOrderIn(world, { ...(options.customer ? { customer: options.customer } : {}), readyAt: minutesAfter(RECORD_TIME, 30) });
  return world.orders.transition(ready.orderId, 'pickup', { at: options.at ?? minutesAfter(RECORD_TIME, 60), payment: { method: 'counter', posReceiptRef: 'K-1' } });
}

const laterOf = (a: string | undefined, b: string) => (a !== undefined && a > b ? a : b);

/** RECORD_TIME in epoch seconds: the clock a sign-in code's expiry counts from. */
export const CODE_NOW = Math.floor(Date.parse(RECORD_TIME) / 1000);

/** A sign-in code for the number, sent at RECORD_TIME and live ten minutes, with its SMS. */
export function aCode(phone: string, customerId: string, overrides: Partial<NewSignInCode> = {}): NewSignInCode {
  return {
    phone,
    customerId,
    codeHash: 'hash-1',
    sealedCode: 'sealed-1',
    hour: RECORD_TIME.slice(0, 13),
    maxPerHour: 3,
    day: RECORD_TIME.slice(0, 10),
    maxPerDay: 6,
    expiresAt: CODE_NOW + 600,
    createdAt: RECORD_TIME,
    now: CODE_NOW,
    maxAttempts: 5,
    message: aMessageRecord({ customerId, purpose: 'verification_code', params: { sealedCode: 'sealed-1', minutes: 10 } }),
    ...overrides,
  };
}

type ErrorClass = abstract new (...args: never[]) => DomainError;

/** The call is refused with this domain error (and these members), and nothing is written. */
export async function refusedWithoutWriting(world: PortWorld, act: () => Promise<unknown>, kind: ErrorClass, match: Record<string, unknown> = {}): Promise<void> {
  const before = await world.snapshot();
  const outcome = await act().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty('error');
  const { error } = outcome as { error: unknown };
  expect(error).toBeInstanceOf(kind);
  expect(error).toMatchObject(match);
  expect(await world.snapshot()).toEqual(before);
}

/** Every page of a list, following the cursors: the items in order, and how many each page held. */
export async function allPages<T>(limit: number, read: (page: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    sizes.push(page.items.length);
    // A short page is the last; a full one may be followed by an empty one (DynamoDB cannot know).
    if (page.items.length < limit) expect(page.nextCursor).toBeUndefined();
    cursor = page.nextCursor;
    if (sizes.length > 100) throw new Error('The cursors never end');
  } while (cursor);
  expect(sizes.every((size) => size <= limit)).toBe(true);
  return { items, sizes };
}

/** A cursor the list never handed out. */
export const FORGED_CURSOR = Buffer.from(JSON.stringify({ pk: 'CUSTOMER#someone-else', sk: 'PROFILE' })).toString('base64url');

/** ISO instants a given number of minutes after a base, for lists ordered by time. */
export const minutesAfter = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000).toISOString();
