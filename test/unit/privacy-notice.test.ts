import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stageConfig } from '../../infra/config/stages';
import { accessLogFormat } from '../../infra/config/access-log';
import { DEFAULT_DATA_PROCESSING, parseShopConfig, type ShopConfig } from '#shared/config/shop-config';
import { CATEGORY_TEXTS } from '#shared/domain/inventory/category-texts';
import { DATA_CATEGORIES } from '#shared/domain/inventory/data-categories';
import { DATA_INVENTORY, LEGAL_BASES } from '#shared/domain/inventory/inventory';
import { NOTICE_VERSION, PERSONAL_CATEGORIES, RIGHTS, legalBasesOf, privacyNotice, privacyPageHtml, privacyStatement } from '#shared/domain/inventory/privacy-statement';
import { CHANNEL_OF, MESSAGE_PURPOSES } from '#shared/domain/kernel/outbox-message';
import { routeList } from '#shared/http/routes';

const shop = stageConfig('local').shop;
const LANGUAGES = ['nb', 'en'] as const;
const withProcessing = (change: Partial<ShopConfig['dataProcessing']>): ShopConfig => ({ ...shop, dataProcessing: { ...shop.dataProcessing, ...change } });

describe('the privacy notice', () => {
  it.each(LANGUAGES)('names every category of personal data with what, why, legal basis, recipients and retention (%s)', (language) => {
    const notice = privacyNotice(shop, language);
    expect(notice.categories.map((c) => c.category)).toEqual(DATA_CATEGORIES.filter((c) => c !== 'shop_records'));
    for (const category of notice.categories) {
      expect(category.title).toBe(CATEGORY_TEXTS[category.category][language].title);
      expect(category.what.length).toBeGreaterThan(20);
      expect(category.purpose.length).toBeGreaterThan(20);
      expect(category.legalBases.length).toBeGreaterThan(0);
      expect(category.recipients.map((r) => r.recipient)).toContain('hosting');
      expect(category.retention).not.toMatch(/\{\w+\}/); // the shop's periods are filled in
      expect(category.items.length).toBeGreaterThan(0);
    }
    // The shop's own periods, not fixed ones.
    expect(notice.categories.find((c) => c.category === 'messages')?.retention).toContain(String(shop.messageRetentionDays));
    expect(notice.categories.find((c) => c.category === 'identity')?.retention).toContain(String(shop.inactivityMonths));
  });

  it('reads each category\'s legal bases from the inventory, with the GDPR\'s own duties for requests and the erasure confirmation', () => {
    expect(Object.keys(LEGAL_BASES)).toContain('gdprDuties');
    expect(DATA_INVENTORY.privacyRequest.attributes.customerId.basis).toBe('gdprDuties');
    expect(DATA_INVENTORY.privacyRequest.attributes.status.basis).toBe('gdprDuties');
    expect(DATA_INVENTORY.requestRef.attributes.requestId.basis).toBe('gdprDuties');
    expect(DATA_INVENTORY.message.attributes.recipient.basis).toBe('gdprDuties');
    expect(legalBasesOf('privacy_requests')).toEqual(['gdprDuties']);
    expect(legalBasesOf('sales_documents')).toContain('legalObligation');
    // Staff notes rest on a legitimate interest, so the notice offers the right to object to them.
    expect(legalBasesOf('messages')).toContain('legitimateInterest');
    // Bookkeeping law is named only where it applies.
    for (const category of PERSONAL_CATEGORIES.filter((c) => c !== 'sales_documents')) expect(legalBasesOf(category)).not.toContain('legalObligation');
    const requests = privacyNotice(shop, 'nb').categories.find((c) => c.category === 'privacy_requests');
    expect(requests?.legalBases.map((b) => b.text).join(' ')).toMatch(/art\. 5 nr\. 2, 12 og 17/);
    expect(requests?.legalBases.map((b) => b.text).join(' ')).not.toMatch(/bokføringsloven/);
  });

  it.each(LANGUAGES)('names every right with how to use it, and Datatilsynet with its address (%s)', (language) => {
    const notice = privacyNotice(shop, language);
    expect(notice.rights.map((r) => r.right)).toEqual([...RIGHTS]);
    expect(notice.rights.map((r) => r.article)).toEqual(['art. 15', 'art. 16', 'art. 17', 'art. 18', 'art. 21', 'art. 20', 'art. 77']);
    for (const right of notice.rights) expect(right.text.length).toBeGreaterThan(60);
    const text = (right: string) => notice.rights.find((r) => r.right === right)?.text ?? '';
    expect(text('restriction')).toContain(shop.privacyContact.email);
    expect(text('objection')).toContain(shop.privacyContact.email);
    expect(text('objection')).toMatch(language === 'nb' ? /ansattes notat/ : /staff's own reason/i);
    expect(text('portability')).toContain('JSON');
    expect(text('complaint')).toContain('Datatilsynet, Postboks 458 Sentrum, 0105 Oslo');
    expect(text('complaint')).toContain('datatilsynet.no');
  });

  it.each(LANGUAGES)('names the accountant and the processors by role from the configuration, and where data is stored (%s)', (language) => {
    const notice = privacyNotice(shop, language);
    expect(notice.recipients.map((r) => r.recipient)).toEqual(['accountant', 'hosting', 'sms', 'email']);
    expect(notice.recipients.filter((r) => r.recipient !== 'accountant').map((r) => 'service' in r && r.service)).toEqual(['Amazon Web Services', 'Amazon SNS', 'Amazon SES']);
    for (const processor of notice.recipients.slice(1)) expect(processor.text).toContain('Amazon Web Services EMEA SARL');
    expect(notice.storage.region).toBe('eu-north-1');
    expect(notice.storage.text).toContain(language === 'nb' ? 'Stockholm i Sverige' : 'Stockholm, Sweden');
    expect(notice.storage.text).toContain(language === 'nb' ? 'EU/EØS' : 'EU/EEA');
    expect(notice.storage.transfers).toMatch(/Data Privacy Framework/);
    expect(notice.storage.transfers).toMatch(language === 'nb' ? /amerikansk selskap/ : /US company/);
  });

  it('says, from the legal-claim hold\'s declaration, what an unpaid invoice keeps past an erasure, why and until when, in Norwegian and English', () => {
    // Given the hold's declaration (LEGAL_HOLDS.legalClaim and the claimHold entity), then the
    // erasure right names it, each category it keeps data of lists that data, and its basis is given.
    const erasure = (language: 'nb' | 'en') => privacyNotice(shop, language).rights.find((r) => r.right === 'erasure')?.text;
    expect(erasure('nb')).toContain('Skylder du oss penger for en faktura, sletter vi alt annet med en gang, men tar vare på navnet ditt, adressen (som står på fakturaen) og telefonnummeret ditt til fakturaen er betalt, kreditert eller avskrevet');
    expect(erasure('nb')).toContain('art. 17 nr. 3 bokstav e');
    expect(erasure('en')).toContain('If you owe us money on an invoice, we erase everything else at once, but keep your name, your address (which is on the invoice) and your phone number until the invoice is paid, credited or written off');
    expect(erasure('en')).toContain('GDPR art. 17(3)(e)');
    for (const [language, name, phone] of [
      ['nb', 'Navnet ditt, mens en faktura er ubetalt etter at du ba om sletting', 'Telefonnummeret ditt, mens en faktura er ubetalt etter at du ba om sletting'],
      ['en', "The name, as the invoice names the buyer", 'The phone number (E.164, mobile or landline) the shop would contact them on about the debt, if they gave one'],
    ] as const) {
      const categories = privacyNotice(shop, language).categories;
      const identity = categories.find((c) => c.category === 'identity');
      const contact = categories.find((c) => c.category === 'contact');
      expect(identity?.items.map((i) => i.what)).toContain(name);
      expect(contact?.items.map((i) => i.what)).toContain(phone);
      for (const category of [identity, contact]) expect(category?.legalBases.map((b) => b.basis)).toContain('legalClaims');
      expect(privacyPageHtml(shop, language)).toContain(language === 'nb' ? '17 nr. 3 bokstav e' : 'GDPR art. 17(3)(e)');
    }
    // And the full statement gives the hold's law and end on each attribute it keeps.
    const claimHold = privacyStatement(shop, 'en').entities.find((e) => e.entity === 'claimHold');
    expect(claimHold?.attributes.filter((a) => a.onErasure === 'legalHold').map((a) => [a.name, a.legalHold?.law.slice(0, 21)])).toEqual([
      ['name', 'GDPR art. 17(3)(e): w'],
      ['phone', 'GDPR art. 17(3)(e): w'],
    ]);
  });

  it('follows the configuration: another SMS provider, another EU region', () => {
    const other = withProcessing({
      region: 'eu-west-1',
      processors: { ...DEFAULT_DATA_PROCESSING.processors, sms: { name: 'Eksempel SMS AS', service: 'Eksempel SMS-gateway' } },
    });
    const notice = privacyNotice(other, 'nb');
    expect(notice.recipients.find((r) => r.recipient === 'sms')?.text).toContain('Eksempel SMS AS (Eksempel SMS-gateway)');
    expect(notice.storage.text).toContain('eu-west-1 (Irland)');
    expect(privacyPageHtml(other, 'nb')).toContain('Eksempel SMS AS');
  });

  it('is configured with AWS in Stockholm by default, and refuses a region outside the EU/EEA', () => {
    const { dataProcessing: _omitted, ...withoutProcessing } = shop;
    expect(parseShopConfig(withoutProcessing).dataProcessing).toEqual(DEFAULT_DATA_PROCESSING);
    expect(() => parseShopConfig(withProcessing({ region: 'eu-west-2' as 'eu-west-1' }))).toThrow(/SHOP_CONFIG is invalid at dataProcessing\.region/);
  });

  it.each(LANGUAGES)('prints numbers as people read them (%s)', (language) => {
    const notice = privacyNotice(shop, language);
    expect(notice.controller.organisationNumber).toBe('123 456 785');
    expect(notice.controller.contact.phone).toBe('+47 61 00 00 00');
    expect(notice.controller.phone).toBe('61 00 00 00');
    const page = privacyPageHtml(shop, language);
    expect(page).toContain('123 456 785');
    expect(page).toContain('+47 61 00 00 00');
    expect(page).not.toMatch(/123456785|\+4761000000/);
  });

  it('carries its version date, in words and as a date', () => {
    expect(privacyNotice(shop, 'nb').lastChanged).toBe('1. desember 2026');
    expect(privacyNotice(shop, 'en').lastChanged).toBe('1 December 2026');
    expect(privacyPageHtml(shop, 'nb')).toContain('Sist endret 1. desember 2026.');
    expect(privacyPageHtml(shop, 'en')).toContain('Last changed 1 December 2026.');
    expect(privacyStatement(shop, 'nb').version).toBe(NOTICE_VERSION);
  });

  it('changes its version whenever its text changes', () => {
    // The notice of the example shop, both languages and both forms. If this fails, the notice's
    // text changed: set NOTICE_VERSION to today's date and record the new hash under it here.
    const text = JSON.stringify([privacyNotice(shop, 'nb'), privacyNotice(shop, 'en'), privacyPageHtml(shop, 'nb'), privacyPageHtml(shop, 'en')]);
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const RECORDED: Record<string, string> = {
      '2026-12-01': 'c1deca20b77d8102', // with a business's contact person and reference (its number and address personal, for a sole proprietorship), payment reminders, pickups on account waiting for the collective invoice, its claim and the pickups it lists (issue 17)
    };
    expect({ version: NOTICE_VERSION, hash }).toEqual({ version: NOTICE_VERSION, hash: RECORDED[NOTICE_VERSION] });
  });

  it('writes Norwegian in Norwegian and English in English, without the inventory\'s codes', () => {
    const nb = privacyPageHtml(shop, 'nb');
    const en = privacyPageHtml(shop, 'en');
    expect(nb).toContain('<html lang="nb">');
    expect(en).toContain('<html lang="en">');
    for (const code of [/legitimateInterest|legalObligation|gdprDuties|picked_up|emailPurposes/, /\bcontract\b/, />\s*(sales_documents|privacy_requests|sign_in)/]) expect(nb).not.toMatch(code);
    for (const stiff of ['eller svar på henvendelser', 'Hvem koden logger inn', 'nøkkelbasert hash', 'drive disken', 'Du må ikke oppgi']) expect(nb).not.toContain(stiff);
    expect(en).toContain('Your rights');
    expect(en).not.toMatch(/Dine rettigheter|Hvorfor/);
  });
});

/**
 * The statement's promises, each with the test that checks the code keeps it. A promise added to
 * the notice without a check here fails the first test.
 */
const PROMISE_CHECKS: Record<string, () => void> = {
  only_what_is_needed: () => {
    // Every stored attribute has a purpose and a basis (test/integration/data-inventory.test.ts reads the stored items).
    for (const entity of Object.values(DATA_INVENTORY)) for (const entry of Object.values(entity.attributes) as { purpose: string }[]) expect(entry.purpose.length).toBeGreaterThan(10);
  },
  no_advertising: () => {
    // The outbox's closed list: each purpose is about the customer's garments, invoices, sign-in or requests.
    expect([...MESSAGE_PURPOSES].sort()).toEqual(
      ['delay', 'erasure_held', 'erasure_waiting', 'invoice_sent', 'part_ready', 'pickup_ready', 'question', 'request_completed', 'request_completed_email', 'request_extended', 'uncollected_reminder', 'verification_code', 'erasure_waiting_email', 'payment_reminder'].sort(),
    );
    for (const purpose of MESSAGE_PURPOSES) expect(purpose).not.toMatch(/market|promo|campaign|newsletter|offer|advert|news|reklame|tilbud/i);
  },
  sharing_only_for_bookkeeping: () => {
    // The only routes that hand data out in bulk are the accountant's: the sales journal and the reskontro (staff
    // only, for the books: bokføringsforskriften § 3-1's customer specification); the other export is a customer's own.
    const exports = routeList.filter((r) => /export/i.test(r.path) || r.responses[200]?.alternativeContentTypes?.some((t) => /csv/.test(t)));
    expect(exports.map((r) => `${r.access} ${r.path}`).sort()).toEqual(['customer /me/requests/{requestId}/export', 'staff /admin/exports/sales', 'staff /admin/receivables']);
    // Messages go only to the customer, by SMS or e-mail.
    expect(new Set(Object.values(CHANNEL_OF))).toEqual(new Set(['sms', 'email']));
  },
  no_tracking: () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const packages = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)];
    expect(packages.filter((p) => /analytics|segment|mixpanel|amplitude|posthog|hotjar|matomo|plausible|gtag|tracking|datadog|newrelic|sentry|rum/i.test(p))).toEqual([]);
    expect(routeList.filter((r) => /\/(track|tracking|analytics|pixel|beacon|collect|telemetry|events)\b/i.test(r.path))).toEqual([]);
    expect(accessLogFormat()).not.toMatch(/sourceIp|identity|userAgent/);
    for (const language of LANGUAGES) {
      const page = privacyPageHtml(shop, language);
      expect(page).not.toMatch(/<script|<img|<iframe|<link|@import|url\(/i);
      expect(page.match(/https?:\/\/[^\s"'<]+/g) ?? []).toEqual([]); // nothing loaded from, or linked to, elsewhere
    }
  },
  identity_first: () => {
    // Every route that reads or changes a customer's own data needs the customer's token (or staff's, who check ID).
    for (const route of routeList.filter((r) => r.path.startsWith('/me') || r.path.includes('{customerId}'))) expect(['customer', 'staff']).toContain(route.access);
  },
};

describe('the notice\'s promises', () => {
  it.each(LANGUAGES)('each appear, and each has a check (%s)', (language) => {
    const promises = privacyNotice(shop, language).promises;
    expect(promises.map((p) => p.id).sort()).toEqual(Object.keys(PROMISE_CHECKS).sort());
    const page = privacyPageHtml(shop, language);
    for (const promise of promises) expect(page).toContain(promise.text.replaceAll("'", '&#39;'));
  });

  it.each(Object.entries(PROMISE_CHECKS))('%s is kept by the code', (_id, check) => check());
});
