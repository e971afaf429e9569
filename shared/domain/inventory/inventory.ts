import type { RetentionRule } from '../retention/retention';
import type { DataCategory } from './data-categories';

/**
 * The data inventory: every attribute this system stores, per entity, with what it is, why it is
 * kept (purpose and GDPR art. 6 legal basis), how long, and what a customer's erasure does to it.
 * This is the privacy statement in code: "we store what is needed to serve you as a customer, and
 * what the law requires us to keep". A test reads every item the flows write and fails if any
 * attribute is missing here; export, erasure, the retention sweep and GET /privacy read it too
 * as they arrive.
 */
export const LEGAL_BASES = {
  contract: 'GDPR art. 6(1)(b): needed to perform the service the customer asked for',
  legalObligation: 'GDPR art. 6(1)(c): required by law (bokføringsloven §13, bokføringsforskriften ch. 5)',
  legitimateInterest: 'GDPR art. 6(1)(f): the shop\'s legitimate interest in running its counter reliably',
  /**
   * The GDPR's own duties: to answer a request to see or erase one's data (art. 12, 15, 17) and
   * to be able to show it was answered (art. 5(2)). A legal obligation (art. 6(1)(c)), but not
   * bookkeeping law's, so it is named apart.
   */
  gdprDuties: 'GDPR art. 6(1)(c) with art. 5(2), 12 and 17: the GDPR\'s own duties to answer requests and to show they were answered',
  /**
   * Keeping what an unpaid invoice's claim needs after the rest is erased: the shop's legitimate
   * interest in being paid for work done, the processing art. 17(3)(e) leaves standing.
   */
  legalClaims: 'GDPR art. 6(1)(f) with art. 17(3)(e): the shop\'s legitimate interest in claiming payment of an unpaid invoice (the establishment, exercise or defence of legal claims)',
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;

/**
 * The laws that keep data past a customer's erasure (GDPR art. 17(3)(b)): what the law is, and
 * until when the data stays. Only what such a rule names survives an erasure with the person in it.
 */
export const LEGAL_HOLDS = {
  bookkeeping: {
    law: 'Bokføringsloven § 13 (primary documentation is kept) and bokføringsforskriften § 5-1-1 (what a sales document must show: number, date, the parties, the nature and extent of the service, when and where it was delivered, the price and VAT)',
    until: 'Five years after the end of the fiscal year of the sale (retainUntil), then deleted by the retention sweep',
  },
  accountability: {
    law: 'GDPR art. 5(2) and 12(3): the shop must be able to show that a request was answered, and when',
    until: 'As long as the shop may be asked to show it; kept without the link to the person',
  },
  /**
   * An erasure (or the inactivity sweep) while an invoice is unpaid: art. 17(3)(e) lets the shop
   * keep what it needs to claim the debt, and nothing else. The name and the postal address are
   * on the invoice already (kept under the bookkeeping hold); the number the shop would call or
   * text about the debt is kept beside it (claimHold). The notice tells the customer (`notice`).
   */
  legalClaim: {
    law: 'GDPR art. 17(3)(e): what is needed for the establishment, exercise or defence of legal claims (here: the claim of an unpaid invoice) is not erased',
    until: 'Until every invoice of the customer that was open at the erasure is paid, credited or written off; then deleted, and the erasure completes by itself',
    notice: {
      nb: 'Skylder du oss penger for en faktura, sletter vi alt annet med en gang, men tar vare på navnet ditt, adressen (som står på fakturaen) og telefonnummeret ditt til fakturaen er betalt, kreditert eller avskrevet, fordi vi trenger dem for å kreve inn beløpet (personvernforordningen art. 17 nr. 3 bokstav e). Deretter slettes også de, uten at du trenger å spørre igjen.',
      en: 'If you owe us money on an invoice, we erase everything else at once, but keep your name, your address (which is on the invoice) and your phone number until the invoice is paid, credited or written off, as we need them to claim the amount (GDPR art. 17(3)(e)). Then those are erased too, without you having to ask again.',
    },
  },
} as const;
export type LegalHoldRule = keyof typeof LEGAL_HOLDS;
/** The holds the privacy notice tells the customer about in their own words (the erasure right). */
export const NOTIFIED_HOLDS = (Object.keys(LEGAL_HOLDS) as LegalHoldRule[]).filter((rule): rule is 'legalClaim' => 'notice' in LEGAL_HOLDS[rule]);
export type LegalHold = { legalHold: LegalHoldRule };
const BOOKKEEPING_HOLD = { legalHold: 'bookkeeping' } as const satisfies LegalHold;

/**
 * What a customer's erasure (and the inactivity sweep's anonymisation) does to one attribute:
 * - delete: goes, with the item that holds it;
 * - legalHold: kept as it is, as the named law requires, until the rule's date;
 * - pseudonymise: the customer id becomes the erasure's pseudonym (a kept item still adds up in the books);
 * - drop: removed from an item that is itself kept;
 * - keep: holds no personal data, so it stays with its item.
 * Erasure reads these (shared/domain/inventory/erasure-plan.ts): nothing is kept that is not declared kept.
 */
export type ErasureAction = 'delete' | 'pseudonymise' | 'drop' | 'keep' | LegalHold;

/**
 * For a field of a kept structure: free text typed at the counter replaced by the closed name the
 * law asks for. The functions are in erasure-plan.ts, one per name here (the type checks that).
 */
export const GENERALISATIONS = {
  serviceName: 'The price-list name as it was at intake, or the express or discount label; a line typed at the counter is kept as "Annet arbeid"',
  documentLineName: 'The name of the order line the document line was issued for, as serviceName: never the description typed at the counter',
} as const;
export type Generalisation = keyof typeof GENERALISATIONS;
export type FieldErasureAction = ErasureAction | { generalise: Generalisation };

export type AttributeEntry = {
  what: string;
  personal: boolean;
  purpose: string;
  basis: LegalBasis;
  retention: string;
  onErasure: ErasureAction;
  /** The category the privacy notice and the access export put it in, when not its entity's. */
  category?: DataCategory;
  /** For attributes that hold a structure (or a list of them): each field inside it, with what erasure does to it. */
  fields?: Readonly<Record<string, FieldErasureAction>>;
  /** For the public privacy page (required for personal data): what it is and why, in Norwegian. */
  nb?: { what: string; purpose: string };
};

/** The same action for every field named (most structures are kept, or deleted, whole). */
const each = (action: FieldErasureAction, names: readonly string[]): Record<string, FieldErasureAction> => Object.fromEntries(names.map((name) => [name, action]));

export type EntityInventory = {
  what: string;
  /** The export and notice category of its attributes (an attribute may name another). */
  category: DataCategory;
  /**
   * When an item of this entity outlives its customer's erasure: the law that keeps it and which
   * items it keeps. Its attributes then say what stays on the kept copy; without it, all goes.
   */
  keptOnErasure?: { hold: LegalHoldRule; which: string };
  /**
   * The retention sweep's rule for this entity (see retention.ts): its items carry the rule's
   * anchor in the due-date index. Entities without one go with something else (their customer,
   * their document) or hold no personal data.
   */
  sweptBy?: RetentionRule;
  /** In Norwegian for the privacy page: what this is, and how long it is kept. */
  nb: { what: string; retention: string };
  attributes: Record<string, AttributeEntry>;
};

const RELATIONSHIP = 'While the customer has orders with the shop; anonymised after {inactivityMonths} months without order activity with nothing open (the retention sweep), or on request';
const WITH_ITS_ORDER = 'As long as the order it belongs to';
const MESSAGE_RECORD = "The shop's message retention ({messageRetentionDays} days), then deleted by TTL and the retention sweep";

const key = (what: string, personal: boolean, onErasure: ErasureAction = 'delete'): AttributeEntry => ({
  what,
  personal,
  ...(personal ? { nb: { what: 'En nøkkel som inneholder kundenummeret eller mobilnummeret ditt', purpose: 'For å finne opplysningene' } } : {}),
  purpose: 'Finds the item (a key of the table or its index)',
  basis: 'contract',
  retention: WITH_ITS_ORDER,
  onErasure,
});
const SIGN_IN = 'Until the code is used, or ten minutes (TTL, and checked on use)';
const DOCUMENT_RETENTION = 'Bokføringsloven § 13: five years after the end of the fiscal year of the document (retainUntil), then deleted by the retention sweep';
/** The due-date index's keys, on every entity the retention sweep reaches. */
const dueIndex = (rule: RetentionRule, retention: string, onErasure: ErasureAction = 'delete') => ({
  gsi2pk: { what: `DUE#${rule}#<year>: the retention sweep's bucket`, personal: false, purpose: 'Lets the retention sweep read only what is due, never the table', basis: 'legalObligation', retention, onErasure },
  gsi2sk: { what: rule === 'inactivity' ? 'The time of the last order activity' : rule === 'bookkeeping' ? 'The last day it must be kept' : 'When it expires', personal: false, purpose: 'Orders the bucket by when items fall due', basis: 'legalObligation', retention, onErasure },
}) satisfies Record<string, AttributeEntry>;

/** Sales documents are primary documentation: erasure cannot remove them (GDPR art. 17(3)(b)). */
const legal = (what: string, personal: boolean, nb?: AttributeEntry['nb']): AttributeEntry => ({
  what,
  personal,
  ...(nb ? { nb } : {}),
  purpose: 'Primary documentation of a sale, which bookkeeping law requires the shop to keep',
  basis: 'legalObligation',
  retention: DOCUMENT_RETENTION,
  onErasure: personal ? BOOKKEEPING_HOLD : 'keep',
});
/** GDPR art. 5(2): the shop must be able to show it honoured a request; these attributes are that proof. */
const proof = (what: string): AttributeEntry => ({
  what,
  personal: false,
  purpose: 'Shows the request was answered, and when (accountability, GDPR art. 5(2))',
  basis: 'gdprDuties',
  retention: 'Kept after the request is closed, without the link to the person',
  onErasure: 'keep',
});
const bookkeeping = (what: string): AttributeEntry => ({
  what,
  personal: false,
  purpose: 'Optimistic concurrency and the audit trail of changes at the counter',
  basis: 'legitimateInterest',
  retention: 'As long as the item',
  onErasure: 'keep',
});

/**
 * The price list is the shop's own data about its services: it names no person, so it is not
 * personal data, GDPR does not apply to it, and a customer's erasure leaves it. It is kept for as
 * long as the shop runs, retired items too, so an old order's line can be traced to what it was.
 */
const PRICE_LIST_RETENTION = 'For as long as the shop runs; a retired item stays, so old orders can be traced to it';
const shopData = (what: string, purpose: string, fields?: readonly string[]): AttributeEntry => ({
  what,
  personal: false,
  purpose,
  basis: 'legitimateInterest',
  retention: PRICE_LIST_RETENTION,
  onErasure: 'keep',
  ...(fields ? { fields: each('keep', fields) } : {}),
});

export const DATA_INVENTORY = {
  customer: {
    category: 'identity',
    what: 'A private customer of the shop',
    nb: { what: 'Deg som kunde', retention: 'Så lenge du handler hos oss. Etter {inactivityMonths} måneder uten bestillinger, og uten noe åpent, anonymiseres du automatisk; du kan også be om sletting når som helst.' },
    sweptBy: 'inactivity',
    attributes: {
      pk: key('CUSTOMER#<customerId>', false),
      sk: key('PROFILE', false),
      ...dueIndex('inactivity', RELATIONSHIP),
      entity: key('The kind of item', false, 'keep'),
      customerId: { what: 'A random id that means nothing outside this system', personal: true, nb: { what: 'Et tilfeldig kundenummer', purpose: 'Knytter bestillingene og henvendelsene dine til deg' }, purpose: 'Links the customer\'s orders and requests', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
      name: { what: 'Name', personal: true, nb: { what: 'Navn', purpose: 'Hovedsakelig for å sikre at vi leverer tøyet tilbake til riktig person' }, purpose: 'So garments go back to the right person', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
      phone: {
        what: 'Phone number (E.164), only when the customer gave one: a mobile, or a landline',
        personal: true,
        nb: { what: 'Mobilnummer eller fasttelefonnummer, hvis du har gitt oss et', purpose: 'For å gi deg beskjed når tøyet er klart (SMS til mobil; har du fasttelefon, ringer vi), eller kontakte deg om spørsmål og forsinkelser' },
        purpose: 'To say when garments are ready (an SMS to a mobile; a landline is called), or to ask about questions and delays',
        basis: 'contract',
        retention: RELATIONSHIP,
        onErasure: 'delete',
        category: 'contact',
      },
      phoneKind: { category: 'contact', what: 'mobile or landline, with the number: whether SMS and sign-in codes can go to it', personal: false, purpose: 'No SMS is ever sent to a landline; a customer with one is called, and one with no number is told at the counter', basis: 'contract', retention: 'As the phone number', onErasure: 'delete' },
      email: { category: 'contact', what: 'E-mail address, only when a purpose needs it', personal: true, nb: { what: 'E-postadresse, bare når det trengs', purpose: 'For å sende deg fakturaen på e-post, eller svare deg på henvendelser om personvern, når du har bedt om det' }, purpose: 'To send the invoice by e-mail, or answers to privacy requests, as the customer chose', basis: 'contract', retention: 'Until its last purpose is withdrawn, or as the customer', onErasure: 'delete' },
      emailPurposes: { category: 'contact', what: 'Why the e-mail address is held (closed list)', personal: false, purpose: 'Data minimisation: no purpose, no address', basis: 'contract', retention: 'As the e-mail address', onErasure: 'delete' },
      // A business (issue 17): a company's own data is not personal data (GDPR recital 14), but a
      // sole proprietorship (enkeltpersonforetak) is its owner: its organisation number is listed
      // against the owner's name in Enhetsregisteret, and its address is often their home. The
      // shop cannot tell the two apart from the number alone, so it treats them all as personal.
      business: {
        what: "A business customer's account: organisation number (nine digits), invoice address (street, postal code, city), whether pickups go on its account (collective invoice) and whether it receives EHF; `name` is then its legal name",
        personal: true,
        nb: { what: 'Organisasjonsnummer og fakturaadresse når du er kunde som bedrift (for et enkeltpersonforetak er det opplysninger om deg)', purpose: 'For å fakturere bedriften slik loven krever, samlet eller som EHF når det er avtalt, og finne den på organisasjonsnummeret' },
        purpose: 'Invoicing the business as the law requires (bokføringsforskriften § 5-1-1: the buyer\'s name, address and, for a business, organisation number), on account and by EHF as agreed, and finding it by its number',
        basis: 'contract',
        retention: RELATIONSHIP,
        onErasure: 'delete',
        fields: each('delete', ['organisationNumber', 'invoiceAddress', 'onAccount', 'ehf']),
      },
      contactName: {
        category: 'contact',
        what: 'The name of the person the shop deals with for a business customer, when given',
        personal: true,
        nb: { what: 'Navnet ditt som kontaktperson for en bedrift som er kunde hos oss', purpose: 'Så vi vet hvem vi skal spørre etter og hvem fakturaen gjelder' },
        purpose: 'Whom to ask for at the business, and whom its invoices are for; the contact is not the party to the contract, the business is, so the basis is the shop\'s interest in serving the account',
        basis: 'legitimateInterest',
        retention: 'While the person is the business\'s contact: replaced or removed when the business says so, and deleted with the account',
        onErasure: 'delete',
      },
      invoiceReference: {
        category: 'contact',
        what: 'A business\'s fixed reference ("Deres ref."): often the name of the person or department its invoices go to',
        personal: true,
        nb: { what: 'Referansen («Deres ref.») en bedrift vil ha på fakturaene, ofte navnet ditt', purpose: 'Så bedriften vet hvem fakturaen gjelder' },
        purpose: 'Printed on the business\'s invoices so it can route them to the right person or department',
        basis: 'legitimateInterest',
        retention: 'Until the business changes or removes it, and deleted with the account (an issued invoice keeps its own copy, as bookkeeping law requires)',
        onErasure: 'delete',
      },
      language: { category: 'contact', what: 'Language for messages (nb or en)', personal: false, purpose: 'To write to the customer in a language they read', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
      erasingSince: { what: 'When an erasure or anonymisation of the customer began', personal: false, purpose: 'Refuses new orders and profile changes while the customer is being erased, so nothing is left behind', basis: 'gdprDuties', retention: 'Until the erasure ends (with the profile)', onErasure: 'delete' },
      erasingBy: { what: 'The name of the workflow run erasing the customer (the request id and why it ran)', personal: false, purpose: 'Lets one run erase at a time, so two runs of one request never each delete part and report it as the whole', basis: 'gdprDuties', retention: 'Until the erasure ends (with the profile)', onErasure: 'delete' },
      lastActivityAt: { what: 'When the customer last handed in an order', personal: false, purpose: 'Counts inactivity so the customer is anonymised when the shop no longer needs the data', basis: 'legitimateInterest', retention: RELATIONSHIP, onErasure: 'keep' },
      createdAt: bookkeeping('When the customer was registered'),
      updatedAt: bookkeeping('When the profile last changed'),
      version: bookkeeping('Version number of the profile'),
    },
  },
  nameEntry: {
    category: 'identity',
    what: "One entry of the name search: the customer's name folded as the counter types it (lower case, no accents, ø as o, æ and å as a), from one of its words to the end; one per word, at most six",
    nb: { what: 'Navnet ditt slik vi søker etter det ved disken', retention: 'Som navnet ditt: endres når navnet endres, og slettes sammen med deg.' },
    attributes: {
      pk: key('CUSTOMER#<customerId>', true),
      sk: key('NAME#<position of the word>', false),
      gsi1pk: key('NAMES#<first letter of the entry>', false),
      gsi1sk: {
        what: '<the name folded, from one word on>#<customerId>',
        personal: true,
        nb: { what: 'Navnet ditt med små bokstaver og uten aksenter', purpose: 'Så vi finner deg ved disken på navnet, også om det skrives uten ø, æ og å' },
        purpose: 'Finds a customer by name at the counter (a prefix, case and accents ignored)',
        basis: 'contract',
        retention: RELATIONSHIP,
        onErasure: 'delete',
      },
      entity: key('The kind of item', false, 'keep'),
      customerId: { what: 'The customer the entry finds', personal: true, nb: { what: 'Hvem navnet tilhører', purpose: 'For å finne deg ved disken på navnet' }, purpose: 'Finds a customer by name at the counter', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
    },
  },
  phoneClaim: {
    category: 'contact',
    what: 'The claim that makes a mobile number belong to one customer (a landline has none: it may be shared, a hotel\'s switchboard)',
    nb: { what: 'Koblingen mellom mobilnummeret ditt og deg', retention: 'Slettes sammen med mobilnummeret ditt.' },
    attributes: {
      pk: key('PHONE#<mobile number>: the number itself', true),
      sk: key('CLAIM', false),
      entity: key('The kind of item', false, 'keep'),
      customerId: { what: 'The customer holding the number', personal: true, nb: { what: 'Hvem nummeret tilhører', purpose: 'For å finne deg ved disken når du oppgir nummeret' }, purpose: 'Finds a customer by number at the counter', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
    },
  },
  organisationClaim: {
    category: 'identity',
    what: 'The claim that makes an organisation number belong to one business customer (no business is registered twice)',
    nb: { what: 'Koblingen mellom organisasjonsnummeret til en bedrift og kundeforholdet', retention: 'Slettes sammen med kundeforholdet, eller flyttes når nummeret rettes.' },
    attributes: {
      // A sole proprietorship's number names its owner (see business above): personal, deleted with the account.
      pk: { what: 'ORGNO#<organisation number>', personal: true, nb: { what: 'En nøkkel med organisasjonsnummeret til bedriften', purpose: 'For å finne bedriften på organisasjonsnummeret' }, purpose: 'Finds the item (a key of the table)', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
      sk: key('CLAIM', false),
      entity: key('The kind of item', false, 'keep'),
      customerId: { what: 'The customer holding the number', personal: true, nb: { what: 'Hvilket kundeforhold nummeret tilhører', purpose: 'For å finne bedriften ved disken på organisasjonsnummeret' }, purpose: 'Finds a business by its organisation number at the counter, and keeps it unique among customers', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
    },
  },
  order: {
    category: 'orders',
    what: 'Garments handed in for cleaning: what, how much, and where they are',
    nb: { what: 'Bestillingene dine: tøy levert til rens', retention: 'Så lenge du er kunde hos oss. Ber du om sletting, slettes de; hentede og betalte bestillinger beholdes for regnskapet uten kobling til deg og uten beskrivelser.' },
    // The sales journal of a closed period must stay complete: a collected counter sale is its only
    // record here (the cash register holds the receipt). What the copy keeps is said per attribute
    // below: amounts, date, receipt reference and the service by price-list name or category.
    keptOnErasure: { hold: 'bookkeeping', which: 'A collected counter sale still within five years of the end of its fiscal year' },
    attributes: {
      // A kept sale's keys are made again from what it keeps (its pseudonym, ticket, status and dates).
      pk: key('CUSTOMER#<customerId>', true, 'pseudonymise'),
      sk: key('ORDER#<ticket number>', false, 'keep'),
      gsi1pk: key('ORDERS#<status>', false, 'keep'),
      gsi1sk: key('<time of the last status change>#<ticket number>', false, 'keep'),
      // The promised-date index: only on a received order with a promised date (the counter's "promised today" and "late").
      gsi3pk: key('PROMISED#received', false, 'drop'),
      gsi3sk: key('<promised date>#<ticket number>', false, 'drop'),
      ...dueIndex('bookkeeping', 'Only on a counter sale kept for the books after its customer is gone: as retainUntil', 'keep'),
      entity: key('The kind of item', false, 'keep'),
      // The ticket number is the sale's reference in the journal, beside the receipt's.
      orderId: { what: 'The ticket number on the slip', personal: false, purpose: 'Identifies the garments at the counter', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep' },
      customerId: { what: 'Whose garments these are', personal: true, nb: { what: 'Hvem tøyet tilhører', purpose: 'For å levere tøyet til riktig person' }, purpose: 'So garments go back to the right person', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'pseudonymise' },
      status: { what: 'received, ready, picked_up, cancelled or returned (a cancelled order whose garments were handed back)', personal: false, purpose: 'Where the garments are', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep' },
      items: {
        what: 'The services bought: service, optional description, quantity, unit price, line total; for a line from the price list its item, category and unit as they were at intake; the reason of a discount',
        personal: true, // a description is free text and may describe the customer
        nb: { what: 'Hvilke tjenester du har kjøpt: tjeneste, beskrivelse, antall og pris', purpose: 'Hva du har kjøpt, med beløp og datoer' },
        purpose: 'What the customer bought, as the privacy statement names it (services, amounts, dates)',
        basis: 'contract',
        retention: WITH_ITS_ORDER,
        onErasure: BOOKKEEPING_HOLD,
        // Bokføringsforskriften § 5-1-1 asks for the nature and extent of the service, not a clerk's
        // words: a kept sale names each line by its price-list name or category, with its amounts.
        fields: {
          service: { generalise: 'serviceName' },
          description: 'drop',
          ...each('keep', ['quantity', 'unitPriceOre', 'lineTotalOre', 'kind', 'priceListItemId', 'category', 'unit', 'discountReason']),
        },
      },
      totals: { what: 'Net, VAT and gross amounts in øre and the VAT rate', personal: false, purpose: 'What the customer pays', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep', fields: each('keep', ['netOre', 'vatOre', 'grossOre', 'vatRatePercent']) },
      garments: {
        what: 'Each garment handed in: its tag number, the line it is charged on, pieces, colour, brand, a note, its condition at intake (a closed list and a note), where it hangs when ready, and when it was ready and left the shop',
        personal: true, // colour, brand and the notes are free text and may describe the customer
        nb: { what: 'Plaggene du har levert: merkelappnummer, farge, merke, tilstand ved innlevering og eventuelle notater', purpose: 'For å finne, behandle og levere ut riktig plagg, og for å vite hvordan plagget var da vi tok det imot' },
        purpose: 'Finding, treating and handing out the right garment, and a record of its condition before the work (what a complaint is weighed against)',
        basis: 'contract',
        retention: WITH_ITS_ORDER,
        onErasure: 'drop', // a counter sale kept for the journal keeps its lines, not its garments
        fields: each('drop', ['tag', 'line', 'pieces', 'colour', 'brand', 'note', 'conditions', 'conditionNote', 'state', 'location', 'readyAt', 'leftAt']),
      },
      noticeBy: { what: 'How the customer hears the order is ready: sms, call (a landline) or wait (no number), decided at intake', personal: false, purpose: 'The counter knows whom to call and whom to wait for, where an SMS cannot go', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      partReadyNoticeAt: { what: 'When the order\'s one "part is ready" SMS was queued', personal: false, purpose: 'Sends that SMS once per order at most', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      express: { what: 'Whether the order was taken in as express', personal: false, purpose: 'The surcharge and the shorter promised time', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      promisedReadyAt: { what: 'The date the garments were promised for', personal: false, purpose: 'Telling the customer when to come', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      // Free text the counter types (or the buyer gives): it may name the person who ordered.
      reference: {
        what: 'The buyer\'s own reference for the order ("Deres ref."): a department, cost centre or the person who ordered (free text)',
        personal: true,
        nb: { what: 'Referansen du oppga for bestillingen («Deres ref.»)', purpose: 'Skrives på fakturaen så dere kjenner den igjen' },
        purpose: 'Printed on the order\'s invoice so the buyer can match it to who ordered',
        basis: 'contract',
        retention: WITH_ITS_ORDER,
        onErasure: 'drop',
      },
      pickups: {
        what: 'Each pickup: its number, when, the tags of the garments handed out, each line\'s share of the sale (line number, quantity, pieces, amount), the sale\'s totals and how it was paid (receipt or invoice number)',
        personal: false, // tags, amounts and references: the lines are named by their number on the order, never in words
        purpose: 'Which garments the customer has collected and what each visit was charged, so the sales of an order sum to its total',
        basis: 'contract',
        retention: WITH_ITS_ORDER,
        onErasure: 'drop', // the books keep the counter sales (counterSale) and the invoices, not the order's record of visits
        fields: each('drop', ['n', 'at', 'tags', 'lines', 'totals', 'payment']),
      },
      payment: { what: 'How the latest sale was paid: at the counter (with the cash register\'s receipt number) or on invoice (with the invoice number)', personal: false, purpose: 'Links the order to its sales document', basis: 'legalObligation', retention: WITH_ITS_ORDER, onErasure: 'keep', fields: each('keep', ['method', 'posReceiptRef', 'documentNumber']) },
      receivedAt: { what: 'When the garments were handed in', personal: false, purpose: 'Dates of the service', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep' },
      readyAt: { what: 'When they were ready', personal: false, purpose: 'Dates of the service; reminders for garments not collected', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      pickedUpAt: { what: 'When they were collected', personal: false, purpose: 'Dates of the service (the delivery date on a sales document)', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep' },
      cancelledAt: { what: 'When the order was cancelled', personal: false, purpose: 'Dates of the service', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      // A code from a closed list (CANCEL_REASONS), never free text: it says nothing about the customer.
      cancelReason: { what: 'Why the order was cancelled: a code from a closed list (the customer changed their mind, cannot be treated, registered by mistake, damaged before the work, other)', personal: false, purpose: 'Records why the service was not delivered', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      returnedAt: { what: 'When a cancelled order\'s garments were handed back', personal: false, purpose: 'Dates of the service; the garments have left the shop', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop' },
      reminders: { what: 'Courtesy reminders sent for garments not collected: after how many days, and when', personal: false, purpose: 'One reminder per interval, and the record of having reminded', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'drop', fields: each('drop', ['afterDays', 'sentAt']) },
      notices: {
        what: 'The statutory request to collect: registered letter or in-shop notice, the day it was given, when and by which clerk it was recorded',
        personal: false,
        purpose: 'Evidence that the shop may sell or discard uncollected garments (håndverkertjenesteloven § 47, lov 29. mai 1953 nr. 1)',
        basis: 'legitimateInterest',
        retention: WITH_ITS_ORDER,
        onErasure: 'drop', // the garments have left with their owner: nothing is left to sell or discard
        fields: each('drop', ['method', 'givenOn', 'recordedAt', 'recordedBy']),
      },
      changes: {
        what: 'Each change made to the order after intake, before the work: when, by which clerk (their staff id), and what, as codes (line added, changed or removed, express on or off, garment added, changed or removed, promised date changed) with the line number or tag',
        personal: false, // codes, line numbers and tags only: what the clerk changed lives in the lines and garments themselves
        purpose: 'Shows what was agreed after intake and who changed it, should the customer dispute the order or its price',
        basis: 'contract',
        retention: WITH_ITS_ORDER,
        onErasure: 'drop', // a kept counter sale needs its amounts, not how the order came to be
        fields: each('drop', ['at', 'by', 'what']),
      },
      retainUntil: { what: 'On a collected counter sale kept after its customer was erased or anonymised: the last day to keep it', personal: false, purpose: 'The sales journal of a closed period must stay complete (bokføringsloven § 13)', basis: 'legalObligation', retention: DOCUMENT_RETENTION, onErasure: 'keep' },
      statusChangedAt: bookkeeping('When the status last changed'),
      createdAt: bookkeeping('When the order was taken in'),
      updatedAt: bookkeeping('When the order last changed'),
      version: bookkeeping('Version number of the order'),
    },
  },
  orderRef: {
    category: 'orders',
    what: 'Points from a ticket number to the partition of the customer it belongs to (and, while the garments are being cleaned, holds a copy of the order)',
    nb: { what: 'Koblingen fra nummeret på hentelappen til deg', retention: 'Som bestillingen.' },
    attributes: {
      pk: key('ORDER#<ticket number>', false),
      sk: key('REF', false),
      entity: key('The kind of item', false, 'keep'),
      orderId: { what: 'The ticket number', personal: false, purpose: 'Finds an order by its ticket', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'keep' },
      customerId: { what: 'The customer the order belongs to', personal: true, nb: { what: 'Hvem bestillingen tilhører', purpose: 'For å finne bestillingen ut fra nummeret på hentelappen' }, purpose: 'Finds an order by its ticket', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      order: {
        what: 'A copy of the order while its garments are in the shop, written in the same transaction as the order itself',
        personal: true, // the copy holds the lines and garments, whose descriptions and notes are free text
        nb: { what: 'En kopi av bestillingen mens tøyet er hos oss', purpose: 'Så vi kan melde tøyet klart og levere det ut med ett oppslag på nummeret på hentelappen' },
        purpose: 'A move of the order (ready, pickup, cancel, return) answers with the order as stored without reading it back (a transaction returns nothing), and knows which tags it frees',
        basis: 'contract',
        retention: 'Until the garments have left the shop; then removed from the pointer',
        onErasure: 'delete',
        fields: each('delete', ['status', 'items', 'garments', 'noticeBy', 'express', 'partReadyNoticeAt', 'totals', 'promisedReadyAt', 'reference', 'payment', 'pickups', 'reminders', 'notices', 'changes', 'createdAt', 'updatedAt', 'statusChangedAt', 'receivedAt', 'readyAt', 'cancelledAt', 'cancelReason', 'version']),
      },
      documentNumber: { what: 'The number of the latest invoice issued for the order (one per pickup on invoice)', personal: false, purpose: 'Prints the invoice again from the ticket with one lookup', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
    },
  },
  tagClaim: {
    category: 'orders',
    what: 'A tag number on a garment in the shop, and the order it belongs to',
    nb: { what: 'Merkelappnummeret på et plagg som er hos oss', retention: 'Til plagget er levert ut eller tilbake.' },
    attributes: {
      pk: key('TAG#<tag number>', false),
      sk: key('CLAIM', false),
      entity: key('The kind of item', false, 'keep'),
      tag: { what: 'The number on the heat-seal or barcode tag', personal: false, purpose: 'No two garments in the shop carry the same tag; finds a garment\'s order by its tag', basis: 'contract', retention: 'Until the garment leaves the shop', onErasure: 'delete' },
      orderId: { what: 'The ticket the garment belongs to', personal: false, purpose: 'Finds the order by a tag', basis: 'contract', retention: 'Until the garment leaves the shop', onErasure: 'delete' },
      customerId: { what: 'Whose garment it is', personal: true, nb: { what: 'Hvem plagget tilhører', purpose: 'For å finne bestillingen ut fra merkelappen' }, purpose: 'Finds the order by a tag in one read', basis: 'contract', retention: 'Until the garment leaves the shop', onErasure: 'delete' },
    },
  },
  message: {
    category: 'messages',
    what: 'The delivery record of one SMS to a customer (the outbox). The text is never stored: it is rendered from a template when sent',
    nb: { what: 'Meldinger vi har sendt deg (SMS og e-post). Selve teksten lagres ikke', retention: 'Slettes automatisk etter {messageRetentionDays} dager.' },
    sweptBy: 'expiry',
    attributes: {
      pk: key('CUSTOMER#<customerId>', true),
      sk: key('MESSAGE#<ticket>#<purpose>#<occasion>', false),
      gsi1pk: key('MESSAGES#<state> while the message needs attention', false),
      gsi1sk: key('<time of the last change>#<message key>', false),
      ...dueIndex('expiry', MESSAGE_RECORD),
      entity: key('The kind of item', false, 'keep'),
      messageKey: { what: 'Ticket, purpose and occasion', personal: false, purpose: 'At most one message per order, purpose and occasion', basis: 'contract', retention: MESSAGE_RECORD, onErasure: 'delete' },
      customerId: { what: 'The recipient; the number is looked up when sending', personal: true, nb: { what: 'Hvem meldingen går til', purpose: 'Mottakeren slås opp når meldingen sendes' }, purpose: 'Whom to send to', basis: 'contract', retention: MESSAGE_RECORD, onErasure: 'delete' },
      orderId: { what: 'The order it is about', personal: false, purpose: 'Which garments the message concerns', basis: 'contract', retention: MESSAGE_RECORD, onErasure: 'delete' },
      purpose: { what: 'Why the message is sent (closed list: pickup ready, delay, question, reminder, code, invoice sent, privacy answers, an erasure waiting for garments or for pickups on account to be invoiced, an erasure held for an unpaid invoice)', personal: false, purpose: 'Only service messages can be sent, never marketing', basis: 'contract', retention: MESSAGE_RECORD, onErasure: 'delete' },
      params: { what: 'Values for the template: ticket number, a date, a sign-in code sealed to the SMS sender\'s key (never the plain code), a document number and which of its payment reminders, why a deadline was extended (a code), what an erasure waits for (a code), and for an erasure confirmation the language to write in', personal: false, purpose: 'Renders the text (or attaches the document) at send time', basis: 'contract', retention: MESSAGE_RECORD, onErasure: 'delete', fields: each('delete', ['ticket', 'date', 'sealedCode', 'minutes', 'documentNumber', 'reminder', 'requestType', 'reason', 'waitingFor', 'language']) },
      recipient: { what: 'The number an erasure confirmation goes to, once the customer\'s own record is gone', personal: true, nb: { what: 'Nummeret bekreftelsen på slettingen sendes til', purpose: 'Så du får beskjed om at slettingen er utført; fjernes straks meldingen er sendt' }, purpose: 'The confirmation of an erasure', basis: 'gdprDuties', retention: 'Removed as soon as the message is sent or given up; the record expires in a day', onErasure: 'delete' },
      note: { what: 'Staff\'s own reason for a delay or question (free text, never sent)', personal: true, nb: { what: 'Ansattes notat om hvorfor vi kontaktet deg', purpose: 'Så kolleger ser hvorfor du ble kontaktet; sendes aldri' }, purpose: 'Lets colleagues see why the customer was contacted', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      state: { what: 'pending, sending, sent or failed', personal: false, purpose: 'Exactly-once delivery and showing staff what failed', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      attempts: { what: 'How many times sending was tried', personal: false, purpose: 'Bounded retries', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      sentAt: { what: 'When the SMS provider accepted it', personal: false, purpose: 'Shows staff that the customer was told', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      providerMessageId: { what: 'The SMS provider\'s id for the message', personal: false, purpose: 'Tracing a delivery problem with the provider', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      failureReason: { what: 'Why sending failed (an error name, never a text or number)', personal: false, purpose: 'Shows staff what to follow up', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      expiresAt: { what: 'When DynamoDB deletes the record (TTL)', personal: false, purpose: 'Keeps delivery records only briefly', basis: 'legitimateInterest', retention: MESSAGE_RECORD, onErasure: 'delete' },
      createdAt: bookkeeping('When the message was queued'),
      updatedAt: bookkeeping('When its state last changed'),
    },
  },
  signInCode: {
    category: 'sign_in',
    what: 'The live one-time sign-in code of a number, as a keyed hash',
    nb: { what: 'Engangskoden du ba om for å logge inn (vi lagrer ikke selve koden, bare et kontrolltall laget av den med en hemmelig nøkkel)', retention: 'Slettes når den er brukt, eller etter 10 minutter.' },
    sweptBy: 'expiry',
    attributes: {
      pk: key('PHONE#<mobile number>: the number itself', true),
      sk: key('CODE', false),
      ...dueIndex('expiry', SIGN_IN),
      entity: key('The kind of item', false, 'keep'),
      customerId: { what: 'Who the code signs in', personal: true, nb: { what: 'Hvem koden gjelder', purpose: 'Så koden logger inn deg og ingen andre' }, purpose: 'Proof of identity for access, rectification and erasure', basis: 'contract', retention: SIGN_IN, onErasure: 'delete' },
      codeHash: { what: 'HMAC-SHA256 of number and code, keyed with the sign-in code secret', personal: false, purpose: 'Checks a code without storing it', basis: 'contract', retention: SIGN_IN, onErasure: 'delete' },
      sealedCode: { what: 'The code encrypted (RSA-OAEP) to the SMS sender\'s key, which this function cannot open', personal: false, purpose: 'A second request while the code is live re-sends the same code instead of voiding the one the customer has', basis: 'contract', retention: SIGN_IN, onErasure: 'delete' },
      attempts: { what: 'Tries so far, from all callers', personal: false, purpose: 'A bound on the tries at one code (each caller also has five of its own)', basis: 'legitimateInterest', retention: SIGN_IN, onErasure: 'delete' },
      createdAt: bookkeeping('When the code was sent'),
      expiresAt: { what: 'When the code expires (also its TTL)', personal: false, purpose: 'Codes live ten minutes', basis: 'legitimateInterest', retention: SIGN_IN, onErasure: 'delete' },
    },
  },
  signInRate: {
    category: 'sign_in',
    what: 'How many codes a number was sent in one hour, and in one day (apart: those asked for by a device that signed in to it before); and how many codes and tries one caller asked for in an hour, a day, and at one code',
    nb: { what: 'Hvor mange koder nummeret ditt har fått den siste timen og det siste døgnet (for seg: de du har bedt om fra en enhet du har logget inn med før), og hvor mange koder og forsøk én avsender har brukt (avsenderens nettadresse lagres bare som et kryptografisk avtrykk, som ikke kan leses tilbake)', retention: 'Slettes etter to timer og etter et døgn.' },
    sweptBy: 'expiry',
    attributes: {
      pk: {
        what: 'PHONE#<mobile number>: the number itself; or CLIENT#<HMAC of the caller\'s IP address (an IPv6 /64)>, keyed with the sign-in code secret',
        personal: true,
        nb: { what: 'Mobilnummeret ditt, eller en nøkkelbasert hash av nettadressen en forespørsel kom fra', purpose: 'For å begrense hvor mange koder og forsøk et nummer og en avsender får' },
        purpose: 'Finds the counter: a number\'s SMS budget, or a caller\'s limits across all numbers (nobody can lock an owner out or guess codes at scale)',
        basis: 'legitimateInterest',
        retention: 'Two hours or a day (TTL); a caller\'s counters are linked to no customer and expire within a day',
        onErasure: 'delete',
      },
      sk: key('CODES#<hour or day> (a number\'s SMS, or a caller\'s requests), TRIES#<hour or day>, or TRIES#<code hash> (a caller\'s tries at one code)', false),
      ...dueIndex('expiry', 'Two hours or a day (TTL)'),
      entity: key('The kind of item', false, 'keep'),
      count: { what: 'SMS with a code sent that hour or day; or a caller\'s requests or tries', personal: false, purpose: 'Bounds the SMS a phone gets and the codes and guesses one caller gets, across all numbers', basis: 'legitimateInterest', retention: 'Two hours or a day (TTL)', onErasure: 'delete' },
      expiresAt: { what: 'When the counter expires (TTL)', personal: false, purpose: 'Keeps the counter briefly', basis: 'legitimateInterest', retention: 'Two hours or a day (TTL)', onErasure: 'delete' },
    },
  },
  privacyRequest: {
    category: 'privacy_requests',
    what: 'A request to see or erase one\'s data, and how it was answered',
    keptOnErasure: { hold: 'accountability', which: 'Every request, without the link to the person (PrivacyRequestRepository.forgetCustomer)' },
    nb: { what: 'Henvendelsene dine om innsyn og sletting', retention: 'Beviset på at vi svarte (type, datoer, utfall) beholdes; koblingen til deg fjernes når en sletting er utført.' },
    attributes: {
      pk: key('REQUEST#<requestId>', false, 'keep'),
      sk: key('REQUEST', false, 'keep'),
      gsi1pk: key('REQUESTS#<status>', false, 'keep'),
      gsi1sk: key('<deadline>#<requestId>', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      requestId: proof('A random id'),
      customerId: { what: 'Who asked', personal: true, nb: { what: 'Hvem som spurte', purpose: 'For å svare deg, og bare deg' }, purpose: 'Answers the request to the person who made it', basis: 'gdprDuties', retention: 'Until an erasure is done; then removed', onErasure: 'drop' },
      type: proof('access or erasure'),
      verifiedBy: proof('How identity was proven: a code to the number on file, or ID checked in person'),
      status: proof('received, in progress, completed, blocked or failed'),
      receivedAt: proof('When it was received'),
      deadline: proof('The legal deadline (one month, or extended)'),
      extension: { ...proof('An extension of the deadline: months, the reason (a code from a closed list), when'), fields: each('keep', ['months', 'reason', 'decidedAt']) },
      outcome: { ...proof('What was done: counts per kind of item, or why erasure waited'), fields: each('keep', ['items', 'blockedReason']) },
      failedStep: proof('Which step failed, if one did'),
      completedAt: proof('When it was answered'),
      updatedAt: bookkeeping('When it last changed'),
    },
  },
  requestRef: {
    category: 'privacy_requests',
    what: 'Points from a customer to their requests (for the export)',
    nb: { what: 'Koblingen fra deg til henvendelsene dine', retention: 'Slettes når du slettes.' },
    attributes: {
      pk: key('CUSTOMER#<customerId>', true),
      sk: key('REQUEST#<requestId>', false),
      entity: key('The kind of item', false, 'keep'),
      requestId: { what: 'The request', personal: false, purpose: 'Lists a customer\'s requests in their export', basis: 'gdprDuties', retention: 'As the customer', onErasure: 'delete' },
    },
  },
  openRequest: {
    category: 'privacy_requests',
    what: 'Marks the one request of a type a customer has open, so a second is refused while it is answered',
    nb: { what: 'Merket om at du har en henvendelse av denne typen som vi holder på å svare på', retention: 'Slettes når henvendelsen er besvart, eller med deg.' },
    attributes: {
      pk: key('CUSTOMER#<customerId>', true),
      sk: key('OPEN#<type>', false),
      entity: key('The kind of item', false, 'keep'),
      requestId: { what: 'The open request', personal: false, purpose: 'One open request per type (GDPR art. 12(5)); finds the erasure that waits for garments when they are collected', basis: 'gdprDuties', retention: 'Until the request is answered', onErasure: 'delete' },
      claimedAt: { what: 'When the request was opened', personal: false, purpose: 'Tells a claim left by an interrupted call from one being written', basis: 'gdprDuties', retention: 'Until the request is answered', onErasure: 'delete' },
      pending: { what: 'Claimed, its request not yet written (for a moment)', personal: false, purpose: 'Tells a claim left by an interrupted call from one being written', basis: 'gdprDuties', retention: 'Until the request is written', onErasure: 'delete' },
    },
  },
  requestRate: {
    category: 'privacy_requests',
    what: 'How many requests a customer opened themselves on one day',
    nb: { what: 'Hvor mange henvendelser du har sendt i dag', retention: 'Slettes etter et døgn.' },
    attributes: {
      pk: key('CUSTOMER#<customerId>', true),
      sk: key('REQUESTS#<day>', false),
      entity: key('The kind of item', false, 'keep'),
      count: { what: 'Requests opened that day', personal: false, purpose: 'At most a few requests a day: each costs a workflow run and an SMS', basis: 'legitimateInterest', retention: 'A day (TTL), or with the customer', onErasure: 'delete' },
      expiresAt: { what: 'When the counter expires (TTL)', personal: false, purpose: 'Keeps the counter briefly', basis: 'legitimateInterest', retention: 'A day (TTL), or with the customer', onErasure: 'delete' },
    },
  },
  salesDocument: {
    category: 'sales_documents',
    what: 'An invoice or credit note, as issued: never changed, kept as bookkeeping law requires',
    nb: { what: 'Fakturaer og kreditnotaer', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever, også om du ber om sletting. Deretter slettes de automatisk.' },
    sweptBy: 'bookkeeping',
    keptOnErasure: { hold: 'bookkeeping', which: 'Every invoice and credit note, until retainUntil' },
    attributes: {
      pk: legal('DOCUMENT#<number>', false),
      sk: legal('DOCUMENT', false),
      gsi1pk: legal('DOCUMENTS#<year>', false),
      gsi1sk: legal('<issue date>#<number>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      documentNumber: legal('Its number in the unbroken series', false),
      kind: legal('invoice or credit_note', false),
      issueDate: legal('Date of issue', false),
      issuedAt: legal('Time of issue', false),
      orderId: legal('The ticket it was issued for', false),
      customerId: { what: 'The buyer\'s customer id', personal: true, nb: { what: 'Kundenummeret ditt på fakturaen', purpose: 'For å finne fakturaene dine når du ber om innsyn eller sletting' }, purpose: 'Finds a customer\'s documents for access and erasure', basis: 'contract', retention: DOCUMENT_RETENTION, onErasure: 'pseudonymise' },
      // A business buyer's organisation number is part of its identity on the document (§ 5-1-1 (1) nr. 3,
      // and the EHF endpoint); "Deres ref." is free text the law does not ask for and may name a person,
      // so the kept copy drops it, as it drops a credit reason.
      buyer: { ...legal('The buyer\'s name and address, as a credit sale\'s document must show them (bokføringsforskriften § 5-1-1); a business\'s organisation number and its reference ("Deres ref.")', true, { what: 'Navn og adresse på fakturaen', purpose: 'Loven krever kjøpers navn og adresse på en faktura (bokføringsforskriften § 5-1-1)' }), fields: { ...each(BOOKKEEPING_HOLD, ['name', 'address', 'organisationNumber']), reference: 'drop' } },
      seller: { ...legal('The shop as it was at issue: name, organisation number, MVA and Foretaksregisteret, address, bank account', false), fields: each('keep', ['name', 'organisationNumber', 'vatRegistered', 'registeredInForetaksregisteret', 'address', 'bankAccount']) },
      deliveryDate: legal('When the service was delivered', false),
      deliveryPlace: legal('Where it was delivered (the shop)', false),
      lines: { ...legal('What was sold: description, quantity, unit price, VAT rate and amount', true, { what: 'Hva fakturaen gjelder', purpose: 'Loven krever ytelsens art og omfang på fakturaen' }), fields: { description: { generalise: 'documentLineName' }, ...each('keep', ['keptAs', 'quantity', 'unitPriceOre', 'lineTotalOre', 'vatRatePercent', 'vatOre']) } },
      totals: { ...legal('Net, VAT and gross in øre', false), fields: each('keep', ['netOre', 'vatOre', 'grossOre', 'vatRatePercent']) },
      dueDate: legal('When an invoice falls due', false),
      kid: legal('The payment reference (KID, MOD10)', false),
      creditsDocument: legal('The invoice a credit note reverses', false),
      // Staff's own words, which may name the customer. § 5-1-1 does not ask for them: a credit note
      // documents its correction by the invoice it reverses (creditsDocument) and its amounts, so
      // the kept copy drops the reason rather than keep free text for five years.
      creditReason: { ...legal('Why it was credited (free text from staff)', true, { what: 'Hvorfor en faktura ble kreditert', purpose: 'Dokumenterer korrigeringen' }), onErasure: 'drop' },
      partialCredit: legal('A credit note for part of its invoice (chosen lines or an amount)', false),
      collectivePeriod: { ...legal('A collective invoice\'s period (samlefaktura): its key, first and last day', false), fields: each('keep', ['key', 'from', 'to']) },
      // Each delivery with its date, as § 5-1-1 asks of a document for several; the order's reference
      // is free text the law does not ask for, so the kept copy drops it, as it drops the buyer's.
      collectiveOrders: {
        ...legal('A collective invoice\'s pickups: ticket, pickup number, date, the order\'s reference ("Deres ref.") and how many of the lines are its own', true, { what: 'Hentingene en samlefaktura gjelder, med dato og referanse', purpose: 'Loven krever leveringstidspunkt for hver leveranse fakturaen gjelder' }),
        fields: { ...each('keep', ['orderId', 'n', 'date', 'lineCount']), reference: 'drop' },
      },
      delivery: legal('E-mailed or printed', false),
      retainUntil: legal('The last day it must be kept: five years after the end of its fiscal year', false),
    },
  },
  counterSale: {
    category: 'sales_documents',
    what: 'A pickup paid at the counter, as the sales journal lists it: amounts, date, the cash register\'s receipt reference, lines by price-list name; no customer, no free text',
    nb: { what: 'Kassesalg i regnskapet: beløp, dato og kvitteringsnummer, uten navn', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever. Det inneholder ikke hvem du er, og slettes deretter automatisk.' },
    sweptBy: 'bookkeeping',
    attributes: {
      pk: legal('ORDER#<ticket number>', false),
      sk: legal('SALE#<pickup number>', false),
      gsi1pk: legal('DOCUMENTS#<year>: the journal reads a period\'s documents and counter sales together', false),
      gsi1sk: legal('<date>#S<ticket>#<pickup number>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION),
      entity: legal('The kind of item', false),
      orderId: legal('The ticket the sale was made on', false),
      n: legal('The pickup\'s number on its order', false),
      at: legal('When the garments were handed out', false),
      date: legal('The day of the sale in the shop', false),
      // Named by the price list, or FREE_TEXT_LINE_KEPT_AS for work typed at the counter: never its words.
      lines: { ...legal('What was sold: the price-list name (or "Annet arbeid"), its category, quantity and amount', false), fields: each('keep', ['name', 'category', 'quantity', 'amountOre']) },
      totals: { ...legal('Net, VAT and gross in øre', false), fields: each('keep', ['netOre', 'vatOre', 'grossOre', 'vatRatePercent']) },
      posReceiptRef: legal('The cash register\'s receipt reference, to match its Z report', false),
      retainUntil: legal('The last day it must be kept: five years after the end of its fiscal year', false),
    },
  },
  // Issue #17: a pickup on account waits here for the collective invoice; it names the business
  // (its partition) and its reference, so it goes with the customer until it is invoiced.
  accountItem: {
    category: 'orders',
    what: 'A pickup on account not yet invoiced: the ticket, pickup, date, lines by price-list name, totals and the reference printed on the collective invoice',
    nb: { what: 'Henting på konto som ennå ikke er fakturert', retention: 'Til samlefakturaen for perioden er utstedt.' },
    attributes: {
      pk: key('CUSTOMER#<customer id>', true),
      sk: key('ACCOUNT#<ticket>#<pickup number>', false),
      entity: { what: 'The kind of item', personal: false, purpose: 'Tells the items of a partition apart', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      customerId: { what: 'The business picking up on account', personal: true, nb: { what: 'Kundenummeret ditt', purpose: 'Hvem samlefakturaen skal til' }, purpose: 'Whom the collective invoice is made out to', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      orderId: { what: 'The ticket the pickup was made on', personal: false, purpose: 'Lists the order on the collective invoice', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      n: { what: 'The pickup\'s number on its order', personal: false, purpose: 'One item per pickup', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      at: { what: 'When the garments were handed out', personal: false, purpose: 'Dates of the service', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      date: { what: 'The day of the pickup in the shop', personal: false, purpose: 'The delivery date the collective invoice prints (bokføringsforskriften § 5-1-1)', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      lines: { what: 'What was picked up: the order line, its price-list name, quantity and amount', personal: false, purpose: 'The lines of the collective invoice', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete', fields: each('delete', ['line', 'name', 'quantity', 'amountOre']) },
      totals: { what: 'Net, VAT and gross in øre', personal: false, purpose: 'The totals of the collective invoice', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete', fields: each('delete', ['netOre', 'vatOre', 'grossOre', 'vatRatePercent']) },
      reference: { what: 'The buyer\'s reference for the order ("Deres ref."), free text', personal: true, nb: { what: 'Referansen du oppga for bestillingen («Deres ref.»)', purpose: 'Skrives ved bestillingen på samlefakturaen' }, purpose: 'Printed beside the order on the collective invoice', basis: 'contract', retention: WITH_ITS_ORDER, onErasure: 'delete' },
      // The waiting list of every business (ACCESS-PATTERNS.md): the day, the business and the pickup; gone when invoiced.
      gsi1pk: key('ACCOUNTS#waiting', false),
      gsi1sk: key('<date>#<customer id>#<ticket>#<pickup number>', true),
    },
  },
  // Issue #17: the claim that makes a period's collective invoice one, written with its number.
  collectiveClaim: {
    category: 'sales_documents',
    what: 'A business\'s collective invoice for a period, claimed with its number: so a rerun or a second click completes or answers that invoice and never issues another',
    nb: { what: 'Merket om at samlefakturaen for en periode er laget, med fakturanummeret', retention: 'Så lenge kundeforholdet varer; slettes med deg.' },
    attributes: {
      pk: key('CUSTOMER#<customer id>', true),
      sk: key('COLLECTIVE#<period>', false),
      entity: key('The kind of item', false),
      customerId: { what: 'The business invoiced', personal: true, nb: { what: 'Kundenummeret ditt', purpose: 'Hvem samlefakturaen er til' }, purpose: 'Whose collective invoice it is', basis: 'contract', retention: RELATIONSHIP, onErasure: 'delete' },
      period: { what: 'The period it invoices (2026-11, 2026-Q4)', personal: false, purpose: 'One collective invoice per period', basis: 'legalObligation', retention: RELATIONSHIP, onErasure: 'delete' },
      documentNumber: { what: 'The invoice\'s number, taken with the claim', personal: false, purpose: 'Keeps the series without gaps: a number taken is always completed as its invoice', basis: 'legalObligation', retention: RELATIONSHIP, onErasure: 'delete' },
      claimedAt: { what: 'When the number was taken', personal: false, purpose: 'Tells a claim being completed from one left by a run that stopped', basis: 'legalObligation', retention: RELATIONSHIP, onErasure: 'delete' },
      completedAt: { what: 'When the invoice was stored', personal: false, purpose: 'A completed claim answers with its invoice', basis: 'legalObligation', retention: RELATIONSHIP, onErasure: 'delete' },
      // Only between the claim and the invoice's own transaction (moments, or until the next run after a crash).
      document: {
        what: 'The invoice as built, until it is stored: what the next run stores if this one stopped half way',
        personal: true,
        nb: { what: 'Samlefakturaen mens den lages', purpose: 'Fullføres av neste kjøring om denne stopper' },
        purpose: 'Completes a collective invoice a run left half way, with the number it took',
        basis: 'legalObligation',
        retention: 'Until the invoice is stored (moments), then removed from the claim',
        onErasure: 'delete',
        fields: each('delete', ['documentNumber', 'kind', 'issueDate', 'issuedAt', 'orderId', 'customerId', 'buyer', 'seller', 'deliveryDate', 'deliveryPlace', 'lines', 'totals', 'dueDate', 'kid', 'collectivePeriod', 'collectiveOrders', 'delivery', 'retainUntil']),
      },
      // Only while unfinished (ACCESS-PATTERNS.md): the job's list of claims to complete, removed with the completion.
      gsi1pk: key('COLLECTIVES#unfinished', false),
      gsi1sk: key('<claimed at>#<customer id>#<period>', true),
    },
  },
  creditClaim: {
    category: 'sales_documents',
    what: 'What of an invoice has been credited, by which credit notes, so that its credits never exceed it',
    nb: { what: 'Merket om at en faktura er kreditert', retention: 'Som kreditnotaen.' },
    sweptBy: 'bookkeeping',
    keptOnErasure: { hold: 'bookkeeping', which: 'As its credit note (it names no person)' },
    attributes: {
      pk: legal('DOCUMENT#<invoice number>', false),
      sk: legal('CREDITED', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      documentNumber: legal('The invoice credited', false),
      creditedBy: legal('The latest credit note that credits it', false),
      // Partial credits (issue #17): the tally every further credit is judged and conditioned on.
      creditNotes: legal('Every credit note that credits it, in order', false),
      creditedOre: legal('The gross amount credited so far, in øre, never more than the invoice', false),
      lineCredits: { ...legal('Per line credited by line: its number, the quantity and amount credited', false), fields: each('keep', ['line', 'quantity', 'amountOre']) },
      creditRequests: {
        ...legal('The credits sent with an idempotency key: the key, a digest of what was asked and the credit note issued, so a retry gets that note', false),
        fields: each('keep', ['key', 'fingerprint', 'creditNote']),
      },
      retainUntil: legal('As the latest credit note', false),
    },
  },
  receivable: {
    category: 'sales_documents',
    what: 'What an invoice still has owing: its amount, what credit notes and payments took off, the balance and status (the customer specification, bokføringsforskriften § 3-1)',
    nb: { what: 'Hva som står igjen å betale på en faktura', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret for siste postering, slik bokføringsloven § 13 krever, også om du ber om sletting. Deretter slettes den automatisk.' },
    sweptBy: 'bookkeeping',
    keptOnErasure: { hold: 'bookkeeping', which: 'The receivable of every invoice kept, under the pseudonym, out of the index by customer' },
    attributes: {
      pk: legal('DOCUMENT#<invoice number>', false),
      sk: legal('RECEIVABLE', false),
      // The customer's reskontro is one Query on this partition; a kept receivable leaves it.
      gsi1pk: { ...legal('RECEIVABLES#<customerId>: the customer\'s receivables', true, { what: 'En nøkkel som inneholder kundenummeret ditt', purpose: 'For å finne hva du skylder' }), onErasure: 'drop' },
      gsi1sk: { ...legal('<issue date>#<number>', false), onErasure: 'drop' },
      // Only while open or partly paid (all that is owed, oldest due first), or while the customer has a
      // credit (RECEIVABLES#credit): the reskontro reads both partitions, never the table.
      gsi3pk: legal('RECEIVABLES#open, while money is expected; RECEIVABLES#credit, while the customer has money to get back', false),
      gsi3sk: legal('<due date>#<number>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      documentNumber: legal('The invoice it belongs to', false),
      customerId: { what: 'The buyer\'s customer id', personal: true, nb: { what: 'Kundenummeret ditt', purpose: 'For å vise hva du skylder, og sende påminnelser' }, purpose: 'The customer specification of receivables (bokføringsforskriften § 3-1)', basis: 'legalObligation', retention: DOCUMENT_RETENTION, onErasure: 'pseudonymise' },
      kid: legal('The invoice\'s KID, which bank payments are matched by', false),
      issueDate: legal('The invoice\'s date', false),
      dueDate: legal('When it falls due', false),
      amountOre: legal('The invoice\'s gross amount in øre', false),
      creditedOre: legal('What credit notes reversed, in øre', false),
      creditNotes: legal('The credit notes that reversed it', false),
      paidOre: legal('What payments brought in, in øre', false),
      balanceOre: legal('What is left owing (below zero: owed to the customer)', false),
      status: legal('open, partly_paid, paid, credited or written_off', false),
      writeOff: { ...legal('A write-off: its reason from a closed list, when, and the day (no free text)', false), fields: each('keep', ['reason', 'at', 'date']) },
      feesOre: legal('Reminder fees charged (purregebyr, inkassoforskriften § 1-2), in øre: part of the balance, outside VAT', false),
      reminders: { ...legal('How many payment reminders were sent, how many carried a fee (at most two), the last one\'s day and deadline, and a printed one waiting to be posted', false), fields: each('keep', ['count', 'feesCharged', 'lastSentOn', 'lastPayBy', 'awaitingPost']) },
      version: legal('Version number: every posting is written at the version it was decided from', false),
      updatedAt: legal('When it last changed', false),
      retainUntil: legal('The last day it must be kept: five years after the end of the fiscal year of its last posting', false),
    },
  },
  payment: {
    category: 'sales_documents',
    what: 'A payment on an invoice: amount, day, bank or cash, the bank\'s or the register\'s reference; no payer\'s name or account',
    nb: { what: 'Innbetalinger på fakturaer: beløp, dato og referanse, uten navn eller kontonummer', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever. Den inneholder ikke hvem du er, og slettes deretter automatisk.' },
    sweptBy: 'bookkeeping',
    attributes: {
      pk: legal('DOCUMENT#<invoice number>', false),
      sk: legal('PAYMENT#<the payment\'s key>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      documentNumber: legal('The invoice paid', false),
      paymentId: legal('The key it is recorded once under: the client\'s, or the receipt, the bank\'s transaction, or the day and amount', false),
      amountOre: legal('The amount in øre', false),
      paymentDate: legal('The day it was paid', false),
      method: legal('bank or cash', false),
      posReceiptRef: legal('Cash at the counter: the cash register\'s receipt reference', false),
      bank: { ...legal('From an OCR giro file: the transmission, the assignment, the bank\'s archive reference and the transaction number', false), fields: each('keep', ['transmissionNumber', 'assignmentNumber', 'archiveReference', 'transactionNumber']) },
      overpaidOre: legal('The part above what was owing, in øre', false),
      recordedAt: legal('When it was recorded', false),
      retainUntil: legal('The last day it must be kept: five years after the end of its fiscal year', false),
    },
  },
  paymentAttention: {
    category: 'sales_documents',
    what: 'A bank payment staff must look at: no invoice takes it (unknown KID, a credit note\'s, a closed invoice), or it paid too much; no payer\'s name or account',
    nb: { what: 'Innbetalinger vi må se nærmere på (ukjent KID eller for mye betalt), uten navn eller kontonummer', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever, og slettes deretter automatisk.' },
    sweptBy: 'bookkeeping',
    attributes: {
      pk: legal('PAYMENTS#attention', false),
      sk: legal('<payment date>#<invoice number or none>#<the payment\'s key>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      reason: legal('unknown_kid, not_an_invoice, invoice_closed, overpaid or reversal', false),
      paymentId: legal('The payment\'s key', false),
      amountOre: legal('The amount in øre', false),
      paymentDate: legal('The day it was paid', false),
      method: legal('bank or cash', false),
      documentNumber: legal('The invoice it names, if any', false),
      kid: legal('The KID it was paid with', false),
      overpaidOre: legal('The part above what was owing, in øre', false),
      bank: { ...legal('The transmission, the assignment, the bank\'s archive reference and the transaction number', false), fields: each('keep', ['transmissionNumber', 'assignmentNumber', 'archiveReference', 'transactionNumber']) },
      recordedAt: legal('When it was recorded', false),
      retainUntil: legal('The last day it must be kept: five years after the end of its fiscal year', false),
    },
  },
  paymentReminder: {
    category: 'sales_documents',
    what: 'A payment reminder for an overdue invoice (inkassoloven § 9): when sent and how (e-mail or post), the new deadline, and the amounts asked for: principal, fees and interest apart',
    nb: { what: 'Betalingspåminnelser (purringer) på en faktura', retention: 'Som fakturaen: fem år etter utgangen av regnskapsåret for siste postering (bokføringsloven § 13), også om du ber om sletting, fordi et purregebyr er en postering.' },
    sweptBy: 'bookkeeping',
    keptOnErasure: { hold: 'bookkeeping', which: 'Every reminder of an invoice kept (it names no person: the invoice and receivable do)' },
    attributes: {
      pk: legal('DOCUMENT#<invoice number>', false),
      sk: legal('REMINDER#<sequence>', false),
      // Only while a reminder for the post waits to be printed.
      gsi3pk: legal('REMINDERS#print, until printed', false),
      gsi3sk: legal('<sent at>#<number>#<sequence>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      documentNumber: legal('The invoice reminded of', false),
      sequence: legal('Which reminder of the invoice (1, 2, …)', false),
      sentAt: legal('When it was sent', false),
      sentOn: legal('The shop day it was sent, from which its deadline counts', false),
      payBy: legal('The deadline it gave: at least 14 days from the day sent (inkassoloven § 9)', false),
      delivery: legal('e-mail (to an invoice address) or print (for the post)', false),
      principalOre: legal('What was left of the invoice itself, in øre', false),
      earlierFeesOre: legal('Fees of earlier reminders still owing, in øre', false),
      feeOre: legal('Its own fee, in øre (0 where none may be charged)', false),
      feeOmitted: legal('Why it carries no fee: none configured, within 14 days of the due date, two fees charged, or the earlier deadline not passed', false),
      interest: { ...legal('Late-payment interest shown: rate, from and to, days, amount (forsinkelsesrenteloven § 3)', false), fields: each('keep', ['rateBasisPoints', 'fromDate', 'toDate', 'days', 'interestOre']) },
      totalOre: legal('What it asked for, in øre', false),
      printedAt: legal('When staff marked the printed letter as posted', false),
      retainUntil: legal('The last day it must be kept: as its receivable', false),
    },
  },
  claimHold: {
    category: 'identity',
    what: 'What an erased customer\'s unpaid invoices need to be claimed (GDPR art. 17(3)(e)): the name and the number to reach them on, under the erasure\'s pseudonym, with the invoices it waits for',
    nb: { what: 'Det vi trenger for å kreve inn en ubetalt faktura etter at du har bedt om sletting', retention: 'Til fakturaen er betalt, kreditert eller avskrevet; da slettes det automatisk.' },
    keptOnErasure: { hold: 'legalClaim', which: 'Written by an erasure (or the sweep) while an invoice is open; deleted when the last of its invoices closes' },
    attributes: {
      // By the pseudonym the kept invoices and receivables carry: a receivable's change finds it with one read.
      pk: key('CLAIMHOLD#<pseudonym>', false, 'keep'),
      sk: key('HOLD', false, 'keep'),
      // Every hold on one index partition, oldest first: the daily job releases one whose stream release was lost.
      gsi3pk: key('CLAIMHOLDS#held', false, 'keep'),
      gsi3sk: key('<since>#<pseudonym>', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      holder: { what: 'The erasure\'s pseudonym, as on the kept invoices and their receivables', personal: false, purpose: 'Links the hold to the invoices it waits for', basis: 'legalClaims', retention: LEGAL_HOLDS.legalClaim.until, onErasure: 'keep' },
      requestId: { what: 'The erasure request that waits for it (none for the inactivity sweep)', personal: false, purpose: 'The request completes by itself when the hold ends', basis: 'gdprDuties', retention: LEGAL_HOLDS.legalClaim.until, onErasure: 'keep' },
      name: { what: 'The name, as the invoice names the buyer', personal: true, nb: { what: 'Navnet ditt, mens en faktura er ubetalt etter at du ba om sletting', purpose: 'For å kreve inn fakturaen' }, purpose: 'To claim an unpaid invoice', basis: 'legalClaims', retention: LEGAL_HOLDS.legalClaim.until, onErasure: { legalHold: 'legalClaim' } },
      phone: {
        what: 'The phone number (E.164, mobile or landline) the shop would contact them on about the debt, if they gave one',
        personal: true,
        category: 'contact',
        nb: { what: 'Telefonnummeret ditt, mens en faktura er ubetalt etter at du ba om sletting', purpose: 'For å kontakte deg om fakturaen, og si fra når slettingen er fullført' },
        purpose: 'To contact them about the unpaid invoice, and to confirm the erasure when it completes',
        basis: 'legalClaims',
        retention: LEGAL_HOLDS.legalClaim.until,
        onErasure: { legalHold: 'legalClaim' },
        fields: { e164: { legalHold: 'legalClaim' }, kind: 'keep' },
      },
      language: { what: 'The language to write to them in (nb or en)', personal: false, purpose: 'The confirmation at the end, and the request\'s explanation, in their language', basis: 'legalClaims', retention: LEGAL_HOLDS.legalClaim.until, onErasure: 'keep' },
      invoices: { what: 'The numbers of the invoices still open when the erasure was done', personal: false, purpose: 'The hold ends when the last of them is paid, credited or written off', basis: 'legalClaims', retention: LEGAL_HOLDS.legalClaim.until, onErasure: 'keep' },
      since: { what: 'When the hold began', personal: false, purpose: 'Shows staff how long the erasure has waited for the debt', basis: 'legalClaims', retention: LEGAL_HOLDS.legalClaim.until, onErasure: 'keep' },
    },
  },
  ocrImport: {
    category: 'sales_documents',
    what: 'An import of the bank\'s OCR giro file: its transmission number, when it ran, and a report of counts only; no KID, no payer',
    nb: { what: 'Innlesing av bankens OCR-fil: forsendelsesnummer og antall innbetalinger, uten navn, KID eller kontonummer', retention: 'Oppbevares i fem år etter utgangen av regnskapsåret, slik bokføringsloven § 13 krever, og slettes deretter automatisk.' },
    sweptBy: 'bookkeeping',
    attributes: {
      pk: legal('OCR#<transmission number>', false),
      sk: legal('IMPORT', false),
      gsi1pk: legal('OCR#imports: the list of imports', false),
      gsi1sk: legal('<when it started>#<transmission number>', false),
      ...dueIndex('bookkeeping', DOCUMENT_RETENTION, 'keep'),
      entity: legal('The kind of item', false),
      transmissionNumber: legal('The transmission number Nets gave the file: a file is imported once', false),
      startedAt: legal('When the import started', false),
      completedAt: legal('When it completed (absent: it stopped half way, and the same file goes on)', false),
      report: { ...legal('Counts only: payments, matched, partly paid, paid, overpaid, unmatched, reversals, already recorded, total øre', false), fields: each('keep', ['payments', 'matched', 'partlyPaid', 'paid', 'overpaid', 'unmatched', 'reversals', 'alreadyRecorded', 'totalOre']) },
      retainUntil: legal('The last day it must be kept: five years after the end of the fiscal year of its last payment', false),
    },
  },
  sweepState: {
    category: 'shop_records',
    what: "The retention sweep's own state: where an interrupted run stands, and which buckets still hold items",
    nb: { what: 'Hvor langt den daglige slettejobben er kommet (ingen personopplysninger)', retention: 'Så lenge butikken drives.' },
    attributes: {
      pk: key('SWEEP', false, 'keep'),
      sk: key('STATE', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      fromYears: { what: 'Per rule, the oldest year whose bucket may still hold due items', personal: false, purpose: 'The sweep reads only buckets that can hold something', basis: 'legalObligation', retention: 'For as long as the shop runs', onErasure: 'keep', fields: each('keep', ['inactivity', 'bookkeeping', 'expiry']) },
      run: { what: 'The unfinished run: rule, year and anchor reached, counts so far (no keys, no names)', personal: false, purpose: 'An interrupted run resumes where it stopped', basis: 'legalObligation', retention: 'Until the run completes', onErasure: 'keep', fields: each('keep', ['runId', 'asOf', 'startedAt', 'ruleIndex', 'year', 'resumeAnchor', 'seenAtResumeAnchor', 'counts', 'remainingFromYear', 'errors', 'pages']) },
      leaseHolder: { what: 'The run holding the sweep', personal: false, purpose: 'Two runs never work at once', basis: 'legitimateInterest', retention: 'Until the next run', onErasure: 'keep' },
      leaseUntil: { what: 'Until when it holds it', personal: false, purpose: 'A crashed run does not hold the sweep for ever', basis: 'legitimateInterest', retention: 'Until the next run', onErasure: 'keep' },
    },
  },
  sweepReport: {
    category: 'shop_records',
    what: 'The report of one retention sweep run: counts per rule and kind of item, duration, kinds of error',
    nb: { what: 'Rapport fra den daglige slettejobben: hvor mye som ble slettet (bare antall)', retention: 'Ett år og en måned.' },
    sweptBy: 'expiry',
    attributes: {
      pk: key('SWEEP', false, 'keep'),
      sk: key('REPORT#<time>#<runId>', false, 'keep'),
      ...dueIndex('expiry', 'A year and a month'),
      entity: key('The kind of item', false, 'keep'),
      ...Object.fromEntries(
        ['runId', 'status', 'dryRun', 'resumed', 'asOf', 'startedAt', 'invokedAt', 'finishedAt', 'durationMs', 'pages', 'counts', 'errors', 'expiresAt'].map((name) => [
          name,
          {
            what: `The run's ${name}`,
            personal: false,
            purpose: 'Shows that retention is enforced, and what failed (accountability, GDPR art. 5(2))',
            basis: 'gdprDuties',
            retention: 'A year and a month (TTL and the sweep)',
            onErasure: 'keep',
            ...(name === 'counts' ? { fields: each('keep', ['inactivity', 'bookkeeping', 'expiry']) } : name === 'errors' ? { fields: each('keep', ['rule', 'entity', 'error', 'count']) } : {}),
          } satisfies AttributeEntry,
        ]),
      ),
    },
  },
  counter: {
    category: 'shop_records',
    what: 'The last ticket number handed out',
    nb: { what: 'Løpenummer for lapper og bilag (ingen personopplysninger)', retention: 'Så lenge butikken drives.' },
    attributes: {
      pk: key('COUNTER#ticket, COUNTER#document or COUNTER#priceListItem', false, 'keep'),
      sk: key('COUNTER', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      value: { what: 'The last number', personal: false, purpose: 'Unique ticket numbers, the unbroken series of sales documents, and price-list item numbers never reused', basis: 'legitimateInterest', retention: 'For as long as the shop runs', onErasure: 'keep' },
      lastIssueDate: { what: 'On the document series: the date of the last document', personal: false, purpose: 'A later number never carries an earlier date (two clerks around midnight)', basis: 'legalObligation', retention: 'For as long as the shop runs', onErasure: 'keep' },
    },
  },
  priceListItem: {
    category: 'shop_records',
    what: "An item on the shop's price list: a service, its price and turnaround (not personal data)",
    nb: { what: 'Prislisten: tjenestene og prisene våre (ingen personopplysninger)', retention: 'Så lenge butikken drives.' },
    attributes: {
      pk: key('PRICELIST', false, 'keep'),
      sk: key('ITEM#<item id>', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      itemId: shopData('P and a number, never reused', 'Names the item on order lines and at the counter'),
      name: shopData('The service, in Norwegian, as on the price board', 'What the counter charges for'),
      category: shopData('The price board section (closed list)', 'Groups the board and the list'),
      priceOre: shopData('The price per unit in øre, VAT included', 'What intake charges'),
      unit: shopData('Per garment, per piece or per kg', 'How a line on an order is counted'),
      turnaroundWorkingDays: shopData('The standard turnaround in working days', 'The promised date intake proposes'),
      status: shopData('Active, or retired (no longer taken in)', 'Keeps retired items readable for old orders while intake refuses them'),
      retiredAt: shopData('When it was retired', 'The history of the list'),
      createdAt: bookkeeping('When it was added'),
      updatedAt: bookkeeping('When it last changed'),
      version: bookkeeping('Version number of the item'),
    },
  },
  expressOption: {
    category: 'shop_records',
    what: "The shop's express option: its surcharge and turnaround (not personal data)",
    nb: { what: 'Ekspresstillegget vårt (ingen personopplysninger)', retention: 'Så lenge butikken drives.' },
    attributes: {
      pk: key('PRICELIST', false, 'keep'),
      sk: key('EXPRESS', false, 'keep'),
      entity: key('The kind of item', false, 'keep'),
      offered: shopData('Whether the shop offers express', 'Intake refuses express when it is not offered'),
      surcharge: shopData('A percentage of the services, or a fixed amount in øre', 'What express adds to an order', ['percent', 'amountOre']),
      turnaroundWorkingDays: shopData('The express turnaround in working days (0: same day)', 'The promised date intake proposes with express'),
      updatedAt: bookkeeping('When it last changed'),
      version: bookkeeping('Version number of the option'),
    },
  },
} as const satisfies Record<string, EntityInventory>;

export type InventoriedEntity = keyof typeof DATA_INVENTORY;
