import { readFileSync } from 'node:fs';

/**
 * The twin lives exactly as long as whoever started it. Ctrl-C, SIGTERM and SIGHUP stop it in
 * order; a parent killed with SIGKILL sends no signal at all, so the twin also watches the chain
 * of processes that started it (npm, the shell or test runner behind npm, and so on) and stops
 * when any of them is gone. DynamoDB Local hangs on this process by a pipe (dynamodb-local.ts),
 * so it goes too, whichever way this process ends.
 */
const WATCH_INTERVAL_MS = 500;

type ProcessId = { pid: number; started: string };

/** A process's parent and start time from /proc (Linux); the start time tells a reused pid apart. */
export function procStat(pid: number): { ppid: number; started: string; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; the rest follows its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), started: fields[19] as string, state: fields[0] as string };
  } catch {
    return undefined;
  }
}

/** Every ancestor of this process below init (pid 1), nearest first. */
export function ancestors(): ProcessId[] {
  const chain: ProcessId[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 64) {
    const stat = procStat(pid);
    if (!stat) break;
    chain.push({ pid, started: stat.started });
    pid = stat.ppid;
  }
  return chain;
}

/** Still there: the same process (its start time), and not a zombie its own parent has yet to reap. */
function alive(ancestor: ProcessId): boolean {
  const stat = procStat(ancestor.pid);
  return stat?.started === ancestor.started && stat.state !== 'Z';
}

/** Calls `stop` once, on a stop signal or when a process that started this one has gone. */
export function stopWithOwner(stop: (reason: string) => Promise<void> | void): void {
  let stopping = false;
  const once = (reason: string) => {
    if (stopping) return;
    stopping = true;
    void Promise.resolve(stop(reason)).finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => once(signal));

  const chain = ancestors();
  const firstParent = process.ppid;
  const timer = setInterval(() => {
    // Without /proc (macOS), being handed to another parent is the sign the parent is gone.
    const orphaned = chain.length ? chain.some((ancestor) => !alive(ancestor)) : process.ppid !== firstParent;
    if (orphaned) once('the process that started the twin has ended');
  }, WATCH_INTERVAL_MS);
  timer.unref();
}
