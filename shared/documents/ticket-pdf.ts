import type { ShopConfig } from '../config/shop-config';
import { formatNorwegianDate, shopDate, shopTime } from '../domain/kernel/calendar';
import { ConflictError } from '../domain/kernel/errors';
import type { Ore } from '../domain/kernel/money';
import { formatKroner } from '../domain/invoices/sales-documents';
import { CONDITION_NOTE_LABELS, type ConditionNote } from '../domain/orders/garment-conditions';
import { code128Symbol, QUIET_ZONE_MODULES } from './code128';
import { type Colour, type Face, PdfDocument, type PdfPage, textWidth } from './pdf-writer';
import { fit, wrap } from './text-layout';

/**
 * The paper ticket (hentelapp) the customer takes home, and the tag labels fixed to the garments,
 * as PDFs for the counter's printers. Both are rendered from the order whenever they are printed,
 * never stored; the same input gives the same bytes.
 *
 * The ticket carries no customer name or number, and its input has no field that could hold one:
 * whoever finds a lost ticket learns which garments wait in which shop, not whose they are. For
 * the same reason it prints the closed list of condition notes, never staff free text.
 */

export type TicketGarment = {
  /** The number on the garment's tag label, and in its barcode. */
  tag: string;
  /** What the garment is, from the price list ("Dress", "Skjorte"). */
  label: string;
  /** Parts that belong together (a suit's jacket and trousers): one tag, one label, n pieces. */
  pieces: number;
  colour?: string;
  brand?: string;
  conditions: readonly ConditionNote[];
};

export type TicketPrint = {
  /** The order's ticket number ("10000042"): printed large and as a Code 128 barcode. */
  ticket: string;
  /** When the garments were taken in (an ISO timestamp); printed in the shop's time. */
  takenInAt: string;
  /** The promised date (YYYY-MM-DD, the shop's date). */
  promisedReadyAt?: string;
  /** The promised time that day, "HH:MM" in the shop's time. */
  promisedReadyTime?: string;
  express?: boolean;
  garments: readonly TicketGarment[];
  /** What the customer pays, VAT included (øre). */
  totalOre: Ore;
  shop: Pick<ShopConfig, 'name' | 'address' | 'phone'>;
  timeZone: string;
};

/** What a tag label needs of an order: a TicketPrint will do. */
export type TagLabelPrint = Pick<TicketPrint, 'ticket' | 'takenInAt' | 'promisedReadyAt' | 'express'> & {
  garments: readonly Pick<TicketGarment, 'tag' | 'label' | 'pieces'>[];
};

const POINTS_PER_MM = 72 / 25.4;
const mm = (millimetres: number) => millimetres * POINTS_PER_MM;

/**
 * Module widths (the narrowest bar) in whole dots of a 203 dpi thermal head, the resolution of the
 * common receipt and label printers (Epson TM-T20, Star TSP100, Zebra ZD-series): a module of whole
 * dots prints every bar at its true width, where 3.5 dots would print some bars a dot too wide.
 * The widest that fits is used: 4 dots (0.50 mm) scans from a crumpled ticket, 2 dots (0.25 mm,
 * 10 mil) is the standard density every handheld scanner reads. A 300 dpi printer rounds each edge
 * to its own grid, at most half of its dot (0.04 mm) off, which Code 128's edge-to-similar-edge
 * decoding tolerates.
 */
const MODULE_WIDTHS_MM = [4, 3, 2].map((dots) => (dots * 25.4) / 203);

const INK: Colour = [0, 0, 0];
const MUTED: Colour = [0.35, 0.35, 0.35];
const PAPER: Colour = [1, 1, 1];

