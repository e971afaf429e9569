import * as z from 'zod/mini';
import { en } from 'zod/locales';

// English messages for problem details ("Too big: expected string to have <=100 characters").
z.config(en());

/**
 * Free text typed at the counter: trimmed, bounded, and free of control characters and lone
 * surrogates (which JSON allows but DynamoDB would reject as invalid UTF-8).
 */
export const plainText = (max: number, min = 1) =>
  z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    z.regex(/^[^\p{Cc}\p{Cs}\p{Co}]*$/u, { error: 'Must not contain control characters' }),
  );

export const CustomerId = z.uuid();
export const OrderId = z.string().check(z.regex(/^\d{4,10}$/, { error: 'A ticket number is 4 to 10 digits' }));
export const Timestamp = z.iso.datetime();
export const Cursor = z.string().check(z.minLength(1), z.maxLength(2048));
export const PageLimit = z.string().check(z.regex(/^([1-9]\d?|100)$/, { error: 'A whole number from 1 to 100' }));

/** RFC 9457 problem details, as every 4xx and 5xx response body. */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(
    z.array(z.object({ pointer: z.optional(z.string()), parameter: z.optional(z.string()), header: z.optional(z.string()), detail: z.string() })),
  ),
});
