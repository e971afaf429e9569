import { LANGUAGES, type Language } from '../customers/customers';
import { SMS_PURPOSES, type MessageParams, type SmsPurpose } from '../kernel/outbox-message';
import type { ExtensionReason } from '../rights/privacy-requests';
import { countSegments } from './sms-segments';

/**
 * The only texts this system sends, in Norwegian bokmål and English. Kept short so that, with the
 * shop's name and a ticket number filled in, each fits one GSM-7 segment (tested).
 */
export type TemplateContext = { shopName: string; shopPhone: string };

type Template = (p: Required<Pick<MessageParams, 'ticket' | 'date' | 'code' | 'minutes'>> & Pick<MessageParams, 'requestType' | 'waitingFor'> & { reason: string }, shop: TemplateContext) => string;

/** Why an extension is needed, as the SMS says it (art. 12(3): the customer is told the reasons). */
export const EXTENSION_REASON_TEXTS: Record<ExtensionReason, Record<Language, string>> = {
  complex_request: { nb: 'den er omfattende', en: 'it is complex' },
  many_requests: { nb: 'vi har mange henvendelser nå', en: 'we have many requests now' },
  records_to_collect: { nb: 'vi må hente fram arkiverte opplysninger', en: 'we must collect archived records' },
};

const TEMPLATES: Record<SmsPurpose, Record<Language, Template>> = {
  pickup_ready: {
    nb: (p, s) => `Hei! Tøyet ditt (lapp ${p.ticket}) er klart til henting hos ${s.shopName}. Velkommen innom!`,
    en: (p, s) => `Hi! Your garments (ticket ${p.ticket}) are ready for pickup at ${s.shopName}. Welcome!`,
  },
  part_ready: {
    nb: (p, s) => `Hei! Noe av tøyet ditt (lapp ${p.ticket}) er klart til henting hos ${s.shopName}. Vi sier fra når resten er klart.`,
    en: (p, s) => `Hi! Some of your garments (ticket ${p.ticket}) are ready for pickup at ${s.shopName}. We will tell you when the rest is ready.`,
  },
  delay: {
    nb: (p, s) => `Beklager! Tøyet ditt (lapp ${p.ticket}) blir forsinket og er klart ${p.date}. Hilsen ${s.shopName}`,
    en: (p, s) => `Sorry! Your garments (ticket ${p.ticket}) are delayed and will be ready ${p.date}. ${s.shopName}`,
  },
  question: {
    nb: (p, s) => `Vi har et spørsmål om tøyet ditt (lapp ${p.ticket}). Ring oss gjerne på ${s.shopPhone}. Hilsen ${s.shopName}`,
    en: (p, s) => `We have a question about your garments (ticket ${p.ticket}). Please call us on ${s.shopPhone}. ${s.shopName}`,
  },
  uncollected_reminder: {
    nb: (p, s) => `Påminnelse: Tøyet ditt (lapp ${p.ticket}) har vært klart siden ${p.date}. Hent det gjerne hos ${s.shopName}.`,
    en: (p, s) => `Reminder: your garments (ticket ${p.ticket}) have been ready since ${p.date}. Please collect them at ${s.shopName}.`,
  },
  request_completed: {
    nb: (p, s) =>
      p.requestType === 'erasure'
        ? `Vi har slettet opplysningene dine hos ${s.shopName}, bortsett fra det loven krever at vi tar vare på. Dette er siste melding fra oss.`
        : `Innsynet ditt hos ${s.shopName} er klart. Logg inn med mobilnummeret ditt for å se det.`,
    en: (p, s) =>
      p.requestType === 'erasure'
        ? `We have erased your data at ${s.shopName}, except what the law requires us to keep. This is our last message.`
        : `Your data from ${s.shopName} is ready. Sign in with your mobile number to see it.`,
  },
  request_extended: {
    nb: (p, s) => `Vi trenger mer tid på henvendelsen din om personvern fordi ${p.reason}, og svarer senest ${p.date}. Hilsen ${s.shopName}`,
    en: (p, s) => `We need more time for your privacy request because ${p.reason}, and will answer by ${p.date}. ${s.shopName}`,
  },
  // Art. 12(4): why the erasure waits and what happens next, without the customer having to ask again.
  erasure_waiting: {
    // A business's pickups on account: the law wants their invoice first (ERASURE_HOLDS in erasure.ts).
    nb: (p, s) =>
      p.waitingFor === 'uninvoiced_pickups'
        ? `Vi sletter bedriftens opplysninger hos ${s.shopName} når hentingene på konto er fakturert, slik loven krever. Dere trenger ikke spørre igjen.`
        : `Vi sletter opplysningene dine hos ${s.shopName} når du har hentet tøyet ditt, for vi trenger dem til å levere det. Du trenger ikke spørre igjen.`,
    en: (p, s) =>
      p.waitingFor === 'uninvoiced_pickups'
        ? `We will erase the business's data at ${s.shopName} once its pickups on account are invoiced, as the law requires. No need to ask again.`
        : `We will erase your data at ${s.shopName} once you have collected your garments, as we need it to hand them back. No need to ask again.`,
  },
  // Art. 12(1) and 17(3)(e): erased but for what an unpaid invoice's claim needs, which data that is, why, and what happens next.
  erasure_held: {
    nb: (_p, s) => `Vi har slettet resten hos ${s.shopName}. Navn, adresse og nummer beholder vi for å kreve inn en ubetalt faktura, og sletter dem når den er gjort opp.`,
    en: (_p, s) => `We erased the rest at ${s.shopName}. We keep name, address and number to claim an unpaid invoice, and erase them once it is settled.`,
  },
  verification_code: {
    nb: (p, s) => `${p.code} er koden din hos ${s.shopName}. Den gjelder i ${p.minutes} minutter. Ikke del den med noen.`,
    en: (p, s) => `${p.code} is your code for ${s.shopName}. It is valid for ${p.minutes} minutes. Do not share it.`,
  },
};

