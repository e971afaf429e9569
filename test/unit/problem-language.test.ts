import { problems, toHttpProblem } from '#shared/http/problem';
import { problemInLanguage, requestedLanguage } from '#shared/http/problem-language';
import { NotFoundError, RateLimitedError } from '#shared/domain/kernel/errors';
import { requestAlreadyOpen } from '#shared/domain/rights/privacy-requests';

describe('problem details in the customer\'s language', () => {
  it.each([
    ['nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.7,nb;q=0.9', 'nb'],
    ['de-DE', undefined],
    ['nb;q=0, en', 'en'],
    [undefined, undefined],
  ] as const)('Accept-Language %s asks for %s', (header, language) => {
    expect(requestedLanguage(header)).toBe(language);
  });

  it('says in Norwegian which request is open, what the cap is and what was not found, keeping type, status and extensions', () => {
    const open = problemInLanguage(toHttpProblem(requestAlreadyOpen('erasure', 'r-1')), 'nb');
    expect(open).toMatchObject({ status: 409, slug: 'conflict', title: 'I strid med det som er lagret nå', extensions: { openRequestId: 'r-1', requestType: 'erasure' } });
    expect(open.detail).toBe('Vi holder allerede på med en henvendelse om sletting fra deg: r-1. Du trenger ikke sende en ny.');
    expect(open.headers).toMatchObject({ 'content-language': 'nb' });
    const capped = problemInLanguage(toHttpProblem(new RateLimitedError('At most 4 requests a day', 3600, { maxPerDay: 4 })), 'nb');
    expect(capped).toMatchObject({ status: 429, title: 'For mange forespørsler', detail: 'Du kan sende høyst 4 henvendelser om dagen; prøv igjen i morgen', headers: { 'retry-after': '3600', 'content-language': 'nb' } });
    expect(problemInLanguage(toHttpProblem(new NotFoundError('No such request')), 'nb')).toMatchObject({ title: 'Fant ikke', detail: 'Fant ikke henvendelsen' });
    expect(problemInLanguage(problems.invalidRequest('The body does not match the schema', [{ pointer: '/type', detail: 'Invalid option' }]), 'nb')).toMatchObject({
      title: 'Forespørselen er ikke gyldig',
      extensions: { errors: [{ pointer: '/type', detail: 'Invalid option' }] },
    });
  });

  it('leaves a problem in English for English, or for a language the shop does not write', () => {
    const problem = toHttpProblem(requestAlreadyOpen('access', 'r-2'));
    expect(problemInLanguage(problem, 'en')).toBe(problem);
    expect(problemInLanguage(problem, undefined)).toBe(problem);
    expect(problem.detail).toBe('An access request is being answered already: r-2');
  });
});
