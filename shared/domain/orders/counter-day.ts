import { addDays, shopDate } from '../kernel/calendar';
import type { CounterDeps } from '../kernel/deps';
import type { Page, PageRequest } from '../../ports/repositories';
import { listUncollectedOrders } from '../notices/notice-use-cases';
import { isInShop } from './garments';
import type { Order } from './orders';

/**
 * The counter's view of the day, one list at a time, each one Query on an index (a page per call):
 * promised_today:   received, promised for today in the shop's time zone (the promised-date index);
 * late:             received, promised for a day before today (the same index, up to yesterday);
 * ready:            ready, oldest first (the status index), with the page's tickets grouped by rack;
 * not_collected:    ready since before the first reminder (the shop reminds from then on); the
 *                   statutory three-month list when the shop sends no reminders (listUncollectedOrders);
 * awaiting_return:  cancelled, the garments still in the shop to be handed back (the status index:
 *                   a cancelled order whose garments went back is `returned`, in a queue of its own).
 */
export const COUNTER_LISTS = ['promised_today', 'late', 'ready', 'not_collected', 'awaiting_return'] as const;
export type CounterList = (typeof COUNTER_LISTS)[number];

/** Tickets by where their ready garments hang; `location` absent: no place recorded yet ("ingen plass"). */
export type RackGroup = { location?: string; tickets: string[] };

export type CounterDayPage = Page<Order> & { list: CounterList; date: string; racks?: RackGroup[] };

export async function counterDay(deps: CounterDeps, list: CounterList, page: PageRequest): Promise<CounterDayPage> {
  const now = deps.clock();
  const today = shopDate(now, deps.shop.timeZone);
  const orders = await counterList(deps, list, today, now, page);
  return { list, date: today, ...orders, ...(list === 'ready' ? { racks: racksOf(orders.items) } : {}) };
}

function counterList(deps: CounterDeps, list: CounterList, today: string, now: Date, page: PageRequest): Promise<Page<Order>> {
  switch (list) {
    case 'promised_today':
      return deps.orders.listPromisedBetween(today, today, page);
    case 'late':
      // Dates are ISO, so '0000-01-01' is before any promise.
      return deps.orders.listPromisedBetween('0000-01-01', addDays(today, -1), page);
    case 'ready':
      return deps.orders.listByStatus('ready', page);
    case 'not_collected': {
      const first = Math.min(...deps.shop.reminderDays);
      if (!Number.isFinite(first)) return listUncollectedOrders(deps, page);
      return deps.orders.listInStatusBetween('ready', '0', new Date(now.getTime() - first * 86_400_000).toISOString(), page);
    }
    case 'awaiting_return':
      return deps.orders.listByStatus('cancelled', page);
  }
}

/**
 * The page's tickets by the rack their garments in the shop hang on, racks in name order and the
 * garments with no place last; an order whose garments hang in two places is under both.
 */
export function racksOf(orders: readonly Order[]): RackGroup[] {
  const byRack = new Map<string | undefined, string[]>();
  for (const order of orders) {
    const places = new Set(order.garments.filter(isInShop).map((g) => g.location));
    for (const place of places.size ? places : new Set([undefined])) byRack.set(place, [...(byRack.get(place) ?? []), order.orderId]);
  }
  return [...byRack.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b, 'nb')))
    .map(([location, tickets]) => ({ ...(location === undefined ? {} : { location }), tickets }));
}
