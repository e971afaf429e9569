import { code128 } from 'bwip-js/generic';

/**
 * The bars of a Code 128 symbol (ISO/IEC 15417), encoded by bwip-js: the encoding is a library's
 * job (code set choice, the check character), the drawing is ours, as filled rectangles in the PDF
 * rather than a bitmap, so the printer's driver puts each edge on its own dot grid.
 *
 * Imported as the one symbology from bwip-js's platform-free build: the bundler then keeps the
 * Code 128 encoder and leaves out the other hundred symbologies, ~118 KB of a bundle instead of
 * ~940 KB for `bwipjs.raw()`, which reaches every encoder (measured with the project's esbuild
 * options). That build has no `raw()`, so the bars are taken from its drawing interface instead,
 * drawn at one pixel per module.
 */
export type Code128Symbol = {
  /** The symbol's width in modules, from the first bar's left edge to the last bar's right edge (quiet zones not included). */
  modules: number;
  /** Each bar's left edge and width, in modules. */
  bars: { start: number; width: number }[];
};

/** ISO/IEC 15417 § 4.2.3: at least ten modules of white on either side of the symbol. */
export const QUIET_ZONE_MODULES = 10;

/** Code 128 code set B's printable ASCII: what a ticket or tag number may be made of. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export function code128Symbol(text: string): Code128Symbol {
  if (!PRINTABLE_ASCII.test(text)) throw new RangeError('A Code 128 text here is printable ASCII, at least one character');
  let modules = 0;
  const bars: Code128Symbol['bars'] = [];
  const ignored = () => undefined;
  code128(
    { bcid: 'code128', text, scale: 1 },
    {
      // One pixel per module: every coordinate bwip-js hands over is then a whole module.
      scale: () => [1, 1],
      measure: () => ({ width: 0, ascent: 0, descent: 0 }),
      init: (width) => {
        modules = width;
      },
      // A bar is a vertical line of width `lineWidth` centred on x, an odd width's centre rounded
      // up to the whole pixel: bwip-js's own raster drawing fills pixels x − ⌈w/2⌉ … x − ⌈w/2⌉ + w − 1.
      line: (x0, _y0, x1, _y1, lineWidth) => {
        if (x0 !== x1) throw new Error('bwip-js drew a Code 128 line that is not a vertical bar');
        bars.push({ start: x0 - Math.ceil(lineWidth / 2), width: lineWidth });
      },
      polygon: () => {
        throw new Error('bwip-js drew a Code 128 bar as a polygon, which this reader of its drawing does not expect');
      },
      hexagon: ignored,
      ellipse: ignored,
      fill: ignored,
      text: ignored,
      end: ignored,
    },
  );
  bars.sort((a, b) => a.start - b.start);
  // The drawing interface is bwip-js's, not a documented encoding: check that the bars make a
  // Code 128 symbol (characters of 11 modules, a stop of 13, bars 1–4 modules wide, none
  // overlapping), so that a change in how a later version draws fails here, loudly, rather than
  // printing a symbol no scanner reads.
  let edge = 0;
  const wellFormed =
    bars.length > 0 &&
    (modules - 2) % 11 === 0 &&
    bars.every((bar) => {
      const fits = bar.start >= edge && bar.width >= 1 && bar.width <= 4;
      edge = bar.start + bar.width;
      return fits;
    }) &&
    bars[0]?.start === 0 &&
    edge === modules;
  if (!wellFormed) throw new Error(`bwip-js's Code 128 bars for a ${text.length}-character text do not form a symbol`);
  return { modules, bars };
}
