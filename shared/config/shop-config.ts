import * as z from 'zod/mini';
import { LANGUAGES } from '../domain/customers/customers';
import { isValidNorwegianAccount } from '../domain/kernel/check-digits';
import { PHONE_COUNTRIES } from '../domain/customers/phone-countries';
import { issueLocations, schema } from '../schemas/common.schema';

/**
 * Everything that makes one renseri different from the next. Declared per stage in
 * infra/config/stages.ts and validated there when CDK synthesises (or the twin starts), so a typo
 * fails the deployment; handed to every function as the SHOP_CONFIG environment variable and
 * validated again on its first use there (a function that never reads it never builds the schema).
 */
export const ShopConfigSchema = schema(() =>
  z.strictObject({
    name: z.string().check(z.minLength(1)),
    /** Enhetsregisteret number: 9 digits (bokføringsforskriften §5-1-1 puts it on every sales document). */
    organisationNumber: z.string().check(z.regex(/^\d{9}$/)),
    /**
     * Must be true: prices are VAT-inclusive at 25 % and every invoice states the VAT. A shop not
     * registered for VAT may not state VAT at all (merverdiavgiftsloven § 15-1, § 11-1), which
     * this backend does not yet support, so such a configuration is refused rather than billed wrong.
     */
    vatRegistered: z.boolean().check(z.refine((registered) => registered, { error: 'A shop not registered for VAT is not supported' })),
    /** AS, ASA and foreign branches print "Foretaksregisteret" on sales documents (foretaksregisterloven § 10-2). */
    registeredInForetaksregisteret: z.boolean(),
    address: z.strictObject({ street: z.string(), postalCode: z.string().check(z.regex(/^\d{4}$/)), city: z.string() }),
    /** The counter's phone number, given in messages that ask the customer to call. */
    phone: z.string().check(z.minLength(3), z.maxLength(20)),
    /** Where customers send questions about personal data, as the privacy statement promises. */
    privacyContact: z.strictObject({ email: z.email(), phone: z.optional(z.string()) }),
    /** Alphanumeric SMS sender id: 3–11 characters, at least one letter. */
    smsSenderId: z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/)),
    defaultLanguage: z.enum(LANGUAGES),
    timeZone: z.string(),
    /** Days after "ready" on which a courtesy reminder goes out to a customer who has not collected. */
    reminderDays: z.array(z.int().check(z.gte(1), z.lte(89))).check(z.minLength(0), z.maxLength(3)),
    /**
     * Months without order activity after which a customer with nothing open is anonymised by the
     * retention sweep. Changing it takes effect at the next sweep: the index holds the last activity,
     * not a due date computed from an old setting.
     */
    inactivityMonths: z.int().check(z.gte(1), z.lte(120)),
    /** How long a message's delivery record is kept (TTL), so staff can see failures. */
    messageRetentionDays: z.int().check(z.gte(1), z.lte(90)),
    /** Norwegian bank account (11 digits, MOD11 check digit) invoices are paid to. */
    bankAccount: z.string().check(z.regex(/^\d{11}$/), z.refine((account) => isValidNorwegianAccount(account), { error: 'Not a valid Norwegian account number' })),
    invoiceDueDays: z.int().check(z.gte(0), z.lte(90)),
    /** The first number of the sales-document series, to continue a series begun elsewhere. */
    firstDocumentNumber: z.int().check(z.gte(1)),
    /** The address invoices are e-mailed from; its domain is the SES identity. */
    invoiceEmailFrom: z.email(),
    /** Countries whose mobile numbers are accepted, the first being the default for numbers without +. */
    phoneCountries: z.array(z.enum(PHONE_COUNTRIES)).check(z.minLength(1)),
  }),
);
export type ShopConfig = z.infer<ReturnType<typeof ShopConfigSchema>>;

/** The shop's configuration, or an error naming the fields that are wrong (never their values). */
export function parseShopConfig(value: unknown, source = 'SHOP_CONFIG'): ShopConfig {
  const parsed = ShopConfigSchema().safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${source} is invalid at ${issueLocations(parsed.error).map(({ path }) => path.join('.')).join(', ')}`);
}
