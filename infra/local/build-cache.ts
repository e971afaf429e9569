import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../config/bundling';

/**
 * RENSERI_BUILD_CACHE moves these caches (the bench points it at an empty folder to time a fresh
 * clone's start without touching the developer's own).
 *
 * What the twin builds at start (the function bundles, the workflow definition synthesized by
 * CDK) is kept under .local and reused while the files it was made from are byte for byte the
 * same. Hashing the ~1 400 files a build reads takes ~30 ms; rebuilding takes seconds.
 */
export const BUILD_CACHE_ROOT = process.env.RENSERI_BUILD_CACHE ? resolve(process.env.RENSERI_BUILD_CACHE) : join(REPOSITORY_ROOT, '.local');
export const CACHE_DIR = join(BUILD_CACHE_ROOT, 'cache');

/** One hash over the paths and contents of the files, in a stable order; undefined if one is missing. */
export function hashFiles(files: string[]): string | undefined {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    const path = resolve(REPOSITORY_ROOT, file);
    if (!existsSync(path)) return undefined;
    hash.update(relative(REPOSITORY_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** Every file under the folders, for caches whose inputs are "the source" rather than a list a build reported. */
export function filesUnder(...folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  for (const folder of folders) {
    const path = resolve(REPOSITORY_ROOT, folder);
    if (existsSync(path) && statSync(path).isDirectory()) walk(path);
    else if (existsSync(path)) out.push(path);
  }
  return out;
}

/** Writes a file so that a reader sees the old or the new content, never half of one (two starts at once). */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, content);
  renameSync(scratch, path);
}

export function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
