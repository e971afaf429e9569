import { readFileSync, writeFileSync } from 'node:fs';
import { EXPORT_PARTS, exportFields, exportFormatDocument } from '#shared/domain/rights/export-format';

const DOCUMENT = 'shared/domain/rights/EXPORT-FORMAT.md';

describe('the access export\'s format', () => {
  it('is described in EXPORT-FORMAT.md, as generated from the data inventory', () => {
    if (process.env.UPDATE_EXPORT_FORMAT === '1') writeFileSync(DOCUMENT, exportFormatDocument());
    expect(readFileSync(DOCUMENT, 'utf8')).toBe(exportFormatDocument());
  });

  it('describes every part of the export with the fields its entity stores', () => {
    expect(EXPORT_PARTS.map((p) => p.key)).toEqual(['customer', 'orders', 'messages', 'documents', 'receivables', 'payments', 'reminders', 'requests', 'accountItems', 'collectiveClaims']);
    const customer = exportFields('customer').map((f) => f.name);
    expect(customer).toEqual(expect.arrayContaining(['customerId', 'name', 'phone', 'email', 'emailPurposes', 'language']));
    expect(customer).not.toEqual(expect.arrayContaining(['pk']));
    expect(exportFields('order').map((f) => f.name)).toEqual(expect.arrayContaining(['orderId', 'status', 'items', 'garments', 'totals', 'receivedAt']));
  });
});