/** Dates in messages: 27.11.2026 in Norwegian, 27 Nov 2026 in English. */
export function formatMessageDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  if (language === 'nb') return `${day}.${month}.${year}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(day)} ${months[Number(month) - 1]} ${year}`;
}

export function renderSms(purpose: SmsPurpose, language: Language, params: MessageParams, shop: TemplateContext): string {
  return TEMPLATES[purpose][language](
    {
      ticket: params.ticket ?? '',
      date: params.date ? formatMessageDate(params.date, language) : '',
      code: params.code ?? '',
      minutes: params.minutes ?? 0,
      ...(params.requestType ? { requestType: params.requestType } : {}),
      ...(params.waitingFor ? { waitingFor: params.waitingFor } : {}),
      reason: params.reason ? EXTENSION_REASON_TEXTS[params.reason][language] : '',
    },
    shop,
  );
}

/** The longest values a template's blanks take: a ten-digit ticket, a date, a code, minutes. */
export const LONGEST_SMS_PARAMS: MessageParams = { ticket: '9999999999', date: '2026-12-31', code: '123456', minutes: 10, reason: 'records_to_collect' };
const SMS_VARIANTS: readonly MessageParams[] = [LONGEST_SMS_PARAMS, { ...LONGEST_SMS_PARAMS, waitingFor: 'uninvoiced_pickups' }];

/**
 * The templates that would not go out as one GSM-7 segment with this shop's name and phone: a
 * curly apostrophe or a dash outside GSM 03.38 turns every message into UCS-2 (70 characters a
 * segment), and a long name into two or three segments, each paid for. Checked at synth.
 */
export function templatesOverOneSegment(shop: TemplateContext): string[] {
  return SMS_PURPOSES.flatMap((purpose) =>
    LANGUAGES.filter((language) =>
      // Each wording a template has: the erasure's wait for a business's pickups on account is its own text.
      SMS_VARIANTS.some((params) => {
        const count = countSegments(renderSms(purpose, language, params, shop));
        return count.encoding !== 'GSM-7' || count.segments > 1;
      }),
    ).map((language) => `${purpose} (${language})`),
  );
}
