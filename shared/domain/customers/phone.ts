import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import { ValidationError } from '../kernel/errors';
import type { PhoneCountry } from './phone-countries';
import PHONE_METADATA from './phone-metadata.json';

const metadata = PHONE_METADATA as MetadataJson;

/**
 * Mobile numbers are stored in E.164 (+47 and 8 digits for Norway, where mobiles start with 4 or 9).
 * The numbering rules are libphonenumber-js's `mobile` metadata, sliced to PHONE_COUNTRIES
 * (infra/tools/phone-metadata.ts); it only accepts numbers whose type is mobile, so a landline
 * (which cannot receive the pickup SMS) is rejected here rather than at send time.
 */
export function normaliseMobileNumber(input: string, allowedCountries: readonly PhoneCountry[], field = 'phone'): string {
  const defaultCountry = allowedCountries[0];
  const parsed = parsePhoneNumberFromString(input, defaultCountry ? { defaultCountry } : {}, metadata);
  const allowed = parsed?.country !== undefined && (allowedCountries as readonly string[]).includes(parsed.country);
  if (!parsed || !parsed.isValid() || !allowed) {
    const where = allowedCountries.join(', ');
    throw new ValidationError('The phone number is not a valid mobile number', [
      { pointer: `/${field}`, detail: `Expected a mobile number from ${where}, for example +47 912 34 567` },
    ]);
  }
  return parsed.number;
}
