import { EXPORT_PARTS, exportFields } from '#shared/domain/rights/export-format';
import { randomUUID } from 'node:crypto';
import { registerCustomer } from '#shared/domain/customers/customer-use-cases';
import { creditInvoice } from '#shared/domain/invoices/invoice-use-cases';
import { salesJournal } from '#shared/domain/invoices/sales-journal';
import { ConflictError, NotFoundError } from '#shared/domain/kernel/errors';
import { deliverSms } from '#shared/domain/notices/notice-use-cases';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { recordPickup } from '#shared/domain/orders/pickup';
import { REQUEST_TRANSITIONS, type RequestTransition } from '#shared/domain/rights/privacy-requests';
import { assembleExport, eraseCustomer, exportForRequest, notifyAccessAnswered, openRequest } from '#shared/domain/rights/rights-use-cases';
import { fakeClock } from '../../helpers/fake-clock';
import { aCustomer, uniqueLandline, anOrder, mobileOf } from '../../helpers/fixtures';
import { inMemoryDeps, RecordingSmsGateway, type InMemoryStore } from '../../helpers/in-memory';

/** Access and erasure, the workflow's steps, on the in-memory ports with a clock the test sets. */
const TODAY = '2026-03-02';
const given = () => {
  const clock = fakeClock(`${TODAY}T09:00:00.000Z`);
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};
type Deps = ReturnType<typeof given>['deps'];
const buyerAddress = { street: 'Kirkegata 12', postalCode: '2815', city: 'Gjøvik' };

/**
 * The workflow's own writes (in AWS, direct DynamoDB integrations of the state machine, one per
 * REQUEST_TRANSITIONS row), made here on the store: the steps under test only read them.
 */
function workflowMoves(deps: Deps, requestId: string, transition: RequestTransition) {
  const request = deps.store.requests.get(requestId);
  const { from, to } = REQUEST_TRANSITIONS[transition];
  if (!request || !(from as readonly string[]).includes(request.status)) throw new Error(`The workflow cannot ${transition} request ${requestId}`);
  const at = deps.clock().toISOString();
  const { customerId: _customerId, ...unlinked } = request;
  // Closing an erasure drops the link to the person: the record keeps only what proves it was honoured.
  const closing = transition === 'complete' ? { completedAt: at } : {};
  deps.store.requests.set(requestId, { ...(transition === 'complete' && request.type === 'erasure' ? unlinked : request), status: to, updatedAt: at, ...closing });
}

/** A customer with history: an order on invoice (credited), a counter sale, their SMS and e-mails; the descriptions name them. */
async function aCustomerWithHistory(deps: Deps) {
  const name = `Sigrid Eksempel ${randomUUID().slice(0, 6)}`;
  const customer = await registerCustomer(deps, aCustomer({ name, email: `sigrid.${randomUUID().slice(0, 6)}@example.no`, invoiceByEmail: true, emailPurposes: ['invoice', 'privacy_requests'] }));
  const description = `Merket «${name}»`;
  const orders: string[] = [];
  for (const payment of [{ method: 'invoice' as const, buyerAddress, customerId: customer.customerId }, { method: 'counter' as const, posReceiptRef: 'K-1' }]) {
    const { orderId } = await createOrder(deps, anOrder(customer.customerId, { items: [{ service: 'Kåpe', description, quantity: 1, unitPriceOre: 59_900 }] }));
    await markOrderReady(deps, orderId);
    await recordPickup(deps, orderId, payment);
    orders.push(orderId);
  }
  const invoice = (await deps.orders.get(orders[0] as string))?.payment?.documentNumber as number;
  const creditNote = await creditInvoice(deps, invoice, 'Rabatt');
  return { customer, name, description, orders, invoice, creditNote: creditNote.documentNumber, invoiceSale: orders[0] as string, counterSale: orders[1] as string };
}

async function aRequestBeingAnswered(deps: Deps, customerId: string, type: 'access' | 'erasure') {
  const { requestId } = await openRequest(deps, { customerId, type, verifiedBy: 'sms_code' });
  workflowMoves(deps, requestId, 'start');
  return requestId;
}

