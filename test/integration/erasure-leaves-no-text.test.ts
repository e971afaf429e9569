import { randomUUID } from 'node:crypto';
import { notices, priceList, retention } from '#shared/composition';
import { recordStatutoryNotice, sendReminders } from '#shared/domain/notices/notice-use-cases';
import { createOrder, markOrderReady } from '#shared/domain/orders/order-use-cases';
import { addPriceListItem } from '#shared/domain/orders/price-list-use-cases';
import { runRetentionSweep } from '#shared/domain/retention/retention-sweep';
import { nameSearchEntries } from '#shared/domain/customers/name-search';
import { actionName } from '#shared/domain/inventory/erasure-plan';
import { DATA_INVENTORY, type EntityInventory } from '#shared/domain/inventory/inventory';
import { uniqueLandline, uniqueMobile, uniqueOrganisationNumber, uniqueTag } from '../helpers/fixtures';
import { apiHarness } from '../helpers/harness';

/**
 * Issue #18: after an erasure (or the sweep's anonymisation) no string the counter ever typed about
 * a customer is left anywhere in the table, but for what the law keeps: the buyer's name and
 * address on an invoice and its credit note (bokføringsforskriften § 5-1-1), a counter sale's
 * receipt reference, and the price list's own names. The whole table is scanned, every string
 * leaf of every item, not just the profile's name, phone and e-mail.
 */
const api = apiHarness({ rights: true });
const { call } = api;

/** `replaced`: typed, then overwritten by the counter before the erasure (it must be gone all the same). */
type Typed = { text: string; what: string; replaced?: true };
/** Where a typed string may stay after the erasure: the kept copy's attribute paths the law names. */
type Allowed = { text: string; at: RegExp };

/** Every string leaf of an item, with its path (`order.items.0.service`). */
function stringLeaves(value: unknown, path: string, out: { path: string; text: string }[] = []) {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((element, index) => stringLeaves(element, `${path}.${index}`, out));
  else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) stringLeaves(inner, `${path}.${key}`, out);
  return out;
}

async function whereFound(typed: readonly Typed[]) {
  const found: string[] = [];
  for (const item of await api.env.allItems()) {
    for (const leaf of stringLeaves(item, String(item.entity))) {
      for (const t of typed) if (leaf.text.includes(t.text)) found.push(`${t.what} "${t.text}" at ${leaf.path}`);
    }
  }
  return found;
}

/**
 * A customer through everything that stores text: the profile (changed once), an order from the
 * price list with a free-text line and described garments (colour, brand, note, condition note),
 * collected at the counter after reminders, a question with staff's note and the statutory notice;
 * an order of typed lines with descriptions and a reference ("Deres ref.", printed on its invoice),
 * collected on invoice and credited with a reason; a privacy request. As a business (a hotel on
 * its switchboard), also its account: the organisation number, the invoice address, the contact's
 * name and the fixed reference. Returns every string typed, and those the law lets stay, where.
 */
