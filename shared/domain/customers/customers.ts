import { ValidationError } from '../kernel/errors';
import type { PostalAddress } from '../kernel/postal-address';
import type { PhoneNumber } from './phone';

/**
 * A private customer of the shop. What is stored, and why, is declared in the data inventory
 * (shared/domain/inventory/inventory.ts); this module holds the rules for changing it.
 */
export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The closed list of reasons the shop may hold an e-mail address. The privacy statement promises
 * the address is stored "only when needed, for example because you want your invoice by e-mail":
 * no purpose, no address.
 */
export const EMAIL_PURPOSES = ['invoice', 'privacy_requests'] as const;
export type EmailPurpose = (typeof EMAIL_PURPOSES)[number];

export type Customer = {
  customerId: string;
  name: string;
  /**
   * The number the customer gave, if any: a mobile (SMS, sign-in codes, unique among customers),
   * a landline (called instead; may be shared, a hotel's switchboard), or none at all (a walk-in
   * who gives only a name: the counter waits for them).
   */
  phone?: PhoneNumber;
  email?: string;
  emailPurposes: EmailPurpose[];
  language: Language;
  createdAt: string;
  updatedAt: string;
  /**
   * Set for a business (a hotel, a restaurant, an office): then `name` is its legal name, and the
   * person the shop deals with is `contactName`. A business is not a data subject; its contact is.
   */
  business?: BusinessAccount;
  /** Last time an order was taken in; the retention sweep counts inactivity from it. */
  lastActivityAt: string;
  version: number;
};

export type BusinessAccount = {
  /** 9 digits, MOD11-checked (kernel/check-digits.ts), unique among customers. */
  organisationNumber: string;
  invoiceAddress: PostalAddress;
  contactName?: string;
  /** "Deres ref." printed on every invoice unless an order gives its own. */
  reference?: string;
  /** Orders picked up "on account" are gathered into one collective invoice per period. */
  onAccount: boolean;
  /** The business receives EHF (PEPPOL BIS Billing 3.0) at its organisation number. */
  ehf: boolean;
};

/** The number an SMS may go to (a pickup notice, a sign-in code): the customer's mobile, or none. */
export function mobileNumberOf(customer: Pick<Customer, 'phone'>): string | undefined {
  return customer.phone?.kind === 'mobile' ? customer.phone.e164 : undefined;
}

/**
 * How the shop tells a customer their garments are ready: an SMS to a mobile; a call to a
 * landline (the counter view says "call"); with no number, nothing can be sent and the counter
 * waits for the customer ("wait"). Intake and the counter views decide by this, not by the number.
 */
export type PickupNoticeChannel = 'sms' | 'call' | 'wait';

export function pickupNoticeChannel(customer: Pick<Customer, 'phone'>): PickupNoticeChannel {
  switch (customer.phone?.kind) {
    case 'mobile':
      return 'sms';
    case 'landline':
      return 'call';
    default:
      return 'wait';
  }
}

export type EmailState = { email?: string; emailPurposes: EmailPurpose[] };

export type EmailChange = {
  /** A new address; null withdraws the address (and with it every purpose that needs it). */
  email?: string | null;
  /** The e-invoice choice, kept as its own flag in the API because it is what the counter asks. */
  invoiceByEmail?: boolean;
  /** Purposes other than e-invoice, replacing the current ones when given. */
  emailPurposes?: EmailPurpose[];
};

/**
 * Applies a change to the e-mail address and its purposes, enforcing data minimisation:
 * an address given without any purpose is refused, a purpose without an address is refused,
 * and withdrawing the last purpose drops the address.
 */
export function decideEmail(current: EmailState, change: EmailChange): EmailState {
  const otherPurposes = (change.emailPurposes ?? current.emailPurposes).filter((p) => p !== 'invoice');
  const wantsInvoice = change.invoiceByEmail ?? current.emailPurposes.includes('invoice');
  const purposes = [...new Set<EmailPurpose>([...(wantsInvoice ? (['invoice'] as const) : []), ...otherPurposes])];

  if (change.email === null) {
    if (change.invoiceByEmail === true || (change.emailPurposes?.length ?? 0) > 0) {
      throw new ValidationError('An e-mail purpose needs an e-mail address', [
        { pointer: '/email', detail: 'Cannot withdraw the address and keep a purpose that needs it' },
      ]);
    }
    return { emailPurposes: [] };
  }

  const email = change.email ?? current.email;
  if (email !== undefined && purposes.length === 0) {
    if (change.email !== undefined) {
      throw new ValidationError('An e-mail address is stored only for a stated purpose', [
        { pointer: '/invoiceByEmail', detail: 'Set invoiceByEmail: true or give emailPurposes, or leave the address out' },
      ]);
    }
    return { emailPurposes: [] }; // the last purpose was withdrawn: the address goes with it
  }
  if (email === undefined && purposes.length > 0) {
    throw new ValidationError('An e-mail purpose needs an e-mail address', [
      { pointer: '/email', detail: 'Give the address the invoice should go to' },
    ]);
  }
  return email === undefined ? { emailPurposes: [] } : { email, emailPurposes: purposes };
}

export function normaliseEmail(email: string): string {
  // The domain part is case-insensitive (RFC 5321 §2.4); the local part is kept as typed.
  const at = email.lastIndexOf('@');
  return email.slice(0, at) + email.slice(at).toLowerCase();
}
