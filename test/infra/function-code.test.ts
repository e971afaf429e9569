import { App } from 'aws-cdk-lib';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/app-builder';
import { FUNCTION_ENTRIES } from '../../infra/config/functions';
import { buildHandlerBundlesSync } from '../../infra/local/handler-bundles';

/**
 * What CDK deploys is what the twin runs: every function's code asset is the folder of one bundle
 * from the same build, byte for byte (its entry and every chunk it loads, each under its own
 * name), and bundles with the same bytes are staged once.
 */
const outdir = mkdtempSync(join(tmpdir(), 'renseri-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('deploys each function from the twin\'s own bundle of its entry, and stages identical bundles once', () => {
  const app = new App({ outdir, context: { stage: 'prod', 'aws:cdk:enable-asset-metadata': true } });
  const { stateless } = buildApp(app, { nag: false });
  const assembly = app.synth();
  const template = assembly.getStackByName(stateless.stackName).template as { Resources: Record<string, { Type: string; Properties: { Handler?: string }; Metadata?: Record<string, string> }> };
  const ours = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'index.handler');
  expect(ours.length).toBe(FUNCTION_ENTRIES.length);

  const digest = (dir: string) => {
    const hash = createHash('sha256');
    for (const file of (readdirSync(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name)).sort()) {
      hash.update(file.slice(dir.length)).update('\0').update(readFileSync(file)).update('\0');
    }
    return hash.digest('hex');
  };
  const twin = buildHandlerBundlesSync(FUNCTION_ENTRIES);
  const twinBundles = new Set(FUNCTION_ENTRIES.map((entry) => digest(twin.bundleDir(entry))));
  const assetPaths = ours.map((fn) => fn.Metadata?.['aws:asset:path'] as string);
  const deployed = assetPaths.map((path) => digest(join(outdir, path)));
  expect(new Set(deployed)).toEqual(twinBundles);
  // One staged folder per distinct bundle, however many functions share it.
  expect(new Set(assetPaths).size).toBe(new Set(deployed).size);
});
