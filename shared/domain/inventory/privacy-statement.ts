import { EEA_REGIONS, type ShopConfig } from '../../config/shop-config';
import type { Language } from '../customers/customers';
import { formatLongDate, formatPhoneNumber } from '../kernel/readable-format';
import { formatOrganisationNumber } from '../invoices/sales-documents';
import { BASIS_TEXTS, CATEGORY_TEXTS, type PersonalCategory, type Recipient } from './category-texts';
import { categoryOf } from './export-plan';
import { DATA_CATEGORIES } from './data-categories';
import { DATA_INVENTORY, LEGAL_BASES, LEGAL_HOLDS, NOTIFIED_HOLDS, type AttributeEntry, type EntityInventory, type InventoriedEntity, type LegalBasis } from './inventory';

/**
 * The public privacy notice (GDPR art. 13), generated from the data inventory and the shop's
 * configuration so the promise and the code cannot drift apart: who the controller is, what is
 * stored per category and why, on which legal basis (read from the inventory's attributes), who
 * receives it (the accountant, and the processors the configuration names), where it is stored,
 * for how long, every right and how to use it, and the complaint to Datatilsynet. In Norwegian
 * and English, as JSON (privacyStatement) and as a page (privacyPageHtml).
 */

/**
 * The notice's version: the day its text last changed. A test hashes the notice of the example
 * shop and fails when the text changes while this stays the same, so a changed notice always
 * carries a new date (the customer can tell it changed; art. 12(1) and 13(3)).
 */
export const NOTICE_VERSION = '2026-12-01';

/** The inventory's texts name the shop's configured periods as {placeholders}. */
export function withShopPeriods(text: string, shop: ShopConfig): string {
  return text.replaceAll('{inactivityMonths}', String(shop.inactivityMonths)).replaceAll('{messageRetentionDays}', String(shop.messageRetentionDays));
}

export const PERSONAL_CATEGORIES = DATA_CATEGORIES.filter((c): c is PersonalCategory => c !== 'shop_records');

/** The table's keys serve the item they find: their basis is the item's, so they are left out of a category's bases. */
const isTableKey = (attribute: string) => /^(pk|sk|gsi\d+(pk|sk))$/.test(attribute);

type InventoriedAttribute = { entity: InventoriedEntity; name: string; entry: AttributeEntry };
function inventoriedAttributes(): InventoriedAttribute[] {
  return (Object.entries(DATA_INVENTORY) as [InventoriedEntity, EntityInventory][]).flatMap(([entity, inventory]) =>
    Object.entries(inventory.attributes).map(([name, entry]) => ({ entity, name, entry })),
  );
}

/** The personal data of a category, as the inventory declares it. */
export function personalAttributesOf(category: PersonalCategory): InventoriedAttribute[] {
  return inventoriedAttributes().filter(({ entity, name, entry }) => entry.personal && !isTableKey(name) && categoryOf(entity, name) === category);
}

/** The legal bases a category rests on: those of its personal attributes, in LEGAL_BASES order. */
export function legalBasesOf(category: PersonalCategory): LegalBasis[] {
  const used = new Set(personalAttributesOf(category).map(({ entry }) => entry.basis));
  return (Object.keys(LEGAL_BASES) as LegalBasis[]).filter((basis) => used.has(basis));
}

const T = {
  nb: {
    title: (shop: string) => `Personvern hos ${shop}`,
    version: (date: string) => `Sist endret ${date}.`,
    promises: 'Det vi lover',
    controller: 'Behandlingsansvarlig og kontakt',
    categories: 'Hva vi lagrer, og hvorfor',
    what: 'Hva',
    why: 'Hvorfor',
    basis: 'Grunnlag',
    recipientsOf: 'Hvem som får det',
    howLong: 'Hvor lenge',
    details: 'Alle opplysningene, én for én',
    recipients: 'Hvem som får opplysningene',
    storage: 'Hvor opplysningene lagres',
    mobile: 'Om mobilnummeret',
    rights: 'Dine rettigheter',
    orgNr: 'org.nr.',
    phone: 'telefon',
    email: 'e-post',
  },
  en: {
    title: (shop: string) => `Privacy at ${shop}`,
    version: (date: string) => `Last changed ${date}.`,
    promises: 'What we promise',
    controller: 'Controller and contact',
    categories: 'What we store, and why',
    what: 'What',
    why: 'Why',
    basis: 'Legal basis',
    recipientsOf: 'Who receives it',
    howLong: 'How long',
    details: 'Every item, one by one',
    recipients: 'Who receives your data',
    storage: 'Where your data is stored',
    mobile: 'About the mobile number',
    rights: 'Your rights',
    orgNr: 'org. no.',
    phone: 'phone',
    email: 'e-mail',
  },
} as const;

