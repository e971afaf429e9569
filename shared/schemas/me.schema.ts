import * as z from 'zod/mini';
import { EMAIL_PURPOSES, LANGUAGES } from '../domain/customers/customers';
import { plainText, schema, withoutFormatCharacters } from './common.schema';

const phone = () => z.string().check(z.minLength(3), z.maxLength(32), withoutFormatCharacters());

/**
 * The known-device token from an earlier sign-in to the number (TokenAnswer): with it, the code
 * comes out of an SMS allowance that strangers cannot use up. Any token of the right shape is
 * accepted here; one that is not valid for the number counts as none.
 */
const deviceToken = () => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, { error: 'The deviceToken given with an earlier access token' }));

export const CodeRequestBody = schema(() => z.strictObject({ phone: phone(), deviceToken: z.optional(deviceToken()) }));
export const TokenRequestBody = schema(() => z.strictObject({ phone: phone(), code: z.string().check(z.regex(/^\d{6}$/, { error: 'Six digits' })) }));
export const CodeRequestAnswer = schema(() => z.strictObject({ message: z.string() }));
export const TokenAnswer = schema(() => z.strictObject({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.int(), deviceToken: z.string() }));

/** What a customer may correct themselves. The number is not here: it is what they signed in with. */
export const UpdateMeBody = schema(() =>
  z
    .strictObject({
      name: z.optional(plainText(100)),
      email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
      invoiceByEmail: z.optional(z.boolean()),
      emailPurposes: z.optional(z.array(z.enum(EMAIL_PURPOSES)).check(z.maxLength(EMAIL_PURPOSES.length))),
      language: z.optional(z.enum(LANGUAGES)),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field to change' })),
);
