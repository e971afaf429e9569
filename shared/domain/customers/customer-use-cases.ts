import { randomUUID } from 'node:crypto';
import type { PageRequest } from '../../ports/repositories';
import type { CounterDeps } from '../kernel/deps';
import { decideEmail, normaliseEmail, type Customer, type EmailPurpose, type Language } from './customers';
import { NotFoundError, PreconditionFailedError } from '../kernel/errors';
import { normaliseMobileNumber } from './phone';

export type RegisterCustomerInput = {
  name: string;
  phone: string;
  email?: string;
  invoiceByEmail?: boolean;
  emailPurposes?: EmailPurpose[];
  language?: Language;
};

/**
 * Registers a customer at the counter.
 * 1. Normalise the mobile number to E.164 (Norwegian by default).
 * 2. Keep an e-mail address only with a purpose from the closed list.
 * 3. Store profile and phone claim together; a taken number is a 409 naming the existing customer.
 */
export async function registerCustomer(deps: CounterDeps, input: RegisterCustomerInput): Promise<Customer> {
  const phone = normaliseMobileNumber(input.phone, deps.shop.phoneCountries);
  const email = decideEmail(
    { emailPurposes: [] },
    {
      ...(input.email !== undefined ? { email: normaliseEmail(input.email) } : {}),
      ...(input.invoiceByEmail !== undefined ? { invoiceByEmail: input.invoiceByEmail } : {}),
      ...(input.emailPurposes !== undefined ? { emailPurposes: input.emailPurposes } : {}),
    },
  );
  const now = deps.clock().toISOString();
  const customer: Customer = {
    customerId: randomUUID(),
    name: input.name,
    phone,
    ...email,
    language: input.language ?? deps.shop.defaultLanguage,
    createdAt: now,
    updatedAt: now,
    lastActivityAt: now,
    version: 1,
  };
  await deps.customers.register(customer);
  return customer;
}

export async function findCustomerByPhone(deps: CounterDeps, rawPhone: string): Promise<Customer> {
  const phone = normaliseMobileNumber(rawPhone, deps.shop.phoneCountries);
  const customerId = await deps.customers.findIdByPhone(phone);
  const customer = customerId ? await deps.customers.get(customerId) : undefined;
  if (!customer) throw new NotFoundError('No customer has this phone number');
  return customer;
}

export async function getCustomerWithOrders(deps: CounterDeps, customerId: string, page: PageRequest) {
  const found = await deps.customers.getWithOrders(customerId, page);
  if (!found) throw new NotFoundError(`Customer ${customerId} does not exist`);
  return found;
}

export type CustomerChange = Partial<Omit<RegisterCustomerInput, 'email'>> & { email?: string | null };

/**
 * Corrects a customer's details.
 * 1. Read the current profile; if the client said which version it saw, it must still be current.
 * 2. Apply the change with the same rules as registration (phone format, e-mail purposes).
 * 3. Write it back only if nobody changed it meanwhile; a new number moves the uniqueness claim.
 */
export async function updateCustomer(
  deps: CounterDeps,
  customerId: string,
  change: CustomerChange,
  expectedVersion?: number,
): Promise<Customer> {
  const before = await deps.customers.get(customerId);
  if (!before) throw new NotFoundError(`Customer ${customerId} does not exist`);
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new PreconditionFailedError(`Customer ${customerId} is at version ${before.version}, not ${expectedVersion}`);
  }
  const { email: _email, emailPurposes: _purposes, ...unchanged } = before;
  const after: Customer = {
    ...unchanged,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.phone !== undefined ? { phone: normaliseMobileNumber(change.phone, deps.shop.phoneCountries) } : {}),
    ...(change.language !== undefined ? { language: change.language } : {}),
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
