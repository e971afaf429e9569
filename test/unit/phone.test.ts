import { readFileSync } from 'node:fs';
import { ValidationError } from '#shared/domain/kernel/errors';
import { normaliseMobileNumber } from '#shared/domain/customers/phone';
import { PHONE_METADATA_FILE, slicePhoneMetadata } from '../../infra/tools/phone-metadata';

describe('Norwegian mobile numbers', () => {
  it.each([
    ['912 34 567', '+4791234567'],
    ['91234567', '+4791234567'],
    ['+47 412 34 567', '+4741234567'],
    ['0047 41234567', '+4741234567'],
    ['(+47) 912-34-567', '+4791234567'],
  ])('%s → %s', (input, e164) => {
    expect(normaliseMobileNumber(input, ['NO'])).toBe(e164);
  });

  it.each([
    ['a landline', '22 12 34 56'],
    ['too short', '9123456'],
    ['too long', '912345678'],
    ['letters', 'ring meg'],
    ['a Swedish mobile when only Norway is allowed', '+46 70 123 45 67'],
    ['a British mobile (a country whose rules are not bundled)', '+44 7700 900123'],
    ['a Svalbard landline (shares +47)', '+47 79 02 12 34'],
    ['empty', ''],
  ])('refuses %s', (_name, input) => {
    expect(() => normaliseMobileNumber(input, ['NO'])).toThrow(ValidationError);
  });

  it.each([
    ['+46 70 123 45 67', ['NO', 'SE'] as const, '+46701234567'],
    ['+45 20 12 34 56', ['NO', 'DK'] as const, '+4520123456'],
    ['70 123 45 67', ['SE', 'NO'] as const, '+46701234567'],
  ])('accepts %s when the shop allows %j', (input, countries, e164) => {
    expect(normaliseMobileNumber(input, countries)).toBe(e164);
  });
});

describe('the bundled numbering rules', () => {
  it('are the installed libphonenumber-js mobile metadata for the supported countries (run `npm run phone-metadata` after an update)', () => {
    expect(JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8'))).toEqual(slicePhoneMetadata());
  });
});
