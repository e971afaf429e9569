import { randomUUID } from 'node:crypto';
import type { Customer } from '#shared/domain/customers/customers';
import { newMessage, type Message, type MessagePurpose } from '#shared/domain/kernel/outbox-message';
import { priceOrder, type Order } from '#shared/domain/orders/orders';
import type { TwinCall, TwinResult } from './twin-client';

/** Small builders for test data. Numbers are valid Norwegian mobiles (4xxxxxxx / 9xxxxxxx). */
let sequence = 0;

export function uniqueMobile(): string {
  sequence += 1;
  const digits = String((process.pid * 1000 + sequence) % 10_000_000).padStart(7, '0');
  return `+479${digits}`;
}

export const aCustomer = (overrides: Record<string, unknown> = {}) => ({ name: 'Kari Nordmann', phone: uniqueMobile(), ...overrides });

export const anOrder = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customerId,
  items: [
    { service: 'Dress', quantity: 1, unitPriceOre: 24_900 },
    { service: 'Skjorte', description: 'Hvit, stivet', quantity: 3, unitPriceOre: 7_900 },
  ],
  ...overrides,
});

/** Registers a customer, takes in an order for them and marks it ready, as a clerk would. */
export async function aReadyOrder(
  call: (method: string, url: string, options?: TwinCall) => Promise<TwinResult>,
  staff: string,
  customer: Record<string, unknown> = {},
  order: Record<string, unknown> = {},
) {
  const registered = await call('POST', '/admin/customers', { token: staff, body: aCustomer(customer) });
  const customerId = registered.json.customerId as string;
  const orderId = (await call('POST', '/admin/orders', { token: staff, body: anOrder(customerId, order) })).json.orderId as string;
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: staff })).status).toBe(200);
  return { orderId, customerId, phone: registered.json.phone as string };
}

/**
 * Stored records, for the ports' contracts and the use-case tests: what a use case would hand a
 * repository, with the fields a case is about given as overrides.
 */
export const RECORD_TIME = '2026-03-02T09:00:00.000Z';

export function aCustomerRecord(overrides: Partial<Customer> = {}): Customer {
  const at = overrides.createdAt ?? RECORD_TIME;
  return { customerId: randomUUID(), name: 'Kari Nordmann', phone: uniqueMobile(), emailPurposes: [], language: 'nb', createdAt: at, updatedAt: at, lastActivityAt: at, version: 1, ...overrides };
}

export function anOrderRecord(customerId: string, orderId: string, overrides: Partial<Order> = {}): Order {
  const at = overrides.createdAt ?? RECORD_TIME;
  return {
    orderId,
    customerId,
    status: 'received',
    ...priceOrder(anOrder(customerId).items),
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    receivedAt: at,
    version: 1,
    ...overrides,
  };
}

/** An outbox message as the use cases build one (pending, no attempts), about an order or about none. */
export function aMessageRecord(input: { customerId: string; orderId?: string; purpose?: MessagePurpose; occasion?: string; at?: string; params?: Message['params'] }): Message {
  return newMessage({
    customerId: input.customerId,
    ...(input.orderId ? { orderId: input.orderId } : {}),
    purpose: input.purpose ?? 'question',
    occasion: input.occasion ?? randomUUID(),
    params: input.params ?? (input.orderId ? { ticket: input.orderId } : {}),
    now: new Date(input.at ?? RECORD_TIME),
    retentionDays: 14,
  });
}
