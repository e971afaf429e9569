/** Metrics the code emits and CDK alarms on, named once. */
export const OVERDUE_REQUESTS_METRIC = { namespace: 'Renseri', name: 'OverdueRequests', dimensions: { Service: 'renseri' } } as const;
/** Items the retention sweep could not settle in a run (each stays due and is retried next run). */
export const SWEEP_ERRORS_METRIC = { namespace: 'Renseri', name: 'RetentionSweepItemErrors', dimensions: { Service: 'renseri' } } as const;
/** Collective-invoice claims the monthly job found unfinished more than a day after they were claimed (a run stopped and nothing retried it). */
export const STALE_COLLECTIVE_CLAIMS_METRIC = { namespace: 'Renseri', name: 'StaleCollectiveInvoiceClaims', dimensions: { Service: 'renseri' } } as const;
