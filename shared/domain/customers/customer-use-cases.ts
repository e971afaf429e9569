import { randomUUID } from 'node:crypto';
import type { Page, PageRequest } from '../../ports/repositories';
import type { CounterDeps } from '../kernel/deps';
import { decideEmail, normaliseEmail, type Customer, type EmailPurpose, type Language } from './customers';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../kernel/errors';
import { nameMatches, nameSearchPrefix } from './name-search';
import { parsePhoneNumber } from './phone';
import { changedBusinessAccount, newBusinessAccount, parseOrganisationNumber, type BusinessChange, type BusinessInput } from './business';

export type RegisterCustomerInput = {
  name: string;
  /** A mobile, a landline, or left out when the customer gives no number. */
  phone?: string;
  email?: string;
  invoiceByEmail?: boolean;
  emailPurposes?: EmailPurpose[];
  language?: Language;
  /** A business (a hotel, a restaurant): `name` is then its legal name. */
  business?: BusinessInput;
};

/**
 * Registers a customer at the counter.
 * 1. Read the number, if one is given, as E.164 (Norwegian by default) and tell a mobile from a landline.
 * 2. Keep an e-mail address only with a purpose from the closed list.
 * 3. Store the profile, its name-search entries and a mobile's claim together; a mobile already
 *    claimed is a 409 naming the existing customer. A landline claims nothing: it may be shared.
 *    A business's organisation number (MOD11-checked, stored as its nine digits) is claimed in
 *    the same transaction: one customer per business, a 409 naming the field and the holder.
 */
export async function registerCustomer(deps: CounterDeps, input: RegisterCustomerInput): Promise<Customer> {
  const phone = input.phone === undefined ? undefined : parsePhoneNumber(input.phone, deps.shop.phoneCountries);
  const email = decideEmail(
    { emailPurposes: [] },
    {
      ...(input.email !== undefined ? { email: normaliseEmail(input.email) } : {}),
      ...(input.invoiceByEmail !== undefined ? { invoiceByEmail: input.invoiceByEmail } : {}),
      ...(input.emailPurposes !== undefined ? { emailPurposes: input.emailPurposes } : {}),
    },
  );
  const business = input.business === undefined ? undefined : newBusinessAccount(input.business);
  const now = deps.clock().toISOString();
  const customer: Customer = {
    customerId: randomUUID(),
    name: input.name,
    ...(phone ? { phone } : {}),
    ...email,
    language: input.language ?? deps.shop.defaultLanguage,
    ...(business ? { business } : {}),
    createdAt: now,
    updatedAt: now,
    lastActivityAt: now,
    version: 1,
  };
  await deps.customers.register(customer);
  return customer;
}

/**
 * A customer by mobile number, the number's claim leading to the profile. A landline leads to no
 * one (several customers may share it, and it claims nothing): the counter is told to search by
 * name rather than told there is no such customer, which would invite registering them twice.
 */
export async function findCustomerByPhone(deps: CounterDeps, rawPhone: string): Promise<Customer> {
  const phone = parsePhoneNumber(rawPhone, deps.shop.phoneCountries);
  if (phone.kind !== 'mobile') {
    throw new ValidationError('A landline can be shared, so it does not find a customer', [{ pointer: '/phone', detail: 'Find a customer with a landline by name (?name=)' }]);
  }
  const customerId = await deps.customers.findIdByPhone(phone.e164);
  const customer = customerId ? await deps.customers.get(customerId) : undefined;
  if (!customer) throw new NotFoundError('No customer has this phone number');
  return customer;
}

/**
 * A business by its organisation number, typed with or without spaces: the number's claim leads
 * to the profile (two reads by key). A number failing MOD11 is a 400, as at registration.
 */
