import { ValidationError } from '#shared/domain/kernel/errors';
import { foldedWords, MAX_NAME_ENTRIES, nameMatches, nameSearchEntries, nameSearchPrefix } from '#shared/domain/customers/name-search';

/** A name as stored, what a clerk types, and whether it is found, through the same folding the index uses. */
const finds = (name: string, typed: string) => nameMatches(name, nameSearchPrefix(typed));

describe('finding a name as Norwegians type it', () => {
  it.each([
    // ø: left out, typed as o, or spelled oe
    ['Bøe', 'bo'],
    ['Bøe', 'boe'],
    ['Bøe', 'bø'],
    ['Bøe', 'BØ'],
    ['Bøe', 'boee'],
    ['Søren', 'soren'],
    ['Søren', 'soeren'],
    ['Søren', 'SØREN'],
    // æ: typed as ae, or as a
    ['Ærlig', 'aerlig'],
    ['Ærlig', 'ærlig'],
    ['Ærlig', 'ae'],
    ['Ærlig', 'arl'],
    ['Aerlig', 'ærlig'],
    // å: typed as aa, or as a
    ['Åse', 'aase'],
    ['Åse', 'ase'],
    ['Åse', 'åse'],
    ['Åse', 'å'],
    ['Aase', 'åse'],
    ['Aase', 'ase'],
    ['Håkon', 'haakon'],
    ['Haakon', 'håk'],
    // other accents, and German umlauts spelled out
    ['Müller', 'muller'],
    ['Müller', 'müller'],
    ['Müller', 'mueller'],
    ['Müller', 'MÜ'],
    ['José Núñez', 'jose nunez'],
    ['Łukasz Wiśniewski', 'lukasz wis'],
    ['Strauß', 'strauss'],
    // any word of the name, and the words after it in order, the last one as a prefix
    ['Kari Hansen', 'Hansen'],
    ['Kari Hansen', 'hans'],
    ['Kari Hansen', 'kari ha'],
    ['Kari Hansen', 'kari  hansen '],
    ['Kari Nordmann-Lie', 'lie'],
    ['Kari Nordmann-Lie', 'nordmann-l'],
    ['Kari Nordmann-Lie', 'nordmann li'],
    ['Kari Nordmann-Lie', 'kari nordmann lie'],
    ['Anne-Marie Bøe', 'anne marie'],
    ['Anne-Marie Bøe', 'marie bo'],
    ["Siobhán O'Brien", 'obrien'],
    ["Siobhán O'Brien", "o'bri"],
    ['Hotel Bristol, resepsjonen', 'bristol res'],
  ])('%s is found by "%s"', (name, typed) => {
    expect(finds(name, typed)).toBe(true);
  });

  it.each([
    ['Kari Hansen', 'hansen kari', 'the words of the name are kept in their order'],
    ['Kari Hansen', 'ka hansen', 'only the last word typed is a prefix'],
    ['Kari Hansen', 'arihansen', 'a match starts at a word'],
    ['Bøe', 'boa', 'a different letter'],
    ['Boe', 'bøe', 'ø is not o followed by e: "Bøe" is another name than "Boe"'],
    ['Ola Nordmann', 'kari', 'another name'],
    ["Siobhán O'Brien", 'brien', 'an apostrophe joins, it does not start a word'],
  ])('%s is not found by "%s" (%s)', (name, typed) => {
    expect(finds(name, typed)).toBe(false);
  });

  it('folds every way of typing one name to the same words', () => {
    expect(foldedWords('Bøe')).toEqual(['boe']);
    expect(foldedWords('Åse Ærlig-Sørensen')).toEqual(['ase', 'arlig', 'sorensen']);
    expect(foldedWords('Aase Aerlig Soerensen')).toEqual(['ase', 'arlig', 'sorensen']);
    // The same letter typed composed (å) or decomposed (a and a combining ring)
    expect(foldedWords('A\u030Ase')).toEqual(['ase']);
  });

  it('keeps prefixes: everything typed on the way to a name finds it', () => {
    for (const name of ['Bøe', 'Åse Ærlig-Sørensen', 'Aase Aerlig', 'Müller', 'Kari Nordmann-Lie', 'Haakon Boee', "O'Brien"]) {
      for (let length = 1; length <= name.length; length++) {
        const typed = name.slice(0, length);
        if (/[\p{L}\p{N}]/u.test(typed)) expect([typed, finds(name, typed)]).toEqual([typed, true]);
      }
    }
  });
});

describe('the search entries of a name', () => {
  it('are one per word, from that word to the end, lower case with the words joined by hyphens', () => {
    expect(nameSearchEntries('Kari Nordmann-Lie')).toEqual(['kari-nordmann-lie', 'nordmann-lie', 'lie']);
    expect(nameSearchEntries('Bøe')).toEqual(['boe']);
  });

  it(`are at most ${MAX_NAME_ENTRIES}; the later words are still found through the earlier ones`, () => {
    const name = 'Anna Maria Sofia Louise Charlotte Victoria Ingrid Bernadotte';
    expect(nameSearchEntries(name)).toHaveLength(MAX_NAME_ENTRIES);
    expect(finds(name, 'victoria')).toBe(true);
    expect(finds(name, 'charlotte victoria ingrid bern')).toBe(true);
    expect(finds(name, 'bernadotte')).toBe(false);
  });

  it('are none for a name without letters or digits', () => {
    expect(nameSearchEntries('- -')).toEqual([]);
  });
});

it('refuses a search with nothing to search for, naming the parameter', () => {
  for (const typed of ['', '  ', '-', "'"]) {
    expect(() => nameSearchPrefix(typed)).toThrow(ValidationError);
  }
  expect(() => nameSearchPrefix('-')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '#/query/name' })] }));
});
