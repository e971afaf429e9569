import { DEFAULT_DATA_PROCESSING, type ShopConfig } from '../../shared/config/shop-config';

/**
 * Per-stage settings, typed. The CDK app deploys `prod` (or whichever stage cdk.json's context
 * names); the local twin runs `local`. Everything shop-specific is here, so another renseri changes
 * this file and nothing else.
 */
export type StageConfig = {
  stage: string;
  shop: ShopConfig;
  api: {
    throttleRatePerSecond: number;
    throttleBurst: number;
    corsOrigins: string[];
    /**
     * The public sign-in routes (/auth/*): a tighter share of the stage's rate of their own, so a
     * flood of code requests cannot spend the counter's, and a per-IP limit in the web ACL.
     */
    signIn: { throttleRatePerSecond: number; throttleBurst: number; requestsPerIpPerFiveMinutes: number };
  };
  logRetentionDays: 7 | 14 | 30 | 90 | 365;
  /** Where alarms (dead letters, failed jobs) are e-mailed; none means they show in CloudWatch only. */
  alarmEmail?: string;
  /**
   * The public key (PEM) sign-in codes are sealed to for the SMS sender; its private key is in the
   * stage's SmsCodePrivateKey secret. Made by infra/tools/sms-code-keys.ts; required to deploy (the
   * twin makes its own pair).
   */
  smsCodePublicKey?: string;
};

const exampleShop: ShopConfig = {
  name: 'Eksempel Renseri AS',
  organisationNumber: '123456785',
  vatRegistered: true,
  registeredInForetaksregisteret: true,
  address: { street: 'Storgata 1', postalCode: '2815', city: 'Gjøvik' },
  phone: '61 00 00 00',
  privacyContact: { email: 'personvern@eksempel-renseri.no', phone: '+4761000000' },
  smsSenderId: 'Renseriet',
  defaultLanguage: 'nb',
  timeZone: 'Europe/Oslo',
  phoneCountries: ['NO'],
  bankAccount: '86011117947',
  invoiceDueDays: 14,
  // Businesses on account get one invoice a month for what they picked up (issue #17).
  collectiveInvoicePeriod: 'month',
  firstDocumentNumber: 10001,
  invoiceEmailFrom: 'faktura@eksempel-renseri.no',
  reminderDays: [14, 30],
  messageRetentionDays: 14,
  inactivityMonths: 36,
  // The first reminder a week after the due date, the second three weeks later (after the first's 14 days).
  // The fee is 1/20 of the inkassosats in force; check inkassoforskriften § 1-1 each January.
  paymentReminders: {
    afterDaysOverdue: [7, 28],
    payWithinDays: 14,
    fee: { ore: 3_500, inkassosatsOre: 70_000, source: 'Inkassoforskriften § 1-1 third paragraph (inkassosatsen kr 700) and § 1-2 (purring: 1/20)' },
  },
  // AWS in Stockholm, as deployed: the privacy notice names these processors and this region.
  dataProcessing: structuredClone(DEFAULT_DATA_PROCESSING),
};

export const stages: Record<string, StageConfig> = {
  local: {
    stage: 'local',
    shop: exampleShop,
    api: {
      throttleRatePerSecond: 1000,
      throttleBurst: 2000,
      corsOrigins: ['http://localhost:5173'],
      signIn: { throttleRatePerSecond: 1000, throttleBurst: 2000, requestsPerIpPerFiveMinutes: 10_000 },
    },
    logRetentionDays: 7,
  },
  prod: {
    stage: 'prod',
    shop: exampleShop,
    // A counter with a few clerks: far below this, so the limit only stops runaway clients.
    api: {
      throttleRatePerSecond: 20,
      throttleBurst: 40,
      corsOrigins: ['https://eksempel-renseri.no'],
      // A customer signs in with two calls (code, token); a few a minute at the busiest. Per IP: a
      // household or a mobile carrier's shared address asking for codes again and again stays under
      // 100 in five minutes, a script trying numbers does not. Each number is limited apart (signInRate).
      signIn: { throttleRatePerSecond: 5, throttleBurst: 10, requestsPerIpPerFiveMinutes: 100 },
    },
    logRetentionDays: 90,
    alarmEmail: 'drift@eksempel-renseri.no',
    // The example shop's: replace it with your own pair (infra/tools/sms-code-keys.ts) before deploying.
    smsCodePublicKey: [
      '-----BEGIN PUBLIC KEY-----',
      'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwEcyROq9l5JtSbOcQjtp',
      '5fuFOAQ4fpi3Gqsf/Anm941p+EIcB72IPAvGeTT6BUTTU9Mz1Ta2g6iCO8ILt+Q7',
      'MdjwNldkxRbjFfHcqtVV04orbQ03Yjc364Jm3vgpfkAGwERK/1qyrZoMgbVDt8Ve',
      'ccXJ+Pv8sP/wG3zFaWi3/Uls/jjo5K5kX+BE0sLZakw2wtGJJ+1bID6o+LoX7wD0',
      '+1sP9Iu5faU7Mx/kYSXWzu+oy8tSKHBpeqbz8LOZMidABQHpgTSnFYothNgod4WB',
      'YBkYb8QxgmNNfOxX0ENbMJibyhosQLUIw3wtdR4TAGz1ONqXs4bKcbRBaPpeL3kZ',
      'PwIDAQAB',
      '-----END PUBLIC KEY-----',
    ].join('\n'),
  },
};

export function stageConfig(name: string): StageConfig {
  const config = stages[name];
  if (!config) throw new Error(`Unknown stage '${name}'; known: ${Object.keys(stages).join(', ')}`);
  return config;
}
