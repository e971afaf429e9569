import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/domain/kernel/errors';
import { creditInvoice, getSalesDocument } from '#shared/domain/invoices/invoice-use-cases';
import { salesJournal } from '#shared/domain/invoices/sales-journal';
import { recordPickup } from '#shared/domain/orders/pickup';
import { fakeClock } from '../../helpers/fake-clock';
import { aReadyOrderThrough, aReceivedOrderThrough } from '../../helpers/fixtures';
import { inMemoryDeps, RecordingEmailGateway } from '../../helpers/in-memory';
import { deliverEmail } from '#shared/domain/notices/notice-use-cases';

/** Invoices and credit notes on the in-memory ports, with a clock the test sets. */
const given = (at = '2026-03-02T09:00:00.000Z') => {
  const clock = fakeClock(at);
  return { clock, deps: inMemoryDeps({ clock: clock.now }) };
};
const buyerAddress = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
/** On invoice to the customer the order was taken in for, as the counter names them. */
const onInvoice = (order: { customerId: string }) => ({ method: 'invoice' as const, buyerAddress, customerId: order.customerId });

describe('pickup on invoice', () => {
  it('issues the series\' first number with the pickup, and the next one for the next order', async () => {
    // Given two ready orders
    const { deps } = given();
    const { customer, order } = await aReadyOrderThrough(deps);
    const { order: next } = await aReadyOrderThrough(deps);
    // When both are collected on credit
    const picked = await recordPickup(deps, order.orderId, onInvoice(order), 2);
    const pickedNext = await recordPickup(deps, next.orderId, onInvoice(next));
    // Then the first carries invoice 10001 and the second 10002, each stored with what the law asks
    expect(picked).toEqual({
      ...order,
      status: 'picked_up',
      pickedUpAt: '2026-03-02T09:00:00.000Z',
      payment: { method: 'invoice', documentNumber: 10001 },
      version: 3,
      garments: order.garments.map((g) => ({ ...g, state: 'handed_out', leftAt: '2026-03-02T09:00:00.000Z' })),
      // One pickup of everything: one sale of the whole order, every line whole.
      pickups: [
        {
          n: 1,
          at: '2026-03-02T09:00:00.000Z',
          tags: order.garments.map((g) => g.tag),
          lines: order.items.map((item, i) => ({ line: i + 1, quantity: item.quantity, pieces: order.garments.filter((g) => g.line === i + 1).reduce((sum, g) => sum + g.pieces, 0), amountOre: item.lineTotalOre })),
          totals: order.totals,
          payment: { method: 'invoice', documentNumber: 10001 },
        },
      ],
    });
    expect(pickedNext.payment).toEqual({ method: 'invoice', documentNumber: 10002 });
    expect(await getSalesDocument(deps, 10001)).toMatchObject({
      kind: 'invoice',
      orderId: order.orderId,
      customerId: customer.customerId,
      buyer: { name: customer.name, address: buyerAddress },
      issueDate: '2026-03-02',
      dueDate: '2026-03-16',
      kid: '000100016',
      totals: order.totals,
      delivery: 'print',
      retainUntil: '2031-12-31',
    });
  });

  it('queues the e-mail for a customer who chose e-invoice, and none for one who did not', async () => {
    const { deps } = given();
    const { order: emailed } = await aReadyOrderThrough(deps, { email: 'kari@example.no', invoiceByEmail: true });
    const { order: printed } = await aReadyOrderThrough(deps);
    await recordPickup(deps, emailed.orderId, onInvoice(emailed));
    await recordPickup(deps, printed.orderId, onInvoice(printed));
    expect((await deps.messages.listForOrder(emailed.customerId, emailed.orderId)).map((m) => [m.purpose, m.params])).toEqual([
      ['invoice_sent', { ticket: emailed.orderId, documentNumber: 10001 }],
      ['pickup_ready', { ticket: emailed.orderId }],
    ]);
    expect((await deps.messages.listForOrder(printed.customerId, printed.orderId)).map((m) => m.purpose)).toEqual(['pickup_ready']);
  });

  it('e-mails the invoice with its PDF, once, to the address kept for invoices', async () => {
    // Given an e-invoice customer's order collected on credit
    const { deps } = given();
    const { customer, order } = await aReadyOrderThrough(deps, { email: 'kari@example.no', invoiceByEmail: true });
    await recordPickup(deps, order.orderId, onInvoice(order));
    // When the outbox delivers the e-mail, twice
    const email = new RecordingEmailGateway();
    const ref = { customerId: customer.customerId, messageKey: `${order.orderId}#invoice_sent#document-10001` };
    expect(await deliverEmail({ ...deps, email }, ref)).toBe('sent');
    expect(await deliverEmail({ ...deps, email }, ref)).toBe('skipped');
    // Then one e-mail went to her, with the invoice attached and ids (not names) as tags
    expect(email.sent).toEqual([expect.objectContaining({ to: 'kari@example.no', from: deps.shop.invoiceEmailFrom, tags: ref })]);
    expect(email.sent[0]?.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf' })]);
    expect(Buffer.from(email.sent[0]?.attachments[0]?.content ?? []).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('uses no number when the pickup is refused', async () => {
    // Given an order not yet ready, and a ready one a clerk read at an old version
    const { deps } = given();
    const { order: received } = await aReceivedOrderThrough(deps);
    const { order: ready } = await aReadyOrderThrough(deps);
    // When both pickups are refused
    await expect(recordPickup(deps, received.orderId, onInvoice(received))).rejects.toMatchObject({ name: 'ConflictError', extensions: { currentStatus: 'received' } });
    await expect(recordPickup(deps, ready.orderId, onInvoice(ready), 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(recordPickup(deps, '999999', onInvoice(ready))).rejects.toBeInstanceOf(NotFoundError);
    // Then no document exists, and the next pickup takes the first number
    expect(deps.store.documents.size).toBe(0);
    expect((await recordPickup(deps, ready.orderId, onInvoice(ready), 2)).payment?.documentNumber).toBe(10001);
  });

  it('dates a document no earlier than the one numbered before it, when clerks\' clocks straddle midnight', async () => {
    // Given two ready orders, and two clerks: one whose clock reads 00:00:00.5 in Oslo, one whose reads 23:59:59.9
    const { deps } = given('2026-12-01T12:00:00.000Z');
    const first = (await aReadyOrderThrough(deps)).order;
    const second = (await aReadyOrderThrough(deps)).order;
    const at = (iso: string) => ({ ...deps, clock: () => new Date(iso) });
    // When the one past midnight issues first
    await recordPickup(at('2026-12-01T23:00:00.500Z'), first.orderId, onInvoice(first));
    await recordPickup(at('2026-12-01T22:59:59.900Z'), second.orderId, onInvoice(second));
    // Then the later number carries the same date, not the day before
    expect((await getSalesDocument(deps, 10001)).issueDate).toBe('2026-12-02');
    expect((await getSalesDocument(deps, 10002)).issueDate).toBe('2026-12-02');
  });
});

describe('credit notes', () => {
  it('reverses an invoice once, with the next number, and refuses a second credit naming the first', async () => {
    // Given an invoice
    const { clock, deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    await recordPickup(deps, order.orderId, onInvoice(order));
    clock.advance(86_400_000);
    // When it is credited, and credited again
    const credit = await creditInvoice(deps, 10001, 'Feil pris');
    const again = creditInvoice(deps, 10001, 'Dobbeltklikk');
    // Then there is one credit note, the next number, dated today, with the amounts reversed
    expect(credit).toMatchObject({ documentNumber: 10002, kind: 'credit_note', creditsDocument: 10001, creditReason: 'Feil pris', issueDate: '2026-03-03', totals: { grossOre: -order.totals.grossOre } });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ extensions: { creditedBy: 10002 } });
    expect(deps.store.documents.size).toBe(2);
  });

  it('credits only invoices that exist', async () => {
    const { deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    await recordPickup(deps, order.orderId, onInvoice(order));
    const credit = await creditInvoice(deps, 10001, 'Feil pris');
    await expect(creditInvoice(deps, credit.documentNumber, 'A credit of a credit')).rejects.toBeInstanceOf(ConflictError);
    await expect(creditInvoice(deps, 99_999, 'Nothing')).rejects.toBeInstanceOf(NotFoundError);
    expect(deps.store.documents.size).toBe(2);
  });
});

describe('the sales journal with pickups', () => {
  it('lists each pickup once, and an order collected before pickups were recorded once, from the order', async () => {
    // Given an order collected in two pickups (counter, then invoice), and one collected whole before pickups were recorded
    const { deps } = given();
    const { order } = await aReadyOrderThrough(deps);
    const [first, second] = order.garments.map((g) => g.tag) as [string, string];
    await recordPickup(deps, order.orderId, { method: 'counter', posReceiptRef: 'K-1', tags: [first] });
    const collected = await recordPickup(deps, order.orderId, { ...onInvoice(order), tags: [second] });
    const { order: earlier } = await aReadyOrderThrough(deps);
    const { pickups: _pickups, ...legacy } = await recordPickup(deps, earlier.orderId, { method: 'counter', posReceiptRef: 'K-0' });
    deps.store.orders.set(earlier.orderId, legacy);
    for (const [id, sale] of deps.store.counterSales) if (sale.orderId === earlier.orderId) deps.store.counterSales.delete(id);
    const again = await aReadyOrderThrough(deps);
    await recordPickup(deps, again.order.orderId, { method: 'counter', posReceiptRef: 'K-2' });
    // When the journal of the day is read
    const rows = await salesJournal(deps, '2026-03-02', '2026-03-02');
    // Then every sale is one row, and the rows of the order in two pickups sum to its total
    expect(rows.map((r) => [r.type, r.orderId, r.reference.split(' ')[0]])).toEqual([
      ['Faktura', order.orderId, 'KID'],
      ['Kassesalg', order.orderId, 'kvittering'],
      ['Kassesalg', earlier.orderId, 'kvittering'],
      ['Kassesalg', again.order.orderId, 'kvittering'],
    ]);
    expect(rows.filter((r) => r.orderId === order.orderId).reduce((sum, r) => sum + r.grossOre, 0)).toBe(collected.totals.grossOre);
  });
});
