import { changedBusinessAccount, formatOrganisationNumber, newBusinessAccount, parseOrganisationNumber } from '#shared/domain/customers/business';
import type { BusinessAccount } from '#shared/domain/customers/customers';
import { ValidationError } from '#shared/domain/kernel/errors';

const address = { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' };
const hotel: BusinessAccount = { organisationNumber: '923609016', invoiceAddress: address, contactName: 'Kari Hansen', reference: 'Housekeeping', onAccount: true, ehf: false };

describe('an organisation number', () => {
  it.each([
    ['923609016', '923609016'],
    ['923 609 016', '923609016'],
    [' 923 609 016 ', '923609016'],
    ['923\u00A0609\u00A0016', '923609016'], // a no-break space, as a copied letterhead has it
    ['974760673', '974760673'], // Brønnøysundregistrene's own
  ])('reads %j as its nine digits', (typed, digits) => {
    expect(parseOrganisationNumber(typed)).toBe(digits);
  });

  it.each([
    ['a wrong check digit', '923609017'],
    ['a base whose check digit would be 10 (never issued)', '900000090'],
    ['eight digits', '92360901'],
    ['ten digits', '9236090160'],
    ['other separators', '923-609-016'],
    ['letters', 'NO923609016MVA'],
  ])('refuses %s, naming the field', (_case, typed) => {
    let thrown: unknown;
    try {
      parseOrganisationNumber(typed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([{ pointer: '/business/organisationNumber', detail: expect.any(String) }]);
  });

  it('names the query parameter when it is searched for', () => {
    expect(() => parseOrganisationNumber('123', '#/query/organisationNumber')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '#/query/organisationNumber' })] }));
  });

  it('is shown in three groups of three', () => {
    expect(formatOrganisationNumber('923609016')).toBe('923 609 016');
  });
});

describe('a business account', () => {
  it('goes on account and not by EHF unless staff say otherwise, the number as digits', () => {
    expect(newBusinessAccount({ organisationNumber: '923 609 016', invoiceAddress: address })).toEqual({ organisationNumber: '923609016', invoiceAddress: address, onAccount: true, ehf: false });
    expect(newBusinessAccount({ organisationNumber: '923609016', invoiceAddress: address, onAccount: false, ehf: true, contactName: 'Kari', reference: 'K-1' })).toEqual({
      organisationNumber: '923609016',
      invoiceAddress: address,
      contactName: 'Kari',
      reference: 'K-1',
      onAccount: false,
      ehf: true,
    });
  });

  it.each<[string, Parameters<typeof changedBusinessAccount>[1], BusinessAccount]>([
    ['a new contact keeps the rest', { contactName: 'Ola Berg' }, { ...hotel, contactName: 'Ola Berg' }],
    ['null removes the contact', { contactName: null }, { organisationNumber: '923609016', invoiceAddress: address, reference: 'Housekeeping', onAccount: true, ehf: false }],
    ['null removes the reference', { reference: null }, { organisationNumber: '923609016', invoiceAddress: address, contactName: 'Kari Hansen', onAccount: true, ehf: false }],
    ['a corrected number, typed with spaces', { organisationNumber: '974 760 673' }, { ...hotel, organisationNumber: '974760673' }],
    ['EHF switched on with nothing more', { ehf: true }, { ...hotel, ehf: true }],
    ['off account', { onAccount: false }, { ...hotel, onAccount: false }],
  ])('a change: %s', (_case, change, expected) => {
    expect(changedBusinessAccount(hotel, change)).toEqual(expected);
  });

  it('makes a private customer a business only with the number and the invoice address', () => {
    expect(changedBusinessAccount(undefined, { organisationNumber: '923609016', invoiceAddress: address })).toEqual({ organisationNumber: '923609016', invoiceAddress: address, onAccount: true, ehf: false });
    expect(() => changedBusinessAccount(undefined, { contactName: 'Kari' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/business/organisationNumber' }), expect.objectContaining({ pointer: '/business/invoiceAddress' })] }),
    );
    expect(() => changedBusinessAccount(undefined, { organisationNumber: '923609016' })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/business/invoiceAddress' })] }));
  });

  it('refuses a corrected number that fails MOD11', () => {
    expect(() => changedBusinessAccount(hotel, { organisationNumber: '923609017' })).toThrow(ValidationError);
  });
});
