import type { CounterDeps } from '../kernel/deps';
import type { Customer } from './customers';
import { NotFoundError } from '../kernel/errors';

/** A customer's own profile. A token for a customer who no longer exists (erased) finds nothing. */
export async function getMe(deps: CounterDeps, customerId: string): Promise<Customer> {
  const customer = await deps.customers.get(customerId);
  if (!customer) throw new NotFoundError('No customer');
  return customer;
}
