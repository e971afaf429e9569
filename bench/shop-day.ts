import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TOKEN_AUTHORIZER } from '../infra/config/token-authorizer';
import { apiFunctionOf } from '../shared/http/api-functions';
import { routeList, type RouteId } from '../shared/http/routes';

/**
 * How often a clerk or a customer meets a cold start, for a layout of routes onto Lambda
 * functions: a synthetic shop day (or a chain's) replayed against each layout, call by call.
 *
 * The model, stated so it can be argued with:
 * - The day: 08:00–18:00, orders taken in and handed out at a rate that peaks in the morning, at
 *   lunch and after work. Each order is a few calls at intake (find the customer by number,
 *   register one in three, take in the order, sometimes open the customer), one when it is ready,
 *   and a few at pickup (the ticket, the pickup, sometimes a printed invoice). Beside them, the
 *   counter's queues every quarter hour, the message and request queues, the sales journal at
 *   closing, a few customers signing in to see their data, and visits to the privacy page.
 *   Two clerks, each with an access token that is renewed every hour.
 * - Lambda: an instance serves one call at a time; a call finds a free warm instance of its
 *   function or starts a new one (a cold start); an instance idle longer than the reclaim time is
 *   gone. A cold start costs RUNTIME_INIT_MS (the Node.js runtime's own start, an assumption from
 *   AWS's published figures) plus the function's init as measured by this bench, then the call.
 * - API Gateway's TOKEN authorizer answers are cached per token for TOKEN_AUTHORIZER.cacheSeconds;
 *   a miss calls the authorizer function, which has instances and cold starts of its own.
 * - A call's own time is the route's measured p50 in-process (DynamoDB Local), or 30 ms.
 * A call is "cold" when it met a cold start of the authorizer or of its function.
 */
export const RUNTIME_INIT_MS = 150;
const OPEN = 8 * 60;
const CLOSE = 18 * 60;

/** Relative arrival intensity through the day (minutes since midnight → weight). */
const PEAKS: [from: number, to: number, weight: number][] = [
  [8 * 60, 10 * 60, 3],
  [10 * 60, 11.5 * 60, 1.5],
  [11.5 * 60, 13 * 60, 2.5],
  [13 * 60, 16 * 60, 1],
  [16 * 60, 18 * 60, 3],
];

type Call = { atMs: number; routeId: RouteId; token?: string };

/** A small deterministic generator (mulberry32), so every run replays the same day. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function peakMinute(next: () => number): number {
  const total = PEAKS.reduce((sum, [from, to, w]) => sum + (to - from) * w, 0);
  let pick = next() * total;
  for (const [from, to, w] of PEAKS) {
    const span = (to - from) * w;
    if (pick < span) return from + pick / w;
    pick -= span;
  }
  return CLOSE - 1;
}

/** One shop's day of API calls, in time order. */
export function shopDay(options: { orders: number; seed: number; shop?: number }): Call[] {
  const next = random(options.seed);
  const shop = options.shop ?? 0;
  const calls: Call[] = [];
  const clerkToken = (minute: number) => `shop${shop}-clerk${Math.floor(next() * 2)}-hour${Math.floor(minute / 60)}`;
  const session = (minute: number, routeIds: (RouteId | false)[], token: string | undefined) => {
    let at = minute * 60_000;
    for (const routeId of routeIds) {
      if (!routeId) continue;
      calls.push({ atMs: at, routeId, ...(token ? { token } : {}) });
      at += 5_000 + next() * 40_000; // a clerk's next click, 5–45 s later
    }
  };
  for (let order = 0; order < options.orders; order++) {
    const intake = peakMinute(next);
    session(intake, ['findCustomers', next() < 1 / 3 && 'registerCustomer', 'createOrder', next() < 0.3 && 'getCustomer'], clerkToken(intake));
    const ready = OPEN + next() * (CLOSE - OPEN);
    session(ready, ['markOrderReady'], clerkToken(ready));
    const pickup = peakMinute(next);
    session(pickup, [next() < 0.5 ? 'getOrder' : 'findCustomers', 'recordPickup', next() < 0.15 && 'orderInvoicePdf'], clerkToken(pickup));
  }
  for (let minute = OPEN; minute < CLOSE; minute += 15) session(minute + next() * 5, ['listOrders'], clerkToken(minute));
  for (let minute = OPEN + 30; minute < CLOSE; minute += 60) session(minute, ['listMessages'], clerkToken(minute));
  session(OPEN + 10, ['listRequests'], clerkToken(OPEN + 10));
  session(CLOSE - 5, ['salesExport'], clerkToken(CLOSE - 5));
  for (let customer = 0; customer < Math.max(2, Math.round(options.orders / 20)); customer++) {
    const minute = OPEN + next() * (CLOSE - OPEN);
    const token = `shop${shop}-customer${customer}`;
    session(minute, ['privacy'], undefined);
    session(minute + 1, ['requestSignInCode', 'exchangeSignInCode'], undefined);
    session(minute + 2, ['getMe', 'getMyOrders', next() < 1 / 3 && 'openMyRequest'], token);
  }
  for (let visit = 0; visit < 4; visit++) session(OPEN + next() * (CLOSE - OPEN), ['privacy'], undefined);
  return calls.sort((a, b) => a.atMs - b.atMs);
}

