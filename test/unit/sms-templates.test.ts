import { LANGUAGES } from '#shared/domain/customers/customers';
import { SMS_PURPOSES } from '#shared/domain/kernel/outbox-message';
import { countSegments } from '#shared/domain/notices/sms-segments';
import { formatMessageDate, LONGEST_SMS_PARAMS, renderSms, templatesOverOneSegment } from '#shared/domain/notices/sms-templates';
import { stageConfig } from '../../infra/config/stages';

describe('SMS segment counting (3GPP TS 23.038)', () => {
  it.each([
    ['160 GSM-7 characters', 'a'.repeat(160), { encoding: 'GSM-7', units: 160, segments: 1 }],
    ['161 GSM-7 characters', 'a'.repeat(161), { encoding: 'GSM-7', units: 161, segments: 2 }],
    ['306 GSM-7 characters', 'a'.repeat(306), { encoding: 'GSM-7', units: 306, segments: 2 }],
    ['307 GSM-7 characters', 'a'.repeat(307), { encoding: 'GSM-7', units: 307, segments: 3 }],
    ['Norwegian letters, which are in the basic alphabet', 'ÆØÅæøå'.repeat(20), { encoding: 'GSM-7', units: 120, segments: 1 }],
    ['extension characters, which take two', '€'.repeat(80), { encoding: 'GSM-7', units: 160, segments: 1 }],
    ['one extension character too many', `${'€'.repeat(80)}a`, { encoding: 'GSM-7', units: 161, segments: 2 }],
    ['70 UCS-2 characters', `✓${'a'.repeat(69)}`, { encoding: 'UCS-2', units: 70, segments: 1 }],
    ['71 UCS-2 characters', `✓${'a'.repeat(70)}`, { encoding: 'UCS-2', units: 71, segments: 2 }],
    ['an emoji (two UTF-16 units)', `😀${'a'.repeat(66)}`, { encoding: 'UCS-2', units: 68, segments: 1 }],
  ])('%s', (_name, text, expected) => {
    expect(countSegments(text)).toEqual(expected);
  });
});

describe('the message templates', () => {
  const shop = stageConfig('prod').shop;
  const context = { shopName: shop.name, shopPhone: shop.phone };
  const worstCase = LONGEST_SMS_PARAMS;

  it.each(SMS_PURPOSES.flatMap((purpose) => LANGUAGES.map((language) => [purpose, language] as const)))(
    '%s in %s fits one GSM-7 segment with the longest values, and has every blank filled',
    (purpose, language) => {
      const text = renderSms(purpose, language, worstCase, context);
      expect(countSegments(text)).toEqual(expect.objectContaining({ encoding: 'GSM-7', segments: 1 }));
      expect(text).toContain(shop.name);
      expect(text).not.toMatch(/undefined|null|NaN|\$\{|\{\}/);
    },
  );

  it.each(LANGUAGES)('tells a business in %s that its erasure waits for the pickups on account to be invoiced, in one segment', (language) => {
    const text = renderSms('erasure_waiting', language, { ...worstCase, waitingFor: 'uninvoiced_pickups' }, context);
    expect(countSegments(text)).toEqual(expect.objectContaining({ encoding: 'GSM-7', segments: 1 }));
    expect(text).toMatch(language === 'nb' ? /hentingene på konto er fakturert/ : /pickups on account are invoiced/);
    expect(text).not.toBe(renderSms('erasure_waiting', language, worstCase, context));
  });

  it('all fit one segment by the same check synth applies to a shop\'s name and phone', () => {
    expect(templatesOverOneSegment(context)).toEqual([]);
    expect(templatesOverOneSegment({ ...context, shopName: 'Renseri \u2013 Storgata' })).toHaveLength(SMS_PURPOSES.length * LANGUAGES.length);
  });

  it('writes dates as a reader of the language expects', () => {
    expect(formatMessageDate('2026-03-07', 'nb')).toBe('07.03.2026');
    expect(formatMessageDate('2026-03-07', 'en')).toBe('7 Mar 2026');
  });

  it('says how long a code is valid, and where the garments are', () => {
    expect(renderSms('verification_code', 'nb', worstCase, context)).toBe(
      `123456 er koden din hos ${shop.name}. Den gjelder i 10 minutter. Ikke del den med noen.`,
    );
    expect(renderSms('pickup_ready', 'en', { ticket: '1042' }, context)).toBe(`Hi! Your garments (ticket 1042) are ready for pickup at ${shop.name}. Welcome!`);
  });
});
