/**
 * `Vary` (RFC 9110 § 12.5.5) names the request headers an answer was chosen by, so that a cache
 * (a browser's, a proxy's) never hands the HTML privacy page to a client that asked for JSON.
 * Rather than each handler remembering to say so, the HTTP layer records which negotiation
 * headers the handler read and names those: the header cannot drift from the code that negotiates.
 */
const NEGOTIATION_HEADERS: Record<string, string> = { accept: 'Accept', 'accept-language': 'Accept-Language' };

export type TrackedHeaders = { headers: Record<string, string | undefined>; consulted: Set<string> };

/** The request's headers (names in lower case), noting (by its usual spelling) every negotiation header read or tested. */
export function trackNegotiation(headers: Record<string, string | undefined>): TrackedHeaders {
  const consulted = new Set<string>();
  const note = (name: string | symbol) => {
    if (typeof name === 'string' && Object.hasOwn(NEGOTIATION_HEADERS, name)) consulted.add(NEGOTIATION_HEADERS[name] as string);
  };
  const tracked = new Proxy(headers, {
    get: (target, name, receiver) => (note(name), Reflect.get(target, name, receiver)),
    has: (target, name) => (note(name), Reflect.has(target, name)),
    getOwnPropertyDescriptor: (target, name) => (note(name), Reflect.getOwnPropertyDescriptor(target, name)),
  });
  return { headers: tracked, consulted };
}

/** A Vary value with `names` added to what it lists already, each once whatever its case. */
export function withVary(existing: string | undefined, names: Iterable<string>): string | undefined {
  const listed = (existing ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) if (!listed.some((n) => n.toLowerCase() === name.toLowerCase())) listed.push(name);
  return listed.length ? listed.join(', ') : undefined;
}
