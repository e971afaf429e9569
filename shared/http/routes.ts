import {
  CustomerIdParams,
  CustomerOrdersQuery,
  CustomerView,
  CustomerWithOrdersView,
  FindCustomerQuery,
  FoundCustomers,
  RegisterCustomerBody,
  UpdateCustomerBody,
} from '../schemas/customers.schema';
import { CancelBody, ChangeOrderBody, CounterDayQuery, CounterDayView, CreateOrderBody, GarmentsReadyBody, ListOrdersQuery, OrderIdParams, OrderPage, OrderView, PickupBody, TagParams } from '../schemas/orders.schema';
import { MessageList, MessagesQuery, MessageView, StaffMessageBody, StatutoryNoticeBody } from '../schemas/messages.schema';
import { CollectiveInvoiceAnswer, CollectiveInvoiceBody, CreditBody, InvoiceIdParams, SalesDocumentView, SalesExportQuery } from '../schemas/documents.schema';
import { PaymentReminderList, PaymentReminderView, ReminderParams, RemindersToPrintQuery } from '../schemas/payment-reminders.schema';
import { CodeRequestAnswer, CodeRequestBody, TokenAnswer, TokenRequestBody, UpdateMeBody } from '../schemas/me.schema';
import { CounterRequestBody, ExtendRequestBody, MyRequestBody, RequestIdParams, RequestQueue, RequestQueueQuery, RequestView } from '../schemas/requests.schema';
import { ValidationProblem, AlreadyCreditedProblem, EhfNotAddressableProblem, GarmentsRefuseMoveProblem, IllegalStatusMoveProblem, OrderStatusProblem, PhoneTakenProblem, PriceItemRetiredProblem, PriceListFullProblem, ProblemDetails, RequestAlreadyOpenProblem, RequestNotCompletedProblem, TagInUseProblem, TooManyRequestsProblem, OrganisationNumberTakenProblem, OverCreditProblem, ReceivableClosedProblem, ReminderRefusedProblem } from '../schemas/problems.schema';
import {
  AddPriceListItemBody,
  ChangePriceListItemBody,
  ExpressOptionView,
  PriceListItemIdParams,
  PriceListItemView,
  PriceListQuery,
  PriceListView,
  SetExpressOptionBody,
} from '../schemas/price-list.schema';
import { ReskontroQuery, ReskontroView } from '../schemas/reskontro.schema';
import { HealthAnswer } from '../schemas/system.schema';
import { OCR_FILE_MAX_BYTES, OcrGiroFile, OcrImportList, OcrImportResultView, PageQuery, PaymentAttentionList, PaymentRecorded, ReceivableView, RecordPaymentBody, WriteOffBody } from '../schemas/receivables.schema';
import { routeGroup, type RouteDefinition } from './route-definition';

/**
 * The route table, declared once. infra/constructs/api.ts builds API Gateway resources from it,
 * integrated with the function of each route's audience (api-functions.ts); infra/local/ serves
 * the same routes by invoking the same handlers; shared/http/openapi.ts documents it. Handlers
 * take their schemas from here, so the schema that validates a request is the one the OpenAPI
 * document shows.
 *
 * The routes come in groups, each declaring once what its routes share: who may call them, the
 * folder of their handlers (a route names its handler file within it) and their OpenAPI tag,
 * which a route may still set for itself.
 */
/** Public pages anyone may read: no token, no table. */
const system = routeGroup({ access: 'public', function: 'customer', folder: 'functions/http/system', tag: 'system' }, {
  health: {
    method: 'GET',
    path: '/health',
    data: 'none',
    handler: 'health',
    summary: 'Liveness check',
    responses: { 200: { description: 'Up', schema: HealthAnswer } },
  },
  privacy: {
    method: 'GET',
    path: '/privacy',
    data: 'none',
    handler: 'privacy',
    summary: 'The privacy notice, from the data inventory and the shop configuration: JSON, or a page for Accept: text/html; Norwegian or English by Accept-Language',
    responses: { 200: { description: 'The privacy statement', alternativeContentTypes: ['text/html; charset=utf-8'] } },
  },
});

/** The API's own description, in a function of its own (api-functions.ts says why). */
const docs = routeGroup({ access: 'public', function: 'docs', folder: 'functions/http/system', tag: 'system' }, {
  openApi: {
    method: 'GET',
    path: '/openapi.json',
    data: 'none',
    handler: 'openapi',
    summary: 'This API, as an OpenAPI 3.1 document generated from the request and response schemas',
    responses: { 200: { description: 'The OpenAPI document' } },
  },
});

