import * as z from 'zod/mini';
import { LANGUAGES } from '../domain/customers/customers';
import { isValidNorwegianAccount } from '../domain/kernel/check-digits';
import { PHONE_COUNTRIES } from '../domain/customers/phone-countries';
import { COLLECTIVE_INVOICE_PERIODS } from '../domain/invoices/collective-periods';
import { feeWithinCap, MAX_FEE_SHARE_OF_INKASSOSATS, MIN_DAYS } from '../domain/receivables/reminder-limits';
import { issueLocations, schema } from '../schemas/common.schema';

/**
 * AWS regions inside the EU/EEA, where the table, the functions and their logs may live: the
 * privacy notice names the one configured. London (eu-west-2) and Zurich (eu-central-2) are left
 * out on purpose: the UK and Switzerland are outside the EU/EEA (adequate countries, but the
 * notice promises EU/EEA).
 */
export const EEA_REGIONS = {
  'eu-north-1': { nb: 'Stockholm i Sverige', en: 'Stockholm, Sweden' },
  'eu-west-1': { nb: 'Irland', en: 'Ireland' },
  'eu-west-3': { nb: 'Paris i Frankrike', en: 'Paris, France' },
  'eu-central-1': { nb: 'Frankfurt i Tyskland', en: 'Frankfurt, Germany' },
  'eu-south-1': { nb: 'Milano i Italia', en: 'Milan, Italy' },
  'eu-south-2': { nb: 'Spania', en: 'Spain' },
} as const;
export type EeaRegion = keyof typeof EEA_REGIONS;

/**
 * Who processes personal data for the shop (GDPR art. 28), by role, and where: what the privacy
 * notice says under recipients and storage (art. 13(1)(e)–(f)). The default is what this backend
 * deploys: AWS, whose European contracting party is Amazon Web Services EMEA SARL (Luxembourg).
 * `transfers` is one honest sentence per language on transfers outside the EU/EEA. The default
 * follows AWS's data processing addendum (docs.aws.amazon.com/whitepapers/latest/navigating-gdpr-
 * compliance/aws-data-processing-addendum-dpa.html and …/in-detail.html): AWS does not move data
 * out of the chosen region unless needed to run the service or required by law, and its addendum
 * carries the EU standard contractual clauses; the EU–US Data Privacy Framework is the
 * Commission's adequacy decision of 10 July 2023.
 */
export const DEFAULT_DATA_PROCESSING = {
  region: 'eu-north-1',
  processors: {
    hosting: { name: 'Amazon Web Services EMEA SARL', service: 'Amazon Web Services' },
    sms: { name: 'Amazon Web Services EMEA SARL', service: 'Amazon SNS' },
    email: { name: 'Amazon Web Services EMEA SARL', service: 'Amazon SES' },
  },
  transfers: {
    nb: 'Amazon Web Services er et amerikansk selskap: etter databehandleravtalen flytter AWS ikke opplysningene ut av regionen vi har valgt, med mindre det trengs for å drive tjenesten eller loven krever det, og en slik overføring er sikret med EUs standardavtaler (standard contractual clauses) i avtalen og med EU–US Data Privacy Framework.',
    en: 'Amazon Web Services is a US company: under its data processing addendum AWS does not move the data out of the region we chose unless that is needed to run the service or the law requires it, and such a transfer is covered by the EU standard contractual clauses in that addendum and by the EU–US Data Privacy Framework.',
  },
} as const satisfies { region: EeaRegion; processors: Record<string, { name: string; service: string }>; transfers: Record<'nb' | 'en', string> };

const Processor = () => z.strictObject({ name: z.string().check(z.minLength(1)), service: z.string().check(z.minLength(1)) });

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
    /**
     * How often a business on account gets its collective invoice (samlefaktura) for what it picked
     * up: `month` (the default) or `quarter`. The job issues it on the first day of the next period.
     */
    collectiveInvoicePeriod: z._default(z.enum(COLLECTIVE_INVOICE_PERIODS), 'month'),
    /** The first number of the sales-document series, to continue a series begun elsewhere. */
    firstDocumentNumber: z.int().check(z.gte(1)),
    /** The address invoices are e-mailed from; its domain is the SES identity. */
    invoiceEmailFrom: z.email(),
    /** Countries whose mobile numbers are accepted, the first being the default for numbers without +. */
    phoneCountries: z.array(z.enum(PHONE_COUNTRIES)).check(z.minLength(1)),
    /**
     * Payment reminders for invoices not paid (shared/domain/receivables/payment-reminders.ts):
     * the days after the due date the daily job sends the first and any later reminder (none: staff
     * send them by hand), the days to pay (inkassoloven § 9: at least 14 from the day sent), an
     * optional fee and optional late-payment interest, each with the source of its rate.
     */
    paymentReminders: z._default(
      z.strictObject({
        afterDaysOverdue: z.array(z.int().check(z.gte(1), z.lte(180))).check(z.maxLength(3)),
        payWithinDays: z.int().check(z.gte(MIN_DAYS), z.lte(60)),
        /**
         * The reminder fee (purregebyr) in øre, at most a twentieth of the inkassosats
         * (inkassoforskriften § 1-2 first paragraph); the inkassosats is set in § 1-1 and revised
         * each year, so it is configured with its source and the cap is checked when CDK synthesises.
         */
        fee: z.optional(
          z
            .strictObject({ ore: z.int().check(z.gte(0)), inkassosatsOre: z.int().check(z.gte(1)), source: z.string().check(z.minLength(10)) })
            .check(z.refine(feeWithinCap, { error: `The reminder fee may be at most 1/${MAX_FEE_SHARE_OF_INKASSOSATS} of the inkassosats (inkassoforskriften § 1-2)` })),
        ),
        /**
         * Late-payment interest (forsinkelsesrenteloven § 3), in hundredths of a percent a year:
         * the rate Finansdepartementet sets for each half year (1 January, 1 July), with its source.
         * Off unless given.
         */
        lateInterest: z.optional(z.strictObject({ rateBasisPoints: z.int().check(z.gte(1), z.lte(5000)), source: z.string().check(z.minLength(10)) })),
      }),
      () => ({ afterDaysOverdue: [], payWithinDays: MIN_DAYS }),
    ),
    /** Processors by role and the region data is stored in, for the privacy notice (DEFAULT_DATA_PROCESSING says why). */
    dataProcessing: z._default(
      z.strictObject({
        region: z.enum(Object.keys(EEA_REGIONS) as [EeaRegion, ...EeaRegion[]]),
        processors: z.strictObject({ hosting: Processor(), sms: Processor(), email: Processor() }),
        transfers: z.strictObject({ nb: z.string().check(z.minLength(20)), en: z.string().check(z.minLength(20)) }),
      }),
      () => structuredClone(DEFAULT_DATA_PROCESSING),
    ),
  }),
);
export type ShopConfig = z.infer<ReturnType<typeof ShopConfigSchema>>;

/** The shop's configuration, or an error naming the fields that are wrong (never their values). */
export function parseShopConfig(value: unknown, source = 'SHOP_CONFIG'): ShopConfig {
  const parsed = ShopConfigSchema().safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${source} is invalid at ${issueLocations(parsed.error).map(({ path }) => path.join('.')).join(', ')}`);
}
