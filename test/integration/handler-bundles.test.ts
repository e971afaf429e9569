import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildHandlerBundles } from '../../infra/local/handler-bundles';

/**
 * The bundle cache as several processes share it (a twin, a test run, a synth): a build anyone
 * may still load from stays, whatever builds others make; a build nobody holds goes.
 */
const HEALTH = 'functions/http/system/health.handler.ts';
const PRIVACY = 'functions/http/system/privacy.handler.ts';
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'renseri-bundles-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('reuses an unchanged build, keeps one a live process holds, and removes old ones nobody holds', async () => {
  // Given a build this process loads from, made an hour ago, and an old build nobody holds.
  const held = await buildHandlerBundles([HEALTH], out);
  const heldDir = dirname(dirname(held.bundleFile(HEALTH)));
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(heldDir, anHourAgo, anHourAgo);
  const orphan = join(out, 'build-orphan');
  mkdirSync(orphan);
  utimesSync(orphan, anHourAgo, anHourAgo);

  // When the same entries are asked for again, the build is reused as it is.
  expect(dirname(dirname((await buildHandlerBundles([HEALTH], out)).bundleFile(HEALTH)))).toBe(heldDir);

  // When two other sets of entries are built into the same folder, each cleaning up after itself
  // (the held build is then neither the newest nor the one before it),
  await buildHandlerBundles([PRIVACY], out);
  const other = await buildHandlerBundles([PRIVACY, HEALTH], out);

  // then the held build is still there and loads, and the one nobody holds is gone.
  expect(existsSync(heldDir)).toBe(true);
  await expect(held(HEALTH)).resolves.toHaveProperty('handler');
  await expect(other(PRIVACY)).resolves.toHaveProperty('handler');
  expect(existsSync(orphan)).toBe(false);
  expect(readdirSync(out).filter((name) => name.startsWith('build-'))).toEqual(expect.arrayContaining([heldDir, dirname(dirname(other.bundleFile(PRIVACY)))].map((dir) => dir.slice(out.length + 1))));
  // (Builds take well under a second each here; the limit only guards a stuck esbuild.)
}, 60_000);
