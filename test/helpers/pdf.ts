import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF, extracted by pdf.js (in a child process; see pdf-text.mjs). */
export function pdfText(bytes: Uint8Array): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], { input: Buffer.from(bytes) }).toString('utf8');
}


/**
 * What is wrong with a PDF's file structure, as a reader that trusts the cross-reference table
 * finds it (ISO 32000-1 § 7.5): startxref must point at the table, every entry at its object,
 * and every stream be as long as it declares. Empty when the file is sound. pdf.js forgives all
 * of this (it rebuilds a broken table), printers' firmware and stricter readers do not.
 */
export function pdfStructureProblems(bytes: Uint8Array): string[] {
  const file = Buffer.from(bytes).toString('latin1');
  const problems: string[] = [];
  if (!file.startsWith('%PDF-1.')) problems.push('no PDF header');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
  if (file.slice(startxref, startxref + 5) !== 'xref\n') return [...problems, 'startxref does not point at the cross-reference table'];
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(file.slice(startxref)) ?? [];
  if (first !== '0') problems.push('the table does not start at object 0');
  const entries = file.slice(startxref).split('\n').slice(3, 3 + Number(count) - 1);
  entries.forEach((entry, index) => {
    const offset = Number(entry.slice(0, 10));
    if (!/^\d{10} 00000 n $/.test(entry)) problems.push(`entry ${index + 1} is not 20 bytes of offset, generation and "n"`);
    else if (!file.startsWith(`${index + 1} 0 obj\n`, offset)) problems.push(`entry ${index + 1} does not point at object ${index + 1}`);
  });
  if (!new RegExp(`/Size ${count} `).test(file.slice(startxref))) problems.push('the trailer /Size is not the number of entries');
  for (const [, length, stream] of file.matchAll(/\/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/g)) {
    if ((stream as string).length !== Number(length)) problems.push(`a stream of ${(stream as string).length} bytes declares ${length}`);
  }
  return problems;
}
