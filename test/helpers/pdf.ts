import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, extracted by pdf.js (in a child process; see pdf-text.mjs). */
export function pdfText(bytes: Uint8Array): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: Buffer.from(bytes) }).toString('utf8');
}

