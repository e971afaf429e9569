/**
 * The categories of personal data the shop holds, as the privacy notice, the access export's
 * summary and the portability copy group them (GDPR art. 13(1)(c)–(e), art. 15(1)(b)). Every
 * attribute of the data inventory belongs to one; `shop_records` is what names no person (the price
 * list, counters, sweep state), which the notice leaves out.
 */
export const DATA_CATEGORIES = [
  /** Name and customer number. */
  'identity',
  /** Phone number, e-mail address, language and how the customer is told an order is ready. */
  'contact',
  /** Orders, their lines, garments, tags, condition notes, pickups and the counter's statutory notices. */
  'orders',
  /** Delivery records of SMS and e-mails sent to the customer. */
  'messages',
  /** Invoices and credit notes: primary documentation kept under bookkeeping law. */
  'sales_documents',
  /** Privacy requests (access, rectification, erasure) and their handling. */
  'privacy_requests',
  /** Sign-in codes and their rate counters. */
  'sign_in',
  /** Data about the shop itself, naming no person. */
  'shop_records',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