export async function findCustomerByOrganisationNumber(deps: CounterDeps, typed: string): Promise<Customer> {
  const organisationNumber = parseOrganisationNumber(typed, '#/query/organisationNumber');
  const customerId = await deps.customers.findIdByOrganisationNumber(organisationNumber);
  const customer = customerId ? await deps.customers.get(customerId) : undefined;
  if (!customer) throw new NotFoundError('No customer has this organisation number');
  return customer;
}

/**
 * Customers by their name as a clerk types it: a prefix of any word of the name and the words
 * after it, case, accents and the ways of typing æ, ø and å ignored (see name-search.ts).
 * 1. Fold what was typed into the prefix the name index is searched by; nothing to search for is a 400.
 * 2. Read a page of the index and the profiles it leads to.
 * 3. Keep only those whose name, as stored now, still matches: the index may lag a rename by a moment.
 */
export async function findCustomersByName(deps: CounterDeps, typed: string, page: PageRequest): Promise<Page<Customer>> {
  const prefix = nameSearchPrefix(typed);
  const found = await deps.customers.findByName(prefix, page);
  return { ...found, items: found.items.filter((customer) => nameMatches(customer.name, prefix)) };
}

export async function getCustomerWithOrders(deps: CounterDeps, customerId: string, page: PageRequest) {
  const found = await deps.customers.getWithOrders(customerId, page);
  if (!found) throw new NotFoundError(`Customer ${customerId} does not exist`);
  return found;
}

/** `null` withdraws the e-mail address, or the number (the customer is then told nothing by SMS and cannot sign in). */
export type CustomerChange = Partial<Omit<RegisterCustomerInput, 'email' | 'phone' | 'business'>> & {
  email?: string | null;
  phone?: string | null;
  /** Fields of the business account to change; given to a private customer, it makes them a business. */
  business?: BusinessChange;
};

/**
 * Corrects a customer's details.
 * 1. Read a new number as registration does (refused before anything is read), then the current
 *    profile; if the client said which version it saw, it must still be current.
 * 2. Apply the change with the same rules as registration (e-mail purposes).
 * 3. Write it back only if nobody changed it meanwhile; a change of mobile moves the uniqueness
 *    claim (a landline or no number holds none), a change of name moves its search entries, a
 *    change of organisation number moves its claim.
 */
export async function updateCustomer(
  deps: CounterDeps,
  customerId: string,
  change: CustomerChange,
  expectedVersion?: number,
): Promise<Customer> {
  const newPhone = typeof change.phone === 'string' ? parsePhoneNumber(change.phone, deps.shop.phoneCountries) : change.phone;
  // A typing error in the number is refused before anything is read, as a phone number is.
  if (change.business?.organisationNumber !== undefined) parseOrganisationNumber(change.business.organisationNumber);
  const before = await deps.customers.get(customerId);
  if (!before) throw new NotFoundError(`Customer ${customerId} does not exist`);
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new PreconditionFailedError(`Customer ${customerId} is at version ${before.version}, not ${expectedVersion}`);
  }
  const { email: _email, emailPurposes: _purposes, phone: phoneBefore, business: businessBefore, ...unchanged } = before;
  const business = change.business === undefined ? businessBefore : changedBusinessAccount(businessBefore, change.business);
  const phone = newPhone === undefined ? phoneBefore : (newPhone ?? undefined);
  const after: Customer = {
    ...unchanged,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(phone ? { phone } : {}),
    ...(change.language !== undefined ? { language: change.language } : {}),
    ...(business ? { business } : {}),
    ...decideEmail(before, {
      ...(change.email !== undefined ? { email: change.email === null ? null : normaliseEmail(change.email) } : {}),
      ...(change.invoiceByEmail !== undefined ? { invoiceByEmail: change.invoiceByEmail } : {}),
      ...(change.emailPurposes !== undefined ? { emailPurposes: change.emailPurposes } : {}),
    }),
    updatedAt: deps.clock().toISOString(),
    version: before.version + 1,
  };
  await deps.customers.replace(before, after);
  return after;
}
