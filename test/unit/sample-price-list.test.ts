import { priceOrderLines } from '#shared/domain/orders/order-pricing';
import { PRICE_CATEGORIES } from '#shared/domain/orders/price-list';
import { addPriceListItem, listPriceList, setExpressOption } from '#shared/domain/orders/price-list-use-cases';
import { loadSamplePriceList, SAMPLE_PRICE_LIST } from '../../infra/local/sample-price-list';
import { fakeClock } from '../helpers/fake-clock';
import { inMemoryDeps } from '../helpers/in-memory';

/** The price list `npm start` gives the twin, loaded here on in-memory ports through the same use cases. */
const given = () => inMemoryDeps({ clock: fakeClock('2027-01-11T07:00:00.000Z').now });

describe('the sample price list', () => {
  it('loads into an empty list as P1, P2, … in the order declared, every section filled, with express', async () => {
    const deps = given();
    expect(await loadSamplePriceList(deps)).toEqual({ added: SAMPLE_PRICE_LIST.length, expressSet: true });
    const { items, express } = await listPriceList(deps);
    expect(items).toHaveLength(SAMPLE_PRICE_LIST.length);
    expect(new Set(items.map((item) => item.category))).toEqual(new Set(PRICE_CATEGORIES));
    expect(items.every((item) => item.status === 'active')).toBe(true);
    const byId = new Map(items.map((item) => [item.itemId, item]));
    SAMPLE_PRICE_LIST.forEach((fields, i) => expect(byId.get(`P${i + 1}`)).toMatchObject(fields));
    expect(express).toMatchObject({ offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, version: 1 });
  });

  it('holds the prices a Norwegian renseri charges, VAT included', async () => {
    const priceOf = (name: string) => SAMPLE_PRICE_LIST.find((item) => item.name === name)?.priceOre;
    expect(['Dress', 'Skjorte, vask og press', 'Bukse', 'Dyne, enkel', 'Skinnjakke', 'Legge opp bukse'].map(priceOf)).toEqual([22_900, 6_900, 14_900, 39_900, 89_900, 19_900]);
  });

  it('prices an order at the counter: a dress, three shirts and 2.5 kg of washing, express', async () => {
    const deps = given();
    await loadSamplePriceList(deps);
    const { items, express } = await listPriceList(deps);
    const id = (name: string) => items.find((item) => item.name === name)?.itemId as string;
    const priced = priceOrderLines(
      { lines: [{ priceListItemId: id('Dress'), quantity: 1 }, { priceListItemId: id('Skjorte, vask og press'), quantity: 3 }, { priceListItemId: id('Vask og tørk'), quantity: 2.5 }], express: true },
      items,
      express,
      { today: '2027-01-11' },
    );
    // 229 + 3 × 69 + 2.5 × 89 = 658.50 kr; express 50 % = 329.25 kr; 987.75 kr, of which 197.55 kr VAT.
    expect(priced.totals).toEqual({ grossOre: 98_775, vatOre: 19_755, netOre: 79_020, vatRatePercent: 25 });
    expect(priced.promisedReadyAt).toBe('2027-01-12');
  });

  it('leaves a list that has items, and an express option once set, as they are', async () => {
    const deps = given();
    await addPriceListItem(deps, { name: 'Brudekjole', category: 'rens', priceOre: 149_900, unit: 'per_garment', turnaroundWorkingDays: 10 });
    await setExpressOption(deps, { offered: false }, 0);
    const before = deps.store.snapshot();
    expect(await loadSamplePriceList(deps)).toEqual({ added: 0, expressSet: false });
    expect(deps.store.snapshot()).toEqual(before);
  });

  it('adds nothing when loaded a second time (a --persist twin started again)', async () => {
    const deps = given();
    await loadSamplePriceList(deps);
    const before = deps.store.snapshot();
    expect(await loadSamplePriceList(deps)).toEqual({ added: 0, expressSet: false });
    expect(deps.store.snapshot()).toEqual(before);
  });
});
