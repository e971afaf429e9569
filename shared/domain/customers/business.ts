import { isValidOrganisationNumber } from '../kernel/check-digits';
import { ConflictError, ValidationError } from '../kernel/errors';
import type { PostalAddress } from '../kernel/postal-address';
import type { BusinessAccount } from './customers';

/**
 * A business customer's account: the rules for what staff type in. What a business is (its
 * fields) is declared with the customer (customers.ts); collective invoices read it from there.
 */

/** Where the organisation number sits in a request body: every refusal of it points here. */
export const ORGANISATION_NUMBER_POINTER = '/business/organisationNumber';

/**
 * Reads an organisation number as a clerk types it ("923 609 016", "923609016") into its nine
 * digits, refused (naming `pointer`) unless they pass MOD11 (Enhetsregisteret's check digit,
 * kernel/check-digits.ts). Only spaces are taken out: anything else is a typing error to show.
 */
export function parseOrganisationNumber(typed: string, pointer = ORGANISATION_NUMBER_POINTER): string {
  const digits = typed.replace(/[\s\u00A0]/g, '');
  if (!/^\d{9}$/.test(digits)) {
    throw new ValidationError('An organisation number is nine digits', [{ pointer, detail: 'Nine digits, for example 923 609 016' }]);
  }
  if (!isValidOrganisationNumber(digits)) {
    throw new ValidationError('The organisation number fails its check digit (MOD11)', [
      { pointer, detail: 'Not an organisation number Brønnøysundregistrene can have issued: check it against the business\'s letters or brreg.no' },
    ]);
  }
  return digits;
}

/**
 * Another customer holds the organisation number (its claim): one business, one account, so its
 * invoices and what it owes stay in one place. Both repositories throw this, naming the holder.
 */
export function organisationNumberTaken(existingCustomerId: string | undefined): ConflictError {
  return new ConflictError('A customer with this organisation number is already registered', {
    ...(existingCustomerId !== undefined ? { existingCustomerId } : {}),
    errors: [{ pointer: ORGANISATION_NUMBER_POINTER, detail: 'Open the existing customer (existingCustomerId) instead of registering the business twice' }],
  });
}

/** 923 609 016: three groups of three, as Brønnøysundregistrene and invoices print it. */
export function formatOrganisationNumber(digits: string): string {
  return /^\d{9}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

export type BusinessInput = {
  organisationNumber: string;
  invoiceAddress: PostalAddress;
  contactName?: string;
  reference?: string;
  /** Left out: a business's pickups go on its account (it is why a business has one). */
  onAccount?: boolean;
  /** Left out: no EHF. It needs nothing but the organisation number, its PEPPOL address (scheme 0192). */
  ehf?: boolean;
};

/** A correction of a business's account: fields left out stay; `null` removes an optional one. */
export type BusinessChange = Partial<Omit<BusinessInput, 'contactName' | 'reference'>> & { contactName?: string | null; reference?: string | null };

/** The account of a business registered now. */
export function newBusinessAccount(input: BusinessInput): BusinessAccount {
  return {
    organisationNumber: parseOrganisationNumber(input.organisationNumber),
    invoiceAddress: input.invoiceAddress,
    ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    onAccount: input.onAccount ?? true,
    ehf: input.ehf ?? false,
  };
}

/**
 * A change applied to the account there is (or to none: a private customer becoming a business,
 * which then needs what a registration needs, the number and the invoice address).
 */
export function changedBusinessAccount(current: BusinessAccount | undefined, change: BusinessChange): BusinessAccount {
  const organisationNumber = change.organisationNumber !== undefined ? parseOrganisationNumber(change.organisationNumber) : current?.organisationNumber;
  const invoiceAddress = change.invoiceAddress ?? current?.invoiceAddress;
  if (organisationNumber === undefined || invoiceAddress === undefined) {
    const missing = [organisationNumber === undefined ? 'organisationNumber' : [], invoiceAddress === undefined ? 'invoiceAddress' : []].flat();
    throw new ValidationError(
      'A customer becomes a business with its organisation number and invoice address',
      missing.map((field) => ({ pointer: `/business/${field}`, detail: 'Required when the customer is not a business yet' })),
    );
  }
  const contactName = change.contactName === undefined ? current?.contactName : (change.contactName ?? undefined);
  const reference = change.reference === undefined ? current?.reference : (change.reference ?? undefined);
  return {
    organisationNumber,
    invoiceAddress,
    ...(contactName !== undefined ? { contactName } : {}),
    ...(reference !== undefined ? { reference } : {}),
    onAccount: change.onAccount ?? current?.onAccount ?? true,
    ehf: change.ehf ?? current?.ehf ?? false,
  };
}
