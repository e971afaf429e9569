import * as z from 'zod/mini';
import { RECEIVABLE_STATUSES } from '../domain/receivables/receivables';
import { ORDER_STATUSES } from '../domain/orders/orders';
import { PRICE_ITEM_ID_PATTERN, PRICE_ITEM_STATUSES } from '../domain/orders/price-list';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../domain/rights/privacy-requests';
import { customerId, orderId, schema } from './common.schema';

/**
 * RFC 9457 problem details as the OpenAPI document declares them: the standard members, and for
 * each problem that carries extension members a schema of its own naming them. Every schema is
 * strict, so a member added to an error without being declared here fails the contract test
 * (test/integration/openapi-contract.test.ts). shared/http/problem.ts builds the bodies; the
 * extension members come from the domain errors (shared/domain/kernel/errors.ts) that the route table's
 * `problem` fields point here for.
 */
const problemMembers = () => ({
  type: z.string(),
  title: z.string(),
  // RFC 9457 makes it advisory; API Gateway's default answers, which cover many codes, leave it out.
  status: z.optional(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
});

/** A problem with no extension members. */
export const ProblemDetails = schema(() => z.strictObject(problemMembers()));

/** One thing wrong with the request, located by a JSON pointer into the body, a query parameter or a header. */
const issue = () =>
  z.union([
    z.strictObject({ pointer: z.string(), detail: z.string() }),
    z.strictObject({ parameter: z.string(), detail: z.string() }),
    z.strictObject({ header: z.string(), detail: z.string() }),
  ]);

/** A 400: `errors` names each field, parameter or header at fault, when there is one to name. */
export const ValidationProblem = schema(() => z.strictObject({ ...problemMembers(), errors: z.optional(z.array(issue())) }));

/** The number is a customer's already (ConflictError from the customer repository's phone claim). */
export const PhoneTakenProblem = schema(() => z.strictObject({ ...problemMembers(), existingCustomerId: customerId() }));

/** The organisation number is another customer's (its claim): `existingCustomerId` names them, `errors` the field. */
export const OrganisationNumberTakenProblem = schema(() => z.strictObject({ ...problemMembers(), existingCustomerId: customerId(), errors: z.array(issue()) }));

/** A move the order's state machine does not allow from its status now (`illegalTransition` in shared/domain/orders/orders.ts). */
export const IllegalStatusMoveProblem = schema(() =>
  z.strictObject({
    ...problemMembers(),
    orderId: orderId(),
    currentStatus: z.enum(ORDER_STATUSES),
    /** The statuses the move is allowed from (ORDER_TRANSITIONS). */
    allowedFrom: z.array(z.enum(ORDER_STATUSES)),
  }),
);

/** A move the order's garments stop (GARMENT_GUARDS in shared/domain/orders/orders.ts): `tags` names them. */
export const GarmentsRefuseMoveProblem = schema(() =>
  z.strictObject({ ...problemMembers(), orderId: orderId(), currentStatus: z.enum(ORDER_STATUSES), tags: z.array(z.string()) }),
);

/** The order is not in a status the message or notice is for (the order repository's status conditions). */
export const OrderStatusProblem = schema(() => z.strictObject({ ...problemMembers(), orderId: orderId(), currentStatus: z.enum(ORDER_STATUSES) }));

/** The invoice was credited before; `creditedBy` is the credit note's number; `limit`, when it has as many credit notes as one invoice may (MAX_CREDIT_NOTES_PER_INVOICE). */
export const AlreadyCreditedProblem = schema(() => z.strictObject({ ...problemMembers(), creditedBy: z.int(), limit: z.optional(z.int()) }));

/** A credit larger than what is left of the invoice: `remainingOre` is what may still be credited, `errors` points at the part of the request at fault. */
export const OverCreditProblem = schema(() => z.strictObject({ ...problemMembers(), remainingOre: z.int(), errors: z.array(issue()) }));

/** A payment or write-off on an invoice that expects no money (credited, written off) or, for a write-off, is paid: `receivableStatus` says which. */
export const ReceivableClosedProblem = schema(() => z.strictObject({ ...problemMembers(), receivableStatus: z.enum(RECEIVABLE_STATUSES) }));

/** The export is fetched before its access request is completed; `requestStatus` says where the request stands. */
export const RequestNotCompletedProblem = schema(() =>
  z.strictObject({ ...problemMembers(), requestStatus: z.enum(REQUEST_STATUSES) }),
);

/** A request of this type is open for the customer already (one per type): `openRequestId` names it. */
export const RequestAlreadyOpenProblem = schema(() => z.strictObject({ ...problemMembers(), openRequestId: z.uuid(), requestType: z.enum(REQUEST_TYPES) }));

/** The day's limit of requests is reached: Retry-After says when the next day begins, `maxPerDay` the limit. */
export const TooManyRequestsProblem = schema(() => z.strictObject({ ...problemMembers(), maxPerDay: z.int() }));

/** A tag at intake is on a garment in the shop already (`tagInUse` in shared/domain/orders/garments.ts); `errors` points at the garment. */
export const TagInUseProblem = schema(() => z.strictObject({ ...problemMembers(), tag: z.string(), errors: z.array(issue()) }));
/** A document cannot be made into EHF (`ehfMissing` in shared/documents/ehf.ts): `errors` points at what the stored document lacks. */
export const EhfNotAddressableProblem = schema(() => z.strictObject({ ...problemMembers(), documentNumber: z.int(), errors: z.array(issue()) }));
/** A retired price-list item is history: it cannot be changed or retired again (`assertActive` in shared/domain/orders/price-list.ts). */
export const PriceItemRetiredProblem = schema(() =>
  z.strictObject({ ...problemMembers(), itemId: z.string().check(z.regex(PRICE_ITEM_ID_PATTERN)), itemStatus: z.enum(PRICE_ITEM_STATUSES) }),
);

/** The price list has handed out every item number it may (PRICE_LIST_LIMITS.maxItems, retired items included). */
export const PriceListFullProblem = schema(() => z.strictObject({ ...problemMembers(), maxItems: z.int() }));

/**
 * No payment reminder now (reminderRefusal in shared/domain/receivables/payment-reminders.ts): the
 * invoice is not yet overdue (`dueDate`), its last reminder's deadline still runs (`payBy`), its
 * last reminder is a letter not yet posted (`awaitingPost`, its sequence), or it is not owed
 * (`receivableStatus`: paid, credited, written off).
 */
export const ReminderRefusedProblem = schema(() =>
  z.strictObject({ ...problemMembers(), dueDate: z.optional(z.iso.date()), payBy: z.optional(z.iso.date()), awaitingPost: z.optional(z.int()), receivableStatus: z.optional(z.enum(RECEIVABLE_STATUSES)) }),
);

/** Every problem schema, by the name the OpenAPI document gives it under components.schemas. */
export const PROBLEM_SCHEMAS = {
  ProblemDetails,
  ValidationProblem,
  PhoneTakenProblem,
  OrganisationNumberTakenProblem,
  IllegalStatusMoveProblem,
  GarmentsRefuseMoveProblem,
  OrderStatusProblem,
  AlreadyCreditedProblem,
  EhfNotAddressableProblem,
  OverCreditProblem,
  ReceivableClosedProblem,
  RequestNotCompletedProblem,
  RequestAlreadyOpenProblem,
  TooManyRequestsProblem,
  TagInUseProblem,
  PriceItemRetiredProblem,
  PriceListFullProblem,
  ReminderRefusedProblem,
};
