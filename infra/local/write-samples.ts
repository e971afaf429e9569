import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../config/bundling';

/**
 * The `npm run sample:*` scripts' one way out: each PDF made by `make` goes to .local/ under its
 * name, for a person to open or print; a failure is one line and exit code 1.
 */
export function writeSamples(make: () => readonly (readonly [name: string, pdf: Uint8Array])[]): void {
  try {
    const folder = join(REPOSITORY_ROOT, '.local');
    mkdirSync(folder, { recursive: true });
    for (const [name, pdf] of make()) {
      writeFileSync(join(folder, name), pdf);
      console.log(`Wrote .local/${name}`);
    }
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
