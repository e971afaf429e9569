import { build, version as esbuildVersion } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLING, REPOSITORY_ROOT } from '../config/bundling';
import { hashFiles, readJson, writeFileAtomically } from './build-cache';

/**
 * Builds every function the twin runs, one bundle per function, with the bundling options CDK
 * uses, and loads a bundle on first use. Each bundle has its own module state, as separate
 * Lambdas do. A build is reused while its options, its entries and every file esbuild read for it
 * are unchanged (build-cache.ts): the first start builds (~4 s), later ones take the bundles as
 * they are.
 */
export type HandlerLoader = (entry: string) => Promise<{ handler: (...args: never[]) => Promise<unknown> }>;
export type BundleLoader = HandlerLoader & { bundleFile: (entry: string) => string };

type Manifest = { key: string; inputs: string[]; inputsHash: string; build: string };

const bundleName = (entry: string) => entry.replace(/\.ts$/, '').replace(/[/\\]/g, '__');

export async function buildHandlerBundles(
  entries: string[],
  outdir = join(REPOSITORY_ROOT, '.local', 'build'),
  onProgress: (line: string) => void = () => undefined,
): Promise<BundleLoader> {
  const unique = [...new Set(entries)].sort();
  const key = JSON.stringify({ esbuildVersion, BUNDLING, unique });
  const manifestPath = join(outdir, 'manifest.json');
  const kept = readJson<Manifest>(manifestPath);
  let buildDir: string;
  if (kept && kept.key === key && existsSync(join(outdir, kept.build)) && hashFiles(kept.inputs) === kept.inputsHash) {
    buildDir = join(outdir, kept.build);
    onProgress(`${unique.length} function bundles unchanged since the last build`);
  } else {
    onProgress(`Building ${unique.length} function bundles with esbuild…`);
    const buildId = `build-${randomUUID().slice(0, 8)}`;
    buildDir = join(outdir, buildId);
    const result = await build({
      entryPoints: Object.fromEntries(unique.map((entry) => [bundleName(entry), resolve(REPOSITORY_ROOT, entry)])),
      outdir: buildDir,
      bundle: true,
      platform: 'node',
      target: BUNDLING.target,
      format: BUNDLING.format,
      minify: BUNDLING.minify,
      sourcemap: BUNDLING.sourceMap,
      tsconfig: BUNDLING.tsconfig,
      mainFields: [...BUNDLING.mainFields],
      metafile: true,
      logLevel: 'error',
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(REPOSITORY_ROOT, input));
    writeFileAtomically(manifestPath, JSON.stringify({ key, inputs, inputsHash: hashFiles(inputs) ?? '', build: buildId } satisfies Manifest));
    removeOldBuilds(outdir, buildId, kept?.build);
  }
  const load = createRequire(join(buildDir, 'index.js'));
  const bundleFile = (entry: string) => join(buildDir, `${bundleName(entry)}.js`);
  return Object.assign(async (entry: string) => load(bundleFile(entry)), { bundleFile });
}

/** Keeps the new build and the one before it (a twin started a moment ago may still be loading from it). */
function removeOldBuilds(outdir: string, current: string, previous: string | undefined): void {
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== current && entry.name !== previous) rmSync(join(outdir, entry.name), { recursive: true, force: true });
  }
}

/** For tests: load handlers from source through the test runner's own module system. */
export const sourceLoader: HandlerLoader = async (entry) => import(resolve(REPOSITORY_ROOT, entry));
