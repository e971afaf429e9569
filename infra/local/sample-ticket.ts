import { renderTagLabelsPdf, renderTicketPdf, type TicketPrint } from '../../shared/documents/ticket-pdf';
import { stageConfig } from '../config/stages';
import { writeSamples } from './write-samples';

/**
 * `npm run sample:ticket`: renders a sample ticket and its tag labels to .local/ for a person to
 * look at, or to print on the counter's printers. Run with the `import` condition (see package.json):
 * bwip-js's build of Code 128 alone is published for `import` only, which the bundler uses and
 * tsx's CommonJS loader otherwise does not.
 */
function main() {
  const shop = stageConfig('prod').shop;
  const ticket: TicketPrint = {
    ticket: '10000042',
    takenInAt: new Date().toISOString(),
    promisedReadyAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    promisedReadyTime: '16:00',
    express: true,
    garments: [
      { tag: '10000042-1', label: 'Dress', pieces: 2, colour: 'Mørk blå', brand: 'Hugo Boss', conditions: ['flekk', 'kunden_informert'] },
      { tag: '10000042-2', label: 'Skjorte, stivet', pieces: 1, colour: 'Hvit', conditions: [] },
      { tag: '10000042-3', label: 'Kåpe i ull med belte og foring som må renses for seg', pieces: 1, brand: 'Moods of Norway', conditions: ['hull', 'manglende_knapp', 'slitasje', 'krymping_risiko'] },
    ],
    totalOre: 123_450,
    shop,
    timeZone: shop.timeZone,
  };
  return [['sample-ticket.pdf', renderTicketPdf(ticket)], ['sample-tag-labels.pdf', renderTagLabelsPdf(ticket)]] as const;
}

writeSamples(main);
