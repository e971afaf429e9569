import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/composition';
import { keys } from '#shared/adapters/dynamodb/keys';
import { aBusiness, aCustomer, anOrder, aReadyOrder, uniqueOrganisationNumber, uniqueTag } from '../helpers/fixtures';
import { createTestEnvironment, type TestEnvironment } from '../helpers/test-environment';
import { twinClient, type TwinCall } from '../helpers/twin-client';

/**
 * DynamoDB round trips of the routes that used to need three, counted at the document client
 * every handler shares (one command is one request to DynamoDB Local; the bench counts the same
 * at the wire). Each answer is also compared with a fresh read, since answering from what the
 * write already knows is how the trip was saved.
 */
let env: TestEnvironment;
let staff: string;
const call = twinClient();
const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };

let counting = false;
let commands: string[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  staff = await env.issuer.staffToken();
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (counting) commands.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'roundTripCounter' },
  );
});
afterAll(async () => {
  documentClient().middlewareStack.remove('roundTripCounter');
  await env.dispose();
});

/** One call to the API, and the DynamoDB commands it sent. */
async function counted(method: string, url: string, options: TwinCall = {}) {
  commands = [];
  counting = true;
  try {
    const response = await call(method, url, { token: staff, ...options });
    return { response, trips: [...commands] };
  } finally {
    counting = false;
  }
}

async function receivedOrder(order: Record<string, unknown> = {}) {
  const customer = await call('POST', '/admin/customers', { token: staff, body: aCustomer() });
  const created = await call('POST', '/admin/orders', { token: staff, body: anOrder(customer.json.customerId as string, order) });
  expect(created.status).toBe(201);
  return { orderId: created.json.orderId as string, customerId: customer.json.customerId as string };
}

const stored = (orderId: string) => call('GET', `/admin/orders/${orderId}`, { token: staff });
const messagesOf = async (orderId: string) => (await call('GET', `/admin/orders/${orderId}/messages`, { token: staff })).json.messages as { purpose: string }[];

describe('PATCH /admin/orders/{orderId}', () => {
  it('takes two round trips, the price list read with the order, and answers with the order as stored', async () => {
    const { orderId } = await receivedOrder();
    const before = await stored(orderId);
    const garments = (before.json.garments as { tag: string; line: number }[]).map(({ tag, line }) => ({ tag, line }));
    const body = { lines: [{ keep: 1 }, { keep: 2 }, { freeText: { service: 'Sy i knapp', unitPriceOre: 5_000, quantity: 1 } }], garments: [...garments, { tag: uniqueTag(), line: 3 }] };
    const { response, trips } = await counted('PATCH', `/admin/orders/${orderId}`, { body, headers: { 'if-match': before.headers.etag as string } });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
  });

  it('refuses a version its ticket\'s copy is past with 412 in one round trip, writing nothing', async () => {
    const { orderId } = await receivedOrder();
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: staff, body: { purpose: 'delay', newReadyAt: '2999-01-09' } })).status).toBe(202);
    const before = await env.allItems();
    const { response, trips } = await counted('PATCH', `/admin/orders/${orderId}`, { body: { promisedReadyAt: '2999-01-10' }, headers: { 'if-match': '"1"' } });
    expect(response.status).toBe(412);
    expect(trips).toEqual(['BatchGetItem']);
    expect(await env.allItems()).toEqual(before);
  });
});

