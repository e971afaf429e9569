import type { SchemaRef } from '../http/route-definition';
import { CustomerMatchPage, CustomerView, CustomerWithOrdersView, FoundCustomers, RegisterCustomerBody, UpdateCustomerBody } from './customers.schema';
import { CollectiveInvoiceAnswer, CollectiveInvoiceBody, CreditBody, SalesDocumentView } from './documents.schema';
import { PaymentAttentionList, PaymentRecorded, PaymentView, ReceivableView, RecordPaymentBody, WriteOffBody, OcrGiroFile, OcrImportList, OcrImportResultView } from './receivables.schema';
import { PaymentReminderList, PaymentReminderView } from './payment-reminders.schema';
import { ReskontroView } from './reskontro.schema';
import { formatOcrGiro } from '../domain/receivables/ocr-giro';
import { CodeRequestAnswer, CodeRequestBody, TokenAnswer, TokenRequestBody, UpdateMeBody } from './me.schema';
import { MessageList, MessageView, StaffMessageBody, StatutoryNoticeBody } from './messages.schema';
import { CancelBody, ChangeOrderBody, CounterDayView, CreateOrderBody, GarmentsReadyBody, OrderPage, OrderView, PickupBody } from './orders.schema';
import { AlreadyCreditedProblem, EhfNotAddressableProblem, GarmentsRefuseMoveProblem, IllegalStatusMoveProblem, OrderStatusProblem, PhoneTakenProblem, PriceItemRetiredProblem, PriceListFullProblem, RequestAlreadyOpenProblem, RequestNotCompletedProblem, TagInUseProblem, TooManyRequestsProblem, ValidationProblem, OrganisationNumberTakenProblem, OverCreditProblem, ReminderRefusedProblem } from './problems.schema';
import { AddPriceListItemBody, ChangePriceListItemBody, ExpressOptionView, PriceListItemView, PriceListView, SetExpressOptionBody } from './price-list.schema';
import { CounterRequestBody, ExtendRequestBody, MyRequestBody, RequestQueue, RequestView } from './requests.schema';
import { HealthAnswer } from './system.schema';

/**
 * One example per schema, declared once and shown by the OpenAPI document wherever the schema is
 * a request or response body. Kept out of the schema modules so that only the function serving
 * /openapi.json carries them. Each must pass its own schema (test/unit/openapi-document.test.ts);
 * the numbers are worked out as the code would (25 % VAT taken out of the gross, half up).
 */
const customerId = '3f0c2a9e-7b1d-4c5e-9a2f-1d3b5c7e9f00';
const requestId = '8d4e6f10-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const at = (time: string) => `2027-01-12T${time}.000Z`;

const customer = {
  customerId,
  name: 'Kari Nordmann',
  phone: '+4791234567',
  phoneKind: 'mobile',
  email: 'kari@eksempel.no',
  invoiceByEmail: true,
  emailPurposes: ['invoice'],
  language: 'nb',
  createdAt: at('09:30:00'),
  updatedAt: at('09:30:00'),
  lastActivityAt: at('09:31:00'),
  version: 1,
};

/** A hotel on account: its switchboard (a landline, called, never texted), invoices by e-mail, a fixed reference. */
const hotel = {
  customerId: '6b8d0f2a-4c6e-4a1b-9d3f-5e7a9c1b3d5f',
  name: 'Fjordhotellet AS',
  phone: '+4722123456',
  phoneKind: 'landline',
  email: 'faktura@fjordhotellet.no',
  invoiceByEmail: true,
  emailPurposes: ['invoice'],
  language: 'nb',
  business: {
    organisationNumber: '923609016',
    organisationNumberFormatted: '923 609 016',
    invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' },
    contactName: 'Kari Hansen',
    reference: 'Housekeeping 4410',
    onAccount: true,
    ehf: false,
  },
  createdAt: at('08:15:00'),
  updatedAt: at('08:15:00'),
  lastActivityAt: at('08:15:00'),
  version: 1,
};