/**
 * The statement's promises, each backed by a test that checks the code keeps it
 * (test/unit/privacy-notice.test.ts names the test beside each id).
 */
const PROMISES = {
  only_what_is_needed: {
    nb: 'Vi lagrer det som trengs for å betjene deg som kunde, og det loven krever at vi tar vare på.',
    en: 'We store what is needed to serve you as a customer, and what the law requires us to keep.',
  },
  no_advertising: {
    nb: 'Opplysningene brukes aldri til reklame, kundeanalyser eller lignende: hver melding vi sender, gjelder tøyet ditt, fakturaene dine eller henvendelsene dine.',
    en: 'Your data is never used for advertising, customer analysis or anything like it: every message we send is about your garments, your invoices or your requests.',
  },
  sharing_only_for_bookkeeping: {
    nb: 'Vi deler ikke opplysningene med andre enn regnskapsføreren vår, som får salgsjournalen, og databehandlerne som driver tjenesten for oss (se under).',
    en: 'We share your data with no one but our accountant, who receives the sales journal, and the processors who run the service for us (see below).',
  },
  no_tracking: {
    nb: 'Tjenesten bruker ingen analyseverktøy, informasjonskapsler eller sporing, og loggene våre lagrer ikke IP-adresser.',
    en: 'The service uses no analytics, cookies or tracking, and our logs do not store IP addresses.',
  },
  identity_first: {
    nb: 'Du må bevise hvem du er for å se eller endre opplysningene dine, så de aldri gis til noen andre.',
    en: 'You prove who you are before you see or change your data, so it is never handed to anyone else.',
  },
} as const satisfies Record<string, Record<Language, string>>;
export type NoticePromise = keyof typeof PROMISES;

const ACCOUNTANT = {
  nb: 'Regnskapsføreren vår får salgsjournalen: fakturaer og kreditnotaer med kjøpers navn, slik de står på bilaget, og salg betalt i kassen med hentelappens nummer og beløp, uten navn. Det er den eneste utleveringen, og den skjer fordi bokføringsloven krever regnskap.',
  en: 'Our accountant receives the sales journal: invoices and credit notes with the buyer\'s name as the document shows it, and sales paid at the till with the ticket number and amount, without a name. It is the only disclosure, and it happens because the Bookkeeping Act requires accounts.',
} as const;

const PROCESSOR_ROLE = {
  hosting: { nb: 'drift og lagring i skyen', en: 'cloud hosting and storage' },
  sms: { nb: 'utsending av SMS', en: 'sending SMS' },
  email: { nb: 'utsending av e-post', en: 'sending e-mail' },
} as const;

function recipientsSection(shop: ShopConfig, language: Language) {
  const { processors } = shop.dataProcessing;
  const processorLine = (role: keyof typeof PROCESSOR_ROLE) =>
    language === 'nb'
      ? `${processors[role].name} (${processors[role].service}) er databehandler for ${PROCESSOR_ROLE[role].nb}: de behandler opplysningene bare etter våre instrukser, etter en databehandleravtale (personvernforordningen art. 28).`
      : `${processors[role].name} (${processors[role].service}) is our processor for ${PROCESSOR_ROLE[role].en}: it processes the data only on our instructions, under a data processing agreement (GDPR art. 28).`;
  return [
    { recipient: 'accountant' as Recipient, text: ACCOUNTANT[language] },
    ...(['hosting', 'sms', 'email'] as const).map((role) => ({ recipient: role as Recipient, name: processors[role].name, service: processors[role].service, text: processorLine(role) })),
  ];
}

function recipientName(recipient: Recipient, shop: ShopConfig, language: Language): string {
  if (recipient === 'accountant') return language === 'nb' ? 'regnskapsføreren vår' : 'our accountant';
  const processor = shop.dataProcessing.processors[recipient];
  return `${processor.service} (${PROCESSOR_ROLE[recipient][language]})`;
}

