import * as z from 'zod/mini';
import { EMAIL_PURPOSES, LANGUAGES } from '../domain/customers/customers';
import { PHONE_KINDS } from '../domain/customers/phone';
import { cursor, customerId, pageLimit, plainText, schema, timestamp, withoutFormatCharacters } from './common.schema';
import { OrderView } from './orders.schema';

const email = () => z.email().check(z.maxLength(254));
const name = () => plainText(100);
/** A mobile or a landline, as typed: the server reads it and says which (phoneKind in the answer). */
const phone = () => z.string().check(z.minLength(3), z.maxLength(32), withoutFormatCharacters());

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
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field to change' })),
);

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
  z.strictObject({ customerId: customerId(), name: z.string(), phone: z.optional(z.string()), phoneKind: z.optional(z.enum(PHONE_KINDS)) }),
);
export const CustomerMatchPage = schema(() => z.strictObject({ customers: z.array(CustomerMatch()), nextCursor: z.optional(z.string()) }));
/** By mobile number, the one customer who holds it; by name, a page of those it finds. */
export const FoundCustomers = schema(() => z.union([CustomerView(), CustomerMatchPage()]));

/** Either `phone` (a mobile number: one customer) or `name` (prefix, case and accents ignored: a page). */
export const FindCustomerQuery = schema(() =>
  z
    .strictObject({
      phone: z.optional(phone()),
      name: z.optional(z.string().check(z.minLength(1), z.maxLength(100), withoutFormatCharacters())),
      limit: z.optional(pageLimit()),
      cursor: z.optional(cursor()),
    })
    .check(
      z.refine((query) => (query.phone === undefined) !== (query.name === undefined), { error: 'Give either phone or name', path: ['name'] }),
      z.refine((query) => query.phone === undefined || (query.limit === undefined && query.cursor === undefined), { error: 'A number finds one customer: limit and cursor go with name', path: ['limit'] }),
    ),
);
export const CustomerOrdersQuery = schema(() => z.strictObject({ limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }));
