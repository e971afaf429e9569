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