const order = {
  orderId: '1001',
  customerId,
  status: 'ready',
  items: [
    { service: 'Dress', quantity: 1, unitPriceOre: 24_900, lineTotalOre: 24_900 },
    { service: 'Skjorte', description: 'Hvit, stivet', quantity: 3, unitPriceOre: 7_900, lineTotalOre: 23_700 },
  ],
  garments: [
    { tag: '4711', line: 1, pieces: 1, colour: 'Marineblå', conditions: ['flekk'], conditionNote: 'Flekk på venstre ermet', state: 'ready', location: 'Stativ 3', readyAt: at('15:02:00') },
    { tag: '4712', line: 2, pieces: 3, conditions: [], state: 'ready', location: 'Stativ 3', readyAt: at('15:02:00') },
  ],
  totals: { netOre: 38_880, vatOre: 9_720, grossOre: 48_600, vatRatePercent: 25 },
  promisedReadyAt: '2027-01-15',
  reference: 'Bryllupet 16. januar',
  createdAt: at('09:31:00'),
  updatedAt: at('15:02:00'),
  statusChangedAt: at('15:02:00'),
  receivedAt: at('09:31:00'),
  readyAt: at('15:02:00'),
  version: 2,
};

const message = {
  messageKey: '1001#delay#2027-01-20',
  customerId,
  orderId: '1001',
  purpose: 'delay',
  state: 'sent',
  attempts: 1,
  note: 'Flekken trenger en runde til',
  createdAt: at('11:00:00'),
  updatedAt: at('11:00:02'),
  sentAt: at('11:00:02'),
};

const address = { street: 'Storgata 5', postalCode: '2815', city: 'Gjøvik' };
const invoice = {
  documentNumber: 10001,
  kind: 'invoice',
  issueDate: '2027-01-16',
  issuedAt: '2027-01-16T10:15:00.000Z',
  orderId: '1001',
  customerId,
  buyer: { name: 'Kari Nordmann', address },
  seller: {
    name: 'Eksempel Renseri AS',
    organisationNumber: '123456785',
    vatRegistered: true,
    registeredInForetaksregisteret: true,
    address: { street: 'Storgata 1', postalCode: '2815', city: 'Gjøvik' },
    bankAccount: '86011117947',
  },
  deliveryDate: '2027-01-16',
  deliveryPlace: 'Storgata 1, 2815 Gjøvik',
  lines: [
    { description: 'Dress', quantity: 1, unitPriceOre: 24_900, lineTotalOre: 24_900, vatRatePercent: 25, vatOre: 4_980 },
    { description: 'Skjorte: Hvit, stivet', quantity: 3, unitPriceOre: 7_900, lineTotalOre: 23_700, vatRatePercent: 25, vatOre: 4_740 },
  ],
  totals: { netOre: 38_880, vatOre: 9_720, grossOre: 48_600, vatRatePercent: 25 },
  dueDate: '2027-01-30',
  kid: '000100016',
  delivery: 'email',
  retainUntil: '2032-12-31',
};

/** A hotel's collective invoice for January: two pickups on account, each with its ticket, date, reference and lines. */
const collectiveInvoice = {
  ...invoice,
  documentNumber: 10002,
  issueDate: '2027-02-01',
  issuedAt: '2027-02-01T06:00:00.000Z',
  orderId: '2027-01',
  buyer: { name: 'Hotell Mjøsa AS', address: { street: 'Strandgata 1', postalCode: '2815', city: 'Gjøvik' }, organisationNumber: '923609016', reference: 'Resepsjonen' },
  deliveryDate: '2027-01-20',
  lines: [
    { description: 'Duk, stor', quantity: 12, unitPriceOre: 8_900, lineTotalOre: 106_800, vatRatePercent: 25, vatOre: 21_360 },
    { description: 'Serviett', quantity: 40, unitPriceOre: 1_500, lineTotalOre: 60_000, vatRatePercent: 25, vatOre: 12_000 },
    { description: 'Kokkejakke', quantity: 6, unitPriceOre: 9_900, lineTotalOre: 59_400, vatRatePercent: 25, vatOre: 11_880 },
  ],
  totals: { netOre: 180_960, vatOre: 45_240, grossOre: 226_200, vatRatePercent: 25 },
  dueDate: '2027-02-15',
  kid: '000100024',
  collectivePeriod: { key: '2027-01', from: '2027-01-01', to: '2027-01-31' },
  collectiveOrders: [
    { orderId: '1001', n: 1, date: '2027-01-06', reference: 'Restauranten', lineCount: 2 },
    { orderId: '1009', n: 1, date: '2027-01-20', lineCount: 1 },
  ],
  retainUntil: '2032-12-31',
};

