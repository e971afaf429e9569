import * as z from 'zod/mini';
import { LANGUAGES } from '../domain/customers';

/**
 * Everything that makes one renseri different from the next. Declared per stage in
 * infra/config/stages.ts, handed to every function as the SHOP_CONFIG environment variable and
 * validated once at cold start, so a typo fails the deployment's first request loudly.
 */
export const ShopConfigSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  /** Enhetsregisteret number: 9 digits (bokføringsforskriften §5-1-1 puts it on every sales document). */
  organisationNumber: z.string().check(z.regex(/^\d{9}$/)),
  vatRegistered: z.boolean(),
  address: z.strictObject({ street: z.string(), postalCode: z.string().check(z.regex(/^\d{4}$/)), city: z.string() }),
  /** Where customers send questions about personal data, as the privacy statement promises. */
  privacyContact: z.strictObject({ email: z.email(), phone: z.optional(z.string()) }),
  /** Alphanumeric SMS sender id: 3–11 characters, at least one letter. */
  smsSenderId: z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/)),
  defaultLanguage: z.enum(LANGUAGES),
  timeZone: z.string(),
  /** Countries whose mobile numbers are accepted, the first being the default for numbers without +. */
  phoneCountries: z.array(z.enum(['NO', 'SE', 'DK'])).check(z.minLength(1)),
});
export type ShopConfig = z.infer<typeof ShopConfigSchema>;