/** The counter: customers and their orders, through the order state machine. */
const counter = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/counter', tag: 'customers' }, {
  registerCustomer: {
    method: 'POST',
    path: '/admin/customers',
    data: 'write',
    handler: 'register-customer',
    summary:
      'Register a customer (a mobile, a landline or no number; a mobile is unique; e-mail only with a purpose), or a business with `business` (organisation number MOD11-checked and unique, invoice address, contact, reference, on account, EHF)',
    request: { body: RegisterCustomerBody },
    responses: {
      201: { description: 'Registered', schema: CustomerView },
      409: {
        description: 'The mobile number, or the business\'s organisation number, is registered already; existingCustomerId names the customer',
        problem: [PhoneTakenProblem, OrganisationNumberTakenProblem],
      },
    },
  },
  findCustomers: {
    method: 'GET',
    path: '/admin/customers',
    data: 'read',
    handler: 'find-customer',
    summary:
      'Find a customer by mobile number (`phone`: the one who holds it), a business by organisation number (`organisationNumber`, spaces allowed), or customers by name (`name`: a prefix of any word of the name and the words after it, case and accents ignored, æ/ø/å also as ae/oe/aa or a/o/a; a page, `limit` and `cursor`). A landline finds no one (it may be shared): search by name',
    request: { query: FindCustomerQuery },
    responses: {
      200: { description: 'By phone or organisation number, the customer; by name, a page of matches (possibly shorter than limit with a nextCursor still to follow)', schema: FoundCustomers },
      404: { description: 'No customer has this mobile number or organisation number' },
    },
  },
  getCustomer: {
    method: 'GET',
    path: '/admin/customers/{customerId}',
    data: 'read',
    handler: 'get-customer',
    summary: 'A customer with their orders, newest first',
    request: { params: CustomerIdParams, query: CustomerOrdersQuery },
    responses: { 200: { description: 'The customer and a page of orders', schema: CustomerWithOrdersView } },
  },
  updateCustomer: {
    method: 'PATCH',
    path: '/admin/customers/{customerId}',
    data: 'write',
    handler: 'update-customer',
    summary: 'Correct a customer (name, phone or `phone: null` for none, e-mail and its purposes, language, the business account; `business` makes a private customer a business)',
    request: { params: CustomerIdParams, body: UpdateCustomerBody },
    conditional: true,
    responses: {
      200: { description: 'Updated', schema: CustomerView },
      409: {
        description: 'The new mobile number, or the new organisation number, is registered to another customer; existingCustomerId names them',
        problem: [PhoneTakenProblem, OrganisationNumberTakenProblem],
      },
    },
  },
  createOrder: {
    method: 'POST',
    path: '/admin/orders',
    data: 'write',
    handler: 'create-order',
    summary: 'Take in an order; the answer carries its ticket number',
    tag: 'orders',
    request: { body: CreateOrderBody },
    responses: {
      201: { description: 'Taken in', schema: OrderView },
      404: { description: 'No customer has this id' },
      409: { description: 'A tag is on a garment in the shop already; `errors` points at the garment', problem: TagInUseProblem },
    },
  },
  listOrders: {
    method: 'GET',
    path: '/admin/orders',
    data: 'read',
    handler: 'list-orders',
    summary: 'Orders in a status, oldest status change first, paginated with an opaque cursor',
    tag: 'orders',
    request: { query: ListOrdersQuery },
    responses: { 200: { description: 'A page of orders', schema: OrderPage } },
  },
  getOrder: {
    method: 'GET',
    path: '/admin/orders/{orderId}',
    data: 'read',
    handler: 'get-order',
    summary: 'An order by ticket number',
    tag: 'orders',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The order', schema: OrderView } },
  },
  changeOrder: {
    method: 'PATCH',
    path: '/admin/orders/{orderId}',
    data: 'write',
    handler: 'change-order',
    summary:
      'Change an order before the work is done (received, no garment ready): its lines (`{ keep: n }` keeps line n at the price it was taken in at, `{ replace: n, with }` changes it at today\'s price, a line as at intake adds one, a line not named goes), express, the garments (the whole list: new tags are claimed, tags left out freed), the promised date and the reference ("Deres ref." on its invoice; null removes it). Each change is recorded on the order (`changes`) as codes with the staff member\'s id',
    tag: 'orders',
    request: { params: OrderIdParams, body: ChangeOrderBody },
    conditional: 'required',
    responses: {
      200: { description: 'Changed', schema: OrderView },
      409: { description: 'Not received, or a garment is ready already (`tags`); or a new tag is on a garment in the shop (`errors` points at it)', problem: [OrderStatusProblem, GarmentsRefuseMoveProblem, TagInUseProblem] },
    },
  },
  findOrderByTag: {
    method: 'GET',
    path: '/admin/tags/{tag}',
    data: 'read',
    handler: 'find-order-by-tag',
    summary: 'The order a garment in the shop belongs to, by the number on its tag',
    tag: 'orders',
    request: { params: TagParams },
    responses: { 200: { description: 'The order', schema: OrderView }, 404: { description: 'No garment in the shop carries this tag' } },
  },
  orderTicketPdf: {
    method: 'GET',
    path: '/admin/orders/{orderId}/ticket.pdf',
    data: 'read',
    handler: 'order-ticket-pdf',
    summary: 'The paper ticket (hentelapp) for the customer, as an 80 mm receipt PDF: the ticket number and its barcode, the garments by tag with their condition notes, the total; never who the customer is, nor staff free text',
    tag: 'orders',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The PDF (send Accept: application/pdf)', contentType: 'application/pdf' } },
  },
  orderTagLabelsPdf: {
    method: 'GET',
    path: '/admin/orders/{orderId}/tags.pdf',
    data: 'read',
    handler: 'order-tag-labels-pdf',
    summary: "The garments' tag labels, one 62 × 29 mm page per garment, each with the tag's barcode",
    tag: 'orders',
    request: { params: OrderIdParams },
    responses: {
      200: { description: 'The PDF (send Accept: application/pdf)', contentType: 'application/pdf' },
      409: { description: 'The order has no tagged garments (taken in before garments were tagged): nothing to label' },
    },
  },
  markOrderReady: {
    method: 'POST',
    path: '/admin/orders/{orderId}/ready',
    data: 'write',
    handler: 'mark-order-ready',
    summary: 'The garments are ready for pickup; the customer gets one SMS',
    tag: 'orders',
    request: { params: OrderIdParams },
    conditional: true,
    responses: { 200: { description: 'Now ready', schema: OrderView }, 409: { description: 'Not in a status that can become ready', problem: IllegalStatusMoveProblem } },
  },
  markGarmentsReady: {
    method: 'POST',
    path: '/admin/orders/{orderId}/garments/ready',
    data: 'write',
    handler: 'mark-garments-ready',
    summary: 'Some garments are ready, and where they hang; the last one makes the order ready (and sends its SMS)',
    tag: 'orders',
    request: { params: OrderIdParams, body: GarmentsReadyBody },
    conditional: true,
    responses: {
      200: { description: 'The order with the garments ready', schema: OrderView },
      409: { description: 'The order is not received or ready, or its part-ready SMS was sent already', problem: [IllegalStatusMoveProblem, ProblemDetails] },
    },
  },
  recordPickup: {
    method: 'POST',
    path: '/admin/orders/{orderId}/pickup',
    data: 'write',
    handler: 'record-pickup',
    summary: 'The customer collects garments: those named by `tags` (each ready), or every one in the shop; one sale of what is handed out, paid at the counter (cash register receipt) or on invoice (issues its invoice, e-mailed if chosen); the order is picked up when nothing is left',
    tag: 'orders',
    request: { params: OrderIdParams, body: PickupBody },
    conditional: true,
    responses: {
      200: { description: 'Handed out: the order with the pickup recorded, picked up when nothing is left in the shop', schema: OrderView },
      409: { description: 'Not ready (without tags), not received or ready (with tags); or, on invoice, too many documents issued at this moment (try again)', problem: [IllegalStatusMoveProblem, ProblemDetails] },
    },
  },
  cancelOrder: {
    method: 'POST',
    path: '/admin/orders/{orderId}/cancel',
    data: 'write',
    handler: 'cancel-order',
    summary: 'Cancel an order that has not been picked up, with a reason from a closed list; its garments stay in the shop until handed back (`return`)',
    tag: 'orders',
    request: { params: OrderIdParams, body: CancelBody },
    conditional: true,
    responses: {
      200: { description: 'Cancelled', schema: OrderView },
      409: { description: 'Already picked up, cancelled or returned; or a garment has been handed out (`tags` names it)', problem: [IllegalStatusMoveProblem, GarmentsRefuseMoveProblem] },
    },
  },
  returnGarments: {
    method: 'POST',
    path: '/admin/orders/{orderId}/return',
    data: 'write',
    handler: 'return-garments',
    summary: 'Hand a cancelled order\'s garments back to their owner: every garment in the shop is returned and its tag free again; the order becomes `returned`',
    tag: 'orders',
    request: { params: OrderIdParams },
    conditional: true,
    responses: {
      200: { description: 'Returned', schema: OrderView },
      409: { description: 'Not cancelled (or returned already)', problem: [IllegalStatusMoveProblem, GarmentsRefuseMoveProblem] },
    },
  },
  counterDay: {
    method: 'GET',
    path: '/admin/counter/today',
    data: 'read',
    handler: 'counter-day',
    summary:
      'The counter\'s day, one list a call (`list`): `promised_today` and `late` (received, by promised date), `ready` (with the page\'s tickets by rack), `not_collected` (ready since before the first reminder), `awaiting_return` (cancelled, garments still in the shop); paginated with an opaque cursor',
    tag: 'orders',
    request: { query: CounterDayQuery },
    responses: { 200: { description: 'A page of the list', schema: CounterDayView } },
  },
});

