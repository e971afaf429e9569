import type { CounterDeps } from '../kernel/deps';
import { ValidationError } from '../kernel/errors';
import { invoiceOnPickup } from '../invoices/invoice-use-cases';
import type { PostalAddress } from '../invoices/sales-documents';
import type { Order, Payment } from './orders';

export type PickupPayment = { method: Payment['method']; posReceiptRef?: string; buyerAddress?: PostalAddress };

/**
 * Hands the garments over and records how the sale is paid.
 * 1. Counter (cash or card): the shop's certified cash register documents the sale (kassasystemlova
 *    § 3); only its receipt reference is kept here, and the order moves to picked up.
 * 2. Invoice (a credit sale): the invoice is issued with the pickup (invoices/invoiceOnPickup).
 * A field that belongs to the other way of paying is refused rather than ignored.
 */
export async function recordPickup(deps: CounterDeps, orderId: string, payment: PickupPayment, expectedVersion?: number): Promise<Order> {
  if (payment.method === 'counter') {
    if (payment.buyerAddress) {
      throw new ValidationError('The address is for invoices only', [{ pointer: '/buyerAddress', detail: 'Leave it out when paid at the counter' }]);
    }
    const counterPayment = { method: 'counter' as const, ...(payment.posReceiptRef ? { posReceiptRef: payment.posReceiptRef } : {}) };
    return deps.orders.transition(orderId, 'pickup', { at: deps.clock().toISOString(), payment: counterPayment, expectedVersion });
  }
  if (payment.posReceiptRef !== undefined) {
    throw new ValidationError('A cash-register receipt belongs to payment at the counter', [{ pointer: '/posReceiptRef', detail: 'Leave it out when the sale is invoiced' }]);
  }
  if (!payment.buyerAddress) {
    throw new ValidationError('An invoice needs the buyer\'s address', [{ pointer: '/buyerAddress', detail: 'Street, postal code and city, as bokføringsforskriften § 5-1-1 requires' }]);
  }
  return invoiceOnPickup(deps, orderId, payment.buyerAddress, expectedVersion);
}
