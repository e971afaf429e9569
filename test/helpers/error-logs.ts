/**
 * Fault-injection tests make the code log errors on purpose. Those lines are what an operator
 * would see, so a test captures them and says which it expects, instead of letting them print
 * among the results, where they look like failures. Other output passes through unchanged.
 */
export type LogEntry = { level?: string; message?: string; errorName?: string; purpose?: string; route?: string } & Record<string, unknown>;

export function captureErrorLogs(): { take: () => LogEntry[] } {
  const captured: LogEntry[] = [];
  const restores: (() => void)[] = [];
  beforeAll(() => {
    // Powertools writes ERROR lines to stderr and the rest to stdout.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const entry = parseLogLine(String(chunk));
        if (entry?.level === 'ERROR') {
          captured.push(entry);
          return true;
        }
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restores.push(() => (stream.write = original as typeof stream.write));
    }
  });
  afterAll(() => restores.forEach((undo) => undo()));
  afterEach(() => {
    // An error nobody asked for is still shown, so an unexpected failure is never swallowed.
    for (const entry of captured.splice(0)) process.stderr.write(`unexpected error log: ${JSON.stringify(entry)}\n`);
  });
  return { take: () => captured.splice(0) };
}

function parseLogLine(text: string): LogEntry | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as LogEntry;
  } catch {
    return undefined;
  }
}