/** Messages to customers about their orders, and the statutory path for garments not collected. */
const notices = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/notices', tag: 'messages' }, {
  sendOrderMessage: {
    method: 'POST',
    path: '/admin/orders/{orderId}/messages',
    data: 'write',
    handler: 'send-order-message',
    summary: 'Tell the customer about a delay, or ask them to call (templated SMS; one per order and occasion)',
    request: { params: OrderIdParams, body: StaffMessageBody },
    responses: {
      202: { description: 'Queued for sending', schema: MessageView },
      200: { description: 'The same message was queued before; nothing new is sent', schema: MessageView },
      409: { description: 'The order is not in a status this message is for', problem: OrderStatusProblem },
    },
  },
  listOrderMessages: {
    method: 'GET',
    path: '/admin/orders/{orderId}/messages',
    data: 'read',
    handler: 'list-order-messages',
    summary: 'Delivery records of the messages about an order (no texts are kept)',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The messages', schema: MessageList } },
  },
  listMessages: {
    method: 'GET',
    path: '/admin/messages',
    data: 'read',
    handler: 'list-messages',
    summary: 'Messages that need attention: failed, still pending, or sending with the outcome unknown',
    request: { query: MessagesQuery },
    responses: { 200: { description: 'A page of messages', schema: MessageList } },
  },
  recordStatutoryNotice: {
    method: 'POST',
    path: '/admin/orders/{orderId}/notices',
    data: 'write',
    handler: 'record-notice',
    summary: 'Record the statutory request to collect (registered letter or in-shop notice) for an uncollected order',
    tag: 'orders',
    request: { params: OrderIdParams, body: StatutoryNoticeBody },
    responses: {
      201: { description: 'Recorded on the order', schema: OrderView },
      409: { description: 'The order is not ready, or not yet three months past ready', problem: OrderStatusProblem },
    },
  },
  uncollectedNotice: {
    method: 'GET',
    path: '/admin/notices/uncollected',
    data: 'read',
    handler: 'uncollected-notice',
    summary: 'The printable in-shop notice of garments not collected: ticket numbers and dates, never names',
    tag: 'orders',
    responses: { 200: { description: 'An HTML page to print', contentType: 'text/html; charset=utf-8' } },
  },
});

