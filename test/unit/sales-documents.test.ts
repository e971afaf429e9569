import { stageConfig } from '../../infra/config/stages';
import { formatAccount, isValidMod10, isValidNorwegianAccount, isValidOrganisationNumber, mod10CheckDigit } from '#shared/domain/kernel/check-digits';
import type { Customer } from '#shared/domain/customers/customers';
import { priceOrder, type Order } from '#shared/domain/orders/orders';
import { buildCreditNote, buildInvoice, creditNoteFor, creditSelectionOf, formatKroner, kidFor, NOTHING_CREDITED, retentionDate, type CreditSelection, type CreditTally } from '#shared/domain/invoices/sales-documents';
import { vatFromGross } from '#shared/domain/kernel/money';
import { journalCsv, startOfShopDay, type JournalRow } from '#shared/domain/invoices/sales-journal';

describe('MOD10 (Luhn), the KID check digit', () => {
  it.each(['79927398713', '4111111111111111', '4012888888881881', '378282246310005', '5555555555554444', '0'.repeat(8) + '0'])(
    'accepts the published valid number %s',
    (number) => {
      expect(isValidMod10(number)).toBe(true);
      expect(mod10CheckDigit(number.slice(0, -1))).toBe(Number(number.at(-1)));
    },
  );

  it.each(['79927398710', '4111111111111112', '1'])('refuses %s', (number) => {
    expect(isValidMod10(number)).toBe(false);
  });

  it('makes KIDs of the document number padded to eight digits and a valid check digit', () => {
    expect(kidFor(10001)).toBe('000100016');
    for (const n of [1, 42, 10001, 99_999_999]) {
      const kid = kidFor(n);
      expect(kid).toHaveLength(9);
      expect(isValidMod10(kid)).toBe(true);
      expect(Number(kid.slice(0, 8))).toBe(n);
    }
  });
});

describe('Norwegian account numbers (MOD11)', () => {
  it('accepts a valid one and prints it as banks do', () => {
    expect(isValidNorwegianAccount('86011117947')).toBe(true);
    expect(formatAccount('86011117947')).toBe('8601.11.17947');
  });
  it.each(['86011117948', '8601111794', 'abcdefghijk'])('refuses %s', (account) => {
    expect(isValidNorwegianAccount(account)).toBe(false);
  });
});

describe('organisation numbers (MOD11, weights 3,2,7,6,5,4,3,2)', () => {
  // 923609016 is Equinor ASA and 974760673 Brønnøysundregistrene, both as Enhetsregisteret shows them.
  it.each(['923609016', '974760673', '123456785'])('accepts %s', (number) => {
    expect(isValidOrganisationNumber(number)).toBe(true);
  });
  it.each(['923609017', '123456789', '12345678', '1234567850', '12345678a'])('refuses %s', (number) => {
    expect(isValidOrganisationNumber(number)).toBe(false);
  });
});

describe('retention (bokføringsloven § 13: five years after the end of the fiscal year)', () => {
  it.each([
    ['2026-01-01', '2031-12-31'],
    ['2026-12-31', '2031-12-31'],
    ['2027-01-01', '2032-12-31'],
    ['2028-02-29', '2033-12-31'],
  ])('a document of %s is kept until %s', (issued, until) => {
    expect(retentionDate(issued)).toBe(until);
  });
});

describe('kroner as Norwegians write them', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [48_750, '487,50'],
    [123_456_789, '1 234 567,89'],
    [-48_750, '-487,50'],
  ])('%i øre → %s', (ore, text) => {
    expect(formatKroner(ore)).toBe(text);
  });
});

