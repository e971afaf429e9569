import { build, buildSync, version as esbuildVersion, type BuildOptions, type Metafile } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLING, REPOSITORY_ROOT } from '../config/bundling';
import { BUILD_CACHE_ROOT, hashFiles, readJson, writeFileAtomically } from './build-cache';

/**
 * Builds every function, one bundle per function, with the bundling options declared once in
 * infra/config/bundling.ts, into `<outdir>/<build>/<function>/index.js`. The twin loads a bundle
 * on first use (each has its own module state, as separate Lambdas do); CDK deploys each
 * function's folder as its code, so what runs on a laptop is byte for byte what runs in Lambda.
 * A build is reused while its options, its entries and every file esbuild read for it are
 * unchanged (build-cache.ts): the first start builds (~4 s), later ones and `cdk synth` take the
 * bundles as they are.
 */
export type HandlerLoader = (entry: string) => Promise<{ handler: (...args: never[]) => Promise<unknown> }>;
export type BundleLoader = HandlerLoader & { bundleFile: (entry: string) => string; bundleDir: (entry: string) => string };

type Manifest = { key: string; inputs: string[]; inputsHash: string; build: string };

export const DEFAULT_BUILD_DIR = join(BUILD_CACHE_ROOT, 'build');

const bundleName = (entry: string) => entry.replace(/\.ts$/, '').replace(/[/\\]/g, '__');

function plan(entries: string[], outdir: string) {
  const unique = [...new Set(entries)].sort();
  const key = JSON.stringify({ esbuildVersion, BUNDLING, unique });
  const manifestPath = join(outdir, 'manifest.json');
  const kept = readJson<Manifest>(manifestPath);
  const reusable = kept && kept.key === key && existsSync(join(outdir, kept.build)) && hashFiles(kept.inputs) === kept.inputsHash ? kept.build : undefined;
  const buildId = reusable ?? `build-${randomUUID().slice(0, 8)}`;
  const options: BuildOptions & { metafile: true } = {
    entryPoints: Object.fromEntries(unique.map((entry) => [`${bundleName(entry)}/index`, resolve(REPOSITORY_ROOT, entry)])),
    outdir: join(outdir, buildId),
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
  const record = (metafile: Metafile) => {
    const inputs = Object.keys(metafile.inputs).map((input) => resolve(REPOSITORY_ROOT, input));
    writeFileAtomically(manifestPath, JSON.stringify({ key, inputs, inputsHash: hashFiles(inputs) ?? '', build: buildId } satisfies Manifest));
    removeOldBuilds(outdir, buildId, kept?.build);
  };
  return { count: unique.length, reusable: reusable !== undefined, buildDir: join(outdir, buildId), options, record };
}

function loader(buildDir: string): BundleLoader {
  const load = createRequire(join(buildDir, 'index.js'));
  const bundleDir = (entry: string) => join(buildDir, bundleName(entry));
  const bundleFile = (entry: string) => join(bundleDir(entry), 'index.js');
  return Object.assign(async (entry: string) => load(bundleFile(entry)), { bundleFile, bundleDir });
}

export async function buildHandlerBundles(entries: string[], outdir = DEFAULT_BUILD_DIR, onProgress: (line: string) => void = () => undefined): Promise<BundleLoader> {
  const planned = plan(entries, outdir);
  if (planned.reusable) onProgress(`${planned.count} function bundles unchanged since the last build`);
  else {
    onProgress(`Building ${planned.count} function bundles with esbuild…`);
    planned.record((await build(planned.options)).metafile);
  }
  return loader(planned.buildDir);
}

/** The same, synchronously, for the CDK app (its constructs are built synchronously). */
export function buildHandlerBundlesSync(entries: string[], outdir = DEFAULT_BUILD_DIR): BundleLoader {
  const planned = plan(entries, outdir);
  if (!planned.reusable) planned.record(buildSync(planned.options).metafile);
  return loader(planned.buildDir);
}

/** Keeps the new build and the one before it (a twin started a moment ago may still be loading from it). */
function removeOldBuilds(outdir: string, current: string, previous: string | undefined): void {
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== current && entry.name !== previous) rmSync(join(outdir, entry.name), { recursive: true, force: true });
  }
}

/** For tests: load handlers from source through the test runner's own module system. */
export const sourceLoader: HandlerLoader = async (entry) => import(resolve(REPOSITORY_ROOT, entry));
