import { type Face, textWidth } from './pdf-writer';

/**
 * Fitting text into a width, for every document the backend prints: an invoice's columns and a
 * receipt-wide ticket alike. Measured with the fonts' own metrics (pdf-writer.ts), so what fits
 * here fits on paper.
 */

/** Cuts `value` to `width`, ending in "…" when cut, so a long one never runs into what stands beside it. */
export function fit(value: string, size: number, width: number, face: Face = 'regular'): string {
  if (textWidth(value, size, face) <= width) return value;
  const characters = Array.from(value);
  while (characters.length > 1 && textWidth(`${characters.join('')}…`, size, face) > width) characters.pop();
  return `${characters.join('')}…`;
}

/** Breaks text into lines no wider than `width`, between words where it can (a credit reason may be 200 characters, a name 100). */
export function wrap(value: string, size: number, width: number, face: Face = 'regular'): string[] {
  const fits = (candidate: string) => textWidth(candidate, size, face) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of value.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    // A word wider than the line is cut where it must be, between characters (never inside one).
    let rest = Array.from(word);
    while (rest.length > 1 && !fits(rest.join(''))) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut).join(''))) cut--;
      lines.push(rest.slice(0, cut).join(''));
      rest = rest.slice(cut);
    }
    current = rest.join('');
  }
  if (current) lines.push(current);
  return lines;
}
