import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which of the API's functions the twin is running the current request in. In AWS each function
 * is its own process with its own role; in the twin they share one, so a test that checks what a
 * function does with the table (test/integration/table-partitions.test.ts) asks this.
 */
export const invokedFunction = new AsyncLocalStorage<string>();