/** Sales documents and the accountant's journal. */
const invoices = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/invoices', tag: 'invoices' }, {
  getSalesDocument: {
    method: 'GET',
    path: '/admin/invoices/{invoiceId}',
    data: 'read',
    handler: 'get-document',
    summary: 'A sales document (invoice or credit note) by its number; an invoice with its balance and status (receivable)',
    request: { params: InvoiceIdParams },
    responses: { 200: { description: 'The document', schema: SalesDocumentView } },
  },
  salesDocumentPdf: {
    method: 'GET',
    path: '/admin/invoices/{invoiceId}/pdf',
    data: 'read',
    handler: 'document-pdf',
    summary: 'A sales document as a PDF, to print',
    request: { params: InvoiceIdParams },
    responses: { 200: { description: 'The PDF (send Accept: application/pdf)', contentType: 'application/pdf' } },
  },
  salesDocumentEhf: {
    method: 'GET',
    path: '/admin/invoices/{invoiceId}/ehf',
    data: 'read',
    handler: 'document-ehf',
    summary: "A sales document as EHF (PEPPOL BIS Billing 3.0 UBL, the PDF inside), for the shop's access point provider to send to a business buyer",
    request: { params: InvoiceIdParams },
    responses: {
      200: { description: 'The UBL Invoice or CreditNote (send Accept: application/xml)', contentType: 'application/xml' },
      409: { description: 'The document cannot be EHF: `errors` names what it lacks (the buyer’s organisation number)', problem: [EhfNotAddressableProblem] },
    },
  },
  orderInvoicePdf: {
    method: 'GET',
    path: '/admin/orders/{orderId}/invoice.pdf',
    data: 'read',
    handler: 'order-invoice-pdf',
    summary: 'The invoice of an order collected on credit, as a PDF, to print again',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The PDF (send Accept: application/pdf)', contentType: 'application/pdf' } },
  },
  creditInvoice: {
    method: 'POST',
    path: '/admin/invoices/{invoiceId}/credit',
    data: 'write',
    handler: 'credit-invoice',
    summary:
      'Correct an invoice: a credit note in the same series reverses it in full, or in part: chosen lines (`lines`, each whole or by `quantity`) or an amount (`amountOre`, VAT at the invoice\'s rate). An issued invoice is never changed; its credits together never exceed it. Sent again with the same `creditKey`, it answers the credit note the first one issued and takes no number',
    request: { params: InvoiceIdParams, body: CreditBody },
    responses: {
      201: { description: 'The credit note', schema: SalesDocumentView },
      409: {
        description: 'Already credited (creditedBy names the latest credit note; or the credit note a reused creditKey issued for another credit), as many credit notes as one invoice may have (limit), more than is left of the invoice or of a line (remainingOre, errors), written off (receivableStatus), not an invoice, or too many documents issued at this moment',
        problem: [AlreadyCreditedProblem, OverCreditProblem, ReceivableClosedProblem, ProblemDetails],
      },
    },
  },
  issueCollectiveInvoice: {
    method: 'POST',
    path: '/admin/customers/{customerId}/collective-invoice',
    data: 'write',
    handler: 'issue-collective-invoice',
    summary:
      'Issue a business\'s collective invoice (samlefaktura) now: everything it picked up on account up to the end of the period (`period`, a month `2026-11` or a quarter `2026-Q4` as the shop invoices; without it, the period that ended before today), each pickup listed with its ticket, date, reference and lines, in the same series; once per period, so a second click answers the first invoice. The monthly job does the same for every business',
    request: { params: CustomerIdParams, body: CollectiveInvoiceBody, bodyOptional: true },
    responses: {
      201: { description: 'Issued: the invoice (e-mailed when the account has an address for invoices, otherwise to print)', schema: CollectiveInvoiceAnswer },
      200: { description: 'Issued before for this period (`already_issued`, the same invoice), or nothing is due (`nothing_due`, no number used)', schema: CollectiveInvoiceAnswer },
      404: { description: 'No such customer' },
      409: { description: 'The business is being erased, the period was invoiced and its invoice has since been deleted after its retention (`errors` names `/period`), or too many documents are being issued at this moment', problem: [ValidationProblem] },
    },
  },
  recordPayment: {
    method: 'POST',
    path: '/admin/invoices/{invoiceId}/payments',
    data: 'write',
    handler: 'record-payment',
    summary: 'Record a payment on an invoice (bank, or cash at the counter with the register\'s receipt); recorded once under its key, a double click answers the first',
    request: { params: InvoiceIdParams, body: RecordPaymentBody },
    responses: {
      201: { description: 'Recorded: the payment and the invoice\'s balance and status', schema: PaymentRecorded },
      200: { description: 'Recorded before under the same key: the payment as it was recorded', schema: PaymentRecorded },
      409: { description: 'The invoice is credited or written off (receivableStatus), the number is a credit note, or the key was used for another payment', problem: [ReceivableClosedProblem, ProblemDetails] },
    },
  },
  writeOffInvoice: {
    method: 'POST',
    path: '/admin/invoices/{invoiceId}/write-off',
    data: 'write',
    handler: 'write-off-invoice',
    summary: 'Write an invoice off (a reason from a closed list): written_off, its balance kept for the record',
    request: { params: InvoiceIdParams, body: WriteOffBody },
    responses: {
      200: { description: 'The receivable, written off', schema: ReceivableView },
      409: { description: 'The invoice is paid or credited (receivableStatus), or the number is a credit note', problem: [ReceivableClosedProblem, ProblemDetails] },
    },
  },
  listUnmatchedPayments: {
    method: 'GET',
    path: '/admin/payments/unmatched',
    data: 'read',
    handler: 'list-unmatched-payments',
    summary: 'Payments staff must look at: bank payments no invoice takes, and overpayments; by payment date, no names',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of payments', schema: PaymentAttentionList } },
  },
  importOcrGiro: {
    method: 'POST',
    path: '/admin/payments/ocr',
    data: 'write',
    handler: 'import-ocr-giro',
    summary:
      'Import the bank\'s OCR giro file (Nets, 80-character records), sent as text/plain: payments matched by KID and recorded once; unknown KIDs, overpayments and reversals listed for staff; a transmission imported before changes nothing and answers its first report. A malformed file is refused naming its lines (/line/<n>), nothing written',
    request: { body: OcrGiroFile, bodyType: 'text/plain', maxBodyBytes: OCR_FILE_MAX_BYTES },
    responses: {
      201: { description: 'Imported: the report (counts only)', schema: OcrImportResultView },
      200: { description: 'Imported before (alreadyImported): the first import\'s report, nothing changed', schema: OcrImportResultView },
    },
  },
  listOcrImports: {
    method: 'GET',
    path: '/admin/payments/imports',
    data: 'read',
    handler: 'list-ocr-imports',
    summary: 'The OCR giro imports, newest first: transmission number, when, and counts only',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of imports', schema: OcrImportList } },
  },
  salesExport: {
    method: 'GET',
    path: '/admin/exports/sales',
    data: 'read',
    handler: 'sales-export',
    summary: 'The sales journal for a period (at most a year), as CSV for the accountant',
    request: { query: SalesExportQuery },
    responses: { 200: { description: 'Semicolon-separated, UTF-8 with BOM, totals in the last row', contentType: 'text/csv; charset=utf-8' } },
  },
  reskontro: {
    method: 'GET',
    path: '/admin/receivables',
    data: 'read',
    handler: 'reskontro',
    summary:
      'The accounts-receivable list (reskontro): per customer, every invoice with money owing and every credit in the customer\'s favour, with amount, paid, credited, outstanding and days overdue, aged not yet due, 0–30, 31–60, 61–90 and over 90 days overdue (credits in a column of their own), totals per customer and in all; `asOf` draws it up for a past day (payments by their payment date); CSV for the accountant with `format=csv` or Accept: text/csv',
    request: { query: ReskontroQuery },
    responses: {
      200: { description: 'The list; as CSV semicolon-separated, UTF-8 with BOM, a subtotal row per customer and the totals in the last row', schema: ReskontroView, alternativeContentTypes: ['text/csv; charset=utf-8'] },
    },
  },
});