/** Draws `text`'s Code 128 bars, centred on `centreX`, the bars' bottom at `bottom`; returns nothing, throws if it cannot fit `maxWidth` with its quiet zones. */
function drawBarcode(page: PdfPage, text: string, centreX: number, bottom: number, maxWidth: number, barHeight: number) {
  const symbol = code128Symbol(text);
  const withQuietZones = symbol.modules + 2 * QUIET_ZONE_MODULES;
  const moduleWidth = MODULE_WIDTHS_MM.map(mm).find((width) => withQuietZones * width <= maxWidth);
  // A ticket number has 4–8 digits and a tag a few more: 2-dot modules fit some 30 digits on a
  // label and 40 on the ticket, so this is a bug in what was passed, never a customer's input.
  if (moduleWidth === undefined) throw new RangeError(`A ${text.length}-character barcode does not fit ${(maxWidth / POINTS_PER_MM).toFixed(0)} mm with its quiet zones`);
  const left = centreX - (symbol.modules * moduleWidth) / 2;
  for (const bar of symbol.bars) page.rectangle(left + bar.start * moduleWidth, bottom, bar.width * moduleWidth, barHeight, { colour: INK });
}

type TextStyle = { size: number; bold?: boolean; muted?: boolean; colour?: Colour };
const faceOf = (style: TextStyle): Face => (style.bold ? 'bold' : 'regular');

/**
 * A page laid out from the top down, as a receipt is read, whose height is known only at the end:
 * each element is recorded with its distance from the top and drawn once the page's height is.
 */
class TopDownPage {
  private readonly drawings: ((page: PdfPage, height: number) => void)[] = [];
  /** How far down the page the next element starts, in points. */
  y: number;

  constructor(
    readonly width: number,
    readonly margin: { top: number; side: number },
  ) {
    this.y = margin.top;
  }

  get left() {
    return this.margin.side;
  }

  get right() {
    return this.width - this.margin.side;
  }

  get printable() {
    return this.right - this.left;
  }

  /** Prints one line at the next baseline: aligned left at `x`, right at `x`, or centred on the page. */
  text(value: string, style: TextStyle, align: { left: number } | { right: number } | 'centre' = { left: this.left }) {
    const face = faceOf(style);
    const width = textWidth(value, style.size, face);
    const x = align === 'centre' ? (this.width - width) / 2 : 'left' in align ? align.left : align.right - width;
    const baseline = this.y + style.size * 0.78; // Helvetica's cap height is 0.72 of the size; a little above it
    const colour = style.colour ?? (style.muted ? MUTED : INK);
    this.drawings.push((page, height) => page.text(value, x, height - baseline, { size: style.size, face, colour }));
  }

  /** Prints `value` wrapped to `width`, each line `leading` below the last, and moves past it. */
  paragraph(value: string, style: TextStyle, options: { leading?: number; left?: number; width?: number; centre?: boolean } = {}) {
    const left = options.left ?? this.left;
    const leading = options.leading ?? style.size * 1.25;
    for (const line of wrap(value, style.size, options.width ?? this.right - left, faceOf(style))) {
      this.text(line, style, options.centre ? 'centre' : { left });
      this.y += leading;
    }
  }

  rule() {
    const y = this.y + mm(1.5);
    this.drawings.push((page, height) => page.line([this.left, height - y], [this.right, height - y], { thickness: 0.6, colour: INK }));
    this.y += mm(3);
  }

  /** A black band across the page with `value` in white in it, the way a thermal printer shows what must not be missed. */
  band(value: string, size: number) {
    const top = this.y;
    const bandHeight = size * 1.6;
    this.drawings.push((page, height) => page.rectangle(this.left, height - top - bandHeight, this.printable, bandHeight, { colour: INK }));
    this.y += size * 0.3;
    this.text(value, { size, bold: true, colour: PAPER }, 'centre');
    this.y = top + bandHeight + mm(2);
  }

  /** Prints `value` in white on a black box hugging it, aligned right at `align.right`, on the next baseline. */
  inverse(value: string, size: number, align: { right: number }) {
    const top = this.y;
    const padding = size * 0.25;
    const boxWidth = textWidth(value, size, 'bold') + 2 * padding;
    this.drawings.push((page, height) => page.rectangle(align.right - boxWidth, height - top - size - padding, boxWidth, size + padding, { colour: INK }));
    this.text(value, { size, bold: true, colour: PAPER }, { right: align.right - padding });
  }