function storageSection(shop: ShopConfig, language: Language) {
  const { region, processors, transfers } = shop.dataProcessing;
  const place = EEA_REGIONS[region][language];
  return {
    region,
    place,
    text:
      language === 'nb'
        ? `Opplysningene lagres hos ${processors.hosting.service} i regionen ${region} (${place}), innenfor EU/EØS. Vi flytter dem ikke ut av EU/EØS.`
        : `Your data is stored with ${processors.hosting.service} in the ${region} region (${place}), inside the EU/EEA. We do not move it out of the EU/EEA.`,
    transfers: transfers[language],
  };
}

const MOBILE_NUMBER = {
  nb: 'Vi trenger mobilnummeret ditt for å gi deg beskjed på SMS når tøyet er klart, og for at du skal kunne logge inn med engangskode. Du er ikke nødt til å oppgi det: har du gitt oss et fasttelefonnummer, ringer vi deg; har du ikke gitt oss noe nummer, sier vi fra når du kommer innom. Uten mobilnummer kan du ikke logge inn med kode, og henvendelser om innsyn og sletting tar vi da imot i butikken, der du viser legitimasjon.',
  en: 'We need your mobile number to tell you by SMS when your garments are ready, and so you can sign in with a one-time code. You do not have to give it: with a landline we call you; with no number we tell you when you come in. Without a mobile number you cannot sign in with a code, and we take requests to see or erase your data in the shop, where you show ID.',
} as const;

const DATATILSYNET = { name: 'Datatilsynet', address: 'Postboks 458 Sentrum, 0105 Oslo', web: 'https://www.datatilsynet.no' } as const;

export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'complaint'] as const;
export type Right = (typeof RIGHTS)[number];

function rightsSection(shop: ShopConfig, language: Language): { right: Right; article: string; title: string; text: string }[] {
  const email = shop.privacyContact.email;
  const nb = language === 'nb';
  const objectable = inventoriedAttributes()
    .filter(({ name, entry }) => entry.personal && !isTableKey(name) && entry.basis === 'legitimateInterest')
    .map(({ entry }) => (nb ? (entry.nb?.what ?? entry.what) : entry.what).replace(/\s*\(.*\)$/, '').toLowerCase());
  const objectableList = [...new Set(objectable)].join(nb ? ' og ' : ' and ');
  const ask = (what: string) =>
    nb
      ? `Be om ${what} på nettsiden eller i appen, der du logger inn med en engangskode vi sender til mobilnummeret ditt, eller ved disken, der du viser legitimasjon.`
      : `Ask for ${what} on our web page or app, where you sign in with a one-time code we send to your mobile number, or at the counter, where you show ID.`;
  const answer = nb
    ? 'Det er gratis, og vi svarer innen en måned. Trenger vi mer tid, kan fristen forlenges med inntil to måneder; da sier vi fra innen den første måneden.'
    : 'It is free, and we answer within a month. If we need more time the deadline can be extended by up to two months; we then tell you within the first month.';
  // What a hold of the inventory keeps past an erasure, in its own words (a debt's claim, art. 17(3)(e)).
  const holds = NOTIFIED_HOLDS.map((rule) => ` ${LEGAL_HOLDS[rule].notice[language]}`).join('');
  const list = nb
    ? [
        { right: 'access', article: 'art. 15', title: 'Innsyn', text: `Du kan få vite alt vi har lagret om deg. ${ask('innsyn')} Du får en oversikt du kan lese, med formålet, mottakerne og lagringstiden for hver kategori. ${answer}` },
        { right: 'rectification', article: 'art. 16', title: 'Retting', text: 'Er noe feil, retter vi det. Navn, e-postadresse og språk kan du rette selv når du er logget inn; telefonnummeret og annet retter vi ved disken.' },
        { right: 'erasure', article: 'art. 17', title: 'Sletting', text: `${ask('sletting')} Vi sletter eller anonymiserer alt, unntatt det bokføringsloven krever at vi oppbevarer (fakturaer og kreditnotaer, og betalte salg uten kobling til deg), som slettes når fristen er ute. Har du tøy hos oss, må det hentes eller leveres tilbake før vi kan slette.${holds} Du får beskjed når slettingen er utført. ${answer}` },
        { right: 'restriction', article: 'art. 18', title: 'Begrensning', text: `Mener du at noe er feil, eller har du protestert, kan du be oss begrense bruken mens vi undersøker: skriv til ${email} eller spør ved disken. Da lagrer vi opplysningene, men bruker dem ikke til noe annet før saken er avklart, med mindre loven krever det.` },
        { right: 'objection', article: 'art. 21', title: 'Protest', text: `Der vi bygger på berettiget interesse (${objectableList}), kan du protestere: skriv til ${email} eller spør ved disken. Da slutter vi, med mindre vi har tungtveiende grunner som går foran dine interesser.` },
        { right: 'portability', article: 'art. 20', title: 'Dataportabilitet', text: 'Innsynet gir deg også alle opplysningene som maskinlesbar JSON, som du kan ta med deg til en annen virksomhet.' },
        { right: 'complaint', article: 'art. 77', title: 'Klage', text: `Du kan klage til Datatilsynet hvis du mener vi behandler opplysningene dine i strid med regelverket: ${DATATILSYNET.name}, ${DATATILSYNET.address}; ${DATATILSYNET.web.replace('https://www.', '')}. Si gjerne fra til oss først, så vi kan rette opp.` },
      ]
    : [
        { right: 'access', article: 'art. 15', title: 'Access', text: `You can learn everything we store about you. ${ask('access')} You get a summary you can read, with the purpose, recipients and retention of each category. ${answer}` },
        { right: 'rectification', article: 'art. 16', title: 'Rectification', text: 'If something is wrong, we correct it. You can correct your name, e-mail address and language yourself when signed in; your phone number and the rest we correct at the counter.' },
        { right: 'erasure', article: 'art. 17', title: 'Erasure', text: `${ask('erasure')} We erase or anonymise everything except what the Bookkeeping Act requires us to keep (invoices and credit notes, and paid sales without the link to you), which is deleted when its period ends. If you have garments with us, they must be collected or handed back before we can erase.${holds} We tell you when the erasure is done. ${answer}` },
        { right: 'restriction', article: 'art. 18', title: 'Restriction', text: `If you think something is wrong, or you have objected, you can ask us to restrict its use while we look into it: write to ${email} or ask at the counter. We then keep the data but use it for nothing else until the matter is settled, unless the law requires it.` },
        { right: 'objection', article: 'art. 21', title: 'Objection', text: `Where we rely on a legitimate interest (${objectableList}), you can object: write to ${email} or ask at the counter. We then stop, unless we have compelling grounds that override your interests.` },
        { right: 'portability', article: 'art. 20', title: 'Data portability', text: 'The access answer also gives you all the data as machine-readable JSON, which you can take to another business.' },
        { right: 'complaint', article: 'art. 77', title: 'Complaint', text: `You can complain to Datatilsynet, the Norwegian Data Protection Authority, if you think we process your data against the rules: ${DATATILSYNET.name}, ${DATATILSYNET.address}, Norway; ${DATATILSYNET.web.replace('https://www.', '')}. Do tell us first, so we can put it right.` },
      ];
  return list as { right: Right; article: string; title: string; text: string }[];
}

