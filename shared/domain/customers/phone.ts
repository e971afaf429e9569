import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import { ValidationError } from '../kernel/errors';
import type { PhoneCountry } from './phone-countries';
import PHONE_METADATA from './phone-metadata.json';

const metadata = PHONE_METADATA as MetadataJson;

/**
 * A customer's number, in E.164 (+47 and 8 digits for Norway), with what it can do: a mobile
 * receives the pickup SMS and sign-in codes and is unique among customers (the phone claim); a
 * landline is called instead, and may be shared (a hotel's switchboard), so it claims nothing.
 */
export const PHONE_KINDS = ['mobile', 'landline'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];
export type PhoneNumber = { e164: string; kind: PhoneKind };

/**
 * Reads a number as the counter or a customer types it (Norwegian by default) and says what kind
 * it is, by libphonenumber-js's numbering rules for PHONE_COUNTRIES, sliced to fixed-line and
 * mobile types (infra/tools/phone-metadata.ts). Any other kind (toll-free, premium rate, shared
 * cost, VoIP) is not in the slice, so it is refused like an invalid number: the shop can neither
 * text it nor count on reaching a person there. Where a country's plan cannot tell the two apart
 * (Denmark's: FIXED_LINE_OR_MOBILE) the number is taken as a mobile, as before landlines were
 * accepted: the SMS is tried, and a landline's is refused by the provider and shown to staff.
 */
export function parsePhoneNumber(input: string, allowedCountries: readonly PhoneCountry[], field = 'phone'): PhoneNumber {
  const defaultCountry = allowedCountries[0];
  const parsed = parsePhoneNumberFromString(input, defaultCountry ? { defaultCountry } : {}, metadata);
  const allowed = parsed?.country !== undefined && (allowedCountries as readonly string[]).includes(parsed.country);
  const type = parsed && allowed && parsed.isValid() ? parsed.getType() : undefined;
  if (!parsed || type === undefined) {
    throw new ValidationError('The phone number is not a valid mobile or landline number', [
      { pointer: `/${field}`, detail: `Expected a mobile or landline number from ${allowedCountries.join(', ')}, for example +47 912 34 567` },
    ]);
  }
  return { e164: parsed.number, kind: type === 'FIXED_LINE' ? 'landline' : 'mobile' };
}

/**
 * A number that can only be used if it is a mobile (sign-in: codes go by SMS): its E.164 when it
 * is one, undefined when it is a valid landline, and refused (naming the field, in the words of a
 * mobile number) when it is neither.
 */
export function mobileNumberIn(input: string, allowedCountries: readonly PhoneCountry[], field = 'phone'): string | undefined {
  let number: PhoneNumber;
  try {
    number = parsePhoneNumber(input, allowedCountries, field);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError('The phone number is not a valid mobile number', [
      { pointer: `/${field}`, detail: `Expected a mobile number from ${allowedCountries.join(', ')}, for example +47 912 34 567` },
    ]);
  }
  return number.kind === 'mobile' ? number.e164 : undefined;
}
