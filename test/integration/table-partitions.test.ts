import { documentClient } from '#shared/composition';
import { API_FUNCTIONS } from '#shared/http/api-functions';
import { sourceLoader } from '../../infra/local/handler-bundles';
import { invokedFunction } from '../../infra/local/invocation-scope';
import { createLocalStepFunctions } from '../../infra/local/local-step-functions';
import { anOrderTakenIn, aRegisteredCustomer, aSignInCode, uniqueMobile } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';
import { recordLeadingKeys, stringLike, type KeyUse } from '../helpers/leading-keys';

/**
 * The customer function's role may touch only the partitions API_FUNCTIONS declares for it
 * (IAM `dynamodb:LeadingKeys`, infra/constructs/table-access.ts); the twin does not enforce IAM,
 * so this runs every customer route's flows through it, records the partition key of each item
 * and index partition the function's requests name, and checks each against the declaration.
 * A route that starts touching another partition fails here before it fails in AWS.
 */
const api = apiHarness({ outbox: 'file' });
const { call } = api;
const declared = API_FUNCTIONS.customer.partitions;

let recorder: ReturnType<typeof recordLeadingKeys>;
beforeAll(() => {
  recorder = recordLeadingKeys(documentClient(), () => invokedFunction.getStore() === 'customer');
});

describe('the customer function', () => {
  it('touches only the partitions it declares, on every customer route: sign-in, /me, its orders and requests', async () => {
    // A customer with an order in the shop and one invoiced and credited, so the export reads their documents too.
    const kari = await aRegisteredCustomer(call, api.staff);
    await anOrderTakenIn(call, api.staff, kari.customerId);
    const { orderId } = await anOrderTakenIn(call, api.staff, kari.customerId);
    expect((await call('POST', `/admin/orders/${orderId}/ready`, { token: api.staff })).status).toBe(200);
    const pickup = await call('POST', `/admin/orders/${orderId}/pickup`, { token: api.staff, body: { payment: 'invoice', buyerAddress: { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' }, customerId: kari.customerId } });
    const invoiceNumber = (pickup.json.payment as { documentNumber: number }).documentNumber;
    expect((await call('POST', `/admin/invoices/${invoiceNumber}/credit`, { token: api.staff, body: { reason: 'Feil pris' } })).status).toBe(201);
    await api.outbox.drain(); // the ready SMS goes now, so the next one to the number is the code
    recorder.clear();

    // Sign-in: a code for a known number, for an unknown one, a wrong code, then the right one.
    expect((await call('POST', '/auth/code', { body: { phone: uniqueMobile() } })).status).toBe(202);
    const code = await aSignInCode(call, api.outbox, kari.phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await call('POST', '/auth/token', { body: { phone: kari.phone, code: wrong } })).status).toBe(401);
    const exchanged = await call('POST', '/auth/token', { body: { phone: kari.phone, code } });
    expect(exchanged.status).toBe(200);
    const token = exchanged.json.accessToken as string;
    const signIn = recorder.seen();

    // Their own data and requests.
    expect((await call('GET', '/me', { token })).status).toBe(200);
    expect((await call('PATCH', '/me', { token, body: { name: 'Kari Nordmann-Bøe', language: 'en' } })).status).toBe(200);
    expect((await call('PATCH', '/me', { token, body: { email: 'kari@eksempel.no', invoiceByEmail: true } })).status).toBe(200);
    expect((await call('GET', '/me/orders?limit=5', { token })).status).toBe(200);
    const opened = await call('POST', '/me/requests', { token, body: { type: 'access' } });
    expect(opened.status).toBe(202);
    const requestId = opened.json.requestId as string;
    expect((await call('GET', `/me/requests/${requestId}`, { token })).status).toBe(200);
    expect((await call('GET', `/me/requests/${requestId}/export`, { token })).status).toBe(409);
    const workflow = await createLocalStepFunctions({ loadHandler: sourceLoader });
    await workflow.startExecution(requestId, { requestId }).done;
    expect((await call('GET', `/me/requests/${requestId}/export`, { token })).status).toBe(200);
    expect((await call('GET', '/privacy')).status).toBe(200);

    const seen = recorder.seen();
    const mayTouch = ({ key, write }: KeyUse) => (write ? declared.write : [...declared.write, ...declared.read]).some((pattern) => stringLike(pattern, String(key)));
    const outside = [...new Set(seen.filter((use) => !mayTouch(use)).map((use) => `${use.write ? 'writes' : 'reads'} ${String(use.key)}`))];
    expect(outside).toEqual([]);
    // Not vacuous: sign-in wrote the number's partition and the customer's (the SMS in the outbox); the export read documents.
    expect(signIn.some((use) => use.write && String(use.key).startsWith('PHONE#'))).toBe(true);
    expect(signIn.some((use) => use.write && String(use.key).startsWith('CUSTOMER#'))).toBe(true);
    // What a role of the sign-in routes' own would need: the number's partition, the caller's counters and the customer's (the SMS).
    expect([...new Set(signIn.map((use) => String(use.key).split('#')[0]))].sort()).toEqual(['CLIENT', 'CUSTOMER', 'PHONE']);
    expect(seen.some((use) => !use.write && String(use.key).startsWith('DOCUMENT#'))).toBe(true);
  }, 300_000);
});
