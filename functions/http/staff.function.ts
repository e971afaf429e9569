import { routeRouter } from '#shared/http/route-router';
import { handler as registerCustomer } from './counter/register-customer.handler';
import { handler as findCustomers } from './counter/find-customer.handler';
import { handler as getCustomer } from './counter/get-customer.handler';
import { handler as updateCustomer } from './counter/update-customer.handler';
import { handler as createOrder } from './counter/create-order.handler';
import { handler as listOrders } from './counter/list-orders.handler';
import { handler as getOrder } from './counter/get-order.handler';
import { handler as findOrderByTag } from './counter/find-order-by-tag.handler';
import { handler as markOrderReady } from './counter/mark-order-ready.handler';
import { handler as recordPickup } from './counter/record-pickup.handler';
import { handler as cancelOrder } from './counter/cancel-order.handler';
import { handler as sendOrderMessage } from './notices/send-order-message.handler';
import { handler as listOrderMessages } from './notices/list-order-messages.handler';
import { handler as listMessages } from './notices/list-messages.handler';
import { handler as recordStatutoryNotice } from './notices/record-notice.handler';
import { handler as uncollectedNotice } from './notices/uncollected-notice.handler';
import { handler as getSalesDocument } from './invoices/get-document.handler';
import { handler as salesDocumentPdf } from './invoices/document-pdf.handler';
import { handler as orderInvoicePdf } from './invoices/order-invoice-pdf.handler';
import { handler as creditInvoice } from './invoices/credit-invoice.handler';
import { handler as salesExport } from './invoices/sales-export.handler';
import { handler as openCounterRequest } from './rights/open-counter-request.handler';
import { handler as listRequests } from './rights/list-requests.handler';
import { handler as extendRequest } from './rights/extend-request.handler';

/** The counter: every staff route, in one function (shared/http/api-functions.ts). */
export const handler = routeRouter('staff', { registerCustomer, findCustomers, getCustomer, updateCustomer, createOrder, listOrders, getOrder, findOrderByTag, markOrderReady, recordPickup, cancelOrder, sendOrderMessage, listOrderMessages, listMessages, recordStatutoryNotice, uncollectedNotice, getSalesDocument, salesDocumentPdf, orderInvoicePdf, creditInvoice, salesExport, openCounterRequest, listRequests, extendRequest });
