import { aBusinessInvoice } from '../helpers/business-invoice';
import { aReadyOrder } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Staff fetch a sales document as EHF for the shop's PEPPOL access point provider. A business
 * buyer's organisation number reaches the document at pickup elsewhere (business accounts);
 * here the document is issued through the repository with one.
 */
const api = apiHarness();
const { call } = api;
const anInvoiceFor = async (buyer: { organisationNumber?: string; reference?: string }) => aBusinessInvoice(api.env, await aReadyOrder(call, api.staff, { name: 'Byggmester Hansen AS' }), buyer);

describe('GET /admin/invoices/{invoiceId}/ehf', () => {
  it('answers the invoice as PEPPOL BIS Billing 3.0 XML addressed to the buyer, for staff only', async () => {
    const number = await anInvoiceFor({ organisationNumber: '974760673', reference: 'Ola Hansen' });
    const ehf = await call('GET', `/admin/invoices/${number}/ehf`, { token: api.staff, headers: { accept: 'application/xml' } });
    expect(ehf.status).toBe(200);
    expect(ehf.headers['content-type']).toBe('application/xml');
    const xml = ehf.bytes.toString('utf8');
    expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>');
    expect(xml).toContain(`<cbc:ID>${number}</cbc:ID>`);
    expect(xml).toContain('<cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID>');
    expect(xml).toContain('<cbc:BuyerReference>Ola Hansen</cbc:BuyerReference>');
    expect(xml).toContain('mimeCode="application/pdf"');
    expect((await call('GET', `/admin/invoices/${number}/ehf`)).status).toBe(401);
  });

  it('refuses a document whose buyer has no organisation number, naming what is missing, and writes nothing', async () => {
    const number = await anInvoiceFor({});
    const before = await api.env.allItems();
    const refused = await call('GET', `/admin/invoices/${number}/ehf`, { token: api.staff });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json).toMatchObject({ status: 409, documentNumber: number, errors: [{ pointer: '/buyer/organisationNumber' }] });
    expect(await api.env.allItems()).toEqual(before);
  });

  it('answers 404 for a number not issued', async () => {
    expect((await call('GET', '/admin/invoices/99999999/ehf', { token: api.staff })).status).toBe(404);
  });
});
