import { randomUUID } from 'node:crypto';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { mobileNumberOf, type Customer } from '#shared/domain/customers/customers';
import type { PhoneNumber } from '#shared/domain/customers/phone';
import type { CounterDeps } from '#shared/domain/kernel/deps';
import { newMessage, type Message, type MessagePurpose } from '#shared/domain/kernel/outbox-message';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { takeInGarments } from '#shared/domain/orders/garments';
import { priceOrder, type Order, type OrderItemInput } from '#shared/domain/orders/orders';
import type { PriceListItem } from '#shared/domain/orders/price-list';
import type { OutboxHarness } from './harness';
import type { TwinCall, TwinResult } from './twin-client';

/** Small builders for test data. Numbers are valid Norwegian mobiles (4xxxxxxx / 9xxxxxxx). */
let sequence = 0;

export function uniqueMobile(): string {
  sequence += 1;
  const digits = String((process.pid * 1000 + sequence) % 10_000_000).padStart(7, '0');
  return `+479${digits}`;
}

/** A valid Norwegian landline (Oslo, 22xxxxxx), different each call. */
export function uniqueLandline(): string {
  sequence += 1;
  return `+4722${String((process.pid * 1000 + sequence) % 1_000_000).padStart(6, '0')}`;
}

/**
 * A valid organisation number (MOD11), different each call: eight digits from the process and a
 * sequence, and their check digit; a base whose check digit would be 10 (never issued) is skipped.
 */
