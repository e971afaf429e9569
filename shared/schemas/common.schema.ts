import * as z from 'zod/mini';
import { en } from 'zod/locales';

// English messages for problem details ("Too big: expected string to have <=100 characters").
z.config(en());

/**
 * A schema built on its first use rather than when its module loads. Building a zod schema costs
 * time at cold start (tens of microseconds a node, ~7 ms for every route's), and esbuild cannot
 * drop unused zod calls made from another module, so without this every function would build
 * every route's schemas. http-route.ts builds a function's own route's schemas at init instead.
 */
export function schema<S extends z.ZodMiniType>(build: () => S): () => S {
  let built: S | undefined;
  return () => (built ??= build());
}

/** Where each issue of a failed parse lies; zod reports unknown keys once at their object, here each at its key. */
export function issueLocations(error: z.core.$ZodError): { path: string[]; message: string }[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    return issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ path: [...path, key], message: 'Unknown field' })) : [{ path, message: issue.message }];
  });
}

/**
 * Invisible characters that change how text around them reads: format characters (Cf: the
 * bidirectional overrides and isolates such as U+202E, which can make a name or a note on a
 * ticket, an invoice or the sales journal's CSV show other than it is stored; zero-width spaces
 * and joiners, which make two equal-looking names differ) and the line and paragraph separators
 * (Zl, Zp), which break a line where no newline was typed. Refused in every text a client sends.
 */
export const withoutFormatCharacters = () =>
  z.regex(/^[^\p{Cf}\p{Zl}\p{Zp}]*$/u, { error: 'Must not contain invisible format characters (such as U+202E or U+200B) or line or paragraph separators' });

/**
 * Free text typed at the counter: trimmed, bounded, and free of control characters and lone
 * surrogates (which JSON allows but DynamoDB would reject as invalid UTF-8), and of format characters.
 */
export const plainText = (max: number, min = 1) =>
  z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    z.regex(/^[^\p{Cc}\p{Cs}\p{Co}]*$/u, { error: 'Must not contain control characters' }),
    withoutFormatCharacters(),
  );

// Small field schemas, built afresh where they are used.
export const customerId = () => z.uuid();
export const orderId = () => z.string().check(z.regex(/^\d{4,10}$/, { error: 'A ticket number is 4 to 10 digits' }));
export const timestamp = () => z.iso.datetime();
// Opaque, and refused by its decoder unless this API issued it; refused here too, like any text.
export const cursor = () => z.string().check(z.minLength(1), z.maxLength(2048), withoutFormatCharacters());
export const pageLimit = () => z.string().check(z.regex(/^([1-9]\d?|100)$/, { error: 'A whole number from 1 to 100' }));
