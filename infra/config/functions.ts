import { SCHEDULED_JOBS, STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import { API_FUNCTIONS } from '../../shared/http/api-functions';
import { AUTHORIZER_ENTRY } from '../../shared/http/routes';

/**
 * Every function's entry file, declared once from the declarations that own them (the route
 * table, the stream consumers, the scheduled jobs) plus the few that stand alone. CDK deploys
 * these, the twin runs them, and both take them from one build (infra/local/handler-bundles.ts).
 * No CDK import here: the twin reads this at start.
 */
export const RIGHTS_STEP_ENTRY = 'functions/workflow/rights-step.handler.ts';
export const EMAIL_FEEDBACK_ENTRY = 'functions/events/email-feedback.handler.ts';

/** The API's functions: the authorizer and one per audience (shared/http/api-functions.ts). */
export const API_FUNCTION_ENTRIES = [AUTHORIZER_ENTRY, ...Object.values(API_FUNCTIONS).map((fn) => fn.entry)];

export const FUNCTION_ENTRIES = [
  ...new Set([...API_FUNCTION_ENTRIES, ...STREAM_CONSUMERS.map((c) => c.entry), ...SCHEDULED_JOBS.map((j) => j.entry), RIGHTS_STEP_ENTRY, EMAIL_FEEDBACK_ENTRY]),
];

/**
 * The API's routers load each route's handler on its first request (shared/http/route-router.ts),
 * so their bundles are split there into chunks (infra/local/handler-bundles.ts); every other
 * function loads all it has at start and is one file.
 */
export const SPLIT_ENTRIES: readonly string[] = Object.values(API_FUNCTIONS).map((fn) => fn.entry);