async function aCustomerThroughEverything(phone: string, asBusiness = false) {
  const mark = randomUUID().slice(0, 8);
  const typed: Typed[] = [];
  const type = (what: string, text: string) => {
    typed.push({ what, text });
    return text;
  };
  const staff = api.staff;
  const name = type('name', `Solveig Sporløs ${mark}`);
  const email = type('e-mail', `solveig.${mark}@example.no`);
  const business = asBusiness
    ? {
        organisationNumber: type('organisation number', uniqueOrganisationNumber()),
        invoiceAddress: { street: type('invoice street', `Fakturaveien ${mark}`), postalCode: '0102', city: type('invoice city', `Fakturaby ${mark}`) },
        contactName: type('contact name', `Kontakt Kari ${mark}`),
        reference: type('reference', `Att. resepsjonen ${mark}`),
      }
    : undefined;
  const created = await call('POST', '/admin/customers', {
    token: staff,
    body: { name: `Solvei Sporlos ${mark}`, phone, email, invoiceByEmail: true, emailPurposes: ['privacy_requests'], language: 'nb', ...(business ? { business } : {}) },
  });
  expect(created.status).toBe(201);
  typed.push({ what: 'name as first typed', text: `Solvei Sporlos ${mark}`, replaced: true });
  const customerId = type('customer id', created.json.customerId as string);
  type('phone', created.json.phone as string);
  expect((await call('PATCH', `/admin/customers/${customerId}`, { token: staff, body: { name } })).status).toBe(200);
  type('name as the counter searches it', nameSearchEntries(name)[0] as string);

  // The price list's own names are shop data: they stay as the kept lines' names.
  const coat = await addPriceListItem(priceList(), { name: `Frakk rens ${mark}`, category: 'rens', priceOre: 39_900, unit: 'per_garment', turnaroundWorkingDays: 3 });
  const priceListName = { text: coat.name, at: /^(priceListItem\.name|order\.items\.\d+\.service|salesDocument\.lines\.\d+\.description)$/ };

  // Ready a hundred days ago: reminders go out, the shop asks a question and gives the statutory notice; then it is collected at the counter.
  const longAgo = new Date(Date.now() - 100 * 86_400_000);
  const past = { ...notices(), clock: () => longAgo };
  const garment = { tag: type('tag', uniqueTag()), line: 1, colour: type('colour', `Kamelbrun ${mark}`), brand: type('brand', `Fjellmerke ${mark}`), note: type('garment note', `Kunden vil ha den til bryllupet ${mark}`), conditions: ['flekk' as const], conditionNote: type('condition note', `Rødvinsflekk på ermet ${mark}`) };
  const forgotten = await createOrder(past, {
    customerId,
    lines: [{ priceListItemId: coat.itemId, quantity: 1 }, { freeText: { service: type('free-text service', `Sy inn navnelapp ${mark}`), unitPriceOre: 5_000, quantity: 1 } }],
    garments: [garment, { tag: type('tag', uniqueTag()), line: 2 }],
  });
  await markOrderReady(past, forgotten.orderId);
  await sendReminders(notices(), new Date(longAgo.getTime() + 40 * 86_400_000));
  expect((await call('POST', `/admin/orders/${forgotten.orderId}/messages`, { token: staff, body: { purpose: 'question', note: type('message note', `Spør om hun flytter ${mark}`) } })).status).toBe(202);
  await recordStatutoryNotice(notices(), forgotten.orderId, { method: 'in_shop_notice', givenOn: new Date().toISOString().slice(0, 10) }, 'clerk-1');
  const receipt = type('receipt reference', `K-${mark}`);
  expect((await call('POST', `/admin/orders/${forgotten.orderId}/pickup`, { token: staff, body: { payment: 'counter', posReceiptRef: receipt } })).status).toBe(200);

  // Typed lines with descriptions, collected on invoice and credited.
  const invoiced = await call('POST', '/admin/orders', {
    token: staff,
    body: { customerId, reference: type('order reference', `Bestilt av ${name}`), items: [{ service: type('typed service', `Kåpe med pels ${mark}`), description: type('line description', `Merket med ${name}`), quantity: 1, unitPriceOre: 59_900 }], garments: [{ tag: type('tag', uniqueTag()), line: 1, note: type('garment note', `Hentes av datteren ${mark}`) }] },
  });
  expect(invoiced.status).toBe(201);
  await call('POST', `/admin/orders/${invoiced.json.orderId}/ready`, { token: staff });
  const address = { street: type('street', `Sporveien ${mark}`), postalCode: '2815', city: type('city', `Gjøvik ${mark}`) };
  const pickup = await call('POST', `/admin/orders/${invoiced.json.orderId}/pickup`, { token: staff, body: { payment: 'invoice', buyerAddress: address, customerId } });
  expect(pickup.status).toBe(200);
  const invoice = ((await call('GET', `/admin/orders/${invoiced.json.orderId}`, { token: staff })).json.payment as { documentNumber: number }).documentNumber;
  expect((await call('POST', `/admin/invoices/${invoice}/credit`, { token: staff, body: { reason: type('credit reason', `Kunden klaget på lukten ${mark}`) } })).status).toBe(201);

  // A business on account: a pickup with its own reference, on this month's collective invoice, credited in full.
  let collective: number | undefined;
  if (business) {
    expect((await call('PATCH', `/admin/customers/${customerId}`, { token: staff, body: { business: { onAccount: true } } })).status).toBe(200);
    const linen = await call('POST', '/admin/orders', {
      token: staff,
      body: { customerId, reference: type('order reference on account', `Hentet av ${name}`), items: [{ service: 'Duker', quantity: 4, unitPriceOre: 6_900 }], garments: [{ tag: type('tag', uniqueTag()), line: 1, pieces: 4 }] },
    });
    await call('POST', `/admin/orders/${linen.json.orderId}/ready`, { token: staff });
    expect((await call('POST', `/admin/orders/${linen.json.orderId}/pickup`, { token: staff, body: { payment: 'account', customerId } })).status).toBe(200);
    const issued = await call('POST', `/admin/customers/${customerId}/collective-invoice`, { token: staff, body: { period: new Date().toISOString().slice(0, 7) } });
    expect(issued.status).toBe(201);
    collective = (issued.json.document as { documentNumber: number }).documentNumber;
    expect((await call('POST', `/admin/invoices/${collective}/credit`, { token: staff, body: { reason: type('credit reason', `Feil duker ${mark}`) } })).status).toBe(201);
  }

  // A privacy request, answered.
  expect((await call('POST', `/admin/customers/${customerId}/requests`, { token: staff, body: { type: 'access', verifiedBy: 'in_person' } })).status).toBe(202);
  await api.rights.settle();

  const allowed: Allowed[] = [
    // Bokføringsforskriften § 5-1-1: a credit sale's document names the buyer, with an address.
    { text: name, at: /^salesDocument\.buyer\.name$/ },
    { text: address.street, at: /^salesDocument\.buyer\.address\.street$/ },
    { text: address.city, at: /^salesDocument\.buyer\.address\.city$/ },
    // …and for a business buyer its organisation number and the reference it asked for, when the invoice prints them.
    ...(business
      ? [
          { text: business.organisationNumber, at: /^salesDocument\.buyer\.organisationNumber$/ },
          { text: business.reference, at: /^salesDocument\.buyer\.reference$/ },
          // The collective invoice goes to the account's invoice address.
          { text: business.invoiceAddress.street, at: /^salesDocument\.buyer\.address\.street$/ },
          { text: business.invoiceAddress.city, at: /^salesDocument\.buyer\.address\.city$/ },
        ]
      : []),
    // The kept counter sale's receipt reference, which the cash register's journal is matched by:
    // on the pickup's sale item, which names no one (counter-sales.ts).
    { text: receipt, at: /^counterSale\.posReceiptRef$/ },
    priceListName,
  ];
  return { customerId, typed, allowed, invoice, receipt, priceListName: coat.name, documents: collective === undefined ? 2 : 4 };
}

