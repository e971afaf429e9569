import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE_COUNTRIES } from '../../shared/domain/customers/phone-countries';
import { REPOSITORY_ROOT } from '../config/bundling';

/**
 * The slice of libphonenumber-js's metadata for the countries a shop may accept (the library's
 * documented "custom metadata", used with `libphonenumber-js/core`). All of it would add ~200 KB
 * to every function that reads a phone number, and ~5 ms to its cold start. Of each country's
 * number types only fixed line and mobile are kept (the first two of the metadata's type list):
 * a mobile gets the pickup SMS and sign-in codes, a landline is called, and any other kind
 * (toll-free, premium rate, shared cost, VoIP, pagers…) then parses as invalid, which is what the
 * counter should be told. `npm run phone-metadata` rewrites the slice; a unit test fails when it
 * no longer matches the installed package, so an update of libphonenumber-js cannot leave stale
 * numbering rules behind.
 */
export const PHONE_METADATA_FILE = join(REPOSITORY_ROOT, 'shared', 'domain', 'customers', 'phone-metadata.json');

type CountryMetadata = unknown[];
type Metadata = { version: number; country_calling_codes: Record<string, string[]>; countries: Record<string, CountryMetadata>; nonGeographic?: unknown };

/** Where a country's number types sit in the compressed metadata, and how many of them are kept: [fixed line, mobile]. */
const TYPES_INDEX = 11;
const KEPT_TYPES = 2;

export function slicePhoneMetadata(): Metadata {
  const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as Metadata;
  // Every country sharing a calling code comes along (+47 is Norway and Svalbard), as the library expects.
  const codes = Object.entries(full.country_calling_codes).filter(([, countries]) => countries.some((c) => (PHONE_COUNTRIES as readonly string[]).includes(c)));
  const countries = codes.flatMap(([, list]) => list);
  return {
    version: full.version,
    country_calling_codes: Object.fromEntries(codes),
    countries: Object.fromEntries(countries.map((c) => [c, withFixedLineAndMobileOnly(full.countries[c] as CountryMetadata)])),
    nonGeographic: {},
  };
}

function withFixedLineAndMobileOnly(country: CountryMetadata): CountryMetadata {
  const types = country[TYPES_INDEX];
  if (!Array.isArray(types)) throw new Error('libphonenumber-js metadata without number types: the slice needs a look after this update');
  return country.map((entry, i) => (i === TYPES_INDEX ? types.slice(0, KEPT_TYPES) : entry));
}

if (require.main === module) {
  writeFileSync(PHONE_METADATA_FILE, `${JSON.stringify(slicePhoneMetadata(), null, 1)}\n`);
  console.log(`Wrote ${PHONE_METADATA_FILE} for ${PHONE_COUNTRIES.join(', ')}`);
}
