/**
 * Shop dates and calendar arithmetic, in one place: the law counts in the shop's calendar days
 * and months (a privacy request's month, three months for uncollected garments, five years after
 * a fiscal year), never in UTC days or multiples of 24 hours, which are a day off around
 * midnight in Oslo and an hour off when the clocks change. Dates are ISO YYYY-MM-DD strings.
 */
/** The calendar date in the shop's time zone, as YYYY-MM-DD. */
export function shopDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The clock time in the shop's time zone, as HH:MM on the 24-hour clock. */
export function shopTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/**
 * Seconds from `instant` until the next shop day begins (midnight in the shop's time zone): when a
 * limit counted per shop day lets the next one through (a 429's Retry-After).
 */
export function secondsUntilNextShopDay(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const secondsIntoDay = parts.hour * 3600 + parts.minute * 60 + parts.second;
  // A day the clocks change on is an hour shorter or longer; an hour early or late is harmless here.
  return Math.max(1, 86_400 - secondsIntoDay);
}

/** One calendar month later; a day the month lacks becomes its last day (31 Jan → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The date `days` calendar days later (or earlier, for a negative number). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus), from which
 * Norway's movable holidays are counted.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Norway's public holidays: the church holidays of lov om helligdager og helligdagsfred § 2
 * (nyttårsdag, skjærtorsdag, langfredag, 1. and 2. påskedag, Kristi himmelfartsdag, 1. and 2.
 * pinsedag, 1. and 2. juledag) and the public holidays
 * 1 and 17 May (lov om 1. og 17. mai som høgtidsdager). Christmas Eve and New Year's Eve are not
 * holidays by law; a shop closed then moves the promised date by hand.
 */
export function isNorwegianPublicHoliday(isoDate: string): boolean {
  const date = isoDate.slice(0, 10);
  const monthDay = date.slice(5);
  if (['01-01', '05-01', '05-17', '12-25', '12-26'].includes(monthDay)) return true;
  const easter = easterSunday(Number(date.slice(0, 4)));
  return [-3, -2, 0, 1, 39, 49, 50].some((offset) => addDays(easter, offset) === date);
}

/**
 * Working days are Monday to Friday that are not public holidays: the turnaround a price list
 * promises counts them, so a dress taken in on Friday with two working days' turnaround is promised
 * for Tuesday, and one taken in on the Wednesday before Easter for the Tuesday after it.
 */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isNorwegianPublicHoliday(isoDate);
}

/**
 * The date `workingDays` working days after `isoDate`. Garments taken in on a weekend are
 * counted from the next working day, when the work can start: zero days is the same day on a
 * working day and Monday from a weekend; one day from Friday is Monday, from Saturday Tuesday.
 */
export function addWorkingDays(isoDate: string, workingDays: number): string {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a whole number of days, 0 or more');
  let date = isoDate.slice(0, 10);
  while (!isWorkingDay(date)) date = addDays(date, 1);
  for (let left = workingDays; left > 0; left--) {
    date = addDays(date, 1);
    while (!isWorkingDay(date)) date = addDays(date, 1);
  }
  return date;
}

/** 31.12.2026 */
export function formatNorwegianDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** The same clock time `months` calendar months earlier (the 31st becomes the month's last day). */
export function monthsBefore(instant: Date, months: number): Date {
  const iso = instant.toISOString();
  return new Date(`${addMonths(iso.slice(0, 10), -months)}${iso.slice(10)}`);
}