/** Payment reminders (inkassoloven § 9): sent by the daily job or by staff, e-mailed or printed for the post. */
const reminders = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/reminders', tag: 'invoices' }, {
  sendPaymentReminder: {
    method: 'POST',
    path: '/admin/invoices/{invoiceId}/reminders',
    data: 'write',
    handler: 'send-reminder',
    summary: 'Send a payment reminder for an overdue invoice now: at least 14 days to pay, a fee only where inkassoforskriften § 1-2 allows (feeOmitted says why not), e-mailed to an invoice address or else put on the print list',
    request: { params: InvoiceIdParams },
    responses: {
      201: { description: 'The reminder sent', schema: PaymentReminderView },
      200: { description: 'This reminder was sent already (a second click at the same moment): the one stored', schema: PaymentReminderView },
      409: { description: 'Not yet overdue (dueDate), the last reminder\'s deadline still runs (payBy), the last reminder is a letter not yet posted (awaitingPost), or not owed (receivableStatus); nothing written', problem: ReminderRefusedProblem },
    },
  },
  listInvoiceReminders: {
    method: 'GET',
    path: '/admin/invoices/{invoiceId}/reminders',
    data: 'read',
    handler: 'list-invoice-reminders',
    summary: 'The payment reminders of an invoice, first first',
    request: { params: InvoiceIdParams },
    responses: { 200: { description: 'The reminders', schema: PaymentReminderList } },
  },
  paymentReminderPdf: {
    method: 'GET',
    path: '/admin/invoices/{invoiceId}/reminders/{sequence}/pdf',
    data: 'read',
    handler: 'reminder-pdf',
    summary: 'A payment reminder as the letter to print and post (A4, the address where a window envelope shows it)',
    request: { params: ReminderParams },
    responses: { 200: { description: 'The PDF (send Accept: application/pdf)', contentType: 'application/pdf' } },
  },
  markReminderPrinted: {
    method: 'POST',
    path: '/admin/invoices/{invoiceId}/reminders/{sequence}/printed',
    data: 'write',
    handler: 'mark-reminder-printed',
    summary: 'The printed reminder is posted: it leaves the print list',
    request: { params: ReminderParams },
    responses: { 200: { description: 'The reminder, printedAt set', schema: PaymentReminderView }, 409: { description: 'E-mailed, not printed; or marked printed already' } },
  },
  listRemindersToPrint: {
    method: 'GET',
    path: '/admin/reminders/to-print',
    data: 'read',
    handler: 'list-reminders-to-print',
    summary: 'Payment reminders for customers without an invoice e-mail address, waiting to be printed and posted, oldest first',
    request: { query: RemindersToPrintQuery },
    responses: { 200: { description: 'A page of reminders', schema: PaymentReminderList } },
  },
});

