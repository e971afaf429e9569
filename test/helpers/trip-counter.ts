import { documentClient } from '#shared/composition';
import type { TwinCall, TwinResult } from './twin-client';

type Call = (method: string, url: string, options?: TwinCall) => Promise<TwinResult>;

/**
 * Counts the DynamoDB commands a call sends, at the document client every handler shares (one
 * command is one round trip to DynamoDB Local; the bench counts the same at the wire). Call it at a
 * suite's top level: it installs its middleware for the suite and removes it after.
 */
export function tripCounter(call: Call) {
  const name = `tripCounter-${Math.random().toString(36).slice(2)}`;
  let counting = false;
  let commands: string[] = [];
  beforeAll(() => {
    documentClient().middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) commands.push(String(context.commandName).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name },
    );
  });
  afterAll(() => {
    documentClient().middlewareStack.remove(name);
  });
  /** One call, and the DynamoDB commands it sent. */
  return async function counted(method: string, url: string, options: TwinCall = {}) {
    commands = [];
    counting = true;
    try {
      const response = await call(method, url, options);
      return { response, trips: [...commands] };
    } finally {
      counting = false;
    }
  };
}
