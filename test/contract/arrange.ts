import type { Customer } from '#shared/domain/customers/customers';
import type { DomainError } from '#shared/domain/kernel/errors';
import type { Order } from '#shared/domain/orders/orders';
import type { Page } from '#shared/ports/repositories';
import { aCustomerRecord, anOrderRecord, RECORD_TIME } from '../helpers/fixtures';
import type { PortWorld } from './world';

/** Small steps the contracts arrange and observe with, through the world's own ports. */

export async function aStoredCustomer(world: PortWorld, overrides: Partial<Customer> = {}): Promise<Customer> {
  const customer = aCustomerRecord(overrides);
  await world.customers.register(customer);
  return customer;
}

/** An order taken in for the customer (a new one unless given) at `at`, then moved to ready at `readyAt` if given. */
export async function anOrderIn(world: PortWorld, options: { customer?: Customer; at?: string; readyAt?: string } = {}): Promise<Order> {
  const customer = options.customer ?? (await aStoredCustomer(world));
  const at = options.at ?? RECORD_TIME;
  const order = anOrderRecord(customer.customerId, await world.orders.nextTicketNumber(), { createdAt: at });
  await world.orders.create(order);
  return options.readyAt ? world.orders.transition(order.orderId, 'ready', { at: options.readyAt }) : order;
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
