import type { CountryCode } from 'libphonenumber-js';
import { ValidationError } from './errors';

/**
 * Mobile numbers are stored in E.164 (+47 and 8 digits for Norway, where mobiles start with 4 or 9).
 * The `mobile` metadata of libphonenumber-js only accepts numbers whose type is mobile, so a
 * landline (which cannot receive the pickup SMS) is rejected here rather than at send time.
 */
export async function normaliseMobileNumber(input: string, allowedCountries: readonly CountryCode[], field = 'phone'): Promise<string> {
  // The numbering metadata is loaded on first use, not at every function's cold start.
  const { parsePhoneNumberFromString } = await import('libphonenumber-js/mobile');
  const defaultCountry = allowedCountries[0];
  const parsed = parsePhoneNumberFromString(input, defaultCountry ? { defaultCountry } : undefined);
  const allowed = parsed?.country !== undefined && allowedCountries.includes(parsed.country);
  if (!parsed || !parsed.isValid() || !allowed) {
    const where = allowedCountries.join(', ');
    throw new ValidationError('The phone number is not a valid mobile number', [
      { pointer: `/${field}`, detail: `Expected a mobile number from ${where}, for example +47 912 34 567` },
    ]);
  }
  return parsed.number;
}
