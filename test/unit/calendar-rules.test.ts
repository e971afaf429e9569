import { addWorkingDays, easterSunday, isNorwegianPublicHoliday, isWorkingDay } from '#shared/domain/kernel/calendar';
import { uncollectedCutoff } from '#shared/domain/notices/notice-use-cases';
import { requestDeadline } from '#shared/domain/rights/privacy-requests';
import { startOfShopDay } from '#shared/domain/invoices/sales-journal';
import { shopDate, shopTime } from '#shared/domain/kernel/calendar';

/** Dates the law and the accountant count in, at month ends and on the days Oslo's clocks change. */
describe('the three months before garments count as uncollected', () => {
  it('are calendar months, capped at the end of a shorter month', () => {
    expect(uncollectedCutoff(new Date('2026-06-15T10:00:00Z'))).toBe('2026-03-15T10:00:00.000Z');
    expect(uncollectedCutoff(new Date('2026-05-31T10:00:00Z'))).toBe('2026-02-28T10:00:00.000Z');
    expect(uncollectedCutoff(new Date('2028-05-31T10:00:00Z'))).toBe('2028-02-29T10:00:00.000Z');
  });

  it('never move backwards from one day to the next, so an order once listed stays listed', () => {
    let previous = uncollectedCutoff(new Date('2026-01-01T09:00:00Z'));
    for (let day = 1; day < 2 * 366; day++) {
      const cutoff = uncollectedCutoff(new Date(Date.parse('2026-01-01T09:00:00Z') + day * 86_400_000));
      expect(cutoff >= previous).toBe(true);
      previous = cutoff;
    }
  });
});

describe('the start of a shop day, for the sales journal', () => {
  it('is local midnight on the days the clocks change, not midnight at that day\'s noon offset', () => {
    expect(startOfShopDay('2026-03-29', 'Europe/Oslo')).toBe('2026-03-28T23:00:00.000Z'); // clocks go forward at 02:00
    expect(startOfShopDay('2026-03-30', 'Europe/Oslo')).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfShopDay('2026-10-25', 'Europe/Oslo')).toBe('2026-10-24T22:00:00.000Z'); // clocks go back at 03:00
    expect(startOfShopDay('2026-10-26', 'Europe/Oslo')).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('the deadline of a privacy request', () => {
  it('counts from the shop\'s date of receipt, also just after midnight, and adds an extension', () => {
    // 00:30 in Oslo on 1 March is still 28 February in UTC.
    expect(requestDeadline('2026-02-28T23:30:00.000Z', 0, 'Europe/Oslo')).toBe('2026-04-01');
    expect(requestDeadline('2026-02-28T23:30:00.000Z', 2, 'Europe/Oslo')).toBe('2026-06-01');
    expect(requestDeadline('2026-01-31T12:00:00.000Z', 0, 'Europe/Oslo')).toBe('2026-02-28');
  });
});

describe('the shop\'s clock time, as a ticket prints when garments were taken in', () => {
  it('is the time in the shop on the 24-hour clock, on either side of a change of the clocks and of midnight', () => {
    expect(shopTime(new Date('2026-03-29T00:59:00Z'), 'Europe/Oslo')).toBe('01:59'); // still winter time
    expect(shopTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Oslo')).toBe('03:00'); // clocks go forward
    expect(shopTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Oslo')).toBe('02:30'); // the first 02:30
    expect(shopTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Oslo')).toBe('02:30'); // and the second
    expect([shopDate(new Date('2026-06-30T22:05:00Z'), 'Europe/Oslo'), shopTime(new Date('2026-06-30T22:05:00Z'), 'Europe/Oslo')]).toEqual(['2026-07-01', '00:05']);
  });
});

describe('working days, which turnarounds count in', () => {
  // 2027-01-11 is a Monday.
  it.each([
    ['2027-01-11', 0, '2027-01-11'], // same day
    ['2027-01-11', 1, '2027-01-12'],
    ['2027-01-11', 4, '2027-01-15'], // to Friday
    ['2027-01-11', 5, '2027-01-18'], // over the weekend
    ['2027-01-15', 1, '2027-01-18'], // Friday to Monday
    ['2027-01-16', 0, '2027-01-18'], // taken in on Saturday: Monday, when work starts
    ['2027-01-16', 1, '2027-01-19'],
    ['2027-01-17', 2, '2027-01-20'], // Sunday counts from Monday too
    ['2026-12-31', 1, '2027-01-04'], // across the year: New Year's Day is a holiday
    ['2027-03-24', 1, '2027-03-30'], // the Wednesday before Easter: Thursday to Monday are holidays
    ['2027-05-05', 1, '2027-05-07'], // over Ascension Day
    ['2027-05-14', 1, '2027-05-18'], // Whit Monday is 17 May that year
    ['2026-12-23', 1, '2026-12-24'], // Christmas Eve is no holiday by law
    ['2026-12-24', 1, '2026-12-28'],
    ['2028-02-28', 2, '2028-03-01'], // across a leap day
  ])('%s + %i working days is %s', (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });

  it('are Monday to Friday', () => {
    expect(['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15', '2027-01-16', '2027-01-17'].map(isWorkingDay)).toEqual([true, true, true, true, true, false, false]);
  });

  it('leave out Norway\'s public holidays, Easter counted from the computus', () => {
    // Easter Sundays as the almanac gives them.
    expect(['2024', '2025', '2026', '2027', '2028', '2038'].map((y) => easterSunday(Number(y)))).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2038-04-25']);
    const holidays2026 = ['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-17', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26'];
    for (const day of holidays2026) expect([day, isNorwegianPublicHoliday(day)]).toEqual([day, true]);
    for (const day of ['2026-04-01', '2026-04-07', '2026-05-13', '2026-05-15', '2026-12-24', '2026-12-31']) expect([day, isNorwegianPublicHoliday(day)]).toEqual([day, false]);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays('2027-01-11', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-11', 1.5)).toThrow(RangeError);
  });
});