describe('building documents', () => {
  const shop = stageConfig('prod').shop;
  const priced = priceOrder([
    { service: 'Dress', description: 'Mørk blå', quantity: 1, unitPriceOre: 24_900 },
    { service: 'Skjorte', quantity: 3, unitPriceOre: 7_950 },
  ]);
  const order = { orderId: '1042', customerId: 'c-1', status: 'ready', ...priced } as Order;
  const customer = { customerId: 'c-1', name: 'Kari Nordmann', email: 'kari@example.no', emailPurposes: ['invoice'], language: 'nb' } as Customer;
  const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
  const invoice = buildInvoice({ documentNumber: 10001, order, customer, buyerAddress: address, shop, issuedAt: new Date('2026-12-20T10:00:00Z'), issueDate: '2026-12-20' });

  it('puts what the law asks on an invoice', () => {
    expect(invoice).toMatchObject({
      documentNumber: 10001,
      kind: 'invoice',
      issueDate: '2026-12-20',
      deliveryDate: '2026-12-20',
      dueDate: '2027-01-03', // 14 days, across the year end
      kid: '000100016',
      buyer: { name: 'Kari Nordmann', address },
      seller: { name: shop.name, organisationNumber: '123456785', vatRegistered: true, registeredInForetaksregisteret: true, bankAccount: '86011117947' },
      totals: { grossOre: 48_750, vatOre: 9_750, netOre: 39_000, vatRatePercent: 25 },
      delivery: 'email',
      retainUntil: '2031-12-31',
    });
    expect(invoice.lines).toEqual([
      { description: 'Dress: Mørk blå', keptAs: 'Annet arbeid', quantity: 1, unitPriceOre: 24_900, lineTotalOre: 24_900, vatRatePercent: 25, vatOre: 4_980 },
      { description: 'Skjorte', keptAs: 'Annet arbeid', quantity: 3, unitPriceOre: 7_950, lineTotalOre: 23_850, vatRatePercent: 25, vatOre: 4_770 },
    ]);
  });

  it('prints rather than e-mails for a customer without the e-invoice choice', () => {
    const paper = buildInvoice({ documentNumber: 1, order, customer: { ...customer, emailPurposes: ['privacy_requests'] }, buyerAddress: address, shop, issuedAt: new Date(), issueDate: '2026-01-01' });
    expect(paper.delivery).toBe('print');
  });

  describe('a business as buyer', () => {
    const invoiceAddress = { street: 'Strandgata 1', postalCode: '2815', city: 'Gjøvik' };
    const hotel = { ...customer, name: 'Hotell Mjøsa AS', business: { organisationNumber: '923609016', invoiceAddress, reference: 'Resepsjonen', onAccount: false, ehf: false } } as Customer;
    const issue = (buyer: Customer, over: { reference?: string; buyerAddress?: typeof address } = {}) =>
      buildInvoice({ documentNumber: 10003, order: { ...order, ...(over.reference ? { reference: over.reference } : {}) }, customer: buyer, ...(over.buyerAddress ? { buyerAddress: over.buyerAddress } : {}), shop, issuedAt: new Date('2026-12-20T10:00:00Z'), issueDate: '2026-12-20' });

    it('names it by its legal name, organisation number and the invoice address on its account, with the reference fixed on the account', () => {
      expect(issue(hotel).buyer).toEqual({ name: 'Hotell Mjøsa AS', address: invoiceAddress, organisationNumber: '923609016', reference: 'Resepsjonen' });
    });

    it('prints the order\'s own reference before the account\'s, and an address given at the counter before the account\'s', () => {
      expect(issue(hotel, { reference: 'Kjøkkenet, Per', buyerAddress: address }).buyer).toEqual({ name: 'Hotell Mjøsa AS', address, organisationNumber: '923609016', reference: 'Kjøkkenet, Per' });
    });

    it('prints a private buyer\'s reference too, with no organisation number', () => {
      expect(issue(customer, { reference: 'Bryllupet', buyerAddress: address }).buyer).toEqual({ name: 'Kari Nordmann', address, reference: 'Bryllupet' });
    });

    it('refuses an invoice to a private buyer without an address, naming the field', () => {
      expect(() => issue(customer)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/buyerAddress' })] }));
    });
  });

  describe('partial credit notes', () => {
    const at = { issuedAt: new Date('2027-01-02T09:00:00Z'), issueDate: '2027-01-02', reason: 'Flekk' };
    const credit = (documentNumber: number, tally: CreditTally, selection?: CreditSelection) => creditNoteFor({ documentNumber, original: invoice, tally, ...(selection ? { selection } : {}), ...at });

    it('credits chosen lines, a line in part by quantity, each line\'s VAT at its rate', () => {
      const { creditNote, tally } = credit(10002, NOTHING_CREDITED, { lines: [{ line: 2, quantity: 2 }] });
      expect(creditNote).toMatchObject({ kind: 'credit_note', partialCredit: true, creditsDocument: 10001, totals: { grossOre: -15_900, vatOre: -3_180, netOre: -12_720 } });
      expect(creditNote.lines).toEqual([{ description: 'Skjorte', keptAs: 'Annet arbeid', quantity: -2, unitPriceOre: 7_950, lineTotalOre: -15_900, vatRatePercent: 25, vatOre: -3_180 }]);
      expect(tally).toEqual({ creditNotes: [10002], grossOre: 15_900, lines: [{ line: 2, quantity: 2, amountOre: 15_900 }] });
    });

    it('credits an amount with its VAT at the invoice\'s rate', () => {
      const { creditNote } = credit(10002, NOTHING_CREDITED, { amountOre: 10_000 });
      expect(creditNote.totals).toEqual({ grossOre: -10_000, vatOre: -2_000, netOre: -8_000, vatRatePercent: 25 });
    });

    it('credits what is left of a line, to the øre, and refuses more of it or of the invoice (409 naming the over-credit and what is left)', () => {
      const first = credit(10002, NOTHING_CREDITED, { lines: [{ line: 2, quantity: 1 }] });
      const rest = credit(10003, first.tally, { lines: [{ line: 2 }] });
      expect(rest.creditNote.lines[0]).toMatchObject({ quantity: -2, lineTotalOre: -15_900 });
      expect(rest.tally.lines).toEqual([{ line: 2, quantity: 3, amountOre: 23_850 }]);
      expect(() => credit(10004, rest.tally, { lines: [{ line: 2, quantity: 1 }] })).toThrow(expect.objectContaining({ kind: 'conflict', extensions: expect.objectContaining({ errors: [expect.objectContaining({ pointer: '/lines/0/quantity' })] }) }));
      const left = 48_750 - 23_850;
      expect(() => credit(10004, rest.tally, { amountOre: left + 1 })).toThrow(expect.objectContaining({ kind: 'conflict', extensions: { remainingOre: left, errors: [expect.objectContaining({ pointer: '/amountOre' })] } }));
      expect(credit(10004, rest.tally, { amountOre: left }).tally.grossOre).toBe(48_750);
    });

    it('refuses a line the invoice does not have, one named twice, and a full credit of an invoice credited in part', () => {
      expect(() => credit(10002, NOTHING_CREDITED, { lines: [{ line: 3 }] })).toThrow(expect.objectContaining({ kind: 'validation', issues: [expect.objectContaining({ pointer: '/lines/0/line' })] }));
      expect(() => credit(10002, NOTHING_CREDITED, { lines: [{ line: 1 }, { line: 1 }] })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/lines/1/line' })] }));
      const part = credit(10002, NOTHING_CREDITED, { amountOre: 100 });
      expect(() => credit(10003, part.tally)).toThrow(expect.objectContaining({ kind: 'conflict', extensions: { creditedBy: 10002 } }));
      expect(() => creditSelectionOf({ lines: [{ line: 1 }], amountOre: 100 })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/amountOre' })] }));
    });

    it('credits in parts exactly the invoice\'s VAT, each part the VAT of what was left less the VAT of what is left', () => {
      // 3 øre alone has 1 øre VAT (0,6 rounded up): twice, then the rest (9 749), would credit 9 751 øre of 9 750.
      const first = credit(10002, NOTHING_CREDITED, { amountOre: 3 });
      const second = credit(10003, first.tally, { amountOre: 3 });
      const rest = credit(10004, second.tally, { amountOre: 48_750 - 6 });
      const vat = [first, second, rest].map((c) => 0 - c.creditNote.totals.vatOre);
      expect(vat).toEqual([1, 0, 9_749]);
      expect(vat.reduce((sum, v) => sum + v, 0)).toBe(invoice.totals.vatOre);
      expect(rest.creditNote.totals).toMatchObject({ grossOre: -48_744, netOre: -(48_744 - 9_749) });
    });

    it('counts a line\'s quantity in thousandths, so 0,1 + 0,2 of 0,3 kg credits it all, neither refused nor leaving a sliver', () => {
      const kilos = { ...invoice, lines: [{ description: 'Dyne, kilovask', quantity: 0.3, unitPriceOre: 10_000, lineTotalOre: 3_000, vatRatePercent: 25, vatOre: 600 }], totals: vatFromGross(3_000, 25) };
      const byKilo = (documentNumber: number, tally: CreditTally, quantity?: number) =>
        creditNoteFor({ documentNumber, original: kilos, tally, selection: { lines: [{ line: 1, ...(quantity !== undefined ? { quantity } : {}) }] }, ...at });
      const first = byKilo(10002, NOTHING_CREDITED, 0.1);
      const second = byKilo(10003, first.tally, 0.1);
      const last = byKilo(10004, second.tally, 0.1);
      expect([first, second, last].map((c) => c.creditNote.lines[0]?.lineTotalOre)).toEqual([-1_000, -1_000, -1_000]);
      expect(last.tally.lines).toEqual([{ line: 1, quantity: 0.3, amountOre: 3_000 }]);
      const split = byKilo(10003, first.tally, 0.2);
      expect(split.tally.lines).toEqual([{ line: 1, quantity: 0.3, amountOre: 3_000 }]);
      expect(() => byKilo(10004, split.tally)).toThrow(expect.objectContaining({ kind: 'conflict' }));
      expect(() => byKilo(10002, NOTHING_CREDITED, 0.0001)).toThrow(expect.objectContaining({ kind: 'validation', issues: [expect.objectContaining({ pointer: '/lines/0/quantity' })] }));
    });

    it('credits the whole invoice once, as before partial credits', () => {
      const whole = credit(10002, NOTHING_CREDITED);
      expect(whole.creditNote.totals.grossOre).toBe(-48_750);
      expect(whole.creditNote.partialCredit).toBeUndefined();
      expect(() => credit(10003, whole.tally, { amountOre: 1 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ remainingOre: 0 }) }));
    });
  });

  it('reverses every amount in a credit note that references the invoice, with its own retention', () => {
    const credit = buildCreditNote({ documentNumber: 10002, original: invoice, reason: 'Feil pris', issuedAt: new Date('2027-01-02T09:00:00Z'), issueDate: '2027-01-02' });
    expect(credit).toMatchObject({ kind: 'credit_note', documentNumber: 10002, creditsDocument: 10001, creditReason: 'Feil pris', retainUntil: '2032-12-31' });
    expect(credit.totals).toEqual({ grossOre: -48_750, vatOre: -9_750, netOre: -39_000, vatRatePercent: 25 });
    expect(credit.lines.map((l) => [l.quantity, l.lineTotalOre])).toEqual([[-1, -24_900], [-3, -23_850]]);
    expect(credit.dueDate).toBeUndefined();
    expect(credit.kid).toBeUndefined();
  });
});

describe('the sales journal as CSV', () => {
  const row = (overrides: Partial<JournalRow>): JournalRow => ({
    type: 'Faktura', number: '10001', date: '2026-03-01', orderId: '1042', buyer: 'Kari Nordmann', payment: 'faktura',
    netOre: 39_000, vatOre: 9_750, grossOre: 48_750, vatRatePercent: 25, reference: 'KID 000100016', ...overrides,
  });

  it('has a header, a row a sale and totals equal to the sum of the rows', () => {
    const csv = journalCsv([row({}), row({ type: 'Kassesalg', number: '', buyer: '', payment: 'kasse', netOre: 800, vatOre: 200, grossOre: 1_000, reference: 'kvittering K-1' })]);
    expect(csv.startsWith('\uFEFFType;Bilagsnr;Dato;Lapp;Kjøper;Betaling;Netto;MVA;Brutto;MVA-sats;Referanse\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n').at(-1)).toBe('Sum;;;;;;398,00;99,50;497,50;;2 bilag');
  });

  it('quotes what needs quoting and never lets a spreadsheet run a formula', () => {
    const csv = journalCsv([row({ buyer: 'Hansen; "Kari"' }), row({ buyer: '=HYPERLINK("http://x")' })]);
    expect(csv).toContain(';"Hansen; ""Kari""";');
    expect(csv).toContain(`;"'=HYPERLINK(""http://x"")";`);
    // A minus and a digit make a formula too, unless the field is an amount and nothing else.
    const sneaky = journalCsv([row({ buyer: '-1+HYPERLINK("http://x")', netOre: -24_900 })]);
    expect(sneaky).toContain(`;"'-1+HYPERLINK(""http://x"")";`);
    expect(sneaky).toContain(';-249,00;');
  });

  it('starts a shop day at local midnight, in winter and in summer', () => {
    expect(startOfShopDay('2026-01-15', 'Europe/Oslo')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfShopDay('2026-07-15', 'Europe/Oslo')).toBe('2026-07-14T22:00:00.000Z');
  });
});
