import { FREE_TEXT_LINE_KEPT_AS, keptLineName, type Order, type OrderLine } from '../orders/orders';
import { DATA_INVENTORY, type EntityInventory, type ErasureAction, type FieldErasureAction, type Generalisation, type InventoriedEntity } from './inventory';

/**
 * What erasure keeps of a stored record, read from the data inventory rather than written out per
 * entity: each attribute (and each field of a structure) is kept, kept under its legal hold,
 * pseudonymised, generalised or dropped as its declaration says. It fails closed: an attribute or
 * field the inventory does not name is dropped, so a new one can never survive an erasure unseen
 * (and the inventory test fails on it until it is declared).
 */
export type KeptContext = {
  /** What the customer id becomes on every kept record. */
  pseudonym: string;
  /** The customer's orders, by ticket: a document line is named after the order line it was issued for. */
  orders: ReadonlyMap<string, Order>;
};

/** Where a field is: the kept record, the element of its structure (and its place in a list). */
type Where = { item: Record<string, unknown>; element: Record<string, unknown>; index: number; context: KeptContext };

/** One function per generalisation the inventory names (the Record type makes a missing one a compile error). */
const GENERALISERS: Record<Generalisation, (value: unknown, where: Where) => unknown> = {
  serviceName: (value, { element }) => keptLineName({ kind: element.kind as OrderLine['kind'], service: String(value) }),
  documentLineName: (value, { item: document, element, index, context }) => {
    // The name decided when the line was issued (lineFor, a partial or an amount credit): exact
    // even where the document's lines do not follow the order's (a credit of chosen lines).
    if (typeof element.keptAs === 'string') return element.keptAs;
    // A collective invoice's lines (and its credit notes') were named from its pickups on account,
    // which keep only price-list names and labels (account-items.ts, keptLineName): already kept.
    if (document.collectivePeriod !== undefined) return value;
    // An invoice of the whole order holds the order's lines in order (buildInvoice); an invoice of
    // one pickup holds that pickup's sale lines, each naming its order line (pickup-sale.ts); a
    // credit note the lines of the invoice it reverses (buildCreditNote).
    const order = context.orders.get(String(document.orderId));
    const invoiceNumber = document.kind === 'credit_note' ? document.creditsDocument : document.documentNumber;
    const pickup = order?.pickups?.find((p) => p.payment.documentNumber !== undefined && p.payment.documentNumber === invoiceNumber);
    const lineNumber = pickup ? pickup.lines[index]?.line : index + 1;
    const line = lineNumber === undefined ? undefined : order?.items[lineNumber - 1];
    return line ? keptLineName(line) : FREE_TEXT_LINE_KEPT_AS;
  },
};

const DROPPED = Symbol('dropped');

function actOn(action: FieldErasureAction, value: unknown, where: Where, fields?: Readonly<Record<string, FieldErasureAction>>): unknown {
  if (typeof action === 'object' && 'generalise' in action) return GENERALISERS[action.generalise](value, where);
  switch (action) {
    case 'delete':
    case 'drop':
      return DROPPED;
    case 'pseudonymise':
      return where.context.pseudonym;
    default: // keep, or a legal hold: the value stays, with only the declared fields of a structure
      return fields ? keptStructure(value, fields, where) : value;
  }
}

function keptStructure(value: unknown, fields: Readonly<Record<string, FieldErasureAction>>, where: Where): unknown {
  const keptObject = (object: Record<string, unknown>, index: number) => keptFields(object, fields, { ...where, index });
  if (Array.isArray(value)) return value.map((element, index) => (isObject(element) ? keptObject(element, index) : element));
  return isObject(value) ? keptObject(value, where.index) : value;
}

function keptFields(object: Record<string, unknown>, declared: Readonly<Record<string, FieldErasureAction | undefined>>, where: Where): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    const action = declared[name];
    if (action === undefined) continue; // undeclared: never kept
    const result = actOn(action, value, { ...where, element: object });
    if (result !== DROPPED) kept[name] = result;
  }
  return kept;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The kept form of one record of an entity kept on erasure (a counter sale, a sales document):
 * what its inventory declarations keep, pseudonymised and generalised. The caller writes it back
 * (its storage keys are made again from what it keeps).
 */
export function keptForm<T extends object>(entity: InventoriedEntity, record: T, context: KeptContext): T {
  const inventory: EntityInventory = DATA_INVENTORY[entity];
  if (!inventory.keptOnErasure) throw new Error(`The inventory keeps no ${entity} on erasure`);
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const entry = inventory.attributes[name];
    if (!entry) continue; // undeclared: never kept
    const item = record as Record<string, unknown>;
    const result = actOn(entry.onErasure, value, { item, element: item, index: 0, context }, entry.fields);
    if (result !== DROPPED) kept[name] = result;
  }
  // Only what the entity's own type allows goes back in: the inventory decides what is left out.
  return kept as T;
}

/** The actions a kept entity may declare: 'delete' means "with its item", which a kept item is not. */
export const ACTIONS_ON_KEPT_ITEMS = ['keep', 'pseudonymise', 'drop', 'legalHold'] as const;
export const actionName = (action: ErasureAction | FieldErasureAction): string => (typeof action === 'string' ? action : 'legalHold' in action ? 'legalHold' : 'generalise');
