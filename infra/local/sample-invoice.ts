import { renderSalesDocumentPdf } from '../../shared/documents/invoice-pdf';
import type { Customer } from '../../shared/domain/customers/customers';
import { priceOrder, type Order } from '../../shared/domain/orders/orders';
import { buildCreditNote, buildInvoice } from '../../shared/domain/invoices/sales-documents';
import { stageConfig } from '../config/stages';
import { writeSamples } from './write-samples';

/** `npm run sample:invoice`: renders a sample invoice and its credit note to .local/ for a person to look at. */
function main() {
  const shop = stageConfig('prod').shop;
  const order = {
    orderId: '1042',
    customerId: 'sample',
    status: 'ready',
    ...priceOrder([
      { service: 'Dress', description: 'Mørk blå, to deler', quantity: 1, unitPriceOre: 24_900 },
      { service: 'Skjorte', description: 'Stivet', quantity: 3, unitPriceOre: 7_950 },
      { service: 'Gardiner', description: 'Per meter', quantity: 6, unitPriceOre: 4_500 },
    ]),
  } as Order;
  const customer = { customerId: 'sample', name: 'Kari Nordmann', emailPurposes: [], language: 'nb' } as unknown as Customer;
  const issuedAt = new Date();
  const issueDate = issuedAt.toISOString().slice(0, 10);
  const invoice = buildInvoice({ documentNumber: shop.firstDocumentNumber, order, customer, buyerAddress: { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' }, shop, issuedAt, issueDate });
  const credit = buildCreditNote({ documentNumber: shop.firstDocumentNumber + 1, original: invoice, reason: 'Feil pris på gardiner', issuedAt, issueDate });
  return [['sample-invoice.pdf', renderSalesDocumentPdf(invoice)], ['sample-credit-note.pdf', renderSalesDocumentPdf(credit)]] as const;
}

writeSamples(main);
