import type { CounterDeps } from './domain/kernel/deps';
import type { PriceListDeps } from './domain/orders/price-list-use-cases';
import { DynamoPriceListRepository } from './adapters/dynamodb/price-list-repository';
import type { EmailDeliveryDeps, NoticeDeps, SmsDeliveryDeps } from './domain/notices/notice-use-cases';
import type { SignInDeps } from './domain/rights/sign-in';
import type { RightsDeps } from './domain/rights/rights-use-cases';
import type { SweepDeps } from './domain/retention/retention-sweep';
import { DynamoRetentionRepository } from './adapters/dynamodb/retention-repository';
import { DynamoCustomerDataRepository } from './adapters/dynamodb/customer-data-repository';
import { DynamoPrivacyRequestRepository } from './adapters/dynamodb/privacy-request-repository';
import { DynamoSignInRepository } from './adapters/dynamodb/sign-in-repository';
import { DynamoMessageRepository } from './adapters/dynamodb/message-repository';
import { OutboxEmailGateway } from './adapters/local/outbox-email-gateway';
import { OutboxSmsGateway } from './adapters/local/outbox-sms-gateway';
import { SesEmailGateway } from './adapters/ses/ses-email-gateway';
import { SfnRightsWorkflow } from './adapters/sfn/sfn-rights-workflow';
import type { RightsWorkflowStarter } from './ports/rights-workflow';
import { SnsSmsGateway } from './adapters/sns/sns-sms-gateway';
import { createDocumentClient } from './adapters/dynamodb/document-client';
import { readSecretString } from './adapters/secrets/secrets-manager';
import { DynamoCustomerRepository } from './adapters/dynamodb/customer-repository';
import { DynamoOrderRepository } from './adapters/dynamodb/order-repository';
import { DynamoSalesDocumentRepository } from './adapters/dynamodb/sales-document-repository';
import { DynamoReceivableRepository } from './adapters/dynamodb/receivable-repository';
import type { ReceivableDeps } from './domain/receivables/receivable-use-cases';
import { DynamoPaymentReminderRepository } from './adapters/dynamodb/payment-reminder-repository';
import type { ReminderDeps } from './domain/receivables/reminder-use-cases';
import type { ReskontroDeps } from './domain/receivables/reskontro-use-cases';
import { DynamoReskontroReader } from './adapters/dynamodb/reskontro-reader';
import { codeOpener, codeSealer } from './adapters/crypto/sealed-code';
import { emailConfig, readAuthConfig, readSignInCodeConfig, readSmsCodeKey, rightsWorkflowConfig, shopConfig, signInAnswerFloorMs, smsConfig, tableConfig, type AuthConfig } from './config/runtime-config';

/**
 * Wires the real adapters once per cold start (lazily, so a function that never touches the
 * table never builds a client). Tests and the local twin reach the same wiring through the
 * environment, pointed at DynamoDB Local.
 */
let sharedDocumentClient: ReturnType<typeof createDocumentClient> | undefined;
/** One DynamoDB client per process, whichever capabilities a function wires. */
export const documentClient = () => (sharedDocumentClient ??= createDocumentClient(tableConfig()));

let counterDeps: CounterDeps | undefined;
let noticeDeps: NoticeDeps | undefined;

export function counter(): CounterDeps {
  if (!counterDeps) {
    const table = tableConfig();
    const doc = documentClient();
    counterDeps = {
      customers: new DynamoCustomerRepository(doc, table.tableName),
      orders: new DynamoOrderRepository(doc, table.tableName),
      documents: new DynamoSalesDocumentRepository(doc, table.tableName),
      clock: () => new Date(),
      shop: shopConfig(),
    };
  }
  return counterDeps;
}

let receivableDeps: ReceivableDeps | undefined;

let reskontroDeps: ReskontroDeps | undefined;
/** The receivables plus the reskontro's reads (the outstanding indexes, the customers' names, the invoices' reminders). */
export function reskontro(): ReskontroDeps {
  return (reskontroDeps ??= { ...receivables(), reskontro: new DynamoReskontroReader(documentClient(), tableConfig().tableName), paymentReminders: new DynamoPaymentReminderRepository(documentClient(), tableConfig().tableName) });
}

/** The counter plus the receivables: balances, payments and write-offs. */
export function receivables(): ReceivableDeps {
  return (receivableDeps ??= { ...counter(), receivables: new DynamoReceivableRepository(documentClient(), tableConfig().tableName) });
}

let reminderDeps: ReminderDeps | undefined;