export type Layout = { name: string; functionOf: (routeId: RouteId) => string; initMs: (fn: string) => number };

type Instance = { freeAtMs: number };

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Replays the calls against a layout with idle instances reclaimed after `reclaimMinutes`. */
export function replay(calls: Call[], layout: Layout, options: { reclaimMinutes: number; authorizerInitMs: number; callMs: (routeId: RouteId) => number }) {
  const pools = new Map<string, Instance[]>();
  const reclaimMs = options.reclaimMinutes * 60_000;
  const cachedUntil = new Map<string, number>();
  /** Runs `work` ms on a warm instance of `fn` if one is free, else on a new one; returns the cold start's cost or 0. */
  const invoke = (fn: string, atMs: number, work: number, initMs: number): number => {
    const pool = (pools.get(fn) ?? []).filter((i) => i.freeAtMs > atMs - reclaimMs || i.freeAtMs > atMs);
    pools.set(fn, pool);
    const warm = pool.filter((i) => i.freeAtMs <= atMs).sort((a, b) => b.freeAtMs - a.freeAtMs)[0];
    const cold = warm ? 0 : RUNTIME_INIT_MS + initMs;
    const instance = warm ?? { freeAtMs: 0 };
    if (!warm) pool.push(instance);
    instance.freeAtMs = atMs + cold + work;
    return cold;
  };
  let coldCalls = 0;
  const latencies: number[] = [];
  for (const call of calls) {
    let latency = 0;
    let cold = false;
    if (call.token) {
      if ((cachedUntil.get(call.token) ?? 0) <= call.atMs) {
        const authCold = invoke('authorizer', call.atMs, 5, options.authorizerInitMs);
        cold ||= authCold > 0;
        latency += authCold + 5;
        cachedUntil.set(call.token, call.atMs + TOKEN_AUTHORIZER.cacheSeconds * 1000);
      }
    }
    const fn = layout.functionOf(call.routeId);
    const work = options.callMs(call.routeId);
    const fnCold = invoke(fn, call.atMs + latency, work, layout.initMs(fn));
    cold ||= fnCold > 0;
    latency += fnCold + work;
    if (cold) coldCalls++;
    latencies.push(latency);
  }
  return {
    calls: calls.length,
    coldPercent: Number(((100 * coldCalls) / calls.length).toFixed(1)),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    functions: pools.size - (pools.has('authorizer') ? 1 : 0),
  };
}

/** The layouts compared, by which function serves a route. */
export const LAYOUT_RULES: Record<string, (routeId: RouteId) => string> = {
  'one function per route (before)': (routeId) => routeId,
  'one per capability (route tag)': (routeId) => routeList.find((r) => r.id === routeId)?.tag ?? routeId,
  'one per audience: staff, customer, sign-in, public': (routeId) => {
    const route = routeList.find((r) => r.id === routeId) as (typeof routeList)[number];
    return route.access !== 'public' ? route.access : route.tag === 'sign-in' ? 'sign-in' : 'public';
  },
  'staff | sign-in | customer | docs (chosen)': (routeId) => apiFunctionOf(routeList.find((r) => r.id === routeId) as (typeof routeList)[number]),
  'one HTTP function': () => 'http',
};

/**
 * An entry file per function of every layout compared, importing its routes' handlers, so each
 * function's cold init can be measured like a deployed one. (The chosen layout's real entries are
 * the routers in functions/http/*.function.ts; these stand-ins differ only by the router's few lines.)
 */
export function layoutEntries(dir: string, root: string): { layout: string; fn: string; entry: string }[] {
  mkdirSync(dir, { recursive: true });
  const out: { layout: string; fn: string; entry: string }[] = [];
  for (const [layout, functionOf] of Object.entries(LAYOUT_RULES)) {
    const byFunction = new Map<string, string[]>();
    for (const route of routeList) (byFunction.get(functionOf(route.id as RouteId)) ?? byFunction.set(functionOf(route.id as RouteId), []).get(functionOf(route.id as RouteId)) as string[]).push(route.entry);
    for (const [fn, entries] of byFunction) {
      const file = join(dir, `${layout.replace(/[^a-z]+/gi, '-')}--${fn}.ts`);
      const imports = entries.map((entry, i) => `import { handler as h${i} } from '${relative(dir, join(root, entry)).replace(/\.ts$/, '')}';`);
      writeFileSync(file, `${imports.join('\n')}\nexport const handlers = [${entries.map((_, i) => `h${i}`).join(', ')}];\n`);
      out.push({ layout, fn, entry: relative(root, file) });
    }
  }
  return out;
}
