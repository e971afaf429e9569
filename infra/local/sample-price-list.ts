import type { ExpressOptionInput, PriceListItemFields } from '../../shared/domain/orders/price-list';
import { addPriceListItems, listPriceList, setExpressOption, type PriceListDeps } from '../../shared/domain/orders/price-list-use-cases';

const kr = (kroner: number) => kroner * 100;
const item = (name: string, category: PriceListItemFields['category'], kroner: number, unit: PriceListItemFields['unit'], turnaroundWorkingDays: number): PriceListItemFields => ({
  name,
  category,
  priceOre: kr(kroner),
  unit,
  turnaroundWorkingDays,
});

/**
 * The price list the local twin starts with (DynamoDB Local starts empty): a Norwegian renseri's
 * board, every section filled, at prices such a shop charges today, VAT included. Declared once
 * here; `npm start` loads it through the use cases, so it passes the same rules as a clerk's
 * additions. Tests do not rely on it: a test that wants it loads it itself.
 */
export const SAMPLE_PRICE_LIST: readonly PriceListItemFields[] = [
  item('Dress', 'rens', 229, 'per_garment', 3),
  item('Dressjakke', 'rens', 149, 'per_garment', 3),
  item('Bukse', 'rens', 149, 'per_garment', 3),
  item('Skjørt', 'rens', 139, 'per_garment', 3),
  item('Kjole', 'rens', 199, 'per_garment', 3),
  item('Selskapskjole', 'rens', 349, 'per_garment', 5),
  item('Frakk / kåpe', 'rens', 279, 'per_garment', 4),
  item('Dunjakke', 'rens', 329, 'per_garment', 5),
  item('Genser', 'rens', 119, 'per_garment', 3),
  item('Slips', 'rens', 79, 'per_garment', 3),
  item('Vask og tørk', 'vask_og_press', 89, 'per_kg', 2),
  item('Gardiner', 'vask_og_press', 119, 'per_kg', 5),
  item('Duk, stor', 'vask_og_press', 129, 'per_piece', 3),
  item('Pressing, bukse', 'vask_og_press', 89, 'per_garment', 1),
  item('Skjorte, vask og press', 'skjorter', 69, 'per_garment', 2),
  item('Skjorte, brettet', 'skjorter', 79, 'per_garment', 2),
  item('Bluse, vask og press', 'skjorter', 89, 'per_garment', 2),
  item('Dyne, enkel', 'dyner_og_tepper', 399, 'per_piece', 5),
  item('Dyne, dobbel', 'dyner_og_tepper', 549, 'per_piece', 5),
  item('Pute', 'dyner_og_tepper', 179, 'per_piece', 5),
  item('Ullteppe', 'dyner_og_tepper', 249, 'per_piece', 5),
  item('Skinnjakke', 'skinn_og_semsket', 899, 'per_garment', 10),
  item('Semsket jakke', 'skinn_og_semsket', 999, 'per_garment', 10),
  item('Skinnbukse', 'skinn_og_semsket', 749, 'per_garment', 10),
  item('Skinnhansker', 'skinn_og_semsket', 249, 'per_piece', 10),
  item('Legge opp bukse', 'som_og_reparasjon', 199, 'per_garment', 5),
  item('Legge opp skjørt', 'som_og_reparasjon', 249, 'per_garment', 5),
  item('Ta inn i livet', 'som_og_reparasjon', 299, 'per_garment', 5),
  item('Bytte glidelås, bukse', 'som_og_reparasjon', 299, 'per_piece', 5),
  item('Bytte glidelås, jakke', 'som_og_reparasjon', 449, 'per_piece', 7),
  item('Sy i knapp', 'som_og_reparasjon', 39, 'per_piece', 2),
];

/** Express at half the price again, ready the next working day. */
export const SAMPLE_EXPRESS: ExpressOptionInput = { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 };

/**
 * Loads the sample into an empty price list, in the order declared (so the items are P1, P2, …
 * as listed), and sets express if it was never set. A list that has items already, as on a
 * `--persist` twin's second start, is left as it is: a clerk's changes are never overwritten.
 */
export async function loadSamplePriceList(deps: PriceListDeps): Promise<{ added: number; expressSet: boolean }> {
  const { items, express } = await listPriceList(deps);
  // All in one go, a block of numbers and one transaction: one at a time, 31 items cost ~2 s of
  // `npm start` on a DynamoDB Local just started (two round trips each); together, two in all.
  const added = items.length === 0 ? (await addPriceListItems(deps, SAMPLE_PRICE_LIST)).length : 0;
  const expressSet = express.version === 0;
  if (expressSet) await setExpressOption(deps, SAMPLE_EXPRESS, 0);
  return { added, expressSet };
}
