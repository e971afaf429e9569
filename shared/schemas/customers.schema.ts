import * as z from 'zod/mini';
import { EMAIL_PURPOSES, LANGUAGES } from '../domain/customers';
import { Cursor, CustomerId, PageLimit, plainText, Timestamp } from './common.schema';
import { OrderView } from './orders.schema';

const Email = z.email().check(z.maxLength(254));
const name = plainText(100);
const phone = z.string().check(z.minLength(3), z.maxLength(32));

export const RegisterCustomerBody = z.strictObject({
  name,
  phone,
  email: z.optional(Email),
  /** The e-invoice choice: the one common reason to store an e-mail address. */
  invoiceByEmail: z.optional(z.boolean()),
  emailPurposes: z.optional(z.array(z.enum(EMAIL_PURPOSES)).check(z.maxLength(EMAIL_PURPOSES.length))),
  language: z.optional(z.enum(LANGUAGES)),
});

export const UpdateCustomerBody = z
  .strictObject({
    name: z.optional(name),
    phone: z.optional(phone),
    /** null withdraws the address, and every purpose that needs it. */
    email: z.optional(z.nullable(Email)),
    invoiceByEmail: z.optional(z.boolean()),
    emailPurposes: z.optional(z.array(z.enum(EMAIL_PURPOSES)).check(z.maxLength(EMAIL_PURPOSES.length))),
    language: z.optional(z.enum(LANGUAGES)),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, { error: 'Give at least one field to change' }));

export const CustomerView = z.strictObject({
  customerId: CustomerId,
  name: z.string(),
  phone: z.string(),
  email: z.optional(z.string()),
  invoiceByEmail: z.boolean(),
  emailPurposes: z.array(z.enum(EMAIL_PURPOSES)),
  language: z.enum(LANGUAGES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastActivityAt: Timestamp,
  version: z.int(),
});

export const CustomerWithOrdersView = z.strictObject({
  customer: CustomerView,
  orders: z.array(OrderView),
  nextCursor: z.optional(z.string()),
});

export const CustomerIdParams = z.strictObject({ customerId: CustomerId });
export const FindCustomerQuery = z.strictObject({ phone });
export const CustomerOrdersQuery = z.strictObject({ limit: z.optional(PageLimit), cursor: z.optional(Cursor) });
