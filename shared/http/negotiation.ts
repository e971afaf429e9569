/**
 * Content negotiation for the pages that come in more than one form (RFC 9110 §12.5): the
 * candidates a header names, best first by their q weights, ties in the order given. A candidate
 * with q=0 is refused, not preferred last.
 */
function ranked(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [value = '', ...params] = part.trim().split(';').map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q ? Number(q.slice(2)) : 1;
      return { value: value.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((c) => c.value !== '' && c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((c) => c.value);
}

/** HTML when the client ranks text/html above JSON (a browser); JSON otherwise, and for any or no Accept. */
export function prefersHtml(accept: string | undefined): boolean {
  for (const type of ranked(accept)) {
    if (type === 'text/html' || type === 'application/xhtml+xml') return true;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return false;
  }
  return false;
}

/** CSV when the client ranks text/csv above JSON (a spreadsheet's download); JSON otherwise, and for any or no Accept. */
export function prefersCsv(accept: string | undefined): boolean {
  for (const type of ranked(accept)) {
    if (type === 'text/csv') return true;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return false;
  }
  return false;
}

/**
 * The first language of Accept-Language the shop writes in. Norwegian Bokmål is asked for as nb,
 * no or nn (a Nynorsk reader reads Bokmål better than English), with or without a region.
 */
export function preferredLanguage<L extends string>(acceptLanguage: string | undefined, supported: readonly L[], fallback: L): L {
  for (const tag of ranked(acceptLanguage)) {
    const primary = tag.split('-')[0] ?? '';
    const language = ['no', 'nn'].includes(primary) ? 'nb' : primary;
    const match = supported.find((s) => s === language);
    if (match) return match;
  }
  return fallback;
}
