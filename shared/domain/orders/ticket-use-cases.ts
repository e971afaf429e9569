import type { ShopConfig } from '../../config/shop-config';
import { renderTagLabelsPdf, renderTicketPdf, type TicketGarment, type TicketPrint } from '../../documents/ticket-pdf';
import type { CounterDeps } from '../kernel/deps';
import { ConflictError } from '../kernel/errors';
import type { Garment } from './garments';
import { getOrder } from './order-use-cases';
import { keptLineName, type Order } from './orders';

/**
 * What the paper ticket prints of an order. Every field is picked by name, never spread: the
 * order holds the customer's id and each garment a free `note` and `conditionNote` (which may
 * hold a name or a number), and a ticket found in the street must tell no one whose garments
 * they are. Conditions are the closed list only.
 */
export function ticketPrintOf(order: Order, shop: ShopConfig): TicketPrint {
  return {
    ticket: order.orderId,
    takenInAt: order.receivedAt,
    ...(order.promisedReadyAt ? { promisedReadyAt: order.promisedReadyAt } : {}),
    ...(order.express ? { express: true } : {}),
    garments: order.garments.map((garment) => ticketGarmentOf(order, garment)),
    totalOre: order.totals.grossOre,
    shop: { name: shop.name, address: shop.address, phone: shop.phone },
    timeZone: shop.timeZone,
  };
}

function ticketGarmentOf(order: Order, garment: Garment): TicketGarment {
  const line = order.items[garment.line - 1];
  // Intake ties every garment to a line of its order (takeInGarments): a garment without one is a stored order gone wrong.
  if (!line) throw new Error(`Garment ${garment.tag} of order ${order.orderId} is on line ${garment.line}, which the order does not have`);
  // Only the price list's names are printed: a line typed at the counter, and a garment's colour
  // and brand, are the clerk's own words, which may name the customer, and the ticket leaves the shop.
  return {
    tag: garment.tag,
    label: keptLineName(line),
    pieces: garment.pieces,
    conditions: garment.conditions,
  };
}

/**
 * The ticket, to print at intake or again when the customer lost theirs.
 * 1. Read the order by its ticket number (404 when there is none).
 * 2. Print what ticketPrintOf picks of it, with the shop's name, address and phone.
 */
export async function orderTicketPdf(deps: CounterDeps, orderId: string): Promise<Uint8Array> {
  return renderTicketPdf(ticketPrintOf(await getOrder(deps, orderId), deps.shop));
}

/**
 * The tag labels, one per garment, to fix to the garments at intake or to replace a lost one.
 * 1. Read the order by its ticket number (404 when there is none).
 * 2. Refuse an order with no garments (taken in before garments were tagged): there is nothing to
 *    label, and a PDF of no pages prints nothing (409, rather than the renderer's failure).
 * 3. Print a label per garment.
 */
export async function orderTagLabelsPdf(deps: CounterDeps, orderId: string): Promise<Uint8Array> {
  const order = await getOrder(deps, orderId);
  if (order.garments.length === 0) throw new ConflictError(`Order ${orderId} has no tagged garments to label: it was taken in before garments were tagged`);
  return renderTagLabelsPdf(ticketPrintOf(order, deps.shop));
}