/** What a kept item holds that its inventory declarations do not keep (dropped, deleted or undeclared). */
function undeclaredSurvivors(item: Record<string, unknown>): string[] {
  const inventory = (DATA_INVENTORY as Record<string, EntityInventory>)[String(item.entity)];
  const survives = (action: string | undefined) => action !== undefined && action !== 'drop' && action !== 'delete';
  return Object.entries(item).flatMap(([name, value]) => {
    const entry = inventory?.attributes[name];
    // An empty list holds nothing (a kept sale's garments: the Order type has the list, empty).
    if (Array.isArray(value) && value.length === 0) return [];
    if (!survives(entry && actionName(entry.onErasure))) return [`${String(item.entity)}.${name}`];
    const elements = (Array.isArray(value) ? value : [value]).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
    return elements.flatMap((element) => Object.keys(element).filter((field) => !survives(entry?.fields?.[field] && actionName(entry.fields[field]))).map((field) => `${String(item.entity)}.${name}.${field}`));
  });
}

/** The typed strings the table does not hold anywhere. */
async function notStored(typed: readonly Typed[]) {
  const found = await whereFound(typed);
  return typed.filter((t) => !t.replaced && !found.some((f) => f.startsWith(`${t.what} "${t.text}" at `))).map((t) => `${t.what} "${t.text}"`);
}

