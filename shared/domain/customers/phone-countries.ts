import type { CountryCode } from 'libphonenumber-js/core';

/**
 * The countries whose mobile numbers a shop may accept (ShopConfig.phoneCountries chooses among
 * them). Only their numbering rules are bundled: see infra/tools/phone-metadata.ts.
 */
export const PHONE_COUNTRIES = ['NO', 'SE', 'DK'] as const satisfies readonly CountryCode[];
export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];
