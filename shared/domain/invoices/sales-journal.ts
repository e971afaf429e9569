import type { CounterDeps } from '../kernel/deps';
import { ValidationError } from '../kernel/errors';
import { shopDate } from '../kernel/calendar';
import type { Order } from '../orders/orders';
import type { CounterSale } from './counter-sales';
import type { SalesDocument } from './sales-documents';

/**
 * The sales journal for the accountant: the one lawful outflow of customer data. Every sale in a
 * period, in document order: invoices and credit notes from this backend's series, and sales paid at
 * the counter, which the certified cash register documents (they are listed with its receipt
 * reference so the accountant can match them to its Z reports). A buyer's name appears only where
 * the document itself carries it (invoices and credit notes); counter sales have no buyer.
 * Semicolon-separated, decimal commas and a UTF-8 byte-order mark, so a Norwegian spreadsheet opens it
 * as it is; the last row holds the totals, which equal the sum of the rows.
 */
export type JournalRow = {
  type: 'Faktura' | 'Kreditnota' | 'Kassesalg';
  number: string;
  date: string;
  orderId: string;
  buyer: string;
  payment: 'faktura' | 'kasse';
  netOre: number;
  vatOre: number;
  grossOre: number;
  vatRatePercent: number;
  reference: string;
};

export const MAX_JOURNAL_DAYS = 366;

/** The shop's offset from UTC at an instant, in minutes (+60 in an Oslo winter, +120 in summer). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/**
 * The UTC instant a calendar day starts in the shop's time zone. The offset is the one in force at
 * that midnight, which on the days the clocks change differs from the day's noon: found by taking
 * noon's offset as a first guess and asking again at the guessed instant.
 */
export function startOfShopDay(isoDate: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
  const guess = midnightUtc - offsetMinutes(new Date(`${isoDate}T12:00:00Z`), timeZone) * 60_000;
  return new Date(midnightUtc - offsetMinutes(new Date(guess), timeZone) * 60_000).toISOString();
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export async function salesJournal(deps: CounterDeps, from: string, to: string): Promise<JournalRow[]> {
  if (to < from) throw new ValidationError('The period ends before it starts', [{ pointer: '#/query/to', detail: 'Give a date on or after from' }]);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_JOURNAL_DAYS) throw new ValidationError('The period is too long', [{ pointer: '#/query/to', detail: `At most ${MAX_JOURNAL_DAYS} days at a time` }]);

  // One query per year: the documents and the pickups paid at the counter (counter-sales.ts).
  const { documents, counterSales } = await deps.documents.listSalesBetween(from, to);
  // Counter sales collected before pickups were recorded one by one are the orders themselves.
  const earlierCounterSales: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.orders.listInStatusBetween(
      'picked_up',
      startOfShopDay(from, deps.shop.timeZone),
      startOfShopDay(nextDay(to), deps.shop.timeZone),
      // Pages as large as one read returns (up to 1 MB): a few weeks of pickups take one round trip.
      { limit: 1000, ...(cursor ? { cursor } : {}) },
    );
    earlierCounterSales.push(...page.items.filter((order) => order.payment?.method === 'counter' && !order.pickups?.length));
    cursor = page.nextCursor;
  } while (cursor);

  const fromDocument = (d: SalesDocument): JournalRow => ({
    type: d.kind === 'invoice' ? 'Faktura' : 'Kreditnota',
    number: String(d.documentNumber),
    date: d.issueDate,
    orderId: d.orderId,
    buyer: d.buyer.name,
    payment: 'faktura',
    netOre: d.totals.netOre,
    vatOre: d.totals.vatOre,
    grossOre: d.totals.grossOre,
    vatRatePercent: d.totals.vatRatePercent,
    reference: d.kind === 'invoice' ? `KID ${d.kid}` : `krediterer ${d.creditsDocument}`,
  });
  const fromCounterSale = (c: CounterSale): JournalRow => ({
    type: 'Kassesalg',
    number: '',
    date: c.date,
    orderId: c.orderId,
    buyer: '',
    payment: 'kasse',
    netOre: c.totals.netOre,
    vatOre: c.totals.vatOre,
    grossOre: c.totals.grossOre,
    vatRatePercent: c.totals.vatRatePercent,
    reference: c.posReceiptRef ? `kvittering ${c.posReceiptRef}` : '',
  });
  const fromEarlierCounterSale = (o: Order): JournalRow => ({
    type: 'Kassesalg',
    number: '',
    date: shopDate(new Date(o.pickedUpAt ?? o.statusChangedAt), deps.shop.timeZone),
    orderId: o.orderId,
    buyer: '',
    payment: 'kasse',
    netOre: o.totals.netOre,
    vatOre: o.totals.vatOre,
    grossOre: o.totals.grossOre,
    vatRatePercent: o.totals.vatRatePercent,
    reference: o.payment?.posReceiptRef ? `kvittering ${o.payment.posReceiptRef}` : '',
  });
  return [...documents.map(fromDocument), ...counterSales.map(fromCounterSale), ...earlierCounterSales.map(fromEarlierCounterSale)].sort(
    (a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type) || a.number.localeCompare(b.number) || a.orderId.localeCompare(b.orderId),
  );
}

/** Øre as kroner with a decimal comma (-249,00), as a Norwegian spreadsheet reads a number; the reskontro's CSV writes them so too. */
export const kroner = (ore: number) => `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)},${String(Math.abs(ore) % 100).padStart(2, '0')}`;

/**
 * A field as CSV: quoted when it holds the separator, a quote or a line break, and never read as a
 * formula (OWASP, "CSV Injection"). Only a field that is wholly a negative amount, such as a credit
 * note's -249,00, may start with a minus: a spreadsheet reads "-1+HYPERLINK(…)" as a formula.
 * A buyer's name cannot hold a bidirectional override, a zero-width character or a line or
 * paragraph separator (U+2028 breaks a row in some readers, outside the quoting below): every text
 * field the API takes refuses them (withoutFormatCharacters, shared/schemas/common.schema.ts).
 * Names stored before that check came in may still, and are written as they are.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d+(,\d+)?$/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function journalCsv(rows: JournalRow[]): string {
  const header = ['Type', 'Bilagsnr', 'Dato', 'Lapp', 'Kjøper', 'Betaling', 'Netto', 'MVA', 'Brutto', 'MVA-sats', 'Referanse'];
  const sum = (pick: (r: JournalRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const lines = [
    header,
    ...rows.map((r) => [r.type, r.number, r.date, r.orderId, r.buyer, r.payment, kroner(r.netOre), kroner(r.vatOre), kroner(r.grossOre), `${r.vatRatePercent} %`, r.reference]),
    ['Sum', '', '', '', '', '', kroner(sum((r) => r.netOre)), kroner(sum((r) => r.vatOre)), kroner(sum((r) => r.grossOre)), '', `${rows.length} bilag`],
  ];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}