  barcode(text: string, barHeight: number) {
    const bottom = this.y + barHeight;
    this.drawings.push((page, height) => drawBarcode(page, text, this.width / 2, height - bottom, this.printable, barHeight));
    this.y = bottom;
  }

  /** Draws what was laid out on a page of `height`. */
  drawOn(page: PdfPage, height: number) {
    for (const draw of this.drawings) draw(page, height);
  }
}

/** 80 mm receipt paper; a thermal head prints the middle 72 mm (576 dots at 203 dpi). */
const RECEIPT = { width: mm(80), margin: { top: mm(4), side: mm(4), bottom: mm(6) } };
const money = (ore: Ore) => `${formatKroner(ore)} kr`;
const piecesText = (pieces: number) => (pieces > 1 ? `${pieces} deler` : '');

/** The ticket as one receipt-wide page as long as its garments need: a thermal printer cuts it where the page ends. */
export function renderTicketPdf(ticket: TicketPrint): Uint8Array {
  const layout = new TopDownPage(RECEIPT.width, RECEIPT.margin);
  const { shop } = ticket;
  const centred = { centre: true };

  layout.paragraph(shop.name, { size: 12, bold: true }, centred);
  layout.paragraph(shop.address.street, { size: 9 }, centred);
  layout.paragraph(`${shop.address.postalCode} ${shop.address.city}`, { size: 9 }, centred);
  layout.paragraph(`Tlf. ${shop.phone}`, { size: 9 }, centred);
  layout.rule();

  layout.paragraph('HENTELAPP', { size: 9, bold: true }, centred);
  // As large as the printable width allows, up to 30 pt: the number is read aloud at the counter.
  const numberSize = Math.min(30, (30 * layout.printable) / textWidth(ticket.ticket, 30, 'bold'));
  layout.text(ticket.ticket, { size: numberSize, bold: true }, 'centre');
  layout.y += numberSize + mm(1);
  layout.barcode(ticket.ticket, mm(12));
  layout.y += mm(3);
  if (ticket.express) layout.band('EKSPRESS', 12);

  const fact = (label: string, value: string, style: TextStyle = { size: 9 }) => {
    layout.text(label, { ...style, muted: !style.bold });
    layout.text(value, style, { right: layout.right });
    layout.y += style.size * 1.35;
  };
  const takenIn = new Date(ticket.takenInAt);
  fact('Innlevert', `${formatNorwegianDate(shopDate(takenIn, ticket.timeZone))} kl. ${shopTime(takenIn, ticket.timeZone)}`);
  if (ticket.promisedReadyAt) {
    const time = ticket.promisedReadyTime ? ` kl. ${ticket.promisedReadyTime}` : '';
    fact('Klar til henting', `${formatNorwegianDate(ticket.promisedReadyAt)}${time}`, { size: 10, bold: true });
  }
  layout.rule();

  const pieces = ticket.garments.reduce((sum, garment) => sum + garment.pieces, 0);
  layout.paragraph(`Plagg: ${ticket.garments.length}${pieces > ticket.garments.length ? ` (${pieces} deler)` : ''}`, { size: 9, bold: true });
  layout.y += mm(1);
  // The tags in a column as wide as the widest, so none is cut; a tag too wide for a column
  // (over a third of the paper) stands on a line of its own above its garment instead.
  const widestTag = Math.max(...ticket.garments.map((garment) => textWidth(garment.tag, 9, 'bold')));
  const tagsInColumn = widestTag <= layout.printable / 3;
  const detailsLeft = layout.left + (tagsInColumn ? widestTag + mm(3) : mm(4));
  for (const garment of ticket.garments) {
    const count = piecesText(garment.pieces);
    const countWidth = count ? textWidth(count, 9, 'regular') + mm(2) : 0;
    if (tagsInColumn) layout.text(garment.tag, { size: 9, bold: true });
    else layout.paragraph(garment.tag, { size: 9, bold: true });
    if (count) layout.text(count, { size: 9 }, { right: layout.right });
    layout.paragraph(garment.label, { size: 9 }, { left: detailsLeft, width: layout.right - detailsLeft - countWidth });
    const description = [garment.colour, garment.brand].filter((part) => part !== undefined && part.trim() !== '').join(', ');
    if (description) layout.paragraph(description, { size: 8, muted: true }, { left: detailsLeft });
    if (garment.conditions.length) layout.paragraph(`Merknad: ${garment.conditions.map((note) => CONDITION_NOTE_LABELS[note]).join(', ')}`, { size: 8 }, { left: detailsLeft });
    layout.y += mm(1.2);
  }
  layout.rule();

  fact('Sum inkl. mva', money(ticket.totalOre), { size: 11, bold: true });
  layout.y += mm(2);
  layout.paragraph('Ta med lappen når du henter.', { size: 8, muted: true }, centred);

  const height = layout.y + RECEIPT.margin.bottom;
  const pdf = new PdfDocument(RECEIPT.width, height);
  layout.drawOn(pdf.addPage(), height);
  return pdf.toBytes({ title: `Hentelapp ${ticket.ticket} – ${shop.name}`, author: shop.name, producer: 'renseri-backend', created: takenIn });
}

