import { readFileSync } from 'node:fs';
import { ValidationError } from '#shared/domain/kernel/errors';
import { pickupNoticeChannel } from '#shared/domain/customers/customers';
import { mobileNumberIn, parsePhoneNumber } from '#shared/domain/customers/phone';
import { PHONE_METADATA_FILE, slicePhoneMetadata } from '../../infra/tools/phone-metadata';

describe('Norwegian numbers', () => {
  it.each([
    ['912 34 567', '+4791234567'],
    ['91234567', '+4791234567'],
    ['+47 412 34 567', '+4741234567'],
    ['0047 41234567', '+4741234567'],
    ['(+47) 912-34-567', '+4791234567'],
  ])('%s is the mobile %s', (input, e164) => {
    expect(parsePhoneNumber(input, ['NO'])).toEqual({ e164, kind: 'mobile' });
    expect(mobileNumberIn(input, ['NO'])).toBe(e164);
  });

  it.each([
    ['an Oslo number', '22 12 34 56', '+4722123456'],
    ['a Gjøvik number', '61 00 00 00', '+4761000000'],
    ['a Bergen number, spelled from abroad', '0047 55 12 34 56', '+4755123456'],
  ])('%s is a landline: %s → %s', (_name, input, e164) => {
    expect(parsePhoneNumber(input, ['NO'])).toEqual({ e164, kind: 'landline' });
    // Where only a mobile will do (sign-in), a landline is no mobile, and no error either.
    expect(mobileNumberIn(input, ['NO'])).toBeUndefined();
  });

  it.each([
    ['too short', '9123456'],
    ['too long', '912345678'],
    ['letters', 'ring meg'],
    ['a toll-free number (neither mobile nor landline)', '800 12 345'],
    ['a shared-cost number', '815 00 000'],
    ['a Swedish mobile when only Norway is allowed', '+46 70 123 45 67'],
    ['a British mobile (a country whose rules are not bundled)', '+44 7700 900123'],
    ['a Svalbard landline (shares +47, but is not Norway)', '+47 79 02 12 34'],
    ['empty', ''],
  ])('refuses %s, naming the field', (_name, input) => {
    expect(() => parsePhoneNumber(input, ['NO'])).toThrow(ValidationError);
    expect(() => parsePhoneNumber(input, ['NO'], 'phone')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/phone' })] }));
    expect(() => mobileNumberIn(input, ['NO'])).toThrow(expect.objectContaining({ message: 'The phone number is not a valid mobile number' }));
  });

  it.each([
    ['+46 70 123 45 67', ['NO', 'SE'] as const, { e164: '+46701234567', kind: 'mobile' }],
    ['+46 8 123 456 78', ['NO', 'SE'] as const, { e164: '+46812345678', kind: 'landline' }],
    ['70 123 45 67', ['SE', 'NO'] as const, { e164: '+46701234567', kind: 'mobile' }],
    // Denmark's plan does not tell mobiles from landlines: taken as a mobile, as before landlines were accepted.
    ['+45 20 12 34 56', ['NO', 'DK'] as const, { e164: '+4520123456', kind: 'mobile' }],
  ])('reads %s when the shop allows %j', (input, countries, number) => {
    expect(parsePhoneNumber(input, countries)).toEqual(number);
  });
});

describe('how a customer is told the garments are ready', () => {
  it.each([
    [{ phone: { e164: '+4791234567', kind: 'mobile' as const } }, 'sms'],
    [{ phone: { e164: '+4722123456', kind: 'landline' as const } }, 'call'],
    [{}, 'wait'],
  ])('%j: %s', (customer, channel) => {
    expect(pickupNoticeChannel(customer)).toBe(channel);
  });
});

describe('the bundled numbering rules', () => {
  it('are the installed libphonenumber-js metadata, fixed-line and mobile types only, for the supported countries (run `npm run phone-metadata` after an update)', () => {
    expect(JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8'))).toEqual(slicePhoneMetadata());
  });
});