/** What is left of the typed strings, but for what the law keeps where it keeps it. */
async function leftOver(typed: readonly Typed[], allowed: readonly Allowed[]) {
  const found = await whereFound(typed);
  return found.filter((f) => !allowed.some((a) => f.includes(`"${a.text}" at `) && a.at.test(f.slice(f.lastIndexOf(' at ') + 4))));
}

it('leaves no string typed about an erased customer anywhere in the table, but the buyer on the documents the law keeps', async () => {
  const people = [await aCustomerThroughEverything(uniqueMobile()), await aCustomerThroughEverything(uniqueLandline(), true)];
  for (const person of people) {
    // The flow stored every string it typed (else the scan below would prove nothing).
    expect(await notStored(person.typed)).toEqual([]);

    const erasure = await call('POST', `/admin/customers/${person.customerId}/requests`, { token: api.staff, body: { type: 'erasure', verifiedBy: 'in_person' } });
    expect(erasure.status).toBe(202);
    await api.rights.settle();
    expect((await call('GET', `/admin/customers/${person.customerId}`, { token: api.staff })).status).toBe(404);
  }
  for (const person of people) {
    expect(await leftOver(person.typed, person.allowed)).toEqual([]);
    // What the law keeps is still there: both documents, and the counter sale named by the price list.
    const items = await api.env.allItems();
    expect(items.filter((i) => i.entity === 'salesDocument' && [person.invoice, person.invoice + 1].includes(i.documentNumber as number))).toHaveLength(2);
    const sale = items.find((i) => i.entity === 'counterSale' && i.posReceiptRef === person.receipt);
    expect((sale?.lines as { name: string }[]).map((line) => line.name)).toEqual([person.priceListName, 'Annet arbeid']);
    // Amounts, the date and the receipt, and nothing that leads to the customer: no order is kept beside it.
    expect(sale).toMatchObject({ totals: expect.any(Object), date: expect.any(String), retainUntil: expect.any(String) });
    expect(sale).not.toHaveProperty('customerId');
    expect(items.some((i) => i.entity === 'order' && i.orderId === sale?.orderId)).toBe(false);
  }
  // Every attribute and field left on a kept item is one its declaration says survives.
  // (The confirmation's delivery record is under the pseudonym too: no recipient once sent, and gone in a day.)
  const kept = (await api.env.allItems()).filter((i) => typeof i.customerId === 'string' && i.customerId.startsWith('erased:') && i.entity !== 'message');
  expect(kept.filter((i) => i.entity === 'order')).toHaveLength(0); // the pickups' sale items carry the books
  expect(kept.filter((i) => i.entity === 'salesDocument')).toHaveLength(people.reduce((sum, person) => sum + person.documents, 0));
  expect(kept.flatMap(undeclaredSurvivors)).toEqual([]);
}, 300_000);

it('leaves none either after the retention sweep anonymises an inactive customer', async () => {
  const people = [await aCustomerThroughEverything(uniqueMobile(), true), await aCustomerThroughEverything(uniqueLandline())];
  for (const person of people) {
    expect(await notStored(person.typed)).toEqual([]);
  }
  // Past the shop's inactivity period (36 months), but within the five years the books are kept.
  const later = new Date(Date.now() + (retention().shop.inactivityMonths + 2) * 31 * 86_400_000);
  const report = await runRetentionSweep({ ...retention(), clock: () => later }, { asOf: later });
  expect(report.status).toBe('completed');
  for (const person of people) {
    expect((await call('GET', `/admin/customers/${person.customerId}`, { token: api.staff })).status).toBe(404);
    expect(await leftOver(person.typed, person.allowed)).toEqual([]);
  }
}, 300_000);
