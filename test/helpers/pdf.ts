import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, extracted by pdf.js (in a child process; see pdf-text.mjs). */
export function pdfText(bytes: Uint8Array): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: Buffer.from(bytes) }).toString('utf8');
}

/** The PDF attached to a raw MIME message (base64 part after the application/pdf header). */
export function pdfFromMime(raw: string): Buffer {
  const part = raw.split(/\r?\n--/).find((p) => /Content-Type: application\/pdf/i.test(p));
  if (!part) throw new Error('No PDF attachment in the message');
  const body = part.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}