/** The notice for one language, as structured data: the JSON answer and the page are both made from it. */
export function privacyNotice(shop: ShopConfig, language: Language) {
  const contact = shop.privacyContact;
  return {
    version: NOTICE_VERSION,
    language,
    title: T[language].title(shop.name),
    lastChanged: formatLongDate(NOTICE_VERSION, language),
    controller: {
      name: shop.name,
      organisationNumber: formatOrganisationNumber(shop.organisationNumber),
      address: shop.address,
      phone: formatPhoneNumber(shop.phone),
      contact: { email: contact.email, ...(contact.phone ? { phone: formatPhoneNumber(contact.phone) } : {}) },
    },
    promises: (Object.keys(PROMISES) as NoticePromise[]).map((id) => ({ id, text: PROMISES[id][language] })),
    categories: PERSONAL_CATEGORIES.map((category) => {
      const text = CATEGORY_TEXTS[category][language];
      return {
        category,
        title: text.title,
        what: text.what,
        purpose: text.purpose,
        legalBases: legalBasesOf(category).map((basis) => ({ basis, text: BASIS_TEXTS[basis][language] })),
        recipients: CATEGORY_TEXTS[category].recipients.map((recipient) => ({ recipient, name: recipientName(recipient, shop, language) })),
        retention: withShopPeriods(text.retention, shop),
        items: personalAttributesOf(category).map(({ entry }) => ({
          what: language === 'nb' ? (entry.nb?.what ?? entry.what) : entry.what,
          purpose: language === 'nb' ? (entry.nb?.purpose ?? entry.purpose) : entry.purpose,
        })),
      };
    }),
    recipients: recipientsSection(shop, language),
    storage: storageSection(shop, language),
    mobileNumber: MOBILE_NUMBER[language],
    rights: rightsSection(shop, language),
    supervisoryAuthority: DATATILSYNET,
  };
}
export type PrivacyNotice = ReturnType<typeof privacyNotice>;

