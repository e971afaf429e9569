import { outboxHarness } from './outbox-harness';
import { rightsHarness } from './rights-harness';
import { createTestEnvironment, type TestEnvironment } from './test-environment';
import { twinClient, type TwinCall, type TwinResult } from './twin-client';

/**
 * The preamble the API suites share, once: a table of the file's own in the run's DynamoDB Local
 * (and the environment the twin's handlers read), a staff token, the twin's API Gateway, and, when
 * asked for, the outbox on the table's stream (for the file, or a new one for each test) or the
 * data-subject workflow. Call it at the top of a test file; it registers its own hooks, which run
 * before the file's own (so the file's beforeAll sees the table) and tear everything down after.
 */
export type Call = (method: string, url: string, options?: TwinCall) => Promise<TwinResult>;
export type OutboxHarness = ReturnType<typeof outboxHarness>;
export type RightsHarness = Awaited<ReturnType<typeof rightsHarness>>;

export type ApiHarness = {
  /** The twin's API Gateway, in-process; usable from the start (it is built on the first call). */
  call: Call;
  readonly env: TestEnvironment;
  /** A staff token from the local issuer. */
  readonly staff: string;
  readonly outbox: OutboxHarness;
  /** Stops the outbox and starts another (fresh stubs, or another handler loader); torn down as the first would be. */
  renewOutbox: (outboxOptions?: Parameters<typeof outboxHarness>[1]) => OutboxHarness;
  readonly rights: RightsHarness;
};

export type HarnessOptions = {
  /** The outbox harness: one for the whole file, or a fresh one (SNS and SES stubs reset) for each test. */
  outbox?: 'file' | 'each-test';
  /** The data-subject workflow (with its own outbox over every stream consumer). */
  rights?: boolean;
};

export function apiHarness(options: HarnessOptions = {}): ApiHarness {
  const state: { env?: TestEnvironment; staff?: string; outbox?: OutboxHarness; rights?: RightsHarness } = {};
  let twin: Call | undefined;

  beforeAll(async () => {
    state.env = await createTestEnvironment();
    state.staff = await state.env.issuer.staffToken();
    if (options.outbox === 'file') state.outbox = outboxHarness(state.env);
    if (options.rights) state.rights = await rightsHarness(state.env);
  });
  if (options.outbox === 'each-test') {
    beforeEach(() => {
      state.outbox = outboxHarness(required('env'));
    });
    afterEach(() => {
      state.outbox?.stop();
      state.outbox = undefined;
    });
  }
  afterAll(async () => {
    state.outbox?.stop();
    await state.rights?.stop();
    await state.env?.dispose();
  });

  function required<K extends keyof typeof state>(name: K): NonNullable<(typeof state)[K]> {
    const value = state[name];
    if (value === undefined) {
      const hint = name === 'outbox' || name === 'rights' ? ` (ask apiHarness for ${name === 'outbox' ? "{ outbox: 'file' | 'each-test' }" : '{ rights: true }'})` : ' (it is set up in beforeAll)';
      throw new Error(`The harness has no ${name} here${hint}`);
    }
    return value as NonNullable<(typeof state)[K]>;
  }

  return {
    call: (method, url, callOptions) => (twin ??= twinClient())(method, url, callOptions),
    get env() {
      return required('env');
    },
    get staff() {
      return required('staff');
    },
    get outbox() {
      return required('outbox');
    },
    renewOutbox: (outboxOptions) => {
      state.outbox?.stop();
      state.outbox = outboxHarness(required('env'), outboxOptions);
      return state.outbox;
    },
    get rights() {
      return required('rights');
    },
  };
}
