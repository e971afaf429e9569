import { shopDate } from '../kernel/calendar';
import type { CounterDeps } from '../kernel/deps';
import { ConflictError, ValidationError, type FieldIssue } from '../kernel/errors';
import type { PricesContext } from '../../ports/repositories';
import { priceOrderLines, type DiscountReason, type OrderLineInput, type TakenLineInput } from './order-pricing';
import { orderLineOf } from './order-use-cases';
import { chargesGarments, takeInGarments, tagsChangedBy, type Garment, type GarmentInput } from './garments';
import { assertPromisedDateNotPast, type ChangeMark, type Order, type OrderLine } from './orders';

/**
 * A line of the order after a change, as the counter sends it:
 * { keep: n }            line n of the order as it is, at the price it was taken in at;
 * { replace: n, with }   line n changed: `with` is a line as at intake, priced as intake prices it
 *                        (a price-list line at today's price), and line n's garments move to it;
 * a line as at intake    a new line.
 * Lines the change leaves out are removed. Express is not a line here but the `express` flag.
 */
export type ChangeLineInput = { keep: number } | { replace: number; with: OrderLineInput } | OrderLineInput;

/** What the counter changes; what it leaves out stays as it is. `garments` is the whole list after the change. */
/** `reference`: the order's "Deres ref." after the change; null removes it. */
export type ChangeOrderInput = { lines?: ChangeLineInput[]; express?: boolean; garments?: GarmentInput[]; promisedReadyAt?: string; reference?: string | null };

/**
 * DynamoDB allows 100 actions in a transaction: the order and its ticket's copy, then a claim or a
 * release per tag the change adds or removes.
 */
export const MAX_TAG_CHANGES = 98;

/**
 * Why the order cannot be changed now (409), or undefined. A change is for before the work is done:
 * the order is received and no garment is ready yet (once one is, what was agreed is being
 * delivered; a garment handed out or returned has left the shop with its line).
 */
export function changeRefusal(order: Order): ConflictError | undefined {
  const { orderId, status } = order;
  if (status !== 'received') return new ConflictError(`Order ${orderId} is ${status}: an order is changed only before the work is done`, { orderId, currentStatus: status });
  const started = order.garments.filter((g) => g.state !== 'in_work');
  if (started.length) {
    return new ConflictError(`Order ${orderId} has garments ready already: an order is changed only before the work is done`, { orderId, currentStatus: status, tags: started.map((g) => g.tag) });
  }
  return undefined;
}

type LinePlan = {
  inputs: (OrderLineInput | TakenLineInput)[];
  pointers: string[];
  /** By the new line's index: the order's line it keeps, verbatim. */
  kept: (OrderLine | undefined)[];
  /** By the new line's index: the order's line it keeps or replaces (1-based). */
  from: (number | undefined)[];
};

/** A stored line as the pricing takes a kept one: as it was charged, never priced again. */
function takenOf(line: OrderLine): TakenLineInput {
  if (line.kind === 'discount') return { taken: { kind: 'discount', reason: line.discountReason as DiscountReason, amountOre: 0 - line.lineTotalOre } };
  const { quantity, unitPriceOre, lineTotalOre } = line;
  if (line.kind === 'price_list') {
    return { taken: { lineNo: 0, kind: 'price_list', priceListItemId: line.priceListItemId as string, name: line.service, category: line.category as NonNullable<OrderLine['category']>, unit: line.unit as NonNullable<OrderLine['unit']>, unitPriceOre, quantity, lineTotalOre } };
  }
  // Lines taken in before the price list have no kind: they are free text.
  return { taken: { lineNo: 0, kind: 'free_text', service: line.service, unitPriceOre, quantity, lineTotalOre } };
}

/**
 * The change's lines against the order's: each kept or replaced line named once, and never the
 * express line. `at`, when the lines are not in the body (express switched alone), is where a
 * refusal of them points instead.
 */
