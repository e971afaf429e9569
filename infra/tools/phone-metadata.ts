import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE_COUNTRIES } from '../../shared/domain/customers/phone-countries';
import { REPOSITORY_ROOT } from '../config/bundling';

/**
 * The slice of libphonenumber-js's mobile metadata for the countries a shop may accept
 * (the library's documented "custom metadata", used with `libphonenumber-js/core`). All of it
 * would add ~200 KB to every function that reads a phone number, and ~5 ms to its cold start.
 * `npm run phone-metadata` rewrites the slice; a unit test fails when it no longer matches the
 * installed package, so an update of libphonenumber-js cannot leave stale numbering rules behind.
 */
export const PHONE_METADATA_FILE = join(REPOSITORY_ROOT, 'shared', 'domain', 'customers', 'phone-metadata.json');

type Metadata = { version: number; country_calling_codes: Record<string, string[]>; countries: Record<string, unknown>; nonGeographic?: unknown };

export function slicePhoneMetadata(): Metadata {
  const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.mobile.json'), 'utf8')) as Metadata;
  // Every country sharing a calling code comes along (+47 is Norway and Svalbard), as the library expects.
  const codes = Object.entries(full.country_calling_codes).filter(([, countries]) => countries.some((c) => (PHONE_COUNTRIES as readonly string[]).includes(c)));
  const countries = codes.flatMap(([, list]) => list);
  return {
    version: full.version,
    country_calling_codes: Object.fromEntries(codes),
    countries: Object.fromEntries(countries.map((c) => [c, full.countries[c]])),
    nonGeographic: {},
  };
}

if (require.main === module) {
  writeFileSync(PHONE_METADATA_FILE, `${JSON.stringify(slicePhoneMetadata(), null, 1)}\n`);
  console.log(`Wrote ${PHONE_METADATA_FILE} for ${PHONE_COUNTRIES.join(', ')}`);
}