/** The invoice's receivable: half paid at the counter. */
const receivable = {
  documentNumber: 10001,
  customerId,
  kid: '000100016',
  issueDate: '2027-01-16',
  dueDate: '2027-01-30',
  amountOre: 48_600,
  creditedOre: 0,
  creditNotes: [],
  paidOre: 24_300,
  balanceOre: 24_300,
  status: 'partly_paid',
  version: 2,
  updatedAt: '2027-01-20T12:00:00.000Z',
  retainUntil: '2032-12-31',
};

const payment = {
  documentNumber: 10001,
  paymentId: 'cash:K-2041',
  amountOre: 24_300,
  paymentDate: '2027-01-20',
  method: 'cash',
  posReceiptRef: 'K-2041',
  recordedAt: '2027-01-20T12:00:00.000Z',
  retainUntil: '2032-12-31',
};
// The first reminder of the invoice above, a week after its due date (too early for a fee), and the second, after the first's deadline, with the fee.
const reminder = {
  documentNumber: 10001,
  sequence: 1,
  sentAt: '2027-02-06T08:00:00.000Z',
  sentOn: '2027-02-06',
  payBy: '2027-02-20',
  delivery: 'email',
  principalOre: 24_300,
  earlierFeesOre: 0,
  feeOre: 0,
  feeOmitted: 'within_14_days_of_due_date',
  totalOre: 24_300,
  retainUntil: '2032-12-31',
};
const secondReminder = { ...reminder, sequence: 2, sentAt: '2027-02-27T08:00:00.000Z', sentOn: '2027-02-27', payBy: '2027-03-13', delivery: 'print', feeOre: 3_500, feeOmitted: undefined, totalOre: 27_800 };

/** The reskontro on a day: the half-paid invoice 25 days overdue, and a credit left by an overpayment. */
const reskontroTotals = (over: Partial<Record<string, number>>) => ({ not_due: 0, days_0_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 0, credit: 0, outstandingOre: 0, ...over });
const reskontroList = {
  asOf: '2027-02-24',
  customers: [
    {
      customerId,
      name: 'Kari Nordmann',
      items: [
        { customerId, documentNumber: 10001, issueDate: '2027-01-16', dueDate: '2027-01-30', amountOre: 48_600, paidOre: 24_300, creditedOre: 0, feesOre: 0, outstandingOre: 24_300, daysOverdue: 25, bucket: 'days_0_30' },
        { customerId, documentNumber: 10004, issueDate: '2027-02-01', dueDate: '2027-02-15', amountOre: 22_900, paidOre: 25_000, creditedOre: 0, feesOre: 0, outstandingOre: -2_100, daysOverdue: 0, bucket: 'credit' },
      ],
      totals: reskontroTotals({ days_0_30: 24_300, credit: -2_100, outstandingOre: 22_200 }),
    },
  ],
  totals: reskontroTotals({ days_0_30: 24_300, credit: -2_100, outstandingOre: 22_200 }),
};

const request = {
  requestId,
  customerId,
  type: 'access',
  verifiedBy: 'sms_code',
  status: 'received',
  receivedAt: at('18:20:00'),
  deadline: '2027-02-12',
  updatedAt: at('18:20:00'),
};

const dressItem = {
  itemId: 'P1',
  name: 'Dress',
  category: 'rens',
  categoryLabel: 'Rens',
  priceOre: 22_900,
  unit: 'per_garment',
  unitLabel: 'per plagg',
  turnaroundWorkingDays: 3,
  status: 'active',
  version: 1,
  createdAt: at('07:45:00'),
  updatedAt: at('07:45:00'),
};
const washByWeight = {
  itemId: 'P14',
  name: 'Vask og tørk',
  category: 'vask_og_press',
  categoryLabel: 'Vask og press',
  priceOre: 8_900,
  unit: 'per_kg',
  unitLabel: 'per kg',
  turnaroundWorkingDays: 2,
  status: 'active',
  version: 2,
  createdAt: at('07:45:00'),
  updatedAt: at('08:10:00'),
};
const expressOption = { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1, version: 1, updatedAt: at('07:50:00') };

