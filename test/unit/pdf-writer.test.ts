import { PdfDocument, textWidth } from '#shared/documents/pdf-writer';
import { pdfText } from '../helpers/pdf';

const INK = [0, 0, 0] as const;
const info = { title: 'Faktura 1 – Renseri «Ærlig»', author: 'Renseri', producer: 'test', created: new Date('2026-11-25T10:11:12Z') };

function pageWith(...lines: string[]): Uint8Array {
  const pdf = new PdfDocument(595.28, 841.89);
  const page = pdf.addPage();
  lines.forEach((line, index) => page.text(line, 50, 800 - index * 20, { size: 10, face: index % 2 ? 'bold' : 'regular', colour: INK }));
  page.line([50, 400], [545, 400], { thickness: 0.5, colour: [0.4, 0.4, 0.4] });
  return pdf.toBytes(info);
}

describe('the PDF writer', () => {
  it('writes a cross-reference table that points at every object, and a stream of the length it declares', () => {
    const file = Buffer.from(pageWith('Kari Nordmann', 'Beløp (NOK) \\ 100 %')).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
    expect(file.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(file.slice(startxref)) ?? [];
    expect([Number(first), Number(count)]).toEqual([0, 8]);
    const entries = file.slice(startxref).split('\n').slice(3, 3 + 7);
    entries.forEach((entry, index) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/); // 20 bytes with the newline, as the format requires
      const offset = Number(entry.slice(0, 10));
      expect(file.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
    const [, length, stream] = /\/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(file) ?? [];
    expect(stream).toHaveLength(Number(length));
  });

  it('prints Norwegian letters, the WinAnsi punctuation and the characters PDF strings must escape', () => {
    // Unbalanced parentheses, which a PDF string may only hold escaped.
    const text = pdfText(pageWith('Ærlig østers på Åsgårdstrand', 'Sum (inkl. mva) \\ 100 € – 3 … «sitat»', 'a) b ( c Ÿ'));
    expect(text).toContain('Ærlig østers på Åsgårdstrand');
    expect(text).toContain('Sum (inkl. mva) \\ 100 € – 3 … «sitat»');
    expect(text).toContain('a) b ( c Ÿ');
  });

  it('prints letters outside WinAnsi without their accents, and what it cannot print at all as "?"', () => {
    const text = pdfText(pageWith('Łukasz Wiśniewski', 'Đorđe Şahin ﬁne ǅ', 'Олег 王 한', 'Anne\u2011Lise\u00ad\u200bBerg\u200d'));
    expect(text).toContain('Lukasz Wisniewski');
    expect(text).toContain('Dorde Sahin fine Dž');
    expect(text).toContain('???? ? ?'); // one mark per character, however it decomposes
    expect(text).toContain('Anne-LiseBerg'); // a non-breaking hyphen prints as one; invisible characters stay so
  });

  it('keeps the document information in full, whatever its characters', () => {
    const file = Buffer.from(pageWith('x')).toString('latin1');
    const title = /\/Title <FEFF([0-9A-F]+)>/.exec(file)?.[1] ?? '';
    expect(Buffer.from(title, 'hex').swap16().toString('utf16le')).toBe(info.title);
    expect(file).toContain('/CreationDate (D:20261125101112Z)');
  });

  it('measures text with the standard metrics, as printed: no kerning, accents dropped like the text', () => {
    const page = { widthOf: textWidth };
    // Helvetica's W is 944 and Helvetica-Bold's 0 is 556 thousandths of the size (Adobe's AFM).
    expect(page.widthOf('W', 10, 'regular')).toBeCloseTo(9.44);
    expect(page.widthOf('000', 10, 'bold')).toBeCloseTo(16.68);
    expect(page.widthOf('AV', 12, 'regular')).toBeCloseTo(page.widthOf('A', 12, 'regular') + page.widthOf('V', 12, 'regular'));
    expect(page.widthOf('Łś', 10, 'regular')).toBeCloseTo(page.widthOf('Ls', 10, 'regular'));
    expect(page.widthOf('Ÿ', 10, 'bold')).toBeCloseTo(page.widthOf('Y', 10, 'bold'));
    expect(page.widthOf('a\u00adb', 10, 'regular')).toBeCloseTo(page.widthOf('ab', 10, 'regular'));
  });

  it('writes pages in order, each with its own content', () => {
    const pdf = new PdfDocument(595.28, 841.89);
    ['Første side', 'Andre side', 'Tredje side'].forEach((words) => pdf.addPage().text(words, 50, 800, { size: 10, face: 'regular', colour: INK }));
    const bytes = pdf.toBytes(info);
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Kids [6 0 R 8 0 R 10 0 R] /Count 3');
    expect(pdfText(bytes).replace(/\s+/g, ' ')).toMatch(/Første side.*Andre side.*Tredje side/);
  });

  it('writes the same bytes for the same page', () => {
    expect(Buffer.from(pageWith('Kari', 'Ola')).equals(Buffer.from(pageWith('Kari', 'Ola')))).toBe(true);
  });
});
