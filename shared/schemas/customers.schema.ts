import * as z from 'zod/mini';
import { EMAIL_PURPOSES, LANGUAGES } from '../domain/customers/customers';
import { PHONE_KINDS } from '../domain/customers/phone';
import { cursor, customerId, pageLimit, plainText, schema, timestamp, withoutFormatCharacters } from './common.schema';
import { PostalAddressSchema } from './documents.schema';
import { OrderView } from './orders.schema';

const email = () => z.email().check(z.maxLength(254));
const name = () => plainText(100);
/** A mobile or a landline, as typed: the server reads it and says which (phoneKind in the answer). */
const phone = () => z.string().check(z.minLength(3), z.maxLength(32), withoutFormatCharacters());

/** Nine digits as typed, spaces allowed ("923 609 016"); the check digit is the domain's (business.ts). */
const organisationNumber = () => z.string().check(z.regex(/^[\d ]{9,15}$/, { error: 'Nine digits, spaces allowed, for example 923 609 016' }));
/** "Deres ref.": what the business wants its invoices marked with (a person, a department, a cost centre). */
const invoiceReference = () => plainText(60);

/** A business's account: `name` is then its legal name. An e-mail for invoices is the customer's `email` with `invoiceByEmail`. */
const BusinessBody = () =>
  z.strictObject({
    organisationNumber: organisationNumber(),
    invoiceAddress: PostalAddressSchema(),
    /** The person the shop deals with: personal data, kept as the account is. */
    contactName: z.optional(name()),
    /** Printed as "Deres ref." on every invoice unless an order gives its own. */
    reference: z.optional(invoiceReference()),
    /** Pickups go on the account, to the period's collective invoice. Default true. */
    onAccount: z.optional(z.boolean()),
    /** Invoices go as EHF (PEPPOL) to the organisation number. Default false. */
    ehf: z.optional(z.boolean()),
  });

/** A correction: the fields given change; `null` removes the contact or the reference. */
const BusinessChangeBody = () =>
  z
    .strictObject({
      organisationNumber: z.optional(organisationNumber()),
      invoiceAddress: z.optional(PostalAddressSchema()),
      contactName: z.optional(z.nullable(name())),
      reference: z.optional(z.nullable(invoiceReference())),
      onAccount: z.optional(z.boolean()),
      ehf: z.optional(z.boolean()),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field of the business account to change' }));

export const RegisterCustomerBody = schema(() =>
  z.strictObject({
    name: name(),
    /** Left out for a customer who gives no number: nothing can then be sent, and the counter waits for them. */
    phone: z.optional(phone()),
    email: z.optional(email()),
    /** The e-invoice choice: the one common reason to store an e-mail address. */
    invoiceByEmail: z.optional(z.boolean()),
    emailPurposes: z.optional(z.array(z.enum(EMAIL_PURPOSES)).check(z.maxLength(EMAIL_PURPOSES.length))),
    language: z.optional(z.enum(LANGUAGES)),
    /** For a business (a hotel, a restaurant, an office): its organisation number is unique among customers. */
    business: z.optional(BusinessBody()),
  }),
);

export const UpdateCustomerBody = schema(() =>
  z
    .strictObject({
      name: z.optional(name()),
      /** null withdraws the number. */
      phone: z.optional(z.nullable(phone())),
      /** null withdraws the address, and every purpose that needs it. */
      email: z.optional(z.nullable(email())),
      invoiceByEmail: z.optional(z.boolean()),
      emailPurposes: z.optional(z.array(z.enum(EMAIL_PURPOSES)).check(z.maxLength(EMAIL_PURPOSES.length))),
      language: z.optional(z.enum(LANGUAGES)),
      /** Changes the business account; for a private customer, makes them a business (number and invoice address required). */
      business: z.optional(BusinessChangeBody()),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field to change' })),
);

/** A business's account as staff see it: the number as stored (nine digits) and as printed. */
const BusinessView = () =>
  z.strictObject({
    organisationNumber: z.string(),
    /** 923 609 016, as invoices and Brønnøysundregistrene print it. */
    organisationNumberFormatted: z.string(),
    invoiceAddress: z.strictObject({ street: z.string(), postalCode: z.string(), city: z.string() }),
    contactName: z.optional(z.string()),
    reference: z.optional(z.string()),
    onAccount: z.boolean(),
    ehf: z.boolean(),
  });

export const CustomerView = schema(() =>
  z.strictObject({
    customerId: customerId(),
    name: z.string(),
    /** E.164, when the customer gave a number. */
    phone: z.optional(z.string()),
    /** mobile: SMS and sign-in codes; landline: the shop calls. Present with phone. */
    phoneKind: z.optional(z.enum(PHONE_KINDS)),
    email: z.optional(z.string()),
    invoiceByEmail: z.boolean(),
    emailPurposes: z.array(z.enum(EMAIL_PURPOSES)),
    language: z.enum(LANGUAGES),
    /** Present for a business; `name` is then its legal name. */
    business: z.optional(BusinessView()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    lastActivityAt: timestamp(),
    version: z.int(),
  }),
);

export const CustomerWithOrdersView = schema(() =>
  z.strictObject({
    customer: CustomerView(),
    orders: z.array(OrderView()),
    nextCursor: z.optional(z.string()),
  }),
);

export const CustomerIdParams = schema(() => z.strictObject({ customerId: customerId() }));
/** One customer, as the name search lists them: enough to tell two namesakes apart and open the right one. */
export const CustomerMatch = schema(() =>
  z.strictObject({
    customerId: customerId(),
    name: z.string(),
    phone: z.optional(z.string()),
    phoneKind: z.optional(z.enum(PHONE_KINDS)),
    /** A business's number, formatted (923 609 016): tells the business from a person of the same name. */
    organisationNumber: z.optional(z.string()),
  }),
);
export const CustomerMatchPage = schema(() => z.strictObject({ customers: z.array(CustomerMatch()), nextCursor: z.optional(z.string()) }));
/** By mobile number or organisation number, the one customer who holds it; by name, a page of those it finds. */
export const FoundCustomers = schema(() => z.union([CustomerView(), CustomerMatchPage()]));

/**
 * One of `phone` (a mobile number: one customer), `organisationNumber` (nine digits, spaces
 * allowed: one business) or `name` (prefix, case and accents ignored: a page).
 */
export const FindCustomerQuery = schema(() =>
  z
    .strictObject({
      phone: z.optional(phone()),
      organisationNumber: z.optional(organisationNumber()),
      name: z.optional(z.string().check(z.minLength(1), z.maxLength(100), withoutFormatCharacters())),
      limit: z.optional(pageLimit()),
      cursor: z.optional(cursor()),
    })
    .check(
      z.refine((query) => [query.phone, query.organisationNumber, query.name].filter((given) => given !== undefined).length === 1, { error: 'Give one of phone, organisationNumber or name', path: ['name'] }),
      z.refine((query) => (query.phone === undefined && query.organisationNumber === undefined) || (query.limit === undefined && query.cursor === undefined), { error: 'A number finds one customer: limit and cursor go with name', path: ['limit'] }),
    ),
);
export const CustomerOrdersQuery = schema(() => z.strictObject({ limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }));
