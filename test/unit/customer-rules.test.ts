import { decideEmail, type EmailChange, type EmailState } from '#shared/domain/customers/customers';
import { ValidationError } from '#shared/domain/kernel/errors';

const none: EmailState = { emailPurposes: [] };
const invoicing: EmailState = { email: 'kari@example.no', emailPurposes: ['invoice'] };
const both: EmailState = { email: 'kari@example.no', emailPurposes: ['invoice', 'privacy_requests'] };

describe('an e-mail address is kept only for a purpose', () => {
  it.each<[string, EmailState, EmailChange, EmailState]>([
    ['nothing asked, nothing kept', none, {}, none],
    ['an address with the e-invoice choice', none, { email: 'kari@example.no', invoiceByEmail: true }, invoicing],
    ['an address for privacy answers only', none, { email: 'k@example.no', emailPurposes: ['privacy_requests'] }, { email: 'k@example.no', emailPurposes: ['privacy_requests'] }],
    ['withdrawing the only purpose drops the address', invoicing, { invoiceByEmail: false }, none],
    ['withdrawing one of two purposes keeps the address', both, { invoiceByEmail: false }, { email: 'kari@example.no', emailPurposes: ['privacy_requests'] }],
    ['withdrawing the address withdraws its purposes', both, { email: null }, none],
    ['a new address keeps the purposes', invoicing, { email: 'ny@example.no' }, { email: 'ny@example.no', emailPurposes: ['invoice'] }],
  ])('%s', (_name, current, change, expected) => {
    expect(decideEmail(current, change)).toEqual(expected);
  });

  it.each<[string, EmailState, EmailChange]>([
    ['an address without a purpose', none, { email: 'kari@example.no' }],
    ['an e-invoice without an address', none, { invoiceByEmail: true }],
    ['withdrawing the address while asking for e-invoice', invoicing, { email: null, invoiceByEmail: true }],
    ['a new address while withdrawing the last purpose', invoicing, { email: 'ny@example.no', invoiceByEmail: false }],
  ])('refuses %s', (_name, current, change) => {
    expect(() => decideEmail(current, change)).toThrow(ValidationError);
  });
});
