import type { Customer } from '#shared/domain/customers/customers';
import type { AccountItem } from '#shared/domain/invoices/account-items';
import { buildCollectiveInvoice, periodOf } from '#shared/domain/invoices/collective-invoice';
import { vatFromGross } from '#shared/domain/kernel/money';
import type { ShopConfig } from '#shared/config/shop-config';

/** A hotel on account, its e-mail for invoices. */
export const aHotelOnAccount = (): Customer =>
  ({
    customerId: 'hotel',
    name: 'Hotell Mjøsa AS',
    email: 'faktura@hotell-mjosa.no',
    emailPurposes: ['invoice'],
    language: 'nb',
    business: { organisationNumber: '923609016', invoiceAddress: { street: 'Strandgata 1', postalCode: '2815', city: 'Gjøvik' }, reference: 'Resepsjonen', onAccount: true, ehf: true },
  }) as unknown as Customer;

/** November's collective invoice of `count` pickups on account (tickets 2001…), the second pickup of each third order a partial one, every third with its own reference. */
export function aCollectiveInvoice(shop: ShopConfig, count = 3) {
  const items: AccountItem[] = Array.from({ length: count }, (_, i) => ({
    customerId: 'hotel',
    orderId: String(2001 + i),
    n: i % 3 === 1 ? 2 : 1,
    at: `2026-11-${String(2 + (i % 27)).padStart(2, '0')}T10:00:00.000Z`,
    date: `2026-11-${String(2 + (i % 27)).padStart(2, '0')}`,
    lines: [
      { line: 1, name: 'Duk, stor', quantity: 4, amountOre: 35_600 },
      ...(i % 2 === 0 ? [{ line: 2, name: 'Serviett', quantity: 3, amountOre: 4_501 }] : []),
    ],
    totals: vatFromGross(35_600 + (i % 2 === 0 ? 4_501 : 0), 25),
    ...(i % 3 === 0 ? { reference: `Restauranten ${i}` } : {}),
  }));
  const document = buildCollectiveInvoice({ documentNumber: 10042, customer: aHotelOnAccount(), items, period: periodOf('2026-11-15', 'month'), shop, issuedAt: new Date('2026-12-01T05:00:00Z'), issueDate: '2026-12-01' });
  if (!document) throw new Error('The collective invoice has lines');
  return { document, items };
}
