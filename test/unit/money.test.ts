import { scaleOre, vatFromGross } from '#shared/domain/kernel/money';

describe('VAT taken out of a VAT-inclusive price, in whole øre', () => {
  it.each([
    [0, 0],
    [1, 0], // 0.2 øre
    [2, 0], // 0.4
    [3, 1], // 0.6
    [4, 1], // 0.8
    [5, 1],
    [12_500, 2_500],
    [48_600, 9_720],
    [99_999, 20_000], // 19 999.8
  ])('gross %i øre carries %i øre VAT at 25 %%', (gross, vat) => {
    expect(vatFromGross(gross)).toEqual({ grossOre: gross, vatOre: vat, netOre: gross - vat, vatRatePercent: 25 });
  });

  it('rounds half up at other rates (15 % of 115 øre + half an øre)', () => {
    // 15 % of a gross of 23 øre is exactly 3.0; of 69 it is 9.0; a half appears at 12 %: 56 × 12 / 112 = 6.0, 70 × 12/112 = 7.5
    expect(vatFromGross(70, 12).vatOre).toBe(8);
    expect(vatFromGross(23, 15).vatOre).toBe(3);
  });

  it('never loses an øre: net + VAT = gross, VAT within half an øre of the exact share', () => {
    for (let gross = 0; gross < 5_000; gross += 7) {
      const { netOre, vatOre } = vatFromGross(gross);
      expect(netOre + vatOre).toBe(gross);
      expect(Math.abs(vatOre - gross / 5)).toBeLessThanOrEqual(0.5);
    }
  });

  it('refuses fractions and negative amounts', () => {
    expect(() => vatFromGross(1.5)).toThrow(RangeError);
    expect(() => vatFromGross(-1)).toThrow(RangeError);
  });
});

describe('an amount scaled by a whole fraction (a weight in tenths, a percentage), in whole øre', () => {
  it.each([
    [9_995, 25, 10, 24_988], // 2.5 kg at 99.95 kr/kg: 24 987.5, half up
    [9_995, 3, 10, 2_999], // 0.3 kg: 2 998.5
    [8_900, 10, 10, 8_900], // 1.0 kg
    [12_345, 10, 100, 1_235], // 10 %: 1 234.5
    [12_344, 10, 100, 1_234], // 1 234.4
    [22_900, 50, 100, 11_450],
    [0, 50, 100, 0],
    [22_900, 0, 100, 0],
    // Beyond 2^53 in the product (a 1 000 000 kr order shared by its value): exact, not refused.
    [100_000_000, 333_333_333, 1_000_000_000, 33_333_333],
    [100_000_000, 666_666_667, 1_000_000_000, 66_666_667],
  ])('%i × %i ÷ %i is %i', (amount, numerator, denominator, expected) => {
    expect(scaleOre(amount, numerator, denominator)).toBe(expected);
  });

  it('refuses a fraction that is not whole, or an amount that cannot be scaled exactly', () => {
    expect(() => scaleOre(100, 1.5, 10)).toThrow(RangeError);
    expect(() => scaleOre(100, 1, 0)).toThrow(RangeError);
    expect(() => scaleOre(-1, 1, 10)).toThrow(RangeError);
    expect(() => scaleOre(Number.MAX_SAFE_INTEGER, 20, 10)).toThrow(RangeError);
    expect(scaleOre(Number.MAX_SAFE_INTEGER, 10, 10)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
