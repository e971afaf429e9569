import { signIn } from '#shared/composition';
import { clientOf, requestSignInCode } from '#shared/domain/rights/sign-in';
import { httpRoute } from '#shared/http/http-route';
import { requestedLanguage } from '#shared/http/problem-language';

/** The same words for every number, registered or not: only the language asked for changes them (nb unless asked otherwise). */
const ANSWER = {
  nb: 'Hvis nummeret er registrert hos oss, får du en kode på SMS nå.',
  en: 'If the number is registered with us, a code is on its way by SMS.',
} as const;

export const handler = httpRoute('requestSignInCode', async ({ body, sourceIp, headers }) => {
  const language = requestedLanguage(headers['accept-language']) ?? 'nb';
  await requestSignInCode(signIn(), body.phone, clientOf(sourceIp), body.deviceToken);
  return { status: 202, headers: { 'content-language': language }, body: { message: ANSWER[language] } };
});
