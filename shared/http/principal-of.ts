import type { Principal } from '../auth/principal';
import { problems } from './problem';

/** The signed-in customer's id. The route's access level already admitted only customers. */
export function customerOf(principal: Principal | undefined): string {
  if (principal?.kind !== 'customer') throw problems.forbidden();
  return principal.customerId;
}

/** The signed-in clerk's subject, for what they record. The route's access level already admitted only staff. */
export function staffOf(principal: Principal | undefined): string {
  if (principal?.kind !== 'staff') throw problems.forbidden();
  return principal.subject;
}
