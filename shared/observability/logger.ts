import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. House rule: log ids, route names, status codes, counts and durations, never
 * names, phone numbers, e-mail addresses, tokens or request bodies. Events are not logged
 * (logEvent stays off), and error messages from libraries are not logged either, only their names.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'renseri' });

/** An error's name and stack frames without its message, which may quote input values. */
export function describeError(error: unknown): { errorName: string; frames?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8).join('\n');
  return { errorName: error.name, ...(frames ? { frames } : {}) };
}
