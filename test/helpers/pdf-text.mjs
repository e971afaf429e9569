// Reads a PDF on stdin and prints its text. A child process, because pdf.js loads its worker with
// a dynamic import() that jest's CommonJS runtime cannot perform.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const result = await parser.getText();
await parser.destroy();
process.stdout.write(result.text);