/**
 * 62 × 29 mm: Brother's DK-11209 die-cut label, on the 62 mm roll width that every Brother QL
 * printer (the common label printer at a small counter) takes, wide enough for a tag's barcode at
 * 0.375 mm modules with its quiet zones. 3 mm at the sides, 2 mm top and bottom: the QL leaves about
 * 1.5 mm of a die-cut label unprinted at each edge.
 */
const LABEL = { width: mm(62), height: mm(29), margin: { top: mm(2), side: mm(3), bottom: mm(2) } };

/** One label per garment, one page each, in the order of the garments: the printer feeds a label per page. */
export function renderTagLabelsPdf(labels: TagLabelPrint): Uint8Array {
  // A PDF of no pages prints nothing, and some readers refuse it: say what is wrong instead.
  if (labels.garments.length === 0) throw new ConflictError(`Order ${labels.ticket} has no garments to label`);
  const pdf = new PdfDocument(LABEL.width, LABEL.height);
  labels.garments.forEach((garment) => {
    const layout = new TopDownPage(LABEL.width, LABEL.margin);
    layout.text('Lapp', { size: 6, muted: true });
    layout.text('Merke', { size: 6, muted: true }, { right: layout.right });
    layout.y += 7;
    // Neither number is ever cut: the tag, the larger, gives up size to a long ticket number.
    const tagRoom = layout.printable - textWidth(labels.ticket, 11, 'bold') - mm(3);
    const tagSize = Math.min(13, (13 * tagRoom) / textWidth(garment.tag, 13, 'bold'));
    layout.text(labels.ticket, { size: 11, bold: true });
    layout.text(garment.tag, { size: tagSize, bold: true }, { right: layout.right });
    layout.y += 15;
    // The promised day without its year, which staff sort the rail by; an express order's in a black band.
    const promised = labels.promisedReadyAt ? `Klar ${formatNorwegianDate(labels.promisedReadyAt).slice(0, 6)}` : '';
    const flag = [labels.express ? 'EKSPRESS' : '', promised].filter(Boolean).join(' ');
    const flagWidth = flag ? textWidth(flag, 8, 'bold') : 0;
    if (flag && labels.express) layout.inverse(flag, 8, { right: layout.right });
    else if (flag) layout.text(flag, { size: 8, bold: true }, { right: layout.right });
    const garmentLine = [garment.label, piecesText(garment.pieces)].filter(Boolean).join(' · ');
    layout.text(fit(garmentLine, 8, layout.printable - flagWidth - mm(3)), { size: 8 });
    layout.y += 8 + mm(1);
    layout.barcode(garment.tag, LABEL.height - LABEL.margin.bottom - layout.y);
    layout.drawOn(pdf.addPage(), LABEL.height);
  });
  return pdf.toBytes({ title: `Merkelapper for lapp ${labels.ticket}`, author: 'renseri-backend', producer: 'renseri-backend', created: new Date(labels.takenInAt) });
}
