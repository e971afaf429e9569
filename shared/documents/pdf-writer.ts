import { HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS, WIN_ANSI_CHARACTERS_FROM_32 } from './helvetica-metrics';

/**
 * Writes a PDF of text, rules and filled rectangles in Helvetica: the whole of what a sales document
 * and a ticket with its barcode need of the format (ISO 32000-1: pages, the two standard fonts every
 * reader carries, text, lines and fills).
 * Written here rather than taken from a library because the smallest library that does the job,
 * pdf-lib, is ~440 KB of a bundle and held every function that renders a PDF at ~1.45× the cold
 * start of the baseline (the target is 1.25×), and because it refuses any character outside
 * WinAnsiEncoding, which made a customer called Łukasz a 500. This writer prints such characters
 * without their accents (Ł → L, ś → s) and anything else it cannot print as "?".
 */

export type Face = 'regular' | 'bold';
export type Colour = readonly [red: number, green: number, blue: number];
export type DocumentInfo = { title: string; author: string; producer: string; created: Date };

const WIDTHS: Record<Face, readonly number[]> = { regular: HELVETICA_WIDTHS, bold: HELVETICA_BOLD_WIDTHS };
const FONT_RESOURCE: Record<Face, string> = { regular: '/F1', bold: '/F2' };
const QUESTION_MARK = 0x3f;

const WIN_ANSI_CODE = new Map<string, number>();
[...WIN_ANSI_CHARACTERS_FROM_32].forEach((character, index) => {
  if (character !== '\0') WIN_ANSI_CODE.set(character, 32 + index);
});

/** Characters whose nearest printable form no decomposition gives: letters whose stroke is part of the letter, and dashes. */
const NEAREST_PRINTABLE: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-',
};

/** The codes for one character outside WinAnsi: its compatibility form (ǅ → Dž, ﬁ → fi), without accents WinAnsi lacks (ś → s); one "?" if any part stays unprintable. */
function nearestCodes(character: string): number[] {
  const codes: number[] = [];
  for (const part of (NEAREST_PRINTABLE[character] ?? character).normalize('NFKD').normalize('NFC')) {
    if (/\p{M}/u.test(part)) continue; // an accent that had nothing to sit on
    const code = WIN_ANSI_CODE.get(part) ?? WIN_ANSI_CODE.get(part.normalize('NFD').replace(/\p{M}/gu, ''));
    if (code === undefined) return [QUESTION_MARK];
    codes.push(code);
  }
  return codes;
}

/** The WinAnsiEncoding codes that print `value`, as close as the two standard fonts allow. */
function winAnsiCodes(value: string): number[] {
  const codes: number[] = [];
  // Invisible characters (soft hyphen, zero-width joiner, direction marks) stay invisible.
  for (const character of value.normalize('NFC').replace(/\p{Default_Ignorable_Code_Point}/gu, '')) {
    const code = WIN_ANSI_CODE.get(character);
    if (code !== undefined) codes.push(code);
    else if (!/\p{M}/u.test(character)) codes.push(...nearestCodes(character));
  }
  return codes;
}

/** A PDF literal string of WinAnsi codes; everything outside printable ASCII as an octal escape. */
function literal(codes: number[]): string {
  let out = '(';
  for (const code of codes) {
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code >= 0x20 && code < 0x7f) out += String.fromCharCode(code);
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

/** A PDF text string for the document information: UTF-16BE with its byte order mark, so any character survives. */
function textString(value: string): string {
  let hex = '<FEFF';
  for (let index = 0; index < value.length; index++) hex += value.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return `${hex}>`;
}

function pdfDate(date: Date): string {
  return `(D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
}

function number(value: number): string {
  return String(Number(value.toFixed(3)));
}

/** The width `value` takes when printed, in points, so that callers can align and cut it. */
export function textWidth(value: string, size: number, face: Face): number {
  const widths = WIDTHS[face];
  return (winAnsiCodes(value).reduce((sum, code) => sum + (widths[code - 32] ?? 0), 0) * size) / 1000;
}

export class PdfPage {
  readonly operations: string[] = [];

  /** Prints `value` with its baseline starting at (x, y), measured from the bottom left of the page. */
  text(value: string, x: number, y: number, style: { size: number; face: Face; colour: Colour }) {
    const [red, green, blue] = style.colour;
    this.operations.push(
      `BT ${FONT_RESOURCE[style.face]} ${number(style.size)} Tf ${number(red)} ${number(green)} ${number(blue)} rg ${number(x)} ${number(y)} Td ${literal(winAnsiCodes(value))} Tj ET`,
    );
  }

  line(from: readonly [number, number], to: readonly [number, number], style: { thickness: number; colour: Colour }) {
    const [red, green, blue] = style.colour;
    this.operations.push(`${number(red)} ${number(green)} ${number(blue)} RG ${number(style.thickness)} w ${number(from[0])} ${number(from[1])} m ${number(to[0])} ${number(to[1])} l S`);
  }

  /**
   * Fills the rectangle whose bottom left corner is (x, y). Filled, not stroked: a stroke's width
   * is centred on its path and capped by the reader, while a fill covers exactly the area given,
   * which is what a barcode's bars need.
   */
  rectangle(x: number, y: number, width: number, height: number, style: { colour: Colour }) {
    const [red, green, blue] = style.colour;
    this.operations.push(`${number(red)} ${number(green)} ${number(blue)} rg ${number(x)} ${number(y)} ${number(width)} ${number(height)} re f`);
  }
}

export class PdfDocument {
  readonly pages: PdfPage[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  addPage(): PdfPage {
    const page = new PdfPage();
    this.pages.push(page);
    return page;
  }

  /** The file. The same pages and information always give the same bytes. */
  toBytes(info: DocumentInfo): Uint8Array {
    // Everything written below is ASCII apart from the binary marker in the header, so string
    // lengths are byte offsets, which the cross-reference table needs.
    const font = (name: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
    // Objects 1–5 as below; then each page and its content stream, 6 and 7 for the first page.
    const pageObject = (index: number) => 6 + 2 * index;
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${this.pages.map((_, index) => `${pageObject(index)} 0 R`).join(' ')}] /Count ${this.pages.length} >>`,
      font('Helvetica'),
      font('Helvetica-Bold'),
      `<< /Title ${textString(info.title)} /Author ${textString(info.author)} /Producer ${textString(info.producer)} /Creator ${textString(info.producer)} /CreationDate ${pdfDate(info.created)} /ModDate ${pdfDate(info.created)} >>`,
      ...this.pages.flatMap((page, index) => {
        const content = page.operations.join('\n');
        return [
          `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${number(this.width)} ${number(this.height)}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObject(index) + 1} 0 R >>`,
          `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
        ];
      }),
    ];
    // The second line marks the file as binary for tools that guess (ISO 32000-1 §7.5.2).
    let file = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    objects.forEach((body, index) => {
      offsets.push(file.length);
      file += `${index + 1} 0 obj\n${body}\nendobj\n`;
    });
    const crossReference = file.length;
    file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) file += `${String(offset).padStart(10, '0')} 00000 n \n`;
    file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${crossReference}\n%%EOF\n`;
    return Buffer.from(file, 'latin1');
  }
}
