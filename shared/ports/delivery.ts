/**
 * The provider certainly did not accept the message (throttled, refused the request, or was never
 * reached), so sending it again cannot make a duplicate. Any other error from a gateway means the
 * outcome is unknown: the message may have gone out.
 */
export class NotSentError extends Error {
  constructor(readonly reason: string) {
    super(`Not sent: ${reason}`);
    this.name = 'NotSentError';
  }
}

const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CredentialsProviderError']);
const THROTTLED = /Throttl|TooManyRequests|LimitExceeded/;

/** Sorts a provider error: a 4xx (the request was refused) or no connection at all means not sent. */
export function certainlyNotSent(error: unknown): string | undefined {
  const e = error as { name?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name && THROTTLED.test(e.name)) return e.name;
  if (e?.$fault === 'client' && (e.$metadata?.httpStatusCode ?? 0) >= 400 && (e.$metadata?.httpStatusCode ?? 0) < 500) return e.name ?? 'client error';
  if ((e?.code && UNREACHED.has(e.code)) || (e?.name && UNREACHED.has(e.name))) return e.code ?? e.name;
  return undefined;
}
