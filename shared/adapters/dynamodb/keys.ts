/**
 * Key formats, in one place. Every item carries `entity` so a reader of the raw table (the
 * inventory test, the export, the sweep) knows what it is looking at.
 */
export const ENTITY = {
  customer: 'customer',
  phoneClaim: 'phoneClaim',
  order: 'order',
  orderRef: 'orderRef',
  counter: 'counter',
} as const;
export type EntityName = (typeof ENTITY)[keyof typeof ENTITY];

/** Ticket numbers sort as strings inside a customer's partition, so they are zero-padded there. */
const padTicket = (orderId: string) => orderId.padStart(10, '0');

export const keys = {
  customer: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' }),
  phoneClaim: (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'CLAIM' }),
  order: (customerId: string, orderId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `ORDER#${padTicket(orderId)}` }),
  orderRef: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'REF' }),
  counter: (name: 'ticket') => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  ordersByStatus: (status: string, changedAt: string, orderId: string) => ({
    gsi1pk: `ORDERS#${status}`,
    gsi1sk: `${changedAt}#${padTicket(orderId)}`,
  }),
};

/** The sort-key range of a customer's partition that holds the profile and the orders. */
export const CUSTOMER_WITH_ORDERS_RANGE = { from: 'ORDER#', to: 'PROFILE' } as const;
