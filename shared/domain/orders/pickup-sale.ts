import { scaleOre, vatFromGross, type Ore, type VatBreakdown } from '../kernel/money';
import type { Garment } from './garments';
import type { Order, OrderLine, SaleLine } from './orders';

/**
 * The split rule: how an order's total is shared over its pickups, decided once here.
 * 1. A line that charges garments (price-list and free-text work) is charged by pieces: the
 *    garments handed out so far carry round(line total × pieces out / pieces on the line), and the
 *    pickup that hands out a line's last piece takes the line's total exactly. A pickup is charged
 *    the growth of that amount, so the rounding of one pickup is made good by the next.
 * 2. Lines without garments (the express surcharge, discounts, a line of an old order without
 *    tagged garments) are about the whole order, not about a garment: they are spread in
 *    proportion to the value handed out. The order's cumulative amount is round(order total ×
 *    value out / value of all garment lines), in whole øre, and the pickup that empties the shop
 *    takes the remainder, so the sales of an order always sum to its total to the øre. (When every
 *    garment line is free the pieces are the weight instead.)
 * 3. The order's total is never below 0 (intake refuses discounts beyond it), and the cumulative
 *    amount grows with what is handed out, so no pickup is below 0 either: a discount lowers every
 *    pickup in step rather than making one of them negative.
 * 4. VAT is taken out of each sale's own gross (vatFromGross), as each is documented on its own.
 * A single pickup of everything is exactly today's sale: every line at its full total, the order's
 * totals.
 */
export function pickupSale(order: Pick<Order, 'items' | 'garments' | 'totals'>, handedOutNow: ReadonlySet<string>): { lines: SaleLine[]; totals: VatBreakdown } {
  const { items, garments, totals } = order;
  const rate = totals.vatRatePercent;
  // An order from before garments were tagged is handed out whole, as one sale.
  if (garments.length === 0) return { lines: items.map((item, i) => ({ line: i + 1, quantity: item.quantity, amountOre: item.lineTotalOre })), totals: vatFromGross(totals.grossOre, rate) };

  const out = (g: Garment) => g.state === 'handed_out';
  const now = (g: Garment) => handedOutNow.has(g.tag) && !out(g);
  const charged = items.map((item, i) => {
    const on = garments.filter((g) => g.line === i + 1);
    const pieces = on.reduce((sum, g) => sum + g.pieces, 0);
    const before = on.filter(out).reduce((sum, g) => sum + g.pieces, 0);
    const after = before + on.filter(now).reduce((sum, g) => sum + g.pieces, 0);
    return { item, pieces, before, after };
  });
  const garmentLines = charged.filter((c) => c.pieces > 0);
  const spreadLines = charged.map((c, i) => ({ ...c, line: i + 1 })).filter((c) => c.pieces === 0);

  const valueOf = (c: (typeof garmentLines)[number], pieces: number) => share(c.item.lineTotalOre, pieces, c.pieces);
  const valueAll = garmentLines.reduce((sum, c) => sum + c.item.lineTotalOre, 0);
  // The weight of what is out: its value, or its pieces when every garment line is free.
  const byValue = valueAll > 0;
  const weight = (which: 'before' | 'after') => garmentLines.reduce((sum, c) => sum + (byValue ? valueOf(c, c[which]) : c[which]), 0);
  const weightAll = byValue ? valueAll : garmentLines.reduce((sum, c) => sum + c.pieces, 0);
  const wBefore = weight('before');
  const wAfter = weight('after');
  const cumulative = (w: number) => share(totals.grossOre, w, weightAll);
  const grossOre = cumulative(wAfter) - cumulative(wBefore);

  const lines: SaleLine[] = [];
  let garmentOre = 0;
  for (const [i, c] of charged.entries()) {
    if (c.pieces === 0 || c.after === c.before) continue;
    const amountOre = valueOf(c, c.after) - valueOf(c, c.before);
    garmentOre += amountOre;
    lines.push({ line: i + 1, quantity: Math.round((quantityShare(c.item, c.after, c.pieces) - quantityShare(c.item, c.before, c.pieces)) * 10) / 10, pieces: c.after - c.before, amountOre });
  }
  // The spread lines share what the sale comes to beyond its garments; the last takes the rounding.
  let spreadOre = grossOre - garmentOre;
  spreadLines.forEach((c, index) => {
    const last = index === spreadLines.length - 1;
    const amountOre = last ? spreadOre : share(c.item.lineTotalOre, wAfter, weightAll) - share(c.item.lineTotalOre, wBefore, weightAll);
    spreadOre -= amountOre;
    if (wAfter > wBefore) lines.push({ line: c.line, quantity: c.item.quantity, amountOre });
  });
  lines.sort((a, b) => a.line - b.line);
  return { lines, totals: vatFromGross(grossOre, rate) };
}

/** amount × part / whole in whole øre (rounded half away from zero), exactly the amount when all of it. */
function share(amountOre: Ore, part: number, whole: number): Ore {
  if (part >= whole) return amountOre;
  if (part <= 0 || whole <= 0) return 0;
  return amountOre < 0 ? 0 - scaleOre(-amountOre, part, whole) : scaleOre(amountOre, part, whole);
}

/** The line's quantity that goes with so many of its pieces, to one decimal (kilos), all of it with the last piece. */
function quantityShare(item: OrderLine, pieces: number, whole: number): number {
  if (pieces >= whole) return item.quantity;
  return Math.round((item.quantity * pieces * 10) / whole) / 10;
}
