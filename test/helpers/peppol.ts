import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerCustomXPathFunction, Schema } from 'node-schematron';

/**
 * The official PEPPOL BIS Billing 3.0 rules (release 3.0.19, ../shared/peppol/) run by
 * node-schematron, which evaluates the rules' XPath 3.1 with fontoxpath but runs no XSLT: the
 * `xsl:function`s that PEPPOL-EN16931-UBL.sch declares (namespace "utils", prefix u:) are ported
 * below to JavaScript, one for one, and registered as XPath functions under the same names. With
 * them every rule of both files runs; none is checked in code instead.
 *
 * Parsing the 310 KB CEN file takes seconds: load the schemas once per test file (beforeAll).
 */
/**
 * The official rules and examples, read where the team's shared data lives: `../shared/peppol/`
 * beside the repository (never copied into it), or `PEPPOL_DIR` for a clone kept elsewhere.
 */
export const PEPPOL_DIR = process.env.PEPPOL_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'peppol');
const SCHEMA_FILES = ['CEN-EN16931-UBL.sch', 'PEPPOL-EN16931-UBL.sch'] as const;

export type Violation = { id: string; flag: string; schema: string; message: string };
export type PeppolValidator = {
  /** The asserts that fail with flag fatal (or error): what makes a document invalid. */
  errors(xml: string): Violation[];
  /** Every failed assert, warnings included. */
  all(xml: string): Violation[];
};

// ---- XPath semantics the ported functions rely on ----------------------------------------

/** XPath string functions count code points, not UTF-16 units. */
const chars = (value: string) => Array.from(value);

/** fn:substring with integer arguments: the characters at positions p with start <= p < start + length (1-based). */
function substring(value: string, start: number, length = Infinity): string {
  return chars(value)
    .filter((_, index) => index + 1 >= start && index + 1 < start + length)
    .join('');
}

/** fn:number on a string: the xs:double lexical space (surrounding whitespace allowed), else NaN. */
function number(value: string | undefined): number {
  if (value === undefined) return NaN;
  const trimmed = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return ({ INF: Infinity, '-INF': -Infinity, '+INF': Infinity } as Record<string, number>)[trimmed] ?? NaN;
}

const castableAsInteger = (value: string) => /^\s*[+-]?\d+\s*$/.test(value);

/** xs:integer($value): a dynamic error (FORG0001) when it is not an integer, as in Saxon. */
function toInteger(value: string): number {
  if (!castableAsInteger(value)) throw new Error(`FORG0001: cannot cast "${value}" to xs:integer`);
  return Number(value.trim());
}

/** fn:translate($value, $from, ''): `value` without the characters of `from`. */
const without = (value: string, from: string) =>
  chars(value)
    .filter((character) => !from.includes(character))
    .join('');

// ---- the u: functions of PEPPOL-EN16931-UBL.sch, each after its xsl:function ---------------

/** Weighted digit sum of all but the last character, digits taken from the right (the shared body of u:gln and u:mod11). */
function weightedSum(value: string, weight: (index: number) => number): number {
  const length = chars(value).length - 1;
  const digits = chars(substring(value, 0, length + 1))
    .map((character) => (character.codePointAt(0) as number) - 48)
    .reverse();
  let sum = 0;
  for (let index = 0; index <= length - 1; index += 1) sum += (digits[index] as number) * weight(index);
  return sum;
}

/** u:gln: GS1 check digit, weights 3,1,3,… from the right. */
export function gln(value: string): boolean {
  const length = chars(value).length - 1;
  const sum = weightedSum(value, (index) => 1 + ((index + 1) % 2) * 2);
  return (10 - (sum % 10)) % 10 === number(substring(value, length + 1, 1));
}

/** u:mod11: the Norwegian organisation number's MOD11, weights 2..7 from the right. */
export function mod11(value: string): boolean {
  const length = chars(value).length - 1;
  const sum = weightedSum(value, (index) => (index % 6) + 2);
  return number(value) > 0 && (11 - (sum % 11)) % 11 === number(substring(value, length + 1, 1));
}

/** u:slack: |exp − val| ≤ slack. xs:decimal is exact in Saxon; here sums are rounded to 1e-9 so binary fractions do not decide. */
export function slack(expected: number, value: number, allowed: number): boolean {
  const scale = (n: number) => Math.round(n * 1e9);
  return scale(expected + allowed) >= scale(value) && scale(expected - allowed) <= scale(value);
}

/** u:mod97-0208: Belgian enterprise number, 97 − (first 8 digits mod 97). */
export function mod97_0208(value: string): boolean {
  const checkDigits = substring(value, 9, 2);
  const calculated = String(97 - (toInteger(substring(value, 1, 8)) % 97));
  return number(checkDigits) === number(calculated);
}

