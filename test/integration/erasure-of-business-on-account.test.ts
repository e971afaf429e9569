import { stageConfig } from '../../infra/config/stages';
import { shopDate } from '#shared/domain/kernel/calendar';
import { aBusiness, aCustomer, anOrderTakenIn } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Issue #17/#18: a business that picked up on account asks to be erased before the period's
 * collective invoice. The pickups are sales with no document yet (bokføringsloven, and
 * bokføringsforskriften § 5-1-1 for the collective invoice), so the erasure waits (reason
 * uninvoiced_pickups) and erases nothing; once the collective invoice has consumed them, the
 * daily safety net resumes it, and it goes ahead but for the unpaid invoice's claim. Through the
 * twin's API, the table's stream, the synthesized workflow and the daily job on DynamoDB Local.
 */
const api = apiHarness({ rights: true });
const { call } = api;
const shop = stageConfig('local').shop;

const itemsOf = async (customerId: string, entity: string) => (await api.env.allItems()).filter((i) => i.entity === entity && i.customerId === customerId);
const smsTo = (phone: string) => api.rights.publishes().filter((p) => p.PhoneNumber === phone).map((p) => String(p.Message));

async function runDeadlines(asOf: string) {
  const { handler } = await import('../../functions/jobs/request-deadlines.handler');
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write; // the metric line
  try {
    return (await handler({ asOf }, { functionName: 'deadlines', awsRequestId: 't' } as never)) as unknown as { resumed: string[] };
  } finally {
    process.stdout.write = write;
  }
}

it('waits while a pickup on account is not invoiced, erasing nothing, and once the collective invoice is issued the daily job erases all but the unpaid invoice\'s claim', async () => {
  // Given a business on account that picked up an order on account this month
  const phone = aCustomer().phone;
  const registered = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: 'Hotell Vente AS', phone, business: aBusiness({ onAccount: true, reference: 'Resepsjonen' }) }) });
  expect([registered.status, registered.json.errors]).toEqual([201, undefined]);
  const customerId = registered.json.customerId as string;
  const { orderId } = await anOrderTakenIn(call, api.staff, customerId, { reference: 'Kjøkkenet, Per Hansen' });
  expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
  expect((await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId } })).status).toBe(200);
  await api.rights.settle();
  const pickups = await itemsOf(customerId, 'accountItem');
  expect(pickups).toHaveLength(1);

  // When it asks for erasure
  const token = await api.env.issuer.customerToken(customerId);
  const opened = await call('POST', '/me/requests', { token, body: { type: 'erasure' } });
  expect(opened.status).toBe(202);
  const requestId = opened.json.requestId as string;
  await api.rights.settle();

  // Then the request waits for the collective invoice, says why in words for a business, and nothing is erased
  const waiting = await call('GET', `/me/requests/${requestId}`, { token });
  expect(waiting.json).toMatchObject({ status: 'blocked', outcome: { blockedReason: 'uninvoiced_pickups' }, waiting: { reason: 'uninvoiced_pickups', explanation: expect.stringContaining('samlefakturaen') } });
  expect(await itemsOf(customerId, 'accountItem')).toEqual(pickups);
  expect((await call('GET', `/admin/customers/${customerId}`, { token: api.staff })).status).toBe(200);
  expect(smsTo(phone).filter((text) => text.startsWith('Vi sletter'))).toEqual([expect.stringContaining('når hentingene på konto er fakturert')]);
  // And the daily job leaves it waiting while the pickup is not invoiced
  expect((await runDeadlines(new Date().toISOString())).resumed).not.toContain(requestId);

  // When the month's collective invoice is issued (it consumes the pickup)
  const issued = await call('POST', `/admin/customers/${customerId}/collective-invoice`, { token: api.staff, body: { period: shopDate(new Date(), shop.timeZone).slice(0, 7) } });
  expect(issued.status).toBe(201);
  const invoice = (issued.json as { document: { documentNumber: number } }).document.documentNumber;
  expect(await itemsOf(customerId, 'accountItem')).toEqual([]);

  // Then the next day's job resumes the erasure: all is erased but the unpaid invoice's claim
  const nextDay = new Date(Date.now() + 86_400_000).toISOString();
  expect((await runDeadlines(nextDay)).resumed).toEqual([requestId]);
  await api.rights.settle();
  expect((await call('GET', `/me/requests/${requestId}`, { token })).json).toMatchObject({ status: 'blocked', outcome: { blockedReason: 'open_balance' }, waiting: { reason: 'open_balance', openInvoices: [invoice] } });
  expect((await call('GET', `/admin/customers/${customerId}`, { token: api.staff })).status).toBe(404);
  expect((await api.env.allItems()).filter((i) => i.customerId === customerId && i.entity !== 'privacyRequest')).toEqual([]);
  const hold = (await api.env.allItems()).find((i) => i.entity === 'claimHold' && (i.invoices as number[]).includes(invoice));
  expect(hold).toMatchObject({ name: 'Hotell Vente AS', invoices: [invoice] });
  // The collective invoice is kept for the books, under the erasure's pseudonym, without the order's reference
  const kept = (await api.env.allItems()).find((i) => i.entity === 'salesDocument' && i.documentNumber === invoice);
  expect(kept?.customerId).toBe(hold?.holder);
  expect(JSON.stringify(kept)).not.toContain('Per Hansen');
});

it('exports a business\'s pickups on account not invoiced yet, with the order\'s reference, and its collective-invoice claims (GDPR art. 15)', async () => {
  // Given a business that picked up one order on account, a month's invoice issued, and another pickup waiting
  const registered = await call('POST', '/admin/customers', { token: api.staff, body: aCustomer({ name: 'Hotell Innsyn AS', business: aBusiness({ onAccount: true }) }) });
  expect(registered.status).toBe(201);
  const customerId = registered.json.customerId as string;
  const pickUp = async (reference: string) => {
    const { orderId } = await anOrderTakenIn(call, api.staff, customerId, { reference });
    expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
    expect((await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'account', customerId } })).status).toBe(200);
    return orderId;
  };
  await pickUp('Resepsjonen');
  const period = shopDate(new Date(), shop.timeZone).slice(0, 7);
  const issued = await call('POST', `/admin/customers/${customerId}/collective-invoice`, { token: api.staff, body: { period } });
  expect(issued.status).toBe(201);
  const waiting = await pickUp('Kjøkkenet, Per Hansen');

  // When it asks for access
  const token = await api.env.issuer.customerToken(customerId);
  const opened = await call('POST', '/me/requests', { token, body: { type: 'access' } });
  expect(opened.status).toBe(202);
  await api.rights.settle();
  const exported = await call('GET', `/me/requests/${opened.json.requestId as string}/export`, { token });

  // Then the export lists the pickup waiting, with its reference, and the period's claim
  expect(exported.status).toBe(200);
  expect(exported.json).toMatchObject({
    accountItems: [expect.objectContaining({ customerId, orderId: waiting, reference: 'Kjøkkenet, Per Hansen' })],
    collectiveClaims: [expect.objectContaining({ customerId, period, documentNumber: (issued.json as { document: { documentNumber: number } }).document.documentNumber, completedAt: expect.any(String) })],
  });
  expect((exported.json.summary as string[]).join('\n')).toContain('«Kjøkkenet, Per Hansen»');
});
