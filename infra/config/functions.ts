import { SCHEDULED_JOBS, STREAM_CONSUMERS } from '../../shared/events/stream-consumers';
import { AUTHORIZER_ENTRY, routeList } from '../../shared/http/routes';

/**
 * Every function's entry file, declared once from the declarations that own them (the route
 * table, the stream consumers, the scheduled jobs) plus the few that stand alone. CDK deploys
 * these, the twin runs them, and both take them from one build (infra/local/handler-bundles.ts).
 * No CDK import here: the twin reads this at start.
 */
export const RIGHTS_STEP_ENTRY = 'functions/workflow/rights-step.handler.ts';
export const EMAIL_FEEDBACK_ENTRY = 'functions/events/email-feedback.handler.ts';

/** The API's functions: the authorizer and one per route. */
export const API_FUNCTION_ENTRIES = [AUTHORIZER_ENTRY, ...routeList.map((route) => route.entry)];

export const FUNCTION_ENTRIES = [
  ...new Set([...API_FUNCTION_ENTRIES, ...STREAM_CONSUMERS.map((c) => c.entry), ...SCHEDULED_JOBS.map((j) => j.entry), RIGHTS_STEP_ENTRY, EMAIL_FEEDBACK_ENTRY]),
];
