import { formatAmount, formatLongDate, formatPhoneNumber } from '#shared/domain/kernel/readable-format';
import { preferredLanguage, prefersHtml } from '#shared/http/negotiation';

describe('numbers, dates and amounts as people read them', () => {
  it.each([
    ['2026-12-01', 'nb', '1. desember 2026'],
    ['2026-12-01T09:30:00.000Z', 'nb', '1. desember 2026'],
    ['2027-05-17', 'nb', '17. mai 2027'],
    ['2026-12-01', 'en', '1 December 2026'],
  ] as const)('%s in %s is %s', (date, language, expected) => expect(formatLongDate(date, language)).toBe(expected));

  it.each([
    [24900, 'nb', 'kr 249,00'],
    [124950, 'nb', 'kr 1 249,50'],
    [-5000, 'nb', 'kr -50,00'],
    [124950, 'en', 'NOK 1,249.50'],
    [0, 'en', 'NOK 0.00'],
  ] as const)('%i øre in %s is %s', (ore, language, expected) => expect(formatAmount(ore, language)).toBe(expected));

  it.each([
    ['+4761000000', '+47 61 00 00 00'],
    ['+47 912 34 567', '+47 91 23 45 67'],
    ['61 00 00 00', '61 00 00 00'],
    ['61000000', '61 00 00 00'],
    ['+46701234567', '+46701234567'], // not grouped wrongly: another country's own grouping is not known here
  ])('%s is written %s', (raw, expected) => expect(formatPhoneNumber(raw)).toBe(expected));
});

describe('content negotiation', () => {
  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/json', false],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json, text/html;q=0.5', false],
    ['text/html;q=0', false],
    ['application/json;q=0.4, text/html', true],
  ])('Accept %s gives HTML: %s', (accept, html) => expect(prefersHtml(accept)).toBe(html));

  it.each([
    [undefined, 'nb'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['nb-NO,nb;q=0.9,en;q=0.5', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['de-DE,en;q=0.7', 'en'],
    ['fr', 'nb'],
    ['en;q=0, nb;q=0.1', 'nb'],
    ['en;q=0.3, nb;q=0.8', 'nb'],
  ])('Accept-Language %s gives %s', (header, expected) => expect(preferredLanguage(header, ['nb', 'en'] as const, 'nb')).toBe(expected));
});
