import type { Language } from '../customers/customers';

/**
 * Numbers, dates and amounts as a person reads them, in the customer's language: what the privacy
 * notice and the access export's summary print. Stored values stay machine-readable (E.164, ISO
 * dates, øre); only these texts are formatted.
 */

const MONTHS: Record<Language, readonly string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** 1. desember 2026 · 1 December 2026 (the date part of an ISO date or instant, as given). */
export function formatLongDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const monthName = MONTHS[language][month - 1] ?? '';
  return language === 'nb' ? `${day}. ${monthName} ${year}` : `${day} ${monthName} ${year}`;
}

/** kr 1 249,00 · NOK 1,249.00: the Norwegian as on the invoice, a space between thousands and a decimal comma. */
export function formatAmount(ore: number, language: Language): string {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  const kroner = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'nb' ? ' ' : ',');
  const ore2 = String(absolute % 100).padStart(2, '0');
  return language === 'nb' ? `kr ${sign}${kroner},${ore2}` : `NOK ${sign}${kroner}.${ore2}`;
}

/**
 * A phone number as it is said: +47 61 00 00 00 for a Norwegian number (8 digits in pairs, with
 * or without +47), other numbers as given. Norwegian numbers are written in pairs (Språkrådet);
 * a number from elsewhere is left alone rather than grouped wrongly.
 */
export function formatPhoneNumber(raw: string): string {
  const compact = raw.replace(/[\s-]/g, '');
  const match = /^(\+47|0047)?(\d{8})$/.exec(compact);
  if (!match) return raw;
  const pairs = (match[2] as string).replace(/(\d{2})(?=\d)/g, '$1 ');
  return match[1] ? `+47 ${pairs}` : pairs;
}
