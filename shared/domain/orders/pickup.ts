import type { CounterDeps } from '../kernel/deps';
import { ValidationError } from '../kernel/errors';
import { invoiceOnPickup } from '../invoices/invoice-use-cases';
import type { PostalAddress } from '../invoices/sales-documents';
import type { Order, Payment } from './orders';

export type PickupPayment = {
  method: Payment['method'];
  posReceiptRef?: string;
  buyerAddress?: PostalAddress;
  /** On invoice: the buyer, the customer the order was taken in for (the counter shows it with the order). */
  customerId?: string;
};

/**
 * Hands the garments over and records how the sale is paid.
 * 1. Counter (cash or card): the shop's certified cash register documents the sale (kassasystemlova
 *    § 3); only its receipt reference is kept here, and the order moves to picked up.
 * 2. Invoice (a credit sale): the invoice is issued with the pickup (invoices/invoiceOnPickup), made
 *    out to the customer the counter names. Naming the buyer, rather than having the backend look it
 *    up through the ticket, lets one read fetch the order, the buyer and the series together, so an
 *    invoiced pickup takes two DynamoDB round trips; a wrong customer is refused.
 * A field that belongs to the other way of paying is refused rather than ignored.
 */
export async function recordPickup(deps: CounterDeps, orderId: string, payment: PickupPayment, expectedVersion?: number): Promise<Order> {
  if (payment.method === 'counter') {
    if (payment.buyerAddress) {
      throw new ValidationError('The address is for invoices only', [{ pointer: '/buyerAddress', detail: 'Leave it out when paid at the counter' }]);
    }
    if (payment.customerId !== undefined) {
      throw new ValidationError('The buyer is named for invoices only', [{ pointer: '/customerId', detail: 'Leave it out when paid at the counter' }]);
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
  if (payment.customerId === undefined) {
    throw new ValidationError('An invoice needs its buyer', [{ pointer: '/customerId', detail: 'Give the customer the order was taken in for, as shown with the order' }]);
  }
  return invoiceOnPickup(deps, { customerId: payment.customerId, orderId }, payment.buyerAddress, expectedVersion);
}
