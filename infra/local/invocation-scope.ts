import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which function the twin is running the current call in: an API function (by its id in
 * API_FUNCTIONS), a stream consumer or scheduled job (by its id), or the rights workflow's steps
 * (RIGHTS_STEP_FUNCTION_ID). In AWS each function is its own process with its own role; in the
 * twin they share one, so a test that checks what a function does with the table
 * (test/integration/table-partitions.test.ts) asks this.
 */
export const invokedFunction = new AsyncLocalStorage<string>();
