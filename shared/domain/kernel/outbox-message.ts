import type { Language } from '../customers/customers';
import type { ExtensionReason, WaitingReason } from '../rights/privacy-requests';

/**
 * Messages to customers. Every message has a purpose from this closed list and a text from a
 * template; there is no free-form text and no bulk send, so there is no way to use the customer's
 * number for marketing (markedsføringsloven §15 would require prior consent for that). These are
 * transactional service messages about the customer's own garments, invoices and requests.
 */
export const MESSAGE_PURPOSES = [
  'pickup_ready',
  'part_ready',
  'delay',
  'question',
  'uncollected_reminder',
  'verification_code',
  'invoice_sent',
  'request_completed',
  'request_extended',
  'request_completed_email',
  'erasure_waiting',
  'erasure_held',
  'erasure_waiting_email',
  'payment_reminder',
] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** How each purpose reaches the customer: SMS to the number on file, or e-mail to the address kept for it. */
export const CHANNEL_OF = {
  pickup_ready: 'sms',
  part_ready: 'sms',
  delay: 'sms',
  question: 'sms',
  uncollected_reminder: 'sms',
  verification_code: 'sms',
  invoice_sent: 'email',
  request_completed: 'sms',
  request_extended: 'sms',
  request_completed_email: 'email',
  erasure_waiting: 'sms',
  erasure_held: 'sms',
  erasure_waiting_email: 'email',
  // Only to an address kept for invoices; a customer without one gets the reminder printed for the post.
  payment_reminder: 'email',
} as const satisfies Record<MessagePurpose, 'sms' | 'email'>;
export type SmsPurpose = { [P in MessagePurpose]: (typeof CHANNEL_OF)[P] extends 'sms' ? P : never }[MessagePurpose];
export const SMS_PURPOSES = MESSAGE_PURPOSES.filter((p): p is SmsPurpose => CHANNEL_OF[p] === 'sms');

/** The purposes staff may send about an order by hand; the others are sent by the system. */
export const STAFF_MESSAGE_PURPOSES = ['delay', 'question'] as const satisfies readonly MessagePurpose[];
export type StaffMessagePurpose = (typeof STAFF_MESSAGE_PURPOSES)[number];

/**
 * pending: waiting to be sent · sending: claimed by a sender, outcome not yet recorded ·
 * sent: the SMS provider accepted it · failed: given up, with a reason staff can read.
 */
export const MESSAGE_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * Values the templates fill in. None is personal data: the recipient is looked up at send time.
 * A sign-in code is stored only as `sealedCode`, encrypted to the SMS sender's key (the table's
 * stream carries every message item); the sender opens it into `code` just before rendering.
 */
export type MessageParams = {
  ticket?: string;
  date?: string;
  code?: string;
  sealedCode?: string;
  minutes?: number;
  documentNumber?: number;
  /** Which reminder of the invoice (payment_reminder): with documentNumber, the stored reminder rendered. */
  reminder?: number;
  requestType?: 'access' | 'erasure';
  /** Why a privacy request's deadline was extended (EXTENSION_REASONS), said in the customer's language. */
  reason?: ExtensionReason;
  /**
   * What an erasure waits for (erasure_waiting): garments in the shop, or a business's pickups on
   * account not invoiced yet, each told in its own words (art. 12(4)). Absent on older messages: garments.
   */
  waitingFor?: WaitingReason;
  /**
   * The language to write in when there is no customer to look it up from at send time: an
   * erasure's confirmation is sent after the profile is deleted, so it is taken while erasing.
   */
  language?: Language;
};

export type Message = {
  /** Unique per customer; doubles as the idempotency key (one message per order, purpose and occasion). */
  messageKey: string;
  customerId: string;
  orderId?: string;
  purpose: MessagePurpose;
  params: MessageParams;
  /** Staff's own reason for a delay or question; never sent, expires with the message. */
  note?: string;
  /**
   * Only for the confirmation of an erasure: the number to send it to, since the customer's own
   * record is gone by then. Removed as soon as the message is sent or given up.
   */
  recipient?: string;
  state: MessageState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  providerMessageId?: string;
  failureReason?: string;
  /** When the delivery record expires (TTL). */
  expiresAt: number;
};

export const MAX_SEND_ATTEMPTS = 5;

/** One message per order, purpose and occasion: pressing a button twice cannot send two. */
export function messageKey(purpose: MessagePurpose, orderId: string | undefined, occasion: string): string {
  return `${orderId ?? 'none'}#${purpose}#${occasion}`;
}

export function newMessage(input: {
  customerId: string;
  orderId?: string;
  purpose: MessagePurpose;
  occasion: string;
  params: MessageParams;
  note?: string;
  recipient?: string;
  now: Date;
  retentionDays: number;
}): Message {
  const at = input.now.toISOString();
  return {
    messageKey: messageKey(input.purpose, input.orderId, input.occasion),
    customerId: input.customerId,
    ...(input.orderId ? { orderId: input.orderId } : {}),
    purpose: input.purpose,
    params: input.params,
    ...(input.note ? { note: input.note } : {}),
    ...(input.recipient ? { recipient: input.recipient } : {}),
    state: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    expiresAt: Math.floor(input.now.getTime() / 1000) + input.retentionDays * 86_400,
  };
}

export type { Language };