describe('POST /admin/orders/{orderId}/ready', () => {
  it('takes two round trips and answers with the order as stored, its ETag and the pickup SMS queued', async () => {
    const { orderId } = await receivedOrder({ promisedReadyAt: '2999-01-02' });
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/ready`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
    expect(response.json).toMatchObject({ status: 'ready', version: 2, promisedReadyAt: '2999-01-02' });
    expect((await messagesOf(orderId)).map((m) => m.purpose)).toEqual(['pickup_ready']);
  });

  it('still takes two after a delay changed the order, and answers with the delayed date and version', async () => {
    const { orderId } = await receivedOrder({ promisedReadyAt: '2999-01-02' });
    expect((await call('POST', `/admin/orders/${orderId}/messages`, { token: staff, body: { purpose: 'delay', newReadyAt: '2999-01-09' } })).status).toBe(202);
    const before = await stored(orderId);
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/ready`, { headers: { 'if-match': before.headers.etag as string } });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
    expect(response.json).toMatchObject({ promisedReadyAt: '2999-01-09', version: 3 });
  });

  it('refuses a stale If-Match with 412 in two round trips and changes nothing', async () => {
    const { orderId } = await receivedOrder();
    const before = await env.allItems();
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/ready`, { headers: { 'if-match': '"5"' } });
    expect(response.status).toBe(412);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    expect(await env.allItems()).toEqual(before);
  });

  it('answers with the order as stored even when something changed it behind the repository', async () => {
    const { orderId, customerId } = await receivedOrder();
    // A repair by hand: the order moves on, the copy its pointer holds does not.
    await env.doc.send(
      new UpdateCommand({ TableName: env.tableName, Key: keys.order(customerId, orderId), UpdateExpression: 'SET promisedReadyAt = :date ADD version :one', ExpressionAttributeValues: { ':date': '2999-05-05', ':one': 1 } }),
    );
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/ready`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems', 'TransactWriteItems']); // the first try learns the stored order from its failed condition
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
    expect(response.json).toMatchObject({ promisedReadyAt: '2999-05-05', version: 3 });
  });

  it('cancelling a received order answers the same way: the order as stored, in two round trips', async () => {
    const { orderId } = await receivedOrder();
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/cancel`, { body: { reason: 'registered_by_mistake' } });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
  });

  it('handing a cancelled order\'s garments back takes two round trips too, tags freed in the same transaction, and answers the order as stored', async () => {
    const { orderId } = await receivedOrder();
    expect((await call('POST', `/admin/orders/${orderId}/cancel`, { token: staff, body: { reason: 'cannot_be_treated' } })).status).toBe(200);
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/return`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.json).toMatchObject({ status: 'returned' });
    expect(response.headers.etag).toBe(now.headers.etag);
  });
});

describe('GET /admin/counter/today', () => {
  it.each(['promised_today', 'late', 'ready', 'not_collected', 'awaiting_return'])('answers the %s list with one Query a page', async (list) => {
    const { response, trips } = await counted('GET', `/admin/counter/today?list=${list}&limit=5`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['Query']);
  });
});

describe('GET /admin/orders/{orderId}/invoice.pdf', () => {
  const invoiced = async () => {
    const { orderId, customerId } = await aReadyOrder(call, staff);
    const picked = await call('POST', `/admin/orders/${orderId}/pickup`, { token: staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
    expect(picked.status).toBe(200);
    return { orderId, documentNumber: (picked.json.payment as { documentNumber: number }).documentNumber };
  };

  it('takes two round trips, the ticket pointer naming the invoice, and prints the stored invoice', async () => {
    const { orderId, documentNumber } = await invoiced();
    const { response, trips } = await counted('GET', `/admin/orders/${orderId}/invoice.pdf`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'GetItem']);
    const byNumber = await call('GET', `/admin/invoices/${documentNumber}/pdf`, { token: staff });
    expect(response.bytes.equals(byNumber.bytes)).toBe(true);
  });

  it('still finds the invoice of an order whose pointer does not name it (issued before pointers did)', async () => {
    const { orderId, documentNumber } = await invoiced();
    await env.doc.send(new UpdateCommand({ TableName: env.tableName, Key: keys.orderRef(orderId), UpdateExpression: 'REMOVE documentNumber' }));
    const { response, trips } = await counted('GET', `/admin/orders/${orderId}/invoice.pdf`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'GetItem', 'GetItem']);
    const byNumber = await call('GET', `/admin/invoices/${documentNumber}/pdf`, { token: staff });
    expect(response.bytes.equals(byNumber.bytes)).toBe(true);
  });

  it('answers 404 for an order without an invoice, and for one that does not exist', async () => {
    const { orderId: received } = await receivedOrder();
    const { orderId: ready } = await aReadyOrder(call, staff);
    expect((await counted('GET', `/admin/orders/${received}/invoice.pdf`)).response.json).toMatchObject({ status: 404, detail: `Order ${received} has no invoice` });
    expect((await counted('GET', `/admin/orders/${ready}/invoice.pdf`)).response.json).toMatchObject({ status: 404, detail: `Order ${ready} has no invoice` });
    expect((await counted('GET', '/admin/orders/99999999/invoice.pdf')).response.json).toMatchObject({ status: 404, detail: 'Order 99999999 does not exist' });
  });
});