/** u:checkCodiceIPA: six letters or digits. */
export function checkCodiceIPA(value: string): boolean {
  const allowed = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return chars(without(value, allowed)).length === 0 && chars(value).length === 6;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const onlyLetters = (value: string) => chars(without(value, LETTERS)).length === 0;

/** u:checkCF16: the pattern of a 16-character Italian codice fiscale. */
export function checkCF16(value: string): boolean {
  return (
    onlyLetters(substring(value, 1, 6)) &&
    castableAsInteger(substring(value, 7, 2)) &&
    onlyLetters(substring(value, 9, 1)) &&
    castableAsInteger(substring(value, 10, 2)) &&
    // substring($arg,12,3) castable as xs:string: always true
    castableAsInteger(substring(value, 15, 1)) &&
    onlyLetters(substring(value, 16, 1))
  );
}

/** u:checkCF: an Italian codice fiscale of 16 characters, or 11 digits. */
export function checkCF(value: string): boolean {
  const length = chars(value).length;
  if (length === 16) return checkCF16(value);
  if (length === 11) return castableAsInteger(value);
  return false;
}

/** u:addPIVA: the Luhn-like sum of an Italian partita IVA, every second digit doubled by table. */
function addPIVA(value: string, even: number): number {
  if (!castableAsInteger(value)) return 0;
  const first = toInteger(substring(value, 1, 1));
  const mapped = even === 1 ? toInteger(substring('0246813579', first + 1, 1)) : first;
  return mapped + addPIVA(substring(value, 2), even === 0 ? 1 : 0);
}

/** u:checkPIVA: 0 when the partita IVA's sum ends in 0. */
function checkPIVA(value: string): number {
  return castableAsInteger(value) ? addPIVA(value, 0) % 10 : 1;
}

/** u:checkPIVAseIT: an IT-prefixed VAT number must be 11 digits with a valid check; anything else passes. */
export function checkPIVAseIT(value: string): boolean {
  const country = substring(value, 1, 2);
  const code = substring(value, 3);
  if (country === 'IT' || country === 'it') return chars(code).length === 11 && checkPIVA(code) === 0;
  return true;
}

/** u:abn: Australian Business Number, weighted sum mod 89 (first digit less one). */
export function abn(value: string): boolean {
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  let sum = 0;
  for (const [index, weight] of weights.entries()) {
    const character = substring(value, index + 1, 1);
    // string-to-codepoints('') is the empty sequence: the arithmetic, and so the comparison, is empty (false).
    if (character === '') return false;
    sum += ((character.codePointAt(0) as number) - (index === 0 ? 49 : 48)) * weight;
  }
  return sum % 89 === 0;
}

/** u:TinVerification: Greek TIN (AFM), powers of two over the first 8 digits, mod 11 mod 10. */
export function tinVerification(value: string): boolean {
  const digits = chars(value);
  const digit = (position: number) => number(digits[position - 1]);
  let checksum = 0;
  for (let position = 1; position <= 8; position += 1) checksum += digit(position) * 2 ** (9 - position);
  return (checksum % 11) % 10 === digit(9);
}

/** u:checkSEOrgnr: Swedish organisation number, Luhn over the first nine digits. */
export function checkSEOrgnr(value: string): boolean {
  // XPath's \d is any Unicode decimal digit.
  if (!/^\p{Nd}+$/u.test(value)) return false;
  const main = substring(value, 1, 9);
  const length = chars(main).length;
  let sum = 0;
  for (let position = 1; position <= length; position += 1) {
    const digit = number(substring(main, length - position + 1, 1));
    sum += position % 2 === 1 ? ((digit * 2) % 10) + Math.trunc((digit * 2) / 10) : digit;
  }
  // <variable as="xs:integer"> of a NaN sum (a non-ASCII digit) is a dynamic error in Saxon.
  if (Number.isNaN(sum)) throw new Error('FOCA0002: NaN cannot be cast to xs:integer');
  return (10 - (sum % 10)) % 10 === number(substring(value, 10, 1));
}

let registered = false;
function registerUtilityFunctions() {
  if (registered) return;
  registered = true;
  const utils = (localName: string) => ({ localName, namespaceURI: 'utils' });
  const text = (value: string | null) => value ?? '';
  const oneString: [string] = ['xs:string?'];
  registerCustomXPathFunction(utils('gln'), oneString, 'xs:boolean', (_, value: string | null) => gln(text(value)));
  registerCustomXPathFunction(utils('mod11'), oneString, 'xs:boolean', (_, value: string | null) => mod11(text(value)));
  registerCustomXPathFunction(utils('mod97-0208'), oneString, 'xs:boolean', (_, value: string | null) => mod97_0208(text(value)));
  registerCustomXPathFunction(utils('checkCodiceIPA'), oneString, 'xs:boolean', (_, value: string | null) => checkCodiceIPA(text(value)));
  registerCustomXPathFunction(utils('checkCF'), oneString, 'xs:boolean', (_, value: string | null) => checkCF(text(value)));
  registerCustomXPathFunction(utils('checkCF16'), oneString, 'xs:boolean', (_, value: string | null) => checkCF16(text(value)));
  registerCustomXPathFunction(utils('checkPIVAseIT'), ['xs:string'], 'xs:boolean', (_, value: string) => checkPIVAseIT(value));
  registerCustomXPathFunction(utils('abn'), oneString, 'xs:boolean', (_, value: string | null) => abn(text(value)));
  registerCustomXPathFunction(utils('TinVerification'), ['xs:string'], 'xs:boolean', (_, value: string) => tinVerification(value));
  registerCustomXPathFunction(utils('checkSEOrgnr'), ['xs:string'], 'xs:boolean', (_, value: string) => checkSEOrgnr(value));
  // Saxon passes xs:decimal here; fontoxpath makes xs:double of some decimal arithmetic (round(),
  // div), which an xs:decimal parameter refuses (XPTY0004), so the parameters take any number.
  registerCustomXPathFunction(utils('slack'), ['xs:numeric', 'xs:numeric', 'xs:numeric'], 'xs:boolean', (_, expected: number, value: number, allowed: number) =>
    slack(expected, value, allowed),
  );
}

/** Each assert's flag by id, read from the .sch (node-schematron's results do not carry it). */
function flagsById(source: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (const [, attributes] of source.matchAll(/<assert((?:\s+[\w:-]+="[^"]*")*)\s*>/g)) {
    const id = /\sid="([^"]*)"/.exec(attributes as string)?.[1];
    const flag = /\sflag="([^"]*)"/.exec(attributes as string)?.[1];
    if (id) flags.set(id, flag ?? 'fatal');
  }
  return flags;
}

