// Reads a PDF on stdin and prints its pages rendered by pdf.js, as a JSON array of base64 PNGs,
// at the scale given as the first argument. A child process for the same reason as pdf-text.mjs.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const result = await parser.getScreenshot({ scale: Number(process.argv[2] ?? 1), imageDataUrl: false, imageBuffer: true });
await parser.destroy();
process.stdout.write(JSON.stringify(result.pages.map((page) => Buffer.from(page.data).toString('base64'))));