describe.each(['ticket.pdf', 'tags.pdf'])('GET /admin/orders/{orderId}/%s', (document) => {
  it('takes two round trips: the ticket pointer, then the order', async () => {
    const { orderId } = await receivedOrder();
    const { response, trips } = await counted('GET', `/admin/orders/${orderId}/${document}`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'GetItem']);
  });

  it('takes one for a ticket that does not exist, and answers 404', async () => {
    const { response, trips } = await counted('GET', `/admin/orders/99999999/${document}`);
    expect(response.json).toMatchObject({ status: 404, detail: 'Order 99999999 does not exist' });
    expect(trips).toEqual(['GetItem']);
  });
});

describe('POST /admin/orders/{orderId}/pickup on invoice', () => {
  it('takes two round trips: one batch for the order, the buyer the counter names and the series, then the numbering transaction', async () => {
    const { orderId, customerId } = await aReadyOrder(call, staff);
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/pickup`, { body: { payment: 'invoice', buyerAddress: address, customerId } });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(response.json).toEqual(now.json);
    expect(response.headers.etag).toBe(now.headers.etag);
  });
});

describe('garments and their tags', () => {
  it('finds an order by a tag in two round trips: the tag\'s claim, then the order', async () => {
    const { orderId } = await receivedOrder();
    const { garments } = (await stored(orderId)).json as { garments: { tag: string }[] };
    const { response, trips } = await counted('GET', `/admin/tags/${(garments[1] as { tag: string }).tag.toLowerCase()}`);
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'GetItem']);
    expect(response.json).toEqual((await stored(orderId)).json);
  });

  it('hands out a ready order at the counter in two round trips, freeing its tags in the same transaction', async () => {
    const { orderId } = await aReadyOrder(call, staff);
    const { garments } = (await stored(orderId)).json as { garments: { tag: string }[] };
    const { response, trips } = await counted('POST', `/admin/orders/${orderId}/pickup`, { body: { payment: 'counter', posReceiptRef: 'K-1' } });
    expect(response.status).toBe(200);
    expect(trips).toEqual(['GetItem', 'TransactWriteItems']);
    expect(response.json).toEqual((await stored(orderId)).json);
    expect((response.json.garments as { state: string }[]).map((g) => g.state)).toEqual(garments.map(() => 'handed_out'));
    for (const { tag } of garments) expect((await call('GET', `/admin/tags/${tag}`, { token: staff })).status).toBe(404);
  });
});

describe('POST /admin/orders/{orderId}/pickup of some garments', () => {
  it('takes two round trips at the counter and on invoice: the pointer\'s copy (or one batch), then one transaction with the sale', async () => {
    const { orderId, customerId } = await receivedOrder();
    const { garments } = (await stored(orderId)).json as { garments: { tag: string }[] };
    const [first, second] = garments.map((g) => g.tag) as [string, string];
    expect((await call('POST', `/admin/orders/${orderId}/garments/ready`, { token: staff, body: { tags: [first, second] } })).status).toBe(200);
    const atCounter = await counted('POST', `/admin/orders/${orderId}/pickup`, { body: { payment: 'counter', posReceiptRef: 'K-2', tags: [first] } });
    expect(atCounter.response.status).toBe(200);
    expect(atCounter.trips).toEqual(['GetItem', 'TransactWriteItems']);
    expect(atCounter.response.json).toEqual((await stored(orderId)).json);
    const onInvoice = await counted('POST', `/admin/orders/${orderId}/pickup`, { body: { payment: 'invoice', buyerAddress: address, customerId, tags: [second] } });
    expect(onInvoice.response.status).toBe(200);
    expect(onInvoice.trips).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const now = await stored(orderId);
    expect(onInvoice.response.json).toEqual(now.json);
    expect(onInvoice.response.headers.etag).toBe(now.headers.etag);
    expect(now.json).toMatchObject({ status: 'picked_up', pickups: [{ n: 1 }, { n: 2 }] });
  });
});

describe('GET /admin/customers?name=', () => {
  it('takes two round trips: a Query of the name index, then one batch of the profiles it names', async () => {
    const names = ['Kari Tveitåsen', 'Ola Tveitåsen', 'Per Tveitåsen', 'Anna Tveitaasen Tveit'];
    for (const name of names) expect((await call('POST', '/admin/customers', { token: staff, body: aCustomer({ name }) })).status).toBe(201);
    const { response, trips } = await counted('GET', '/admin/customers?name=tveit&limit=20');
    expect(response.status).toBe(200);
    expect(trips).toEqual(['Query', 'BatchGetItem']);
    // Anna matches on two words: listed once. Each answer is the profile as stored now.
    const found = response.json.customers as { customerId: string; name: string }[];
    expect(found.map((c) => c.name).sort()).toEqual([...names].sort());
    for (const match of found) expect((await call('GET', `/admin/customers/${match.customerId}`, { token: staff })).json.customer).toMatchObject(match);
  });

  it('takes one when nothing matches', async () => {
    const { response, trips } = await counted('GET', `/admin/customers?name=${encodeURIComponent('xøyzzy')}`);
    expect(response.json).toEqual({ customers: [] });
    expect(trips).toEqual(['Query']);
  });
});

describe('business customers', () => {
  it('registers a business in one round trip (its number claimed in the profile\'s transaction), finds it by number in two, corrects it in two', async () => {
    const registered = await counted('POST', '/admin/customers', { body: aCustomer({ name: 'Fjordhotellet AS', business: aBusiness() }) });
    expect(registered.response.status).toBe(201);
    expect(registered.trips).toEqual(['TransactWriteItems']);
    const digits = (registered.response.json.business as { organisationNumber: string }).organisationNumber;

    const found = await counted('GET', `/admin/customers?organisationNumber=${digits}`);
    expect(found.response.json).toEqual(registered.response.json);
    expect(found.trips).toEqual(['GetItem', 'GetItem']);

    const corrected = await counted('PATCH', `/admin/customers/${registered.response.json.customerId}`, { body: { business: { organisationNumber: uniqueOrganisationNumber() } } });
    expect(corrected.response.status).toBe(200);
    expect(corrected.trips).toEqual(['GetItem', 'TransactWriteItems']);
  });
});

describe('POST /admin/orders/{orderId}/garments/ready', () => {
  it('marks a garment ready on its rack in two round trips, then the last one makes the order ready with its one SMS', async () => {
    const { orderId } = await receivedOrder();
    const { garments } = (await stored(orderId)).json as { garments: { tag: string }[] };
    const [first, second] = garments.map((g) => g.tag) as [string, string];
    const part = await counted('POST', `/admin/orders/${orderId}/garments/ready`, { body: { tags: [first], location: 'Stativ 3' } });
    expect(part.response.status).toBe(200);
    expect(part.trips).toEqual(['GetItem', 'TransactWriteItems']);
    expect(part.response.json).toEqual((await stored(orderId)).json);
    expect(part.response.json).toMatchObject({ status: 'received', garments: [{ tag: first, state: 'ready', location: 'Stativ 3' }, { tag: second, state: 'in_work' }] });
    expect(await messagesOf(orderId)).toEqual([]);

    const last = await counted('POST', `/admin/orders/${orderId}/garments/ready`, { body: { tags: [second], location: 'Krok 1' }, headers: { 'if-match': part.response.headers.etag as string } });
    expect(last.trips).toEqual(['GetItem', 'TransactWriteItems']);
    expect(last.response.json).toEqual((await stored(orderId)).json);
    expect(last.response.json).toMatchObject({ status: 'ready', version: 3 });
    expect((await messagesOf(orderId)).map((m) => m.purpose)).toEqual(['pickup_ready']);
    // Still one SMS: the order is ready, and a move of a garment to another rack sends nothing.
    const moved = await counted('POST', `/admin/orders/${orderId}/garments/ready`, { body: { tags: [first], location: 'Stativ 9' } });
    expect(moved.response.json).toMatchObject({ status: 'ready', garments: [{ tag: first, location: 'Stativ 9' }, { tag: second, location: 'Krok 1' }] });
    expect((await messagesOf(orderId)).map((m) => m.purpose)).toEqual(['pickup_ready']);
  });

  it('refuses a tag of another order with 400 naming it, and a stale If-Match with 412, writing nothing', async () => {
    const { orderId } = await receivedOrder();
    const { orderId: other } = await receivedOrder();
    const { garments } = (await stored(other)).json as { garments: { tag: string }[] };
    const before = await env.allItems();
    const foreign = await call('POST', `/admin/orders/${orderId}/garments/ready`, { token: staff, body: { tags: [(garments[0] as { tag: string }).tag] } });
    expect(foreign.json).toMatchObject({ status: 400, errors: [{ pointer: '/tags/0' }] });
    const own = ((await stored(orderId)).json.garments as { tag: string }[])[0] as { tag: string };
    const stale = await call('POST', `/admin/orders/${orderId}/garments/ready`, { token: staff, body: { tags: [own.tag] }, headers: { 'if-match': '"9"' } });
    expect(stale.status).toBe(412);
    expect(await env.allItems()).toEqual(before);
  });
});
