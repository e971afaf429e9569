/** Metrics the code emits and CDK alarms on, named once. */
export const OVERDUE_REQUESTS_METRIC = { namespace: 'Renseri', name: 'OverdueRequests', dimensions: { Service: 'renseri' } } as const;