/** Public sign-in: a one-time code by SMS to a registered number, exchanged for a customer token. */
const signIn = routeGroup({ access: 'public', function: 'signIn', folder: 'functions/http/me', tag: 'sign-in' }, {
  requestSignInCode: {
    method: 'POST',
    path: '/auth/code',
    data: 'write',
    handler: 'request-code',
    usesSignInCodeKey: true,
    summary: 'Ask for a one-time code by SMS to a registered number; the answer is the same for any number',
    request: { body: CodeRequestBody },
    responses: { 202: { description: 'If the number is registered, a code is on its way (the live one again, if there is one)', schema: CodeRequestAnswer } },
  },
  exchangeSignInCode: {
    method: 'POST',
    path: '/auth/token',
    data: 'write',
    handler: 'exchange-code',
    usesCustomerTokenKey: true,
    usesSignInCodeKey: true,
    summary: 'Exchange the number and its code for a short-lived customer token',
    request: { body: TokenRequestBody },
    responses: { 200: { description: 'A bearer token for the /me routes', schema: TokenAnswer }, 401: { description: 'The code is wrong, used, expired or out of tries' } },
  },
});

/** A signed-in customer's own profile and orders. */
const me = routeGroup({ access: 'customer', function: 'customer', folder: 'functions/http/me', tag: 'me' }, {
  getMe: {
    method: 'GET',
    path: '/me',
    data: 'read',
    handler: 'get-me',
    summary: 'What is stored about me (the profile)',
    responses: { 200: { description: 'My profile', schema: CustomerView } },
  },
  updateMe: {
    method: 'PATCH',
    path: '/me',
    data: 'write',
    handler: 'update-me',
    summary: 'Correct my name; add, change or withdraw my e-mail address and the e-invoice choice; choose my language',
    request: { body: UpdateMeBody },
    conditional: true,
    responses: { 200: { description: 'Corrected', schema: CustomerView } },
  },
  getMyOrders: {
    method: 'GET',
    path: '/me/orders',
    data: 'read',
    handler: 'get-my-orders',
    summary: 'My orders, newest first',
    request: { query: CustomerOrdersQuery },
    responses: { 200: { description: 'A page of my orders', schema: OrderPage } },
  },
});

