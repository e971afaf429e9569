import type { Language } from '../customers/customers';
import type { DataCategory } from './data-categories';
import type { LegalBasis } from './inventory';

/**
 * What the privacy notice and the access export's summary say about each category of personal
 * data (GDPR art. 13(1)(c)–(e), 13(2)(a), 15(1)(a)–(d)), in both languages the shop writes in.
 * The legal bases of a category are not written here: they are read from the inventory's
 * attributes in it, so a basis corrected there is corrected in the notice. `{placeholders}` are
 * the shop's configured periods (withShopPeriods).
 */
export type Recipient = 'accountant' | 'hosting' | 'sms' | 'email';
export const RECIPIENTS = ['accountant', 'hosting', 'sms', 'email'] as const satisfies readonly Recipient[];

export type CategoryText = { title: string; what: string; purpose: string; retention: string };
export type PersonalCategory = Exclude<DataCategory, 'shop_records'>;

export const CATEGORY_TEXTS: Record<PersonalCategory, { recipients: readonly Recipient[] } & Record<Language, CategoryText>> = {
  identity: {
    recipients: ['hosting'],
    nb: {
      title: 'Navn og kundenummer',
      what: 'Navnet ditt, et tilfeldig kundenummer, og navnet slik vi søker etter det ved disken.',
      purpose: 'Så vi leverer tøyet tilbake til riktig person, og finner deg ved disken.',
      retention: 'Så lenge du handler hos oss. Etter {inactivityMonths} måneder uten bestillinger, og uten noe åpent, anonymiseres du automatisk; du kan også be om sletting når som helst.',
    },
    en: {
      title: 'Name and customer number',
      what: 'Your name, a random customer number, and your name as the counter searches for it.',
      purpose: 'So garments go back to the right person, and the counter can find you.',
      retention: 'For as long as you are our customer. After {inactivityMonths} months without orders, with nothing open, you are anonymised automatically; you can also ask us to erase your data at any time.',
    },
  },
  contact: {
    recipients: ['hosting', 'sms', 'email'],
    nb: {
      title: 'Kontaktopplysninger',
      what: 'Mobil- eller fasttelefonnummeret ditt hvis du har gitt oss et, e-postadressen din bare når du har bedt om noe på e-post, og hvilket språk du vil ha meldinger på.',
      purpose: 'For å si fra når tøyet er klart, spørre deg om noe eller si fra om en forsinkelse, sende fakturaen på e-post hvis du vil det, og svare på henvendelser om personvern.',
      retention: 'Som navnet ditt. E-postadressen slettes så snart du ikke lenger vil ha noe på e-post.',
    },
    en: {
      title: 'Contact details',
      what: 'Your mobile or landline number if you gave us one, your e-mail address only when you asked for something by e-mail, and the language you want messages in.',
      purpose: 'To tell you when your garments are ready, ask you a question or tell you about a delay, send your invoice by e-mail if you want it so, and answer privacy requests.',
      retention: 'As your name. The e-mail address is deleted as soon as you no longer want anything by e-mail.',
    },
  },
  orders: {
    recipients: ['hosting', 'accountant'],
    nb: {
      title: 'Bestillinger og plagg',
      what: 'Hvilke tjenester du har kjøpt, med beløp og datoer, plaggene du leverte (merkelapp, farge, merke, tilstand og notater) og hvor de henger når de er klare.',
      purpose: 'For å behandle og levere ut riktig plagg, vite hvordan plagget var da vi tok det imot, og hva du skal betale.',
      retention: 'Så lenge du er kunde hos oss. Ber du om sletting, slettes de; hentede og betalte bestillinger beholdes for regnskapet i fem år etter utgangen av regnskapsåret, uten kobling til deg og uten beskrivelser.',
    },
    en: {
      title: 'Orders and garments',
      what: 'The services you bought, with amounts and dates, the garments you handed in (tag, colour, brand, condition and notes) and where they hang when ready.',
      purpose: 'To treat and hand out the right garment, know its condition when we took it in, and what you pay.',
      retention: 'For as long as you are our customer. On erasure they are deleted; orders collected and paid are kept for the accounts for five years after the end of the fiscal year, without the link to you and without descriptions.',
    },
  },
  messages: {
    recipients: ['hosting', 'sms', 'email'],
    nb: {
      title: 'Meldinger vi har sendt deg',
      what: 'At vi har sendt deg en SMS eller e-post, hva den gjaldt, og om den kom fram. Selve teksten lagres ikke. Ansatte kan skrive et notat om hvorfor vi kontaktet deg; det sendes aldri.',
      purpose: 'Så du får nøyaktig én melding per anledning, og så vi ser hva som ikke kom fram.',
      retention: 'Slettes automatisk etter {messageRetentionDays} dager.',
    },
    en: {
      title: 'Messages we sent you',
      what: 'That we sent you an SMS or e-mail, what it was about, and whether it arrived. The text itself is not stored. Staff may write a note on why we contacted you; it is never sent.',
      purpose: 'So you get exactly one message per occasion, and we see what did not arrive.',
      retention: 'Deleted automatically after {messageRetentionDays} days.',
    },
  },
  sales_documents: {
    recipients: ['hosting', 'email', 'accountant'],
    nb: {
      title: 'Fakturaer og kreditnotaer',
      what: 'Fakturaer og kreditnotaer med navn og adresse, hva de gjelder, og beløp.',
      purpose: 'Bokføringsloven krever at vi utsteder og oppbevarer dem.',
      retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever, også om du ber om sletting. Deretter slettes de automatisk.',
    },
    en: {
      title: 'Invoices and credit notes',
      what: 'Invoices and credit notes with name and address, what they are for, and the amounts.',
      purpose: 'Bookkeeping law requires us to issue and keep them.',
      retention: 'Kept for five years after the end of the fiscal year, as the Bookkeeping Act (bokføringsloven § 13) requires, even if you ask for erasure. Then deleted automatically.',
    },
  },
  privacy_requests: {
    recipients: ['hosting', 'sms', 'email'],
    nb: {
      title: 'Henvendelser om personvern',
      what: 'Når du ba om innsyn eller sletting, hvordan du bekreftet hvem du er, fristen, og hva vi gjorde.',
      purpose: 'For å svare deg, og bare deg, innen fristen, og kunne vise at vi svarte.',
      retention: 'Beviset på at vi svarte (type, datoer, utfall) beholdes; koblingen til deg fjernes når en sletting er utført.',
    },
    en: {
      title: 'Privacy requests',
      what: 'When you asked to see or erase your data, how you proved who you are, the deadline, and what we did.',
      purpose: 'To answer you, and only you, within the deadline, and to be able to show that we answered.',
      retention: 'The proof that we answered (type, dates, outcome) is kept; the link to you is removed once an erasure is done.',
    },
  },
  sign_in: {
    recipients: ['hosting', 'sms'],
    nb: {
      title: 'Innlogging med engangskode',
      what: 'Engangskoden du ba om (vi lagrer ikke selve koden, bare et kontrolltall laget av den med en hemmelig nøkkel) og hvor mange koder nummeret ditt har fått.',
      purpose: 'Så bare den som har mobilen din, kan se eller endre opplysningene dine, og ingen kan oversvømme telefonen din med koder.',
      retention: 'Koden slettes når den er brukt, eller etter 10 minutter; tellingen etter to timer og etter et døgn.',
    },
    en: {
      title: 'Sign-in with a one-time code',
      what: 'The code you asked for (we do not store the code itself, only a check value made from it with a secret key) and how many codes your number has been sent.',
      purpose: 'So only the person holding your phone can see or change your data, and nobody can flood your phone with codes.',
      retention: 'The code is deleted when used, or after 10 minutes; the count after two hours and after a day.',
    },
  },
};

