import type { Language } from '../domain/customers/customers';
import { HttpProblem } from './problem';

/**
 * Problem details in the customer's language on the customer's own routes (`/me…`) and sign-in (`/auth/…`): the answer
 * is read by the customer, and what they read is in their language (nb or en). The language is
 * the one the client asks for (Accept-Language, RFC 9110 § 12.5.4); English stays the default,
 * as the API's clients and the OpenAPI examples read it. Titles are translated per problem type;
 * details where the problem's text is fixed, or made from codes and ids the problem carries (an
 * open request, the daily cap, a request not found), never from free text. The type URN, the
 * status and the extension members stay as they are: they are for programs, not people.
 */
const NB_TITLES: Record<string, string> = {
  'invalid-request': 'Forespørselen er ikke gyldig',
  'malformed-json': 'Innholdet er ikke gyldig JSON',
  unauthenticated: 'Du må logge inn',
  forbidden: 'Ikke tillatt',
  'not-found': 'Fant ikke',
  'precondition-required': 'If-Match mangler',
  'payload-too-large': 'Innholdet er for stort',
  'unsupported-media-type': 'Innholdstypen støttes ikke',
  internal: 'Noe gikk galt hos oss',
  unavailable: 'Travelt akkurat nå: prøv igjen om et øyeblikk',
  conflict: 'I strid med det som er lagret nå',
  'precondition-failed': 'Endret av noen andre',
  authentication: 'Innloggingen mislyktes',
  throttled: 'For mange forespørsler',
};

/** The edge's own fixed texts for a request it refuses before any use case runs (shared/http/http-route.ts). */
const NB_INVALID_REQUEST: Record<string, string> = {
  'The body is not valid UTF-8': 'Innholdet er ikke gyldig UTF-8',
  'This endpoint takes no body': 'Denne adressen tar ikke imot innhold',
  'A JSON body is required': 'Send innholdet som JSON',
  'The body does not match the schema': 'Innholdet er ikke slik det skal være: se errors for hva som er feil',
  'A query parameter is repeated': 'En parameter er gitt mer enn én gang',
  'This endpoint takes no query parameters': 'Denne adressen tar ikke imot parametere',
  'The query does not match the schema': 'Parameterne er ikke slik de skal være: se errors for hva som er feil',
};

const NB_REQUEST_TYPES: Record<string, string> = { access: 'innsyn', erasure: 'sletting' };

/** The Norwegian detail of a problem, when its text is fixed or made from what the problem carries. */
function nbDetail(problem: HttpProblem): string | undefined {
  const x = problem.extensions;
  if (problem.slug === 'conflict' && typeof x.openRequestId === 'string') {
    return `Vi holder allerede på med en henvendelse om ${NB_REQUEST_TYPES[String(x.requestType)] ?? String(x.requestType)} fra deg: ${x.openRequestId}. Du trenger ikke sende en ny.`;
  }
  if (problem.slug === 'conflict' && typeof x.requestStatus === 'string') return 'Innsynet er klart når henvendelsen er besvart';
  // Sign-in's own texts (sign-in.ts), the same for every number.
  if (problem.slug === 'authentication' && problem.detail === 'The code is wrong, used or expired') return 'Koden er feil, brukt eller utløpt';
  if (problem.slug === 'throttled' && problem.detail === 'Too many sign-in requests from this address; try again later') return 'For mange innlogginger fra denne adressen; prøv igjen senere';
  if (problem.slug === 'throttled' && typeof x.maxPerDay === 'number') return `Du kan sende høyst ${x.maxPerDay} henvendelser om dagen; prøv igjen i morgen`;
  if (problem.slug === 'invalid-request' && problem.detail && NB_INVALID_REQUEST[problem.detail]) return NB_INVALID_REQUEST[problem.detail];
  if (problem.slug === 'not-found') return problem.detail === 'No such request' ? 'Fant ikke henvendelsen' : 'Fant ikke det du ba om';
  const fixed: Record<string, string> = {
    unauthenticated: 'Send et gyldig tilgangstoken',
    forbidden: 'Dette tokenet gir ikke tilgang her',
    'malformed-json': 'Send et JSON-dokument',
    'unsupported-media-type': 'Send innholdet som application/json',
    'payload-too-large': 'Innholdet er for stort',
  };
  return fixed[problem.slug];
}

/** The language a client asks for, of the two the shop writes: the first nb/no/nn or en in Accept-Language (weights honoured). */
export function requestedLanguage(acceptLanguage: string | undefined): Language | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { primary: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
    if (primary === 'en') return 'en';
  }
  return undefined;
}

/** The problem as the customer reads it: Norwegian title and detail where known, English otherwise. */
export function problemInLanguage(problem: HttpProblem, language: Language | undefined): HttpProblem {
  if (language !== 'nb') return problem;
  const title = NB_TITLES[problem.slug] ?? problem.title;
  const detail = nbDetail(problem) ?? problem.detail;
  return new HttpProblem(problem.status, problem.slug, title, detail, problem.extensions, { ...problem.headers, 'content-language': 'nb' });
}
