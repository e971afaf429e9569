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
