import { build, buildSync, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLING, REPOSITORY_ROOT } from '../config/bundling';
import { SPLIT_ENTRIES } from '../config/functions';
import { BUILD_CACHE_ROOT, hashFiles, readJson, writeFileAtomically } from './build-cache';
import { procStat } from './lifetime';

/**
 * Builds every function, one bundle per function, with the bundling options declared once in
 * infra/config/bundling.ts, into `<outdir>/<build>/<function>/`. The twin loads a bundle
 * on first use (each has its own module state, as separate Lambdas do); CDK deploys each
 * function's folder as its code, so what runs on a laptop is byte for byte what runs in Lambda.
 *
 * Most functions are one CommonJS file, `index.js`, all from one esbuild run. The API's routers
 * load each route's handler by import() on its first request: each is an ES module `index.mjs`
 * split there into `chunks/` beside it, in an esbuild run of its own. A run splits the code its
 * entries share, and tree-shakes for all of them at once: split with every other function, the
 * SMS sender's start carried the SES client, and a staff route's chunk the code of routes it
 * never calls.
 * A build is reused while its options, its entries and every file esbuild read for it are
 * unchanged (build-cache.ts): the first start builds (~4 s), later ones and `cdk synth` take the
 * bundles as they are.
 */
export type HandlerLoader = (entry: string) => Promise<{ handler: (...args: never[]) => Promise<unknown> }>;
export type BundleLoader = HandlerLoader & { bundleFile: (entry: string) => string; bundleDir: (entry: string) => string };

type Manifest = { key: string; inputs: string[]; inputsHash: string; build: string };

export const DEFAULT_BUILD_DIR = join(BUILD_CACHE_ROOT, 'build');

const bundleName = (entry: string) => entry.replace(/\.ts$/, '').replace(/[/\\]/g, '__');

/** Files esbuild reads but its metafile does not list: the compiler options (paths) and what is installed. */
const SETTINGS_FILES = ['tsconfig.json', 'package-lock.json'];

function plan(entries: string[], outdir: string) {
  const unique = [...new Set(entries)].sort();
  const split = unique.filter((entry) => SPLIT_ENTRIES.includes(entry));
  const whole = unique.filter((entry) => !split.includes(entry));
  const key = JSON.stringify({ esbuildVersion, BUNDLING, whole, split, settings: hashFiles(SETTINGS_FILES) });
  const startedAt = Date.now();
  const manifestPath = join(outdir, 'manifest.json');
  const kept = readJson<Manifest>(manifestPath);
  const reusable = kept && kept.key === key && existsSync(join(outdir, kept.build)) && hashFiles(kept.inputs) === kept.inputsHash ? kept.build : undefined;
  const buildId = reusable ?? `build-${randomUUID().slice(0, 8)}`;
  const buildDir = join(outdir, buildId);
  const common: BuildOptions & { metafile: true } = {
    absWorkingDir: REPOSITORY_ROOT,
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    tsconfig: BUNDLING.tsconfig,
    mainFields: [...BUNDLING.mainFields],
    metafile: true,
    logLevel: 'error',
  };
  const runs: (BuildOptions & { metafile: true })[] = [
    ...(whole.length ? [{ ...common, entryPoints: Object.fromEntries(whole.map((entry) => [`${bundleName(entry)}/index`, resolve(REPOSITORY_ROOT, entry)])), outdir: buildDir }] : []),
    ...split.map((entry) => ({
      ...common,
      entryPoints: { index: resolve(REPOSITORY_ROOT, entry) },
      outdir: join(buildDir, bundleName(entry)),
      format: BUNDLING.split.format,
      splitting: true,
      outExtension: { '.js': BUNDLING.split.outExtension },
      banner: { js: BUNDLING.split.banner },
      chunkNames: BUNDLING.split.chunkNames,
    })),
  ];
  const record = (metafiles: Metafile[]) => {
    const inputs = [...new Set(metafiles.flatMap((metafile) => Object.keys(metafile.inputs)))].map((input) => resolve(REPOSITORY_ROOT, input));
    // A file saved while esbuild ran may be in the bundle as it was before: hashing it now would
    // pair the new content with the old bundle, so such a build is used once and not kept.
    const editedMeanwhile = inputs.some((input) => (statSync(input, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) >= startedAt - 1000);
    if (!editedMeanwhile) writeFileAtomically(manifestPath, JSON.stringify({ key, inputs, inputsHash: hashFiles(inputs) ?? '', build: buildId } satisfies Manifest));
    removeOldBuilds(outdir, buildId);
  };
  return { count: unique.length, reusable: reusable !== undefined, buildDir, runs, record };
}

function loader(buildDir: string): BundleLoader {
  holdLease(buildDir);
  // Node 24 requires an ES module without top-level await synchronously, as it does a CommonJS file.
  const load = createRequire(join(buildDir, 'index.js'));
  const bundleDir = (entry: string) => join(buildDir, bundleName(entry));
  const bundleFile = (entry: string) => join(bundleDir(entry), SPLIT_ENTRIES.includes(entry) ? `index${BUNDLING.split.outExtension}` : 'index.js');
  return Object.assign(async (entry: string) => load(bundleFile(entry)), { bundleFile, bundleDir });
}

export async function buildHandlerBundles(entries: string[], outdir = DEFAULT_BUILD_DIR, onProgress: (line: string) => void = () => undefined): Promise<BundleLoader> {
  const planned = plan(entries, outdir);
  if (planned.reusable) onProgress(`${planned.count} function bundles unchanged since the last build`);
  else {
    onProgress(`Building ${planned.count} function bundles with esbuild…`);
    planned.record((await Promise.all(planned.runs.map((options) => build(options)))).map((result) => result.metafile));
  }
  return loader(planned.buildDir);
}

/** The same, synchronously, for the CDK app (its constructs are built synchronously). */
export function buildHandlerBundlesSync(entries: string[], outdir = DEFAULT_BUILD_DIR): BundleLoader {
  const planned = plan(entries, outdir);
  if (!planned.reusable) planned.record(planned.runs.map((options) => buildSync(options).metafile));
  return loader(planned.buildDir);
}

/**
 * A process that loads bundles from a build (a twin, a test run, a synth) holds a lease on it: a
 * file named after its pid and start time. Bundles are loaded on first use, so a build must stay
 * while anyone may still load from it, however many builds other processes make meanwhile.
 */
function holdLease(buildDir: string): void {
  const me = procStat(process.pid);
  const leases = join(buildDir, '.leases');
  mkdirSync(leases, { recursive: true });
  writeFileSync(join(leases, `${process.pid}-${me?.started ?? 'unknown'}`), '');
}

function leaseHeld(buildDir: string): boolean {
  const leases = join(buildDir, '.leases');
  if (!existsSync(leases)) return false;
  return readdirSync(leases).some((name) => {
    const [pid, started] = name.split('-');
    const stat = procStat(Number(pid));
    return stat !== undefined && (started === 'unknown' || stat.started === started);
  });
}

/** Removes builds nobody holds and nobody is still writing (a build in progress is minutes old at most). */
function removeOldBuilds(outdir: string, current: string): void {
  const recent = Date.now() - 10 * 60_000;
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const dir = join(outdir, entry.name);
    if (statSync(dir).mtimeMs > recent || leaseHeld(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For tests: load handlers from source through the test runner's own module system. */
export const sourceLoader: HandlerLoader = async (entry) => import(resolve(REPOSITORY_ROOT, entry));
