import * as z from 'zod/mini';
import { EMAIL_PURPOSES, LANGUAGES } from '../domain/customers/customers';
import { cursor, customerId, pageLimit, plainText, schema, timestamp } from './common.schema';
import { OrderView } from './orders.schema';

const email = () => z.email().check(z.maxLength(254));
const name = () => plainText(100);
const phone = () => z.string().check(z.minLength(3), z.maxLength(32));

export const RegisterCustomerBody = schema(() =>
  z.strictObject({
    name: name(),
    phone: phone(),
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
      phone: z.optional(phone()),
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
    phone: z.string(),
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
export const FindCustomerQuery = schema(() => z.strictObject({ phone: phone() }));
export const CustomerOrdersQuery = schema(() => z.strictObject({ limit: z.optional(pageLimit()), cursor: z.optional(cursor()) }));