/** Everything stored but the documents under legal hold, as text to search for traces of a person. */
function outsideLegalHold(store: InMemoryStore): string {
  const { documents: _documents, ...rest } = store.snapshot() as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe('access', () => {
  it('records what the answer holds, and exports everything stored about the customer and nothing about anyone else', async () => {
    // Given two customers with history, and an access request from one of them being answered
    const { deps } = given();
    const other = await aCustomerWithHistory(deps);
    const me = await aCustomerWithHistory(deps);
    const requestId = await aRequestBeingAnswered(deps, me.customer.customerId, 'access');
    // When the workflow assembles the export and closes the request
    await assembleExport(deps, { requestId });
    workflowMoves(deps, requestId, 'complete');
    // Then the request counts what the export holds, and the export is hers alone
    expect((await deps.requests.get(requestId))?.outcome).toEqual({ items: { customer: 1, orders: 2, messages: 4, documents: 2, receivables: 1, payments: 0, reminders: 0, requests: 1, accountItems: 0, collectiveClaims: 0 } });
    const exported = await exportForRequest(deps, me.customer.customerId, requestId);
    expect(exported.customer).toEqual(await deps.customers.get(me.customer.customerId));
    expect(exported.orders.map((o) => o.orderId)).toEqual(me.orders);
    expect(exported.documents.map((d) => d.documentNumber)).toEqual([me.invoice, me.creditNote]);
    expect(exported.messages.map((m) => m.messageKey).sort()).toEqual(
      [`${me.invoiceSale}#pickup_ready#ready`, `${me.invoiceSale}#invoice_sent#document-${me.invoice}`, `${me.invoiceSale}#invoice_sent#document-${me.creditNote}`, `${me.counterSale}#pickup_ready#ready`].sort(),
    );
    expect(exported.requests.map((r) => r.requestId)).toEqual([requestId]);
    // The summary states the shop's own retention for delivery records.
    expect(exported.summary.join(' ')).toContain(`Slettes automatisk etter ${deps.shop.messageRetentionDays} dager`);
    // Every field the export holds is described in the portability copy's format (EXPORT-FORMAT.md).
    for (const part of EXPORT_PARTS) {
      const described = new Set(exportFields(part.entity).map((f) => f.name));
      const value = (exported as unknown as Record<string, Record<string, unknown> | Record<string, unknown>[]>)[part.key];
      for (const item of Array.isArray(value) ? value : [value]) for (const field of Object.keys(item ?? {})) expect(`${part.key}.${field} described: ${described.has(field)}`).toBe(`${part.key}.${field} described: true`);
    }
    const text = JSON.stringify(exported);
    for (const foreign of [other.customer.customerId, other.name, mobileOf(other.customer), other.customer.email as string, ...other.orders.map((o) => `"orderId":"${o}"`)]) expect(text).not.toContain(foreign);
  });

  it('has no export until the request is answered, and none for anyone else', async () => {
    const { deps } = given();
    const me = await aCustomerWithHistory(deps);
    const other = await aCustomerWithHistory(deps);
    const requestId = await aRequestBeingAnswered(deps, me.customer.customerId, 'access');
    await expect(exportForRequest(deps, me.customer.customerId, requestId)).rejects.toMatchObject({ name: 'ConflictError', extensions: { requestStatus: 'in_progress' } });
    workflowMoves(deps, requestId, 'complete');
    await expect(exportForRequest(deps, other.customer.customerId, requestId)).rejects.toBeInstanceOf(NotFoundError);
    const erasure = await aRequestBeingAnswered(deps, me.customer.customerId, 'erasure');
    await expect(exportForRequest(deps, me.customer.customerId, erasure)).rejects.toBeInstanceOf(ConflictError);
  });

  it('tells the customer by SMS, and by e-mail only when they keep an address for privacy answers', async () => {
    const { deps } = given();
    const withEmail = await aCustomerWithHistory(deps);
    const smsOnly = await registerCustomer(deps, aCustomer({ email: 'ola@example.no', invoiceByEmail: true }));
    for (const customerId of [withEmail.customer.customerId, smsOnly.customerId]) {
      const requestId = await aRequestBeingAnswered(deps, customerId, 'access');
      await notifyAccessAnswered(deps, { requestId });
    }
    const answers = (customerId: string) => [...deps.store.messages.values()].filter((m) => m.customerId === customerId && m.purpose.startsWith('request_completed')).map((m) => m.purpose);
    expect(answers(withEmail.customer.customerId).sort()).toEqual(['request_completed', 'request_completed_email']);
    expect(answers(smsOnly.customerId)).toEqual(['request_completed']);
  });
});

describe('erasure', () => {
  it.each(['received', 'ready'] as const)('waits while garments are in the shop (an order %s): blocked, the customer told why, and nothing else changed', async (status) => {
    // Given a customer with history and garments in the shop
    const { deps } = given();
    const me = await aCustomerWithHistory(deps);
    const { orderId } = await createOrder(deps, anOrder(me.customer.customerId, { items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }] }));
    if (status === 'ready') await markOrderReady(deps, orderId);
    const requestId = await aRequestBeingAnswered(deps, me.customer.customerId, 'erasure');
    const before = deps.store.snapshot();
    // When the workflow erases
    // Then it is told to wait, and everything is as it was (the mark lifted: garments can still be handed in)
    expect(await eraseCustomer(deps, { requestId })).toEqual({ outcome: 'blocked', reason: 'open_orders' });
    const { messages: messagesAfter, ...after } = deps.store.snapshot() as { messages: [string, { purpose: string }][] };
    const { messages: messagesBefore, ...unchanged } = before as { messages: [string, { purpose: string }][] };
    expect(after).toEqual(unchanged);
    // …but for the one message that tells the customer why it waits (art. 12(4)), once: a rerun adds none
    expect(messagesAfter.filter(([key]) => !messagesBefore.some(([earlier]) => earlier === key)).map(([, m]) => m.purpose)).toEqual(['erasure_waiting']);
    await eraseCustomer(deps, { requestId });
    expect((deps.store.snapshot() as { messages: unknown[] }).messages).toHaveLength(messagesAfter.length);
    await expect(createOrder(deps, anOrder(me.customer.customerId, { items: [{ service: 'Skjorte', quantity: 1, unitPriceOre: 7_900 }] }))).resolves.toMatchObject({ status: 'received' });
  });

  it('tells a customer with no mobile why it waits by e-mail, when they keep an address for privacy answers', async () => {
    const { deps } = given();
    const byEmail = await registerCustomer(deps, aCustomer({ phone: uniqueLandline(), email: 'kari@example.no', emailPurposes: ['privacy_requests'] }));
    const invoicesOnly = await registerCustomer(deps, aCustomer({ phone: uniqueLandline(), email: 'ola@example.no', invoiceByEmail: true, emailPurposes: ['invoice'] }));
    const withMobile = await registerCustomer(deps, aCustomer({ email: 'per@example.no', emailPurposes: ['privacy_requests'] }));
    const told = async (customerId: string) => {
      await createOrder(deps, anOrder(customerId, { items: [{ service: 'Dress', quantity: 1, unitPriceOre: 24_900 }] }));
      expect(await eraseCustomer(deps, { requestId: await aRequestBeingAnswered(deps, customerId, 'erasure') })).toEqual({ outcome: 'blocked', reason: 'open_orders' });
      return [...deps.store.messages.values()].filter((m) => m.customerId === customerId && m.purpose.startsWith('erasure_waiting')).map((m) => m.purpose);
    };
    expect(await told(byEmail.customerId)).toEqual(['erasure_waiting_email']);
    // With neither a mobile nor an address for privacy answers, the SMS fails as "no mobile" for staff to see
    expect(await told(invoicesOnly.customerId)).toEqual(['erasure_waiting']);
    expect(await told(withMobile.customerId)).toEqual(['erasure_waiting']);
  });

  it('waits for garments handed in just before the erasure begins, and refuses any handed in once it has', async () => {
    const { deps } = given();
    const early = await aCustomerWithHistory(deps);
    const late = await aCustomerWithHistory(deps);
    const garment = { service: 'Dress', quantity: 1, unitPriceOre: 24_900 };
    const realBegin = deps.customerData.beginErasure.bind(deps.customerData);
    const realRead = deps.customerData.readAll.bind(deps.customerData);
    let refused: unknown;
    // An order for `early` is taken in after the request, before the profile is marked…
    deps.customerData.beginErasure = async (customerId, ...rest) => {
      if (customerId === early.customer.customerId) await createOrder(deps, anOrder(customerId, { items: [garment] }));
      return realBegin(customerId, ...rest);
    };
    // …and one for `late` after the mark, before the records are read.
    deps.customerData.readAll = async (customerId) => {
      if (customerId === late.customer.customerId) refused = await createOrder(deps, anOrder(customerId, { items: [garment] })).catch((error: unknown) => error);
      return realRead(customerId);
    };
    expect(await eraseCustomer(deps, { requestId: await aRequestBeingAnswered(deps, early.customer.customerId, 'erasure') })).toEqual({ outcome: 'blocked', reason: 'open_orders' });
    expect((await deps.customerData.readAll(early.customer.customerId))?.orders.map((o) => o.status)).toEqual(['picked_up', 'picked_up', 'received']);

    const lateRequest = await aRequestBeingAnswered(deps, late.customer.customerId, 'erasure');
    expect(await eraseCustomer(deps, { requestId: lateRequest })).toEqual({ outcome: 'erased' });
    workflowMoves(deps, lateRequest, 'complete');
    expect(refused).toBeInstanceOf(NotFoundError);
    expect(outsideLegalHold(deps.store)).not.toContain(late.customer.customerId);
  });

  it('leaves no number, e-mail, name, id or free text of the customer anywhere but on the documents the law keeps', async () => {
    // Given a customer with history and an earlier access request, and another customer
    const { deps } = given();
    const other = await aCustomerWithHistory(deps);
    const me = await aCustomerWithHistory(deps);
    const earlier = await aRequestBeingAnswered(deps, me.customer.customerId, 'access');
    workflowMoves(deps, earlier, 'complete');
    const requestId = await aRequestBeingAnswered(deps, me.customer.customerId, 'erasure');
    // When the workflow erases her, and the outbox sends the confirmation
    expect(await eraseCustomer(deps, { requestId })).toEqual({ outcome: 'erased' });
    workflowMoves(deps, requestId, 'complete');
    const sms = new RecordingSmsGateway();
    const pseudonym = `erased:${requestId}`;
    const confirmation = [...deps.store.messages.values()].find((m) => m.customerId === pseudonym);
    expect(await deliverSms({ ...deps, sms }, { customerId: pseudonym, messageKey: confirmation?.messageKey as string })).toBe('sent');
    // Then the confirmation went to the number she had
    expect(sms.sent).toEqual([expect.objectContaining({ phone: mobileOf(me.customer), text: expect.stringContaining('slettet opplysningene dine') })]);
    // …and nothing outside the documents under legal hold holds anything of her
    const outside = outsideLegalHold(deps.store);
    for (const personal of [me.customer.customerId, mobileOf(me.customer), me.customer.email as string, me.name, me.description]) expect(outside).not.toContain(personal);
    // The invoice and the credit note keep the buyer's name the law requires, under the pseudonym
    for (const number of [me.invoice, me.creditNote]) expect(await deps.documents.get(number)).toMatchObject({ customerId: pseudonym, buyer: { name: me.name } });
    // The counter sale stays in the sales journal as its pickup recorded it, naming no one: the order itself goes
    expect([...deps.store.keptSales.values()]).toEqual([]);
    const sales = [...deps.store.counterSales.values()].filter((sale) => sale.orderId === me.counterSale);
    expect(sales).toEqual([expect.objectContaining({ n: 1, retainUntil: '2031-12-31', lines: [{ name: 'Annet arbeid', quantity: 1, amountOre: 59_900 }] })]); // a line typed at the counter is free text: its name never went there, its amounts stay
    expect(Object.keys(sales[0] ?? {})).not.toContain('customerId');
    expect((await salesJournal(deps, TODAY, TODAY)).map((row) => row.orderId)).toEqual(expect.arrayContaining([me.counterSale, me.invoiceSale]));
    // The request counts what was done, and the earlier request no longer names her
    expect((await deps.requests.get(requestId))?.outcome).toEqual({
      // nameEntry: one per word of her three-word name; openRequest: the markers of her two open requests, requestRate: today's count of them
      items: { customer: 1, order: 2, message: 4, requestRef: 2, phone: 1, orderRef: 2, documentsKept: 2, counterSalesKept: 0, nameEntry: 3, openRequest: 2, requestRate: 1 },
    });
    expect(await deps.requests.get(earlier)).not.toHaveProperty('customerId');
    // The number is free; the other customer is untouched
    await expect(registerCustomer(deps, aCustomer({ phone: mobileOf(me.customer) }))).resolves.toMatchObject({ phone: me.customer.phone });
    expect(await deps.customerData.readAll(other.customer.customerId)).toMatchObject({ customer: other.customer, orders: [{ orderId: other.orders[0] }, { orderId: other.orders[1] }] });
  });

  it('finishes when run again after a step failed half-way, confirming once, and then finds nothing more to do', async () => {
    const { deps } = given();
    const me = await aCustomerWithHistory(deps);
    const requestId = await aRequestBeingAnswered(deps, me.customer.customerId, 'erasure');
    const realDelete = deps.customerData.deleteCustomerRecords.bind(deps.customerData);
    let failures = 1;
    deps.customerData.deleteCustomerRecords = async (...args) => {
      if (failures-- > 0) throw new Error('The table is having a bad day');
      return realDelete(...args);
    };
    await expect(eraseCustomer(deps, { requestId })).rejects.toThrow('bad day');
    // Half-way: the documents carry the pseudonym, the profile and the records are still there
    expect(await deps.documents.get(me.invoice)).toMatchObject({ customerId: `erased:${requestId}` });
    expect(await deps.customers.get(me.customer.customerId)).toBeDefined();

    expect(await eraseCustomer(deps, { requestId })).toEqual({ outcome: 'erased' });
    expect(outsideLegalHold(deps.store)).not.toContain(me.name);
    expect([...deps.store.messages.values()].filter((m) => m.purpose === 'request_completed')).toHaveLength(1);
    // A redrive after it finished finds the profile gone, and leaves the number's new holder alone
    const next = await registerCustomer(deps, aCustomer({ phone: mobileOf(me.customer) }));
    const before = deps.store.snapshot();
    expect(await eraseCustomer(deps, { requestId })).toEqual({ outcome: 'gone' });
    expect(deps.store.snapshot()).toEqual(before);
    expect(await deps.customers.findIdByPhone(mobileOf(me.customer))).toBe(next.customerId);
  });
});
