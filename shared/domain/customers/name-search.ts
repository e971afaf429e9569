import { ValidationError } from '../kernel/errors';

/**
 * Finding a customer by name at the counter: what the clerk types is matched as a prefix, with
 * case, accents and the Norwegian letters folded away, so "bo", "boe" and "bø" all find "Bøe".
 *
 * Folding (the same for a stored name and for what is typed, so both spellings meet):
 *  1. lower case, in Unicode's composed form;
 *  2. the two-letter spellings of å, æ, ø (and German ä, ö, ü) become their first letter:
 *     aa → a, ae → a, oe → o, ue → u ("Aase", "Aerlig", "Soeren", "Mueller");
 *  3. accents are dropped (å → a, é → e, ü → u) and the letters without a decomposition are
 *     spelled in Latin (ø → o, æ → a, œ → o, ß → ss, ł → l, đ/ð → d, þ → th);
 *  so "Åse", "Aase" and "ase" are all "ase", "Ærlig" and "aerlig" are "arlig", "Bøe" is "boe"
 *  and "Søren", "Soeren" and "Soren" are "soren". Step 2 runs before step 3 so that a name's own
 *  "øe" stays two letters: "Bøe" is found by "boee" (ø spelled oe) as well as by "bo" and "bø".
 *  Each two-letter spelling becomes its own first letter, so folding keeps prefixes: whatever is
 *  typed on the way to a name folds to a prefix of that name's folding.
 *
 * Words: anything but a letter or a digit separates words (spaces, hyphens, commas); apostrophes
 * join ("O'Brien" is "obrien"). A search matches any word of the name and the words after it, in
 * order, the last one typed as a prefix: "Hansen" and "kari ha" find "Kari Hansen", and so does
 * "Nordmann-L" find "Kari Nordmann-Lie"; "Hansen Kari" does not (the name's order is kept).
 * That is one search entry per word of the name, from that word to the end, the first
 * MAX_NAME_ENTRIES words (later words are still found through the earlier ones' entries).
 */
export const MAX_NAME_ENTRIES = 6;

/** Between the words of a folded name: a hyphen sorts after '#', so "kari" comes before "kari-nordmann" in the index. */
export const WORD_SEPARATOR = '-';

const TWO_LETTER_SPELLINGS = /aa|ae|oe|ue/g;
const APOSTROPHES = /['\u2019\u02BC\u2018`´]/g;
const NOT_A_WORD = /[^\p{L}\p{M}\p{N}]+/u;
const ACCENTS = /\p{M}/gu;
const LATIN = { ø: 'o', æ: 'a', œ: 'o', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' } as const satisfies Record<string, string>;
const NOT_DECOMPOSED = new RegExp(`[${Object.keys(LATIN).join('')}]`, 'gu');

function foldWord(word: string): string {
  return word
    .replace(TWO_LETTER_SPELLINGS, (pair) => pair.charAt(0))
    .normalize('NFD')
    .replace(ACCENTS, '')
    .replace(NOT_DECOMPOSED, (letter) => LATIN[letter as keyof typeof LATIN]);
}

/** The folded words of a name or of what was typed. */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .split(NOT_A_WORD)
    .map(foldWord)
    .filter((word) => word.length > 0);
}

/** The search entries of a name: from each of its first MAX_NAME_ENTRIES words to the end. */
export function nameSearchEntries(name: string): string[] {
  const words = foldedWords(name);
  return words.slice(0, MAX_NAME_ENTRIES).map((_, i) => words.slice(i).join(WORD_SEPARATOR));
}

/** What a search looks for among the entries; refused (naming the parameter) when nothing searchable was typed. */
export function nameSearchPrefix(typed: string): string {
  const prefix = foldedWords(typed).join(WORD_SEPARATOR);
  if (prefix.length === 0) {
    throw new ValidationError('Type a letter or a digit of the name to search for', [{ pointer: '#/query/name', detail: 'At least one letter or digit' }]);
  }
  return prefix;
}

/** Whether a name is found by a search (the entries' rule, applied to a name as it is now). */
export function nameMatches(name: string, prefix: string): boolean {
  return nameSearchEntries(name).some((entry) => entry.startsWith(prefix));
}