export function uniqueOrganisationNumber(): string {
  for (;;) {
    sequence += 1;
    const base = `9${String((process.pid * 1000 + sequence) % 10_000_000).padStart(7, '0')}`;
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * Number(base[i]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${base}${check}`;
  }
}

/** A business account as staff type it: a fresh organisation number and an invoice address. */
export const aBusiness = (overrides: Record<string, unknown> = {}) => ({
  organisationNumber: uniqueOrganisationNumber(),
  invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' },
  ...overrides,
});

export const aCustomer = (overrides: Record<string, unknown> = {}) => ({ name: 'Kari Nordmann', phone: uniqueMobile(), ...overrides });

/** A tag number no other test's garment carries: tags are unique among the garments in the shop. */
export function uniqueTag(): string {
  sequence += 1;
  return `T${process.pid.toString(36).toUpperCase()}-${sequence}`;
}

/** One garment per line, tagged, unless the test gives its own lines or garments. */
export const garmentsFor = (items: readonly unknown[]) => items.map((_, i) => ({ tag: uniqueTag(), line: i + 1 }));

export const anOrder = (customerId: string, overrides: Record<string, unknown> = {}) => {
  const items = (overrides.items as OrderItemInput[] | undefined) ?? [
    { service: 'Dress', quantity: 1, unitPriceOre: 24_900 },
    { service: 'Skjorte', description: 'Hvit, stivet', quantity: 3, unitPriceOre: 7_900 },
  ];
  return { customerId, items, garments: garmentsFor(items), ...overrides };
};

type Call = (method: string, url: string, options?: TwinCall) => Promise<TwinResult>;

/** Registers a customer at the counter, as a clerk would (201). */
export async function aRegisteredCustomer(call: Call, staff: string, overrides: Record<string, unknown> = {}) {
  const response = await call('POST', '/admin/customers', { token: staff, body: aCustomer(overrides) });
  expect(response.status).toBe(201);
  return response.json as { customerId: string; phone: string; version: number } & Record<string, unknown>;
}

/** Takes in an order for a customer at the counter (201). */
export async function anOrderTakenIn(call: Call, staff: string, customerId: string, overrides: Record<string, unknown> = {}) {
  const response = await call('POST', '/admin/orders', { token: staff, body: anOrder(customerId, overrides) });
  expect(response.status).toBe(201);
  return response.json as { orderId: string; version: number; status: string } & Record<string, unknown>;
}

/** Registers a customer and takes in an order for them, as a clerk would. */
export async function aReceivedOrder(call: Call, staff: string, customer: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  const registered = await aRegisteredCustomer(call, staff, customer);
  const { orderId } = await anOrderTakenIn(call, staff, registered.customerId, order);
  return { orderId, customerId: registered.customerId, phone: registered.phone };
}

/** Registers a customer, takes in an order for them and marks it ready, as a clerk would. */
export async function aReadyOrder(call: Call, staff: string, customer: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  const received = await aReceivedOrder(call, staff, customer, order);
  expect((await call('POST', `/admin/orders/${received.orderId}/ready`, { token: staff })).status).toBe(200);
  return received;
}

/** The same through the use cases, at the deps' clock: a customer registered and an order taken in for them. */
export async function aReceivedOrderThrough(deps: CounterDeps, customer: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  const registered = await registerCustomer(deps, aCustomer(customer));
  return { customer: registered, order: await createOrder(deps, anOrder(registered.customerId, order)) };
}

/** …and marked ready, which queues its pickup SMS. */
export async function aReadyOrderThrough(deps: CounterDeps, customer: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  const received = await aReceivedOrderThrough(deps, customer, order);
  return { customer: received.customer, order: await markOrderReady(deps, received.order.orderId) };
}

/**
 * Stored records, for the ports' contracts and the use-case tests: what a use case would hand a
 * repository, with the fields a case is about given as overrides.
 */
export const RECORD_TIME = '2026-03-02T09:00:00.000Z';

export function aCustomerRecord(overrides: Partial<Customer> = {}): Customer {
  const at = overrides.createdAt ?? RECORD_TIME;
  return { customerId: randomUUID(), name: 'Kari Nordmann', phone: aMobile(), emailPurposes: [], language: 'nb', createdAt: at, updatedAt: at, lastActivityAt: at, version: 1, ...overrides };
}

/** A stored number: a fresh mobile unless given. */
export const aMobile = (e164 = uniqueMobile()): PhoneNumber => ({ e164, kind: 'mobile' });
export const aLandline = (e164 = uniqueLandline()): PhoneNumber => ({ e164, kind: 'landline' });

/** The customer's mobile number, for a case about one (a fixture without one is the test's mistake). */
export function mobileOf(customer: Pick<Customer, 'phone'>): string {
  const mobile = mobileNumberOf(customer);
  if (mobile === undefined) throw new Error('This customer has no mobile number');
  return mobile;
}

/** A stored price-list item: a dress at 229 kr, three working days, active, as of `at`. */
export function aPriceListItem(itemId: string, overrides: Partial<PriceListItem> = {}, at = RECORD_TIME): PriceListItem {
  return { itemId, name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3, status: 'active', version: 1, createdAt: at, updatedAt: at, ...overrides };
}

export function anOrderRecord(customerId: string, orderId: string, overrides: Partial<Order> = {}): Order {
  const at = overrides.createdAt ?? RECORD_TIME;
  return {
    orderId,
    customerId,
    status: 'received',
    ...priceOrder(anOrder(customerId).items),
    garments: takeInGarments(garmentsFor(anOrder(customerId).items), anOrder(customerId).items as { kind?: string }[]),
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

/** Asks for a sign-in code and reads it off the SMS the outbox sent, as the customer would. */
/**
 * An address of its own for each number, as if each customer signed in from their own phone: the
 * sign-in limits count per caller, and one test file's sign-ins are not one client's.
 */
export function addressOf(phone: string): string {
  const digits = phone.replace(/\D/g, '').slice(-6).padStart(6, '0');
  return `10.${Number(digits.slice(0, 2))}.${Number(digits.slice(2, 4))}.${Number(digits.slice(4, 6))}`;
}

export async function aSignInCode(call: Call, outbox: OutboxHarness, phone: string, sourceIp = addressOf(phone)): Promise<string> {
  expect((await call('POST', '/auth/code', { body: { phone }, sourceIp })).status).toBe(202);
  const before = outbox.publishes().length;
  await outbox.drain();
  const sms = outbox.publishes().slice(before).find((p) => p.PhoneNumber === phone);
  const code = /^(\d{6}) er koden din/.exec(sms?.Message ?? '')?.[1];
  if (!code) throw new Error('No code arrived');
  return code;
}