/** A signed-in customer's own privacy requests. */
const myRequests = routeGroup({ access: 'customer', function: 'customer', folder: 'functions/http/rights', tag: 'me' }, {
  openMyRequest: {
    method: 'POST',
    path: '/me/requests',
    data: 'write',
    handler: 'open-my-request',
    summary: 'Ask to see everything stored about me (access) or to have it erased (erasure)',
    request: { body: MyRequestBody },
    responses: {
      202: { description: 'Received; answered within a month', schema: RequestView },
      409: { description: 'A request of this type is open already; openRequestId names it', problem: RequestAlreadyOpenProblem },
      429: { description: 'The day\'s limit of requests is reached; Retry-After says when the next day begins', problem: [TooManyRequestsProblem, ProblemDetails] },
    },
  },
  getMyRequest: {
    method: 'GET',
    path: '/me/requests/{requestId}',
    data: 'read',
    handler: 'get-my-request',
    summary: 'Where my request stands',
    request: { params: RequestIdParams },
    responses: { 200: { description: 'The request', schema: RequestView } },
  },
  getMyExport: {
    method: 'GET',
    path: '/me/requests/{requestId}/export',
    data: 'read',
    handler: 'get-my-export',
    summary: 'Everything stored about me, as JSON with a readable summary (a completed access request)',
    request: { params: RequestIdParams },
    responses: { 200: { description: 'The export: JSON of format renseri-export/1, every field described in shared/domain/rights/EXPORT-FORMAT.md (the portability copy, GDPR art. 20), with a readable summary' }, 409: { description: 'Not completed yet; requestStatus says where the request stands', problem: RequestNotCompletedProblem } },
  },
});

