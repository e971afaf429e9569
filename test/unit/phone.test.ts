import { ValidationError } from '../../shared/domain/errors';
import { normaliseMobileNumber } from '../../shared/domain/phone';

describe('Norwegian mobile numbers', () => {
  it.each([
    ['912 34 567', '+4791234567'],
    ['91234567', '+4791234567'],
    ['+47 412 34 567', '+4741234567'],
    ['0047 41234567', '+4741234567'],
    ['(+47) 912-34-567', '+4791234567'],
  ])('%s → %s', async (input, e164) => {
    await expect(normaliseMobileNumber(input, ['NO'])).resolves.toBe(e164);
  });

  it.each([
    ['a landline', '22 12 34 56'],
    ['too short', '9123456'],
    ['too long', '912345678'],
    ['letters', 'ring meg'],
    ['a Swedish mobile when only Norway is allowed', '+46 70 123 45 67'],
    ['empty', ''],
  ])('refuses %s', async (_name, input) => {
    await expect(normaliseMobileNumber(input, ['NO'])).rejects.toThrow(ValidationError);
  });

  it('accepts another country when the shop allows it', async () => {
    await expect(normaliseMobileNumber('+46 70 123 45 67', ['NO', 'SE'])).resolves.toBe('+46701234567');
  });
});
