import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { BUNDLING, REPOSITORY_ROOT } from '../config/bundling';

/**
 * Builds every function the twin runs into .local/build, one bundle per function, with the
 * bundling options CDK uses, and loads a bundle on first use. Each bundle has its own module
 * state, as separate Lambdas do.
 */
export type HandlerLoader = (entry: string) => Promise<{ handler: (...args: never[]) => Promise<unknown> }>;

const bundleName = (entry: string) => entry.replace(/\.ts$/, '').replace(/[/\\]/g, '__');

export async function buildHandlerBundles(entries: string[], outdir = join(REPOSITORY_ROOT, '.local', 'build')): Promise<HandlerLoader> {
  const unique = [...new Set(entries)];
  await build({
    entryPoints: Object.fromEntries(unique.map((entry) => [bundleName(entry), resolve(REPOSITORY_ROOT, entry)])),
    outdir,
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    tsconfig: BUNDLING.tsconfig,
    mainFields: [...BUNDLING.mainFields],
    logLevel: 'error',
  });
  const load = createRequire(join(outdir, 'index.js'));
  return async (entry) => load(join(outdir, `${bundleName(entry)}.js`));
}

/** For tests: load handlers from source through the test runner's own module system. */
export const sourceLoader: HandlerLoader = async (entry) => import(resolve(REPOSITORY_ROOT, entry));