/** Privacy requests as staff see and handle them. */
const requestQueue = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/rights', tag: 'requests' }, {
  openCounterRequest: {
    method: 'POST',
    path: '/admin/customers/{customerId}/requests',
    data: 'write',
    handler: 'open-counter-request',
    summary: 'Open a request for a customer whose identity staff checked in person',
    request: { params: CustomerIdParams, body: CounterRequestBody },
    responses: { 202: { description: 'Received', schema: RequestView }, 409: { description: 'A request of this type is open already; openRequestId names it', problem: RequestAlreadyOpenProblem } },
  },
  listRequests: {
    method: 'GET',
    path: '/admin/requests',
    data: 'read',
    handler: 'list-requests',
    summary: 'The request queue by status, the nearest legal deadline first',
    request: { query: RequestQueueQuery },
    responses: { 200: { description: 'A page of requests', schema: RequestQueue } },
  },
  extendRequest: {
    method: 'POST',
    path: '/admin/requests/{requestId}/extend',
    data: 'write',
    handler: 'extend-request',
    summary: 'Extend the deadline by one or two months, with a reason; the customer is told (GDPR art. 12(3))',
    request: { params: RequestIdParams, body: ExtendRequestBody },
    responses: { 200: { description: 'Extended', schema: RequestView }, 409: { description: 'Closed, extended before, or past its first month' } },
  },
});

/**
 * The shop's price list and express option, as staff keep them. Every change needs the ETag read
 * (`conditional: 'required'`): a price is never overwritten blind.
 */
const priceList = routeGroup({ access: 'staff', function: 'staff', folder: 'functions/http/price-list', tag: 'price-list' }, {
  listPriceList: {
    method: 'GET',
    path: '/admin/price-list',
    data: 'read',
    handler: 'list-price-list',
    summary: 'The whole price list, by section and name as the board shows it, with the express option (not paged: a shop has a few hundred items at most)',
    request: { query: PriceListQuery },
    responses: { 200: { description: 'The items (retired ones too, unless status says otherwise) and the express option', schema: PriceListView } },
  },
  getPriceListItem: {
    method: 'GET',
    path: '/admin/price-list/items/{itemId}',
    data: 'read',
    handler: 'get-price-list-item',
    summary: 'One price-list item, retired or not',
    request: { params: PriceListItemIdParams },
    responses: { 200: { description: 'The item', schema: PriceListItemView } },
  },
  addPriceListItem: {
    method: 'POST',
    path: '/admin/price-list/items',
    data: 'write',
    handler: 'add-price-list-item',
    summary: 'Add an item to the price list; it gets the next id (P1, P2, …), never reused',
    request: { body: AddPriceListItemBody },
    responses: {
      201: { description: 'Added', schema: PriceListItemView },
      409: { description: 'The list has handed out all the item numbers it may (retired items keep theirs)', problem: PriceListFullProblem },
    },
  },
  changePriceListItem: {
    method: 'PATCH',
    path: '/admin/price-list/items/{itemId}',
    data: 'write',
    handler: 'change-price-list-item',
    summary: 'Change the name, price, section, unit or turnaround of an item; orders already taken in keep the price they were taken in at',
    request: { params: PriceListItemIdParams, body: ChangePriceListItemBody },
    conditional: 'required',
    responses: { 200: { description: 'Changed', schema: PriceListItemView }, 409: { description: 'The item is retired', problem: PriceItemRetiredProblem } },
  },
  retirePriceListItem: {
    method: 'POST',
    path: '/admin/price-list/items/{itemId}/retire',
    data: 'write',
    handler: 'retire-price-list-item',
    summary: 'Take an item off the price list: it stays readable for the orders that name it, and intake refuses it',
    request: { params: PriceListItemIdParams },
    conditional: 'required',
    responses: { 200: { description: 'Retired', schema: PriceListItemView }, 409: { description: 'Retired already', problem: PriceItemRetiredProblem } },
  },
  getExpressOption: {
    method: 'GET',
    path: '/admin/price-list/express',
    data: 'read',
    handler: 'get-express-option',
    summary: 'The express option: its surcharge and turnaround, or not offered (version 0 until first set)',
    responses: { 200: { description: 'The express option', schema: ExpressOptionView } },
  },
  setExpressOption: {
    method: 'PUT',
    path: '/admin/price-list/express',
    data: 'write',
    handler: 'set-express-option',
    summary: 'Set the express option whole (a surcharge in percent or øre, and a turnaround), or stop offering it; If-Match "0" the first time',
    request: { body: SetExpressOptionBody },
    conditional: 'required',
    responses: { 200: { description: 'Set', schema: ExpressOptionView } },
  },
});

export const routes = {
  ...system,
  ...docs,
  ...counter,
  ...notices,
  ...invoices,
  ...reminders,
  ...signIn,
  ...me,
  ...myRequests,
  ...requestQueue,
  ...priceList,
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const routeList = Object.entries(routes).map(([id, route]) => ({ id, ...route }) as RouteDefinition & { id: string });

/** The TOKEN authorizer in front of every non-public route, in AWS and in the local twin. */
export const AUTHORIZER_ENTRY = 'functions/auth/authorizer.handler.ts';