const problem = (status: number, slug: string, title: string, detail: string) => ({
  type: `urn:renseri:problem:${slug}`,
  title,
  status,
  detail,
  instance: 'urn:request:5b1d9c1e-0f6a-4a8e-9d2b-7c3e1f0a4b6d',
});
const conflict = (detail: string) => problem(409, 'conflict', 'Conflict with the current state', detail);

const ocrReport = { payments: 2, matched: 1, partlyPaid: 0, paid: 1, overpaid: 0, unmatched: 1, reversals: 0, alreadyRecorded: 0, totalOre: 59_300 };

export const EXAMPLES = new Map<SchemaRef, unknown>([
  [HealthAnswer, { status: 'ok' }],

  // A business: its legal name, switchboard, the number typed as it is printed, the invoice address and a fixed reference.
  [
    RegisterCustomerBody,
    {
      name: 'Fjordhotellet AS',
      phone: '22 12 34 56',
      email: 'faktura@fjordhotellet.no',
      invoiceByEmail: true,
      business: { organisationNumber: '923 609 016', invoiceAddress: { street: 'Postboks 123', postalCode: '0102', city: 'Oslo' }, contactName: 'Kari Hansen', reference: 'Housekeeping 4410' },
    },
  ],
  [UpdateCustomerBody, { phone: '22 12 34 56', business: { contactName: 'Ola Berg', reference: null, ehf: true } }],
  [CustomerView, hotel],
  [CustomerWithOrdersView, { customer, orders: [order], nextCursor: 'eyJvcmRlcklkIjoiMTAwMSJ9' }],
  [
    CustomerMatchPage,
    {
      customers: [
        { customerId, name: 'Kari Bøe', phone: '+4791234567', phoneKind: 'mobile' },
        { customerId: '5a7c9e1f-3b5d-4f6a-8c0e-2d4f6a8c0e1b', name: 'Ola Bøe', phone: '+4722123456', phoneKind: 'landline' },
        { customerId: '9e1f3b5d-7a9c-4e0f-8b2d-4f6a8c0e2d4f', name: 'Åse Bøe' },
        { customerId: hotel.customerId, name: 'Bøe Bilpleie AS', phone: '+4722123456', phoneKind: 'landline', organisationNumber: '923 609 016' },
      ],
      nextCursor: 'eyJnc2kxcGsiOiJOQU1FUyNiIn0',
    },
  ],
  [FoundCustomers, customer],

  [
    CreateOrderBody,
    {
      customerId,
      lines: [{ priceListItemId: 'P1', quantity: 1 }, { priceListItemId: 'P4', quantity: 3 }, { freeText: { service: 'Sy i knapp', unitPriceOre: 5_000, quantity: 1 } }, { discount: { reason: 'stamkunde', percent: 10 } }],
      express: true,
      garments: [
        { tag: '4711', line: 1, colour: 'Marineblå', conditions: ['flekk'], conditionNote: 'Flekk på venstre ermet' },
        { tag: '4712', line: 2, pieces: 3 },
        { tag: '4713', line: 3, note: 'Knappen ligger i lommen' },
      ],
      promisedReadyAt: '2027-01-15',
      reference: 'Bryllupet 16. januar',
    },
  ],
  [
    ChangeOrderBody,
    {
      // Line 1 as taken in; line 2 now four shirts (today's price); the free-text line goes; a new line; the discount kept.
      lines: [{ keep: 1 }, { replace: 2, with: { priceListItemId: 'P4', quantity: 4 } }, { priceListItemId: 'P2', quantity: 1 }, { keep: 4 }],
      garments: [
        { tag: '4711', line: 1, colour: 'Marineblå', conditions: ['flekk'], conditionNote: 'Flekk på venstre ermet' },
        { tag: '4712', line: 2, pieces: 4 },
        { tag: '4714', line: 3 },
      ],
      promisedReadyAt: '2027-01-16',
    },
  ],
  [GarmentsReadyBody, { tags: ['4711'], location: 'Stativ 3' }],
  // A partial pickup on invoice: the shirts (tag 4712) now, the rest later; each pickup is one sale with its own invoice.
  [PickupBody, { payment: 'invoice', buyerAddress: address, customerId, tags: ['4712'] }],
  [OrderView, order],
  [OrderPage, { orders: [order] }],
  [CancelBody, { reason: 'customer_changed_mind' }],
  [CounterDayView, { list: 'ready', date: '2027-01-15', orders: [order], racks: [{ location: 'Stativ 3', tickets: ['1001'] }] }],

  [StaffMessageBody, { purpose: 'delay', newReadyAt: '2027-01-20', note: 'Flekken trenger en runde til' }],
  [StatutoryNoticeBody, { method: 'in_shop_notice', givenOn: '2027-04-20' }],
  [MessageView, message],
  [MessageList, { messages: [message] }],

  // Two of the three shirts on line 2: a partial credit note. Without `lines` (or `amountOre`) the whole invoice is credited.
  [CreditBody, { reason: 'To skjorter ble levert med flekk', lines: [{ line: 2, quantity: 2 }], creditKey: 'c1d2e3f4-credit-1' }],
  [SalesDocumentView, { ...invoice, receivable }],
  // January's collective invoice, issued by staff on 1 February (without `period`: the month that ended before today).
  [CollectiveInvoiceBody, { period: '2027-01' }],
  [CollectiveInvoiceAnswer, { outcome: 'issued', period: { key: '2027-01', from: '2027-01-01', to: '2027-01-31' }, document: collectiveInvoice }],
  [ReceivableView, receivable],
  // Half of invoice 10001 paid in cash at the counter, under the register's receipt.
  [RecordPaymentBody, { amountOre: 24_300, paymentDate: '2027-01-20', method: 'cash', posReceiptRef: 'K-2041' }],
  [PaymentView, payment],
  [PaymentRecorded, { payment, receivable }],
  [WriteOffBody, { reason: 'small_amount' }],
  [OcrGiroFile, formatOcrGiro({ transmissionNumber: '1700012', account: '12345678903', netsDate: '2027-01-21', payments: [{ kid: '000100016', amountOre: 24_300, paymentDate: '2027-01-21' }, { kid: '000999990', amountOre: 35_000, paymentDate: '2027-01-21' }] })],
  [OcrImportResultView, { transmissionNumber: '1700012', alreadyImported: false, report: ocrReport, startedAt: '2027-01-22T07:00:00.000Z', completedAt: '2027-01-22T07:00:01.000Z' }],
  [OcrImportList, { imports: [{ transmissionNumber: '1700012', startedAt: '2027-01-22T07:00:00.000Z', completedAt: '2027-01-22T07:00:01.000Z', report: ocrReport, retainUntil: '2032-12-31' }] }],
  [PaymentAttentionList, { payments: [{ reason: 'unknown_kid', paymentId: 'ocr:1700012:0000001:3', amountOre: 35_000, paymentDate: '2027-01-21', method: 'bank', kid: '000999990', bank: { transmissionNumber: '1700012', assignmentNumber: '0000001', archiveReference: '202701210001', transactionNumber: '3' }, recordedAt: '2027-01-22T07:00:00.000Z', retainUntil: '2032-12-31' }] }],
  [PaymentReminderView, reminder],
  [PaymentReminderList, { reminders: [reminder, secondReminder] }],
  [ReskontroView, reskontroList],

  [CodeRequestBody, { phone: '912 34 567', deviceToken: 'd2.20261201.q2Vh6f1kR0m3bX9yT4pLsA.Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg' }],
  [CodeRequestAnswer, { message: 'If the number is registered with us, a code is on its way by SMS.' }],
  [TokenRequestBody, { phone: '912 34 567', code: '123456' }],
  [TokenAnswer, { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIzZjBjMmE5ZSJ9.c2lnbmF0dXJl', tokenType: 'Bearer', expiresIn: 900, deviceToken: 'd2.20261201.q2Vh6f1kR0m3bX9yT4pLsA.Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg' }],
  [UpdateMeBody, { email: 'kari@eksempel.no', invoiceByEmail: true, language: 'en' }],

  [MyRequestBody, { type: 'access' }],
  [CounterRequestBody, { type: 'erasure', verifiedBy: 'in_person' }],
  [ExtendRequestBody, { months: 1, reason: 'records_to_collect' }],
  [RequestView, request],
  [RequestQueue, { requests: [request] }],

  [AddPriceListItemBody, { name: 'Dress', category: 'rens', priceOre: 22_900, unit: 'per_garment', turnaroundWorkingDays: 3 }],
  [ChangePriceListItemBody, { priceOre: 24_900 }],
  [PriceListItemView, dressItem],
  [PriceListView, { items: [dressItem, washByWeight], express: expressOption }],
  [SetExpressOptionBody, { offered: true, surcharge: { percent: 50 }, turnaroundWorkingDays: 1 }],
  [ExpressOptionView, expressOption],

  [
    ValidationProblem,
    {
      ...problem(400, 'invalid-request', 'The request is not valid', 'The phone number is not a valid mobile number'),
      errors: [{ pointer: '/phone', detail: 'Expected a mobile number from NO, for example +47 912 34 567' }],
    },
  ],
  [TagInUseProblem, { ...conflict('Tag 4711 is on a garment in the shop already'), tag: '4711', errors: [{ pointer: '/garments/0/tag', detail: 'Use another tag; this one is free again when its garment leaves the shop' }] }],
  [PhoneTakenProblem, { ...conflict('A customer with this phone number is already registered'), existingCustomerId: customerId }],
  [
    OrganisationNumberTakenProblem,
    {
      ...conflict('A customer with this organisation number is already registered'),
      existingCustomerId: hotel.customerId,
      errors: [{ pointer: '/business/organisationNumber', detail: 'Open the existing customer (existingCustomerId) instead of registering the business twice' }],
    },
  ],
  [
    IllegalStatusMoveProblem,
    { ...conflict("Order 1001 is picked_up and cannot be moved by 'ready'"), orderId: '1001', currentStatus: 'picked_up', allowedFrom: ['received'] },
  ],
  [GarmentsRefuseMoveProblem, { ...conflict('Order 1001 has garments handed out already and cannot be cancelled'), orderId: '1001', currentStatus: 'ready', tags: ['4711'] }],
  [OrderStatusProblem, { ...conflict('Order 1001 is picked_up; this message is for orders that are received or ready'), orderId: '1001', currentStatus: 'picked_up' }],
  [ReminderRefusedProblem, { ...conflict('Invoice 10001 falls due on 2027-01-30: a reminder may be sent from the day after'), dueDate: '2027-01-30' }],
  [AlreadyCreditedProblem, { ...conflict('Invoice 10001 is already credited by 10002'), creditedBy: 10002 }],
  [
    EhfNotAddressableProblem,
    {
      ...conflict('Document 10001 cannot be sent as EHF: its buyer has no organisation number'),
      documentNumber: 10001,
      errors: [{ pointer: '/buyer/organisationNumber', detail: 'The buyer has no organisation number: EHF is addressed to it (PEPPOL endpoint, scheme 0192)' }],
    },
  ],
  [OverCreditProblem, { ...conflict('Invoice 10001 has 236,00 kr left to credit; this credit is 249,00 kr'), remainingOre: 23_600, errors: [{ pointer: '/amountOre', detail: 'At most 23600 øre may be credited' }] }],
  [PriceItemRetiredProblem, { ...conflict('Price-list item P7 is retired and cannot be changed'), itemId: 'P7', itemStatus: 'retired' }],
  [PriceListFullProblem, { ...conflict('The price list has handed out its 500 item numbers; retired items keep theirs'), maxItems: 500 }],
  [RequestNotCompletedProblem, { ...conflict('The export is ready when the access request is completed'), requestStatus: 'in_progress' }],
  [RequestAlreadyOpenProblem, { ...conflict('An erasure request is being answered already: 7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e'), openRequestId: '7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e', requestType: 'erasure' }],
  [TooManyRequestsProblem, { ...problem(429, 'rate-limited', 'Too many requests', 'At most 4 requests a day; try again tomorrow'), maxPerDay: 4 }],
]);