/** Splits an XPath expression at its top-level `|` (outside brackets, parentheses and string literals). */
function topLevelBranches(expression: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < expression.length; index += 1) {
    const character = expression[index] as string;
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    else if (character === '|' && depth === 0) {
      branches.push(expression.slice(start, index).trim());
      start = index + 1;
    }
  }
  return [...branches, expression.slice(start).trim()];
}

/** Whether every branch of a rule context is an absolute path (`/x`, `//x`, or a parenthesised union of such). */
function isAbsolute(context: string): boolean {
  return topLevelBranches(context).every((branch) => {
    if (branch.startsWith('/')) return true;
    if (!branch.startsWith('(')) return false;
    let depth = 0;
    for (let index = 0; index < branch.length; index += 1) {
      if (branch[index] === '(') depth += 1;
      if (branch[index] === ')' && --depth === 0) return isAbsolute(branch.slice(1, index));
    }
    return false;
  });
}

/**
 * node-schematron finds a rule's context nodes as `//(context)`: right for a relative pattern
 * (`cac:InvoiceLine`), but an absolute one (`/ubl:Invoice`, `//*[not(*) …]`, the PEPPOL country
 * rules) is then evaluated once from every node of the document, the same nodes each time: time
 * that grows with the square of the document's size. Such a context is evaluated from the
 * document node only (`self::document-node()/(context)`): the same nodes, found once.
 */
function evaluateAbsoluteContextsOnce(schema: Schema): void {
  for (const rule of schema.patterns.flatMap((pattern) => pattern.rules)) {
    if (isAbsolute(rule.context)) rule.context = `self::document-node()/(${rule.context})`;
  }
}

/** Parses both schemas (slow: once per test file) and returns a validator for UBL documents. */
export function loadPeppolValidator(): PeppolValidator {
  registerUtilityFunctions();
  const schemas = SCHEMA_FILES.map((file) => {
    const source = readFileSync(join(PEPPOL_DIR, file), 'utf8');
    const schema = Schema.fromString(source);
    evaluateAbsoluteContextsOnce(schema);
    return { file, schema, flags: flagsById(source) };
  });
  const all = (xml: string): Violation[] =>
    schemas.flatMap(({ file, schema, flags }) =>
      schema.validateString(xml).map((result) => {
        const id = result.assertId ?? '(no id)';
        return { id, flag: flags.get(id) ?? 'fatal', schema: file, message: (result.message ?? '').replace(/\s+/g, ' ').trim() };
      }),
    );
  return { all, errors: (xml) => all(xml).filter((violation) => violation.flag === 'fatal' || violation.flag === 'error') };
}