function planLines(order: Order, lines: readonly ChangeLineInput[], at?: string): LinePlan {
  const plan: LinePlan = { inputs: [], pointers: [], kept: [], from: [] };
  const claimedBy = new Map<number, number>();
  const issues: FieldIssue[] = [];
  lines.forEach((line, index) => {
    const lineAt = at ?? `/lines/${index}`;
    if (!('keep' in line) && !('replace' in line)) {
      plan.inputs.push(line);
      plan.pointers.push(lineAt);
      plan.kept.push(undefined);
      plan.from.push(undefined);
      return;
    }
    const [field, n] = 'keep' in line ? (['keep', line.keep] as const) : (['replace', line.replace] as const);
    const stored = order.items[n - 1];
    if (!stored) issues.push({ pointer: `${lineAt}/${field}`, detail: `Order ${order.orderId} has ${order.items.length} line${order.items.length === 1 ? '' : 's'}` });
    else if (stored.kind === 'express') issues.push({ pointer: `${lineAt}/${field}`, detail: `Line ${n} is the express surcharge: set express instead` });
    else if (claimedBy.has(n)) issues.push({ pointer: `${lineAt}/${field}`, detail: `Line ${n} is kept or replaced by line ${claimedBy.get(n)} of the change already` });
    claimedBy.set(n, index + 1);
    if (!stored) return; // refused below, with every other line at fault
    if ('keep' in line) {
      plan.inputs.push(takenOf(stored));
      plan.pointers.push(lineAt);
      plan.kept.push(stored);
    } else {
      plan.inputs.push(line.with);
      plan.pointers.push(`${lineAt}/with`);
      plan.kept.push(undefined);
    }
    plan.from.push(n);
  });
  if (issues.length) throw new ValidationError('The lines do not match the order', issues);
  return plan;
}

/** Every line of the order but express, kept: what the lines are when only express is switched. */
const keepAll = (order: Order): ChangeLineInput[] => order.items.flatMap((line, i) => (line.kind === 'express' ? [] : [{ keep: i + 1 }]));

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What of a garment the counter gives, to tell a changed garment from one left as it was. */
const garmentFacts = (g: Garment | GarmentInput, line: number | undefined) => [line, g.pieces ?? 1, g.colour, g.brand, g.note, [...new Set(g.conditions ?? [])], g.conditionNote];

/**
 * The order after the change, decided from the order as stored and the price list read with it;
 * refused when the order is past changing (409) or the change is not valid (400), naming what is
 * wrong. Pure: the repository runs it again on the order as stored when its copy was a step behind.
 */
