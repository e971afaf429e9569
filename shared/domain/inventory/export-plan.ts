import { DATA_CATEGORIES, type DataCategory } from './data-categories';
import { DATA_INVENTORY, type EntityInventory, type InventoriedEntity } from './inventory';

/**
 * The access export (GDPR art. 15) read through the data inventory: each section of the export is
 * an entity of the inventory, and each attribute the customer gets is listed under the category
 * its declaration names (art. 15(1)(b): the categories of personal data concerned), the same
 * categories the privacy notice uses. A new attribute is placed by its declaration alone.
 */
export const EXPORT_SECTIONS = {
  customer: 'customer',
  orders: 'order',
  messages: 'message',
  documents: 'salesDocument',
  receivables: 'receivable',
  payments: 'payment',
  reminders: 'paymentReminder',
  requests: 'privacyRequest',
  // Issue #17: a business's pickups on account (the order's reference is free text that may name
  // a person) and its collective-invoice claims (the one not finished holds the invoice as built).
  accountItems: 'accountItem',
  collectiveClaims: 'collectiveClaim',
} as const satisfies Record<string, InventoriedEntity>;
export type ExportSection = keyof typeof EXPORT_SECTIONS;

/** The category of an attribute: its own declaration's, or else its entity's. */
export function categoryOf(entity: InventoriedEntity, attribute: string): DataCategory {
  const inventory: EntityInventory = DATA_INVENTORY[entity];
  return inventory.attributes[attribute]?.category ?? inventory.category;
}

export type ExportCategories = Partial<Record<DataCategory, Partial<Record<ExportSection, string[]>>>>;

/**
 * Per category, per section of the export, the attributes the customer's records hold (in the
 * inventory's order of categories), so the export says what it contains in the notice's terms.
 */
export function exportCategories(sections: Readonly<Record<ExportSection, object | readonly object[]>>): ExportCategories {
  const found = new Map<DataCategory, Map<ExportSection, Set<string>>>();
  for (const [section, records] of Object.entries(sections) as [ExportSection, object | readonly object[]][]) {
    for (const record of Array.isArray(records) ? records : [records]) {
      for (const attribute of Object.keys(record as object)) {
        const category = categoryOf(EXPORT_SECTIONS[section], attribute);
        const bySection = found.get(category) ?? new Map<ExportSection, Set<string>>();
        found.set(category, bySection.set(section, (bySection.get(section) ?? new Set()).add(attribute)));
      }
    }
  }
  const categories: ExportCategories = {};
  for (const category of DATA_CATEGORIES) {
    const bySection = found.get(category);
    if (bySection) categories[category] = Object.fromEntries([...bySection].map(([section, attributes]) => [section, [...attributes]]));
  }
  return categories;
}
