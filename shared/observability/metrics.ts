/** Metrics the code emits and CDK alarms on, named once. */
export const OVERDUE_REQUESTS_METRIC = { namespace: 'Renseri', name: 'OverdueRequests', dimensions: { Service: 'renseri' } } as const;
/** Items the retention sweep could not settle in a run (each stays due and is retried next run). */
export const SWEEP_ERRORS_METRIC = { namespace: 'Renseri', name: 'RetentionSweepItemErrors', dimensions: { Service: 'renseri' } } as const;