export function reviseOrder(order: Order, input: ChangeOrderInput, prices: PricesContext, change: { at: string; by: string; today: string }): Order {
  const refused = changeRefusal(order);
  if (refused) throw refused;
  const wasExpress = order.express === true;
  const express = input.express ?? wasExpress;
  const plan = input.lines || express !== wasExpress ? planLines(order, input.lines ?? keepAll(order), input.lines ? undefined : '/express') : undefined;

  let { items, totals } = order;
  if (plan) {
    // Intake's pricing, with kept lines as they were taken in (a kept discount keeps its øre) and
    // new or changed lines at today's price list. Express, when on, is worked out again from the
    // services as they now are, at today's express option: it is a share of them, not a line of its own.
    const priced = priceOrderLines({ lines: plan.inputs, express, pointers: plan.pointers }, prices.priceItems, prices.express, { today: change.today });
    items = priced.lines.map((line) => plan.kept[line.lineNo - 1] ?? orderLineOf(line));
    totals = priced.totals;
  }

  // Where each of the order's lines went (1-based, old → new), for the garments charged on it.
  const lineMoves = new Map<number, number>();
  if (plan) plan.from.forEach((n, index) => n !== undefined && chargesGarments(items[index] ?? {}) && lineMoves.set(n, index + 1));
  const lineOf = (old: number) => (plan ? lineMoves.get(old) : old);

  let garments: Garment[];
  if (input.garments) garments = takeInGarments(input.garments, items);
  else if (plan) {
    const lost = order.garments.filter((g) => lineOf(g.line) === undefined);
    if (lost.length) {
      throw new ValidationError('Garments are on lines this change removes', lost.map((g) => ({ pointer: '/garments', detail: `Garment ${g.tag} is on line ${g.line}, which this change removes or makes a discount: give the garments with the lines they are on now` })));
    }
    garments = takeInGarments(order.garments.map((g) => ({ ...g, line: lineOf(g.line) as number })), items);
  } else garments = order.garments;

  const tags = tagsChangedBy(order.garments, garments);
  if (tags.claimed.length + tags.released.length > MAX_TAG_CHANGES) {
    throw new ValidationError('Too many tags change at once', [{ pointer: '/garments', detail: `At most ${MAX_TAG_CHANGES} tags added and removed together in one change: make it two` }]);
  }
  assertPromisedDateNotPast(input.promisedReadyAt, change.today);
  const promisedReadyAt = input.promisedReadyAt ?? order.promisedReadyAt;

  const what: ChangeMark[] = [];
  if (plan) {
    plan.from.forEach((n, index) => {
      if (n === undefined) what.push({ code: 'line_added', line: index + 1 });
      else if (!plan.kept[index] && !sameJson(items[index], order.items[n - 1])) what.push({ code: 'line_changed', line: index + 1 });
    });
    order.items.forEach((line, i) => line.kind !== 'express' && !plan.from.includes(i + 1) && what.push({ code: 'line_removed', line: i + 1 }));
  }
  if (express !== wasExpress) what.push({ code: express ? 'express_added' : 'express_removed' });
  const before = new Map(order.garments.map((g) => [g.tag, g]));
  for (const garment of garments) {
    const old = before.get(garment.tag);
    if (!old) what.push({ code: 'garment_added', tag: garment.tag });
    else if (!sameJson(garmentFacts(garment, garment.line), garmentFacts(old, lineOf(old.line)))) what.push({ code: 'garment_changed', tag: garment.tag });
  }
  const after = new Set(garments.map((g) => g.tag));
  for (const old of order.garments) if (!after.has(old.tag)) what.push({ code: 'garment_removed', tag: old.tag });
  if (promisedReadyAt !== order.promisedReadyAt) what.push({ code: 'promised_date_changed' });
  const reference = input.reference === undefined ? order.reference : (input.reference ?? undefined);
  if (reference !== order.reference) what.push({ code: 'reference_changed' });
  if (!what.length) throw new ValidationError('The change changes nothing', [{ pointer: '', detail: 'Give the lines, express, garments, promised date or reference as they should be after the change' }]);

  const { express: _express, promisedReadyAt: _promised, reference: _reference, ...rest } = order;
  return {
    ...rest,
    items,
    totals,
    garments,
    ...(express ? { express: true } : {}),
    ...(promisedReadyAt ? { promisedReadyAt } : {}),
    ...(reference ? { reference } : {}),
    changes: [...(order.changes ?? []), { at: change.at, by: change.by, what }],
    updatedAt: change.at,
    version: order.version + 1,
  };
}

/**
 * Changes an order after intake, before the work is done (issue #16): its lines, express, garments,
 * promised date and reference, If-Match required.
 * 1. Read, in one batch, the order (its ticket's copy), the price-list items the new lines name and
 *    the express option.
 * 2. Refuse (409) unless the order is received and no garment is ready.
 * 3. Price the lines with intake's pricing: a kept line at the price it was taken in at, a new or
 *    replaced one at today's; a retired item, a discount beyond the total: 400 naming the line.
 * 4. Tie every garment to a line that charges garments, every such line to a garment (garments.ts).
 * 5. Record what changed as codes, with the staff member's id (`by`), never free text.
 * 6. One transaction: the order, its copy, a claim on each new tag and the release of each removed
 *    one (a tag in use: 409 naming the garment), conditioned on the version read (412 when stale).
 */
export function changeOrder(deps: CounterDeps, orderId: string, input: ChangeOrderInput, expectedVersion: number, by: string): Promise<Order> {
  const now = deps.clock();
  const change = { at: now.toISOString(), by, today: shopDate(now, deps.shop.timeZone) };
  const named = (input.lines ?? []).flatMap((line) => {
    const given = 'with' in line ? line.with : line;
    return 'priceListItemId' in given ? [given.priceListItemId] : [];
  });
  return deps.orders.revise(orderId, expectedVersion, [...new Set(named)], (order, prices) => reviseOrder(order, input, prices, change));
}
