import { ConflictError, ValidationError } from '../kernel/errors';
import type { ConditionNote } from './garment-conditions';

/**
 * A garment in the shop, or a count of identical small pieces under one tag (a bag of socks, six
 * napkins): the thing with the heat-seal or barcode tag that staff hang, find and hand out. Each
 * is charged on one line of its order (`line`, 1-based). Its tag number is unique among the
 * garments in the shop and free again once the garment has left it.
 */
export const GARMENT_STATES = ['in_work', 'ready', 'handed_out', 'returned'] as const;
export type GarmentState = (typeof GARMENT_STATES)[number];

/** In the shop: not yet handed out after the work, nor returned after a cancellation. */
export const isInShop = (garment: Pick<Garment, 'state'>): boolean => garment.state === 'in_work' || garment.state === 'ready';

/** The tags of the garments a change took out of the shop (handed out or returned): their claims are freed with it. */
export const tagsLeaving = (before: readonly Garment[], after: readonly Garment[]): string[] =>
  before.filter((g) => isInShop(g) && !after.some((a) => a.tag === g.tag && isInShop(a))).map((g) => g.tag);

export type GarmentInput = {
  tag: string;
  line: number;
  pieces?: number;
  colour?: string;
  brand?: string;
  /** Free text: anything else the clerk needs to know (erased with the customer). */
  note?: string;
  conditions?: ConditionNote[];
  /** Free text about the condition, beside the closed list. */
  conditionNote?: string;
};

export type Garment = Omit<GarmentInput, 'pieces' | 'conditions'> & {
  pieces: number;
  conditions: ConditionNote[];
  state: GarmentState;
  /** Where a ready garment hangs (rack or hook), shown at pickup. */
  location?: string;
  readyAt?: string;
  /** When it left the shop, handed out or returned. */
  leftAt?: string;
};

/**
 * At most this many garments on one order: every garment's tag claim is an action in the
 * transactions that take the order in and hand it out, and DynamoDB allows 100 actions in one;
 * the invoiced pickup adds at most six of its own (series, document, its receivable, order,
 * pointer, e-mail), a pickup at the counter three (order, pointer, its sale for the journal).
 * A hotel's laundry larger than this is taken in as more than one order.
 */
export const MAX_GARMENTS_PER_ORDER = 94;

/** Tags as printed: letters and digits, optionally with dashes, compared in upper case. */
export const TAG_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{0,14}[A-Z0-9])?$/;
export const normaliseTag = (tag: string): string => tag.trim().toUpperCase();

/** Express and discounts are lines about the order, not about a garment. */
export const chargesGarments = (line: { kind?: string }): boolean => line.kind !== 'express' && line.kind !== 'discount';

/**
 * The garments as taken in: every tag once in the order, every garment on a line of the order that
 * charges for garments, every such line with at least one garment (so nothing charged is missing
 * from the rack, and a partial pickup can always tell which line a garment is charged on).
 */
export function takeInGarments(inputs: GarmentInput[], lines: readonly { kind?: string }[]): Garment[] {
  const lineCount = lines.length;
  const issues: { pointer: string; detail: string }[] = [];
  const seen = new Map<string, number>();
  const garments = inputs.map((input, index): Garment => {
    const tag = normaliseTag(input.tag);
    if (!TAG_PATTERN.test(tag)) issues.push({ pointer: `/garments/${index}/tag`, detail: 'Letters and digits as on the tag (dashes between them allowed), at most 16' });
    const first = seen.get(tag);
    if (first !== undefined) issues.push({ pointer: `/garments/${index}/tag`, detail: `Tag ${tag} is already on garment ${first} of this order` });
    seen.set(tag, index);
    if (input.line > lineCount) issues.push({ pointer: `/garments/${index}/line`, detail: `The order has ${lineCount} line${lineCount === 1 ? '' : 's'}` });
    else if (!chargesGarments(lines[input.line - 1] ?? {})) issues.push({ pointer: `/garments/${index}/line`, detail: `Line ${input.line} is ${lines[input.line - 1]?.kind}, not a garment's` });
    const conditions = [...new Set(input.conditions ?? [])];
    return {
      tag,
      line: input.line,
      pieces: input.pieces ?? 1,
      ...(input.colour ? { colour: input.colour } : {}),
      ...(input.brand ? { brand: input.brand } : {}),
      ...(input.note ? { note: input.note } : {}),
      conditions,
      ...(input.conditionNote ? { conditionNote: input.conditionNote } : {}),
      state: 'in_work',
    };
  });
  for (let line = 1; line <= lineCount; line++) {
    if (chargesGarments(lines[line - 1] ?? {}) && !garments.some((g) => g.line === line)) issues.push({ pointer: '/garments', detail: `Line ${line} has no garment: tag what it is charged for` });
  }
  if (issues.length) throw new ValidationError('The garments do not match the order', issues);
  return garments;
}

/** A tag that is on a garment in the shop already (in another order): the clerk must use another tag. */
export function tagInUse(tag: string, index: number): ConflictError {
  return new ConflictError(`Tag ${tag} is on a garment in the shop already`, { tag, errors: [{ pointer: `/garments/${index}/tag`, detail: 'Use another tag; this one is free again when its garment leaves the shop' }] });
}

/**
 * The tags a change of an order's garments claims (on a garment in the shop now that was not
 * before), with the garment's place in the new list for the error that names it, and the tags it
 * frees (the reverse). The order repositories write both in the transaction that changes the order.
 */
export function tagsChangedBy(before: readonly Garment[], after: readonly Garment[]): { claimed: { tag: string; index: number }[]; released: string[] } {
  const held = new Set(before.filter(isInShop).map((g) => g.tag));
  const kept = new Set(after.filter(isInShop).map((g) => g.tag));
  return {
    claimed: after.flatMap((g, index) => (isInShop(g) && !held.has(g.tag) ? [{ tag: g.tag, index }] : [])),
    released: [...held].filter((tag) => !kept.has(tag)),
  };
}