/**
 * GET /privacy as JSON: the notice in the language asked for, and the whole inventory behind it
 * (every entity and attribute, personal or not, with purpose, basis, retention and what erasure
 * does), for anyone who wants to check the notice against what is stored.
 */
export function privacyStatement(shop: ShopConfig, language: Language = shop.defaultLanguage) {
  return {
    ...privacyNotice(shop, language),
    legalBases: LEGAL_BASES,
    entities: (Object.entries(DATA_INVENTORY) as [InventoriedEntity, EntityInventory][]).map(([entity, inventory]) => ({
      entity,
      what: inventory.what,
      retention: withShopPeriods(inventory.nb.retention, shop),
      attributes: Object.entries(inventory.attributes).map(([name, entry]) => ({
        name,
        what: entry.what,
        personal: entry.personal,
        category: categoryOf(entity, name),
        purpose: entry.purpose,
        legalBasis: entry.basis,
        retention: withShopPeriods(entry.retention, shop),
        onErasure: typeof entry.onErasure === 'string' ? entry.onErasure : 'legalHold',
        ...(typeof entry.onErasure === 'string' ? {} : { legalHold: LEGAL_HOLDS[entry.onErasure.legalHold] }),
      })),
    })),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The notice as a readable page: no script, no style sheet or font from elsewhere, nothing that tracks. */
export function privacyPageHtml(shop: ShopConfig, language: Language = shop.defaultLanguage): string {
  const notice = privacyNotice(shop, language);
  const t = T[language];
  const { controller } = notice;
  const categories = notice.categories
    .map(
      (c) => `<section id="${c.category}">
<h3>${escape(c.title)}</h3>
<dl>
<dt>${t.what}</dt><dd>${escape(c.what)}</dd>
<dt>${t.why}</dt><dd>${escape(c.purpose)}</dd>
<dt>${t.basis}</dt><dd>${c.legalBases.map((b) => escape(b.text)).join('<br>')}</dd>
<dt>${t.recipientsOf}</dt><dd>${escape(c.recipients.map((r) => r.name).join(', '))}</dd>
<dt>${t.howLong}</dt><dd>${escape(c.retention)}</dd>
</dl>
<details><summary>${t.details}</summary>
<table><thead><tr><th>${t.what}</th><th>${t.why}</th></tr></thead><tbody>
${c.items.map((item) => `<tr><td>${escape(item.what)}</td><td>${escape(item.purpose)}</td></tr>`).join('\n')}
</tbody></table></details>
</section>`,
    )
    .join('\n');
  const contactPhone = controller.contact.phone ? `, ${t.phone} ${escape(controller.contact.phone)}` : '';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(notice.title)}</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}dt{font-weight:bold}dd{margin:0 0 .5em 0}</style></head>
<body>
<h1>${escape(notice.title)}</h1>
<p><em>${escape(t.version(notice.lastChanged))}</em></p>
<h2>${t.promises}</h2>
<ul>
${notice.promises.map((p) => `<li>${escape(p.text)}</li>`).join('\n')}
</ul>
<h2>${t.controller}</h2>
<p>${escape(controller.name)}, ${t.orgNr} ${escape(controller.organisationNumber)}, ${escape(controller.address.street)}, ${escape(controller.address.postalCode)} ${escape(controller.address.city)}, ${t.phone} ${escape(controller.phone)}.<br>
${language === 'nb' ? 'Spørsmål om personvern' : 'Questions about privacy'}: ${t.email} <a href="mailto:${escape(controller.contact.email)}">${escape(controller.contact.email)}</a>${contactPhone}.</p>
<h2>${t.categories}</h2>
${categories}
<h2>${t.recipients}</h2>
${notice.recipients.map((r) => `<p>${escape(r.text)}</p>`).join('\n')}
<h2>${t.storage}</h2>
<p>${escape(notice.storage.text)} ${escape(notice.storage.transfers)}</p>
<h2>${t.mobile}</h2>
<p>${escape(notice.mobileNumber)}</p>
<h2>${t.rights}</h2>
<dl>
${notice.rights.map((r) => `<dt>${escape(r.title)} (${escape(r.article)})</dt><dd>${escape(r.text)}</dd>`).join('\n')}
</dl>
<p><small>${language === 'nb' ? 'Versjon' : 'Version'} ${NOTICE_VERSION}</small></p>
</body></html>
`;
}
