import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPOSITORY_ROOT } from '../infra/config/bundling';
import { BUILD_CACHE_ROOT } from '../infra/local/build-cache';

/**
 * How long `npm start` takes until /health answers, as a newcomer meets it: the first start of a
 * fresh clone (no bundles, no synthesized workflow, no compiled DynamoDB Local launcher: an empty
 * RENSERI_BUILD_CACHE) and the start after it (everything reused). Each start is a whole
 * `npm start` process group, stopped with SIGTERM before the next.
 */
const START_LIMIT_MS = 180_000;

async function timeStart(cacheDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--port', '0'], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, RENSERI_BUILD_CACHE: cacheDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start did not listen within ${START_LIMIT_MS / 1000} s: ${output}`)), START_LIMIT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          done(match[1] as string);
        }
      });
      void exited.then(() => fail(new Error(`npm start exited: ${output}`)));
    });
    const health = await fetch(`${url}/health`);
    if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
  }
}

export async function measureTwinStart(rounds: number, options: { freshToo: boolean }) {
  const fresh: number[] = [];
  const cached: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (!options.freshToo) {
      // Short mode: one start against the project's own cache (the tests started the twin before).
      cached.push(await timeStart(BUILD_CACHE_ROOT));
      continue;
    }
    const cacheDir = mkdtempSync(join(tmpdir(), 'renseri-start-'));
    try {
      fresh.push(await timeStart(cacheDir));
      cached.push(await timeStart(cacheDir));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const summary = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { rounds: ms.length, minS: Number(((sorted[0] ?? 0) / 1000).toFixed(1)), medianS: Number(((sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000).toFixed(1)), maxS: Number(((sorted.at(-1) ?? 0) / 1000).toFixed(1)) };
  };
  return { ...(fresh.length ? { fresh: { ...summary(fresh), targetS: 20 } } : {}), cached: { ...summary(cached), targetS: 5 } };
}
