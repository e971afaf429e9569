import type { Language } from '../customers/customers';
import type { PhoneNumber } from '../customers/phone';
import { newMessage, type Message } from '../kernel/outbox-message';
import { isOpenReceivable } from '../receivables/receivables';
import type { CustomerData } from './customer-export';
import type { WaitingReason } from './privacy-requests';

/**
 * The legal-claim hold (GDPR art. 17(3)(e); LEGAL_HOLDS.legalClaim in the inventory). A customer
 * who owes the shop money on an invoice (open or partly paid, a reminder fee included) may still
 * have their data erased: everything is erased at once but for what the claim needs. The invoice
 * itself, kept for the books, already names the buyer with the postal address; this record keeps
 * beside it the name and the number the shop would contact them on, under the erasure's
 * pseudonym (the one the kept invoices and receivables carry), with the invoices it waits for.
 * When the last of those is paid, credited or written off the hold is released: deleted, in one
 * transaction that also checks every invoice is still closed and queues the erasure's
 * confirmation, so a payment and an erasure at the same moment, or two releases at once, end in
 * exactly one release and one message.
 */
export type ClaimHold = {
  /** The erasure's pseudonym: `erased:<request id>`, or the sweep's `inactive:<hash>`. */
  holder: string;
  /** The erasure request that waits for it; none when the inactivity sweep placed it. */
  requestId?: string;
  name: string;
  phone?: PhoneNumber;
  language: Language;
  /** The invoices open when the erasure was done: the hold ends when none of them is. */
  invoices: number[];
  since: string;
};

/** What a hold looks like to staff and to the customer: the hold, and which of its invoices are still open. */
export type ClaimHoldState = ClaimHold & { openInvoices: number[] };

/** The pseudonym an erasure request gives the customer's kept records (and its claim hold). */
export const requestPseudonym = (requestId: string) => `erased:${requestId}`;


/** The hold an erasure places for the customer's open invoices; undefined when nothing is owed. */
export function claimHoldFor(data: CustomerData, holder: string, since: Date, requestId?: string): ClaimHold | undefined {
  const invoices = data.receivables.filter(isOpenReceivable).map((r) => r.documentNumber);
  if (invoices.length === 0) return undefined;
  const { customer } = data;
  return { holder, ...(requestId ? { requestId } : {}), name: customer.name, ...(customer.phone ? { phone: customer.phone } : {}), language: customer.language, invoices, since: since.toISOString() };
}

/** The number an SMS about the hold may go to: a mobile only (a landline is called, as ever). */
const mobileOf = (hold: ClaimHold) => (hold.phone?.kind === 'mobile' ? hold.phone.e164 : undefined);

/**
 * Art. 12(1), 17(3)(e): the customer of an erasure request is told at once what is kept, why, and
 * that it goes by itself (the `erasure_held` SMS, in their language, to the number kept). Once per
 * request: the key is the request's.
 */
export function heldMessage(hold: ClaimHold, now: Date): Message | undefined {
  const recipient = mobileOf(hold);
  if (!hold.requestId || !recipient) return undefined;
  return newMessage({ customerId: hold.holder, purpose: 'erasure_held', occasion: hold.requestId, params: { language: hold.language }, recipient, now, retentionDays: 1 });
}

/** The erasure's confirmation when the hold ends, as the erasure sends it when nothing is owed. */
export function releasedMessage(hold: ClaimHold, now: Date): Message | undefined {
  const recipient = mobileOf(hold);
  if (!hold.requestId || !recipient) return undefined;
  return newMessage({ customerId: hold.holder, purpose: 'request_completed', occasion: hold.requestId, params: { requestType: 'erasure', language: hold.language }, recipient, now, retentionDays: 1 });
}

/** Why a request waits, in the customer's language (the `/me` view of it, and staff's). */
export function waitingExplanation(reason: WaitingReason, language: Language): string {
  const texts = {
    open_orders: {
      nb: 'Vi sletter opplysningene dine når du har hentet tøyet ditt, for vi trenger dem til å levere det. Du trenger ikke spørre igjen.',
      en: 'We will erase your data once you have collected your garments, as we need it to hand them back. No need to ask again.',
    },
    open_balance: {
      nb: 'Vi har slettet alt annet. Navnet ditt, adressen på fakturaen og telefonnummeret ditt beholder vi til den ubetalte fakturaen er betalt, kreditert eller avskrevet, fordi vi trenger dem for å kreve inn beløpet (personvernforordningen art. 17 nr. 3 bokstav e). Da sletter vi dem også og gir deg beskjed; du trenger ikke spørre igjen.',
      en: 'We have erased everything else. We keep your name, the address on the invoice and your phone number until the unpaid invoice is paid, credited or written off, as we need them to claim the amount (GDPR art. 17(3)(e)). Then we erase those too and tell you; no need to ask again.',
    },
    // A business (only a business picks up on account): "we", the business, not "you" the person.
    uninvoiced_pickups: {
      nb: 'Vi sletter opplysningene om bedriften når hentingene på konto er fakturert på samlefakturaen for perioden, for loven krever at hvert salg får en faktura (bokføringsloven). Da fortsetter slettingen av seg selv; dere trenger ikke spørre igjen.',
      en: 'We will erase the business\'s data once its pickups on account have been invoiced on the period\'s collective invoice, as the law requires an invoice for every sale (the Norwegian Bookkeeping Act). The erasure then goes on by itself; no need to ask again.',
    },
  } as const satisfies Record<WaitingReason, Record<Language, string>>;
  return texts[reason][language];
}
