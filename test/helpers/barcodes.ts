import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/**
 * Reading the barcodes a PDF prints, the way a scanner at the counter would: the page made into
 * pixels, and the pixels given to a decoder (ZXing, as WebAssembly) that knows nothing of how
 * they were drawn. Two ways to make the pixels: from the filled rectangles the page's content
 * stream draws (what the printer's driver rasterises, here at a printer's dot grid), and from
 * pdf.js's rendering of the whole page, text and all.
 */

export type Rgba = { data: Uint8ClampedArray; width: number; height: number; colorSpace: 'srgb' };
type Rectangle = { x: number; y: number; width: number; height: number; dark: boolean };

const POINTS_PER_MM = 72 / 25.4;

/** Each page's content stream, in page order (the writer puts page n's stream after its page object). */
function contentStreams(pdf: Uint8Array): { stream: string; width: number; height: number }[] {
  const file = Buffer.from(pdf).toString('latin1');
  const pages = [...file.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\][^\n]*\/Contents (\d+) 0 R/g)];
  return pages.map(([, width, height, contents]) => {
    const object = new RegExp(`(?:^|\\n)${contents} 0 obj\\n<< /Length (\\d+) >>\\nstream\\n`).exec(file);
    if (!object) throw new Error(`No content stream ${contents}`);
    const start = object.index + object[0].length;
    return { stream: file.slice(start, start + Number(object[1])), width: Number(width), height: Number(height) };
  });
}

/** The rectangles a content stream fills (`r g b rg x y w h re f`), in points from the bottom left. */
export function filledRectangles(stream: string): Rectangle[] {
  const fills = stream.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) rg (-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re f/g);
  return [...fills].map(([, red, green, blue, x, y, width, height]) => ({
    x: Number(x),
    y: Number(y),
    width: Number(width),
    height: Number(height),
    dark: (Number(red) + Number(green) + Number(blue)) / 3 < 0.5,
  }));
}

/** Page `index` of `pdf` as pixels, `dotsPerMm` to the millimetre, with each rectangle's edges on the nearest dot, as a printer puts them. */
export function rasterisePage(pdf: Uint8Array, index: number, dotsPerMm = 8, edit: (rectangles: Rectangle[]) => Rectangle[] = (same) => same): Rgba {
  const page = contentStreams(pdf)[index];
  if (!page) throw new Error(`No page ${index + 1}`);
  const scale = dotsPerMm / POINTS_PER_MM;
  const width = Math.round(page.width * scale);
  const height = Math.round(page.height * scale);
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const rectangle of edit(filledRectangles(page.stream))) {
    const [left, right] = [Math.round(rectangle.x * scale), Math.round((rectangle.x + rectangle.width) * scale)];
    // PDF counts up from the bottom, an image down from the top.
    const [top, bottom] = [height - Math.round((rectangle.y + rectangle.height) * scale), height - Math.round(rectangle.y * scale)];
    const value = rectangle.dark ? 0 : 255;
    for (let row = Math.max(top, 0); row < Math.min(bottom, height); row++) {
      for (let column = Math.max(left, 0); column < Math.min(right, width); column++) data.fill(value, (row * width + column) * 4, (row * width + column) * 4 + 3);
    }
  }
  return { data, width, height, colorSpace: 'srgb' };
}

/** Each page of `pdf` rendered by pdf.js, as PNG (in a child process; see pdf-render.mjs). */
export function renderPages(pdf: Uint8Array, scale: number): Uint8Array[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'pdf-render.mjs'), String(scale)], { input: Buffer.from(pdf), maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(output.toString('utf8')) as string[]).map((png) => new Uint8Array(Buffer.from(png, 'base64')));
}

let ready: Promise<unknown> | undefined;

/** The texts of the Code 128 symbols ZXing finds in an image (pixels, or a PNG file's bytes). */
export async function readCode128(image: Rgba | Uint8Array): Promise<string[]> {
  // In Node the decoder cannot fetch its WebAssembly from a URL: hand it the file.
  ready ??= prepareZXingModule({ overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer }, fireImmediately: true });
  await ready;
  const results = await readBarcodes(image as Parameters<typeof readBarcodes>[0], { formats: ['Code128'], tryHarder: true, maxNumberOfSymbols: 8 });
  return results.filter((result) => result.isValid).map((result) => result.text);
}