/** The legal bases, as the notice says them. */
export const BASIS_TEXTS: Record<LegalBasis, Record<Language, string>> = {
  contract: {
    nb: 'For å levere tjenesten du har bestilt (personvernforordningen art. 6 nr. 1 bokstav b).',
    en: 'To deliver the service you asked for (GDPR art. 6(1)(b)).',
  },
  legalObligation: {
    nb: 'Fordi bokføringsloven krever det (art. 6 nr. 1 bokstav c; bokføringsloven § 13 og bokføringsforskriften kapittel 5).',
    en: 'Because the Bookkeeping Act requires it (art. 6(1)(c); bokføringsloven § 13 and bokføringsforskriften chapter 5).',
  },
  legitimateInterest: {
    nb: 'Fordi vi har en berettiget interesse i at arbeidet ved disken går riktig og trygt for seg, for eksempel at kolleger ser hvorfor du ble kontaktet (art. 6 nr. 1 bokstav f).',
    en: 'Because we have a legitimate interest in the counter working correctly and safely, for example colleagues seeing why you were contacted (art. 6(1)(f)).',
  },
  legalClaims: {
    nb: 'Fordi vi har en berettiget interesse i å få betalt for en faktura du ikke har betalt ennå, selv om du har bedt om sletting (art. 6 nr. 1 bokstav f og art. 17 nr. 3 bokstav e).',
    en: 'Because we have a legitimate interest in being paid an invoice you have not yet paid, even after you asked us to erase your data (art. 6(1)(f) and art. 17(3)(e)).',
  },
  gdprDuties: {
    nb: 'Fordi personvernforordningen selv krever at vi svarer på henvendelsene dine og kan vise at vi gjorde det (art. 6 nr. 1 bokstav c, jf. art. 5 nr. 2, 12 og 17).',
    en: 'Because the GDPR itself requires us to answer your requests and to be able to show that we did (art. 6(1)(c) with art. 5(2), 12 and 17).',
  },
};
