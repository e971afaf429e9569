import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { abn, checkCF, checkPIVAseIT, checkSEOrgnr, gln, loadPeppolValidator, mod11, mod97_0208, PEPPOL_DIR, slack, tinVerification, type PeppolValidator } from '../helpers/peppol';

/**
 * The validator the EHF tests trust, proved before it is trusted: the official examples of
 * release 3.0.19 pass both rule files, and copies broken on purpose fail with the rule that
 * forbids the break. The u: functions are checked on numbers known valid, and the same with a
 * digit changed.
 */
const RULES_TIMEOUT = 600_000;
const example = (file: string) => readFileSync(join(PEPPOL_DIR, file), 'utf8');
const ids = (violations: { id: string }[]) => [...new Set(violations.map((violation) => violation.id))];

let rules: PeppolValidator;
beforeAll(() => {
  rules = loadPeppolValidator();
}, RULES_TIMEOUT);

describe('the PEPPOL BIS 3.0 validator', () => {
  it.each(['base-example.xml', 'base-creditnote-correction.xml'])('passes the official example %s with no failed assert at all', (file) => {
    expect(rules.all(example(file))).toEqual([]);
  }, RULES_TIMEOUT);

  it('passes the official Norwegian example, whose one failed assert is flagged a warning', () => {
    const violations = rules.all(example('Norwegian-example-1.xml'));
    expect(violations.map(({ id, flag }) => ({ id, flag }))).toEqual([{ id: 'UBL-CR-679', flag: 'warning' }]);
    expect(rules.errors(example('Norwegian-example-1.xml'))).toEqual([]);
  }, RULES_TIMEOUT);

  it('fails a copy without the buyer’s electronic address (PEPPOL-EN16931-R010)', () => {
    const broken = example('base-example.xml').replace('<cbc:EndpointID schemeID="0002">FR23342</cbc:EndpointID>', '');
    expect(ids(rules.errors(broken))).toEqual(['PEPPOL-EN16931-R010']);
  }, RULES_TIMEOUT);

  it('fails a copy whose VAT total is not the sum of its breakdown (BR-CO-14, BR-CO-15)', () => {
    const xml = example('Norwegian-example-1.xml');
    const total = /<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="NOK">([\d.]+)<\/cbc:TaxAmount>/.exec(xml);
    expect(total).not.toBeNull();
    const broken = xml.replace(total![0], total![0].replace(total![1]!, (Number(total![1]) + 10).toFixed(2)));
    expect(ids(rules.errors(broken))).toEqual(expect.arrayContaining(['BR-CO-14', 'BR-CO-15']));
  }, RULES_TIMEOUT);

  it('fails a copy with a Norwegian organisation number whose MOD11 check digit is wrong (PEPPOL-COMMON-R041, through u:mod11)', () => {
    const broken = example('Norwegian-example-1.xml').replace('<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>', '<cbc:EndpointID schemeID="0192">987654324</cbc:EndpointID>');
    expect(ids(rules.errors(broken))).toEqual(['PEPPOL-COMMON-R041']);
  }, RULES_TIMEOUT);

  it('fails a copy with a GLN whose check digit is wrong (PEPPOL-COMMON-R040, through u:gln)', () => {
    const broken = example('base-example.xml').replace('>9482348239847239874<', '>9482348239847239875<');
    expect(ids(rules.errors(broken))).toEqual(['PEPPOL-COMMON-R040']);
  }, RULES_TIMEOUT);

  it('fails a copy whose line amount is not quantity × price (PEPPOL-EN16931-R120, through u:slack)', () => {
    const xml = example('base-creditnote-correction.xml');
    const price = /<cbc:PriceAmount currencyID="EUR">([\d.]+)<\/cbc:PriceAmount>/.exec(xml);
    expect(price).not.toBeNull();
    const broken = xml.replace(price![0], price![0].replace(price![1]!, (Number(price![1]) + 1).toFixed(2)));
    expect(ids(rules.errors(broken))).toContain('PEPPOL-EN16931-R120');
  }, RULES_TIMEOUT);
});

describe('the u: functions ported from PEPPOL-EN16931-UBL.sch', () => {
  it.each([
    ['u:mod11', '974760673', '974760674', mod11],
    ['u:gln', '7080000000005', '7080000000006', gln],
    ['u:abn', '51824753556', '51824753557', abn],
    ['u:checkSEOrgnr', '5560360793', '5560360794', checkSEOrgnr],
    ['u:mod97-0208', '0203201340', '0203201341', mod97_0208],
    ['u:TinVerification', '090000045', '090000046', tinVerification],
    ['u:checkPIVAseIT', 'IT01234567897', 'IT01234567898', checkPIVAseIT],
    ['u:checkCF', 'RSSMRA85T10A562S', 'RSSMRA8XT10A562S', checkCF],
  ] as const)('%s accepts %s and refuses %s', (_, valid, invalid, check) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });

  it('u:slack allows the given difference either way and no more', () => {
    expect(slack(100, 100.02, 0.02)).toBe(true);
    expect(slack(100, 99.98, 0.02)).toBe(true);
    expect(slack(100, 100.03, 0.02)).toBe(false);
  });
});
