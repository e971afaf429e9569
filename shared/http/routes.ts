import * as z from 'zod/mini';
import {
  CustomerIdParams,
  CustomerOrdersQuery,
  CustomerView,
  CustomerWithOrdersView,
  FindCustomerQuery,
  RegisterCustomerBody,
  UpdateCustomerBody,
} from '../schemas/customers.schema';
import { CreateOrderBody, ListOrdersQuery, OrderIdParams, OrderPage, OrderView, PickupBody } from '../schemas/orders.schema';
import { MessageList, MessagesQuery, MessageView, StaffMessageBody, StatutoryNoticeBody } from '../schemas/messages.schema';
import { defineRoute, type RouteDefinition } from './route-definition';

/**
 * The route table, declared once. infra/constructs/api.ts builds API Gateway resources and one
 * Lambda per route from it; infra/local/ serves the same routes by invoking the same handlers;
 * shared/http/openapi.ts documents it. Handlers take their schemas from here, so the schema that
 * validates a request is the one the OpenAPI document shows.
 */
const counter = 'functions/http/counter';
const notices = 'functions/http/notices';

export const routes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    access: 'public',
    data: 'none',
    entry: 'functions/http/system/health.handler.ts',
    summary: 'Liveness check',
    tag: 'system',
    responses: { 200: { description: 'Up', schema: z.strictObject({ status: z.literal('ok') }) } },
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    data: 'none',
    entry: 'functions/http/system/openapi.handler.ts',
    summary: 'This API, as an OpenAPI 3.1 document generated from the request and response schemas',
    tag: 'system',
    responses: { 200: { description: 'The OpenAPI document' } },
  }),

  registerCustomer: defineRoute({
    method: 'POST',
    path: '/admin/customers',
    access: 'staff',
    data: 'write',
    entry: `${counter}/register-customer.handler.ts`,
    summary: 'Register a customer (phone unique; e-mail only with a purpose)',
    tag: 'customers',
    request: { body: RegisterCustomerBody },
    responses: {
      201: { description: 'Registered', schema: CustomerView },
      409: { description: 'The phone number is registered already; existingCustomerId names the customer' },
    },
  }),
  findCustomerByPhone: defineRoute({
    method: 'GET',
    path: '/admin/customers',
    access: 'staff',
    data: 'read',
    entry: `${counter}/find-customer.handler.ts`,
    summary: 'Find a customer by mobile number',
    tag: 'customers',
    request: { query: FindCustomerQuery },
    responses: { 200: { description: 'The customer', schema: CustomerView }, 404: { description: 'No customer has this number' } },
  }),
  getCustomer: defineRoute({
    method: 'GET',
    path: '/admin/customers/{customerId}',
    access: 'staff',
    data: 'read',
    entry: `${counter}/get-customer.handler.ts`,
    summary: 'A customer with their orders, newest first',
    tag: 'customers',
    request: { params: CustomerIdParams, query: CustomerOrdersQuery },
    responses: { 200: { description: 'The customer and a page of orders', schema: CustomerWithOrdersView } },
  }),
  updateCustomer: defineRoute({
    method: 'PATCH',
    path: '/admin/customers/{customerId}',
    access: 'staff',
    data: 'write',
    entry: `${counter}/update-customer.handler.ts`,
    summary: 'Correct a customer (name, phone, e-mail and its purposes, language)',
    tag: 'customers',
    request: { params: CustomerIdParams, body: UpdateCustomerBody },
    conditional: true,
    responses: { 200: { description: 'Updated', schema: CustomerView } },
  }),

  createOrder: defineRoute({
    method: 'POST',
    path: '/admin/orders',
    access: 'staff',
    data: 'write',
    entry: `${counter}/create-order.handler.ts`,
    summary: 'Take in an order; the answer carries its ticket number',
    tag: 'orders',
    request: { body: CreateOrderBody },
    responses: { 201: { description: 'Taken in', schema: OrderView } },
  }),
  listOrders: defineRoute({
    method: 'GET',
    path: '/admin/orders',
    access: 'staff',
    data: 'read',
    entry: `${counter}/list-orders.handler.ts`,
    summary: 'Orders in a status, oldest status change first, paginated with an opaque cursor',
    tag: 'orders',
    request: { query: ListOrdersQuery },
    responses: { 200: { description: 'A page of orders', schema: OrderPage } },
  }),
  getOrder: defineRoute({
    method: 'GET',
    path: '/admin/orders/{orderId}',
    access: 'staff',
    data: 'read',
    entry: `${counter}/get-order.handler.ts`,
    summary: 'An order by ticket number',
    tag: 'orders',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The order', schema: OrderView } },
  }),
  markOrderReady: defineRoute({
    method: 'POST',
    path: '/admin/orders/{orderId}/ready',
    access: 'staff',
    data: 'write',
    entry: `${counter}/mark-order-ready.handler.ts`,
    summary: 'The garments are ready for pickup; the customer gets one SMS',
    tag: 'orders',
    request: { params: OrderIdParams },
    conditional: true,
    responses: { 200: { description: 'Now ready', schema: OrderView }, 409: { description: 'Not in a status that can become ready' } },
  }),
  recordPickup: defineRoute({
    method: 'POST',
    path: '/admin/orders/{orderId}/pickup',
    access: 'staff',
    data: 'write',
    entry: `${counter}/record-pickup.handler.ts`,
    summary: 'The customer collected the garments; record how the sale is paid',
    tag: 'orders',
    request: { params: OrderIdParams, body: PickupBody },
    conditional: true,
    responses: { 200: { description: 'Picked up', schema: OrderView }, 409: { description: 'Not ready' } },
  }),
  cancelOrder: defineRoute({
    method: 'POST',
    path: '/admin/orders/{orderId}/cancel',
    access: 'staff',
    data: 'write',
    entry: `${counter}/cancel-order.handler.ts`,
    summary: 'Cancel an order that has not been picked up',
    tag: 'orders',
    request: { params: OrderIdParams },
    conditional: true,
    responses: { 200: { description: 'Cancelled', schema: OrderView }, 409: { description: 'Already picked up or cancelled' } },
  }),

  sendOrderMessage: defineRoute({
    method: 'POST',
    path: '/admin/orders/{orderId}/messages',
    access: 'staff',
    data: 'write',
    entry: `${notices}/send-order-message.handler.ts`,
    summary: 'Tell the customer about a delay, or ask them to call (templated SMS; one per order and occasion)',
    tag: 'messages',
    request: { params: OrderIdParams, body: StaffMessageBody },
    responses: {
      202: { description: 'Queued for sending', schema: MessageView },
      200: { description: 'The same message was queued before; nothing new is sent', schema: MessageView },
      409: { description: 'The order is not in a status this message is for' },
    },
  }),
  listOrderMessages: defineRoute({
    method: 'GET',
    path: '/admin/orders/{orderId}/messages',
    access: 'staff',
    data: 'read',
    entry: `${notices}/list-order-messages.handler.ts`,
    summary: 'Delivery records of the messages about an order (no texts are kept)',
    tag: 'messages',
    request: { params: OrderIdParams },
    responses: { 200: { description: 'The messages', schema: MessageList } },
  }),
  listMessages: defineRoute({
    method: 'GET',
    path: '/admin/messages',
    access: 'staff',
    data: 'read',
    entry: `${notices}/list-messages.handler.ts`,
    summary: 'Messages that need attention: failed, still pending, or sending with the outcome unknown',
    tag: 'messages',
    request: { query: MessagesQuery },
    responses: { 200: { description: 'A page of messages', schema: MessageList } },
  }),
  recordStatutoryNotice: defineRoute({
    method: 'POST',
    path: '/admin/orders/{orderId}/notices',
    access: 'staff',
    data: 'write',
    entry: `${notices}/record-notice.handler.ts`,
    summary: 'Record the statutory request to collect (registered letter or in-shop notice) for an uncollected order',
    tag: 'orders',
    request: { params: OrderIdParams, body: StatutoryNoticeBody },
    responses: {
      201: { description: 'Recorded on the order', schema: OrderView },
      409: { description: 'The order is not ready, or not yet three months past ready' },
    },
  }),
  uncollectedNotice: defineRoute({
    method: 'GET',
    path: '/admin/notices/uncollected',
    access: 'staff',
    data: 'read',
    entry: `${notices}/uncollected-notice.handler.ts`,
    summary: 'The printable in-shop notice of garments not collected: ticket numbers and dates, never names',
    tag: 'orders',
    responses: { 200: { description: 'An HTML page to print', contentType: 'text/html; charset=utf-8' } },
  }),
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const routeList = Object.entries(routes).map(([id, route]) => ({ id, ...route }) as RouteDefinition & { id: string });

/** The TOKEN authorizer in front of every non-public route, in AWS and in the local twin. */
export const AUTHORIZER_ENTRY = 'functions/auth/authorizer.handler.ts';