/** The receivables plus their payment reminders (the staff routes and the daily job), writing e-mailed ones to the outbox. */
export function reminders(): ReminderDeps {
  return (reminderDeps ??= { ...receivables(), paymentReminders: new DynamoPaymentReminderRepository(documentClient(), tableConfig().tableName) });
}

let priceListDeps: PriceListDeps | undefined;

/** The shop's price list and express option (intake reads the same items through its own batch). */
export function priceList(): PriceListDeps {
  return (priceListDeps ??= { priceList: new DynamoPriceListRepository(documentClient(), tableConfig().tableName), clock: () => new Date() });
}

/** The counter plus the outbox, which notices are written to. */
export function notices(): NoticeDeps {
  if (!noticeDeps) {
    const table = tableConfig();
    noticeDeps = { ...counter(), messages: new DynamoMessageRepository(documentClient(), table.tableName) };
  }
  return noticeDeps;
}

let smsDeliveryDeps: SmsDeliveryDeps | undefined;
let emailDeliveryDeps: EmailDeliveryDeps | undefined;

/**
 * The outbox plus its SMS gateway: SNS in AWS, the local outbox in the twin. Only the SMS sender
 * calls this, so only its bundle carries the SNS client, and only it holds the key that opens
 * sealed sign-in codes (read on the first code it sends).
 */
export function smsDelivery(): SmsDeliveryDeps {
  if (!smsDeliveryDeps) {
    const sms = smsConfig();
    smsDeliveryDeps = {
      ...notices(),
      sms: sms.transport === 'local-outbox' ? new OutboxSmsGateway(sms.outboxFile) : new SnsSmsGateway(),
      openCode: codeOpener(readSmsCodeKey(readSecretString)),
    };
  }
  return smsDeliveryDeps;
}

/** The outbox plus its e-mail gateway (SES, or the local outbox): only the e-mail sender carries SES and the PDF renderer. */
export function emailDelivery(): EmailDeliveryDeps {
  if (!emailDeliveryDeps) {
    const mail = emailConfig();
    emailDeliveryDeps = { ...notices(), paymentReminders: new DynamoPaymentReminderRepository(documentClient(), tableConfig().tableName), email: mail.transport === 'local-outbox' ? new OutboxEmailGateway(mail.outboxFile) : new SesEmailGateway(mail.configurationSet) };
  }
  return emailDeliveryDeps;
}

let signInAuth: AuthConfig | undefined;

/**
 * The sign-in routes need their secrets on every cold start in AWS (the code key on both routes,
 * the customer key to sign a token), so Secrets Manager is imported here by name and bundled as
 * its one command, which starts ~0.04x of the baseline faster than the whole package a dynamic
 * import() brings. (The authorizer, which needs the key only for a customer's token, loads it on
 * first use instead.)
 */
export function signInAuthConfig(): AuthConfig {
  return (signInAuth ??= readAuthConfig(readSecretString));
}

let signInDeps: SignInDeps | undefined;

/**
 * The counter plus sign-in codes, hashed with a secret of their own (not the customer-token key)
 * and sealed to the SMS sender's public key.
 */
export function signIn(): SignInDeps {
  if (!signInDeps) {
    const table = tableConfig();
    const codes = readSignInCodeConfig(readSecretString);
    signInDeps = {
      ...counter(),
      signIn: new DynamoSignInRepository(documentClient(), table.tableName),
      codeKey: codes.key,
      sealCode: codeSealer(codes.sealingKey),
      answerFloor: { ms: signInAnswerFloorMs(), wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    };
  }
  return signInDeps;
}

let rightsDeps: RightsDeps | undefined;

/** The counter plus privacy requests and the whole-customer reader and eraser. */
export function rights(): RightsDeps {
  if (!rightsDeps) {
    const table = tableConfig();
    const doc = documentClient();
    rightsDeps = { ...counter(), requests: new DynamoPrivacyRequestRepository(doc, table.tableName), customerData: new DynamoCustomerDataRepository(doc, table.tableName) };
  }
  return rightsDeps;
}

let sweepDeps: SweepDeps | undefined;

/** What the retention sweep needs: the eraser (shared with erasure requests) and the due-date index. */
export function retention(): SweepDeps {
  if (!sweepDeps) {
    const table = tableConfig();
    sweepDeps = { ...rights(), retention: new DynamoRetentionRepository(documentClient(), table.tableName) };
  }
  return sweepDeps;
}

let workflowStarter: RightsWorkflowStarter | undefined;

/** Step Functions for the request starter only, so no other bundle carries its client. */
export function rightsWorkflowStarter(): RightsWorkflowStarter {
  return (workflowStarter ??= new SfnRightsWorkflow(rightsWorkflowConfig()));
}
