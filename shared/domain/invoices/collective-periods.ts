/**
 * The periods a shop may invoice pickups on account by (shop config `collectiveInvoicePeriod`):
 * a month by default, or a quarter. Apart from collective-invoice.ts so the shop's configuration
 * can name them without importing the invoice rules (which read the configuration).
 */
export const COLLECTIVE_INVOICE_PERIODS = ['month', 'quarter'] as const;
export type CollectiveInvoicePeriod = (typeof COLLECTIVE_INVOICE_PERIODS)[number];
